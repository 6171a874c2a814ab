// The real client against answers Cloudflare gives but its OpenAPI does not describe, so these run only
// in-process (never through prism's validating proxy): records a test plants as they are (an unknown device
// posture type, unknown fields, an unknown DLP entry type), the extra keys of posture answers, `result: null`
// deletes and the live well-known URL form.
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CloudflareClient } from '../../src/api/client';
import type { AccountContext } from '../../src/api/types';
import * as dlp from '../../src/families/dlpIntegrationEntries';
import * as posture from '../../src/families/devicePostureIntegrations';
import * as risk from '../../src/families/riskScoringIntegrations';
import { startSandbox, type Sandbox } from '../sandbox/index';

describe('client against live-only answers', () => {
  let sandbox: Sandbox;
  let client: CloudflareClient;
  let ctx: AccountContext;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new CloudflareClient({ baseUrl: sandbox.baseUrl, retry: { maxRetries: 0 } });
    ctx = { api: client, credential: { kind: 'token', token: sandbox.credentials.userToken }, accountId: sandbox.accounts[0]?.id ?? '' };
  });
  beforeEach(() => sandbox.reset());
  after(async () => {
    await client.close();
    await sandbox.close();
  });

  test('a device posture integration of a type the client does not know, with an unknown field, does not break the list', async () => {
    const planted = sandbox.state.insert('devicePostureIntegrations', ctx.accountId, {
      name: 'iVerify', type: 'iverify_s2s', interval: '10m',
      config: { api_url: 'https://api.iverify.example', client_secret: 'sbx-iverify' }, x_future_field: { enabled: true },
    });
    const listed = await posture.listDevicePostureIntegrations(ctx);
    assert.equal(listed.length, sandbox.list('devicePostureIntegrations', ctx.accountId).length);
    const found = listed.find((i) => i.id === planted.id);
    assert.ok(found, 'the planted integration is listed');
    assert.equal(found.type, 'iverify_s2s');
    assert.deepEqual(await posture.getDevicePostureIntegration(ctx, planted.id), found);
    assert.ok(!JSON.stringify(listed).includes('sbx-iverify'));
  });

  test('posture answers carry identifier, schema and test_results; a GET still equals the create answer', async () => {
    const created = await posture.createDevicePostureIntegration(ctx, {
      name: 'Live keys', type: 'kolide', interval: '24h', config: { client_id: 'k', client_secret: 'live-secret' },
    });
    assert.deepEqual(await posture.getDevicePostureIntegration(ctx, created.id), created);
    const [first] = await posture.listDevicePostureIntegrations(ctx);
    assert.ok(first);
    const raw = first as Record<string, unknown>;
    assert.deepEqual([raw.identifier, raw.schema, raw.test_results], ['', {}, {}]);
  });

  test('deletes answering result: null succeed, and the live well-known URL reads', async () => {
    const created = await risk.createRiskScoringIntegration(ctx, { integration_type: 'Okta', tenant_url: 'https://live.okta.com' });
    assert.equal(created.well_known_url, `https://ssf.risk-score.teams.cloudflare.com/.well-known/sse-configuration/${created.id}`);
    assert.equal(created.account_tag, ctx.accountId);
    await risk.deleteRiskScoringIntegration(ctx, created.id);
    const [integration] = await posture.listDevicePostureIntegrations(ctx);
    assert.ok(integration);
    await posture.deleteDevicePostureIntegration(ctx, integration.id);
    assert.equal(sandbox.getResource('devicePostureIntegrations', ctx.accountId, integration.id), undefined);
    const deletes = sandbox.requests().filter((r) => r.method === 'DELETE');
    assert.deepEqual(deletes.map((r) => r.status), [200, 200]);
  });

  test('a DLP entry of a type the sandbox never seeds stays out of the integration entries', async () => {
    const before = await dlp.listDlpIntegrationEntries(ctx);
    sandbox.state.insert('dlpIntegrationEntries', ctx.accountId, { type: 'custom_prompt_topic', name: 'Prompt topic', enabled: true, x_future_field: 1 });
    const after = await dlp.listDlpIntegrationEntries(ctx);
    assert.deepEqual(after, before);
  });
});
