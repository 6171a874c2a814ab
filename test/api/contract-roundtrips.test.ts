// Full round trips per family through the real client, and the typed errors a user meets most (not found,
// refused credential, read-only token, feature missing from the plan, refused body or provider credentials).
// Runs against the sandbox, and again through prism for the contract check.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CloudflareApiError } from '../../src/api/errors';
import type { AccountContext } from '../../src/api/types';
import * as dlp from '../../src/families/dlpIntegrationEntries';
import * as posture from '../../src/families/devicePostureIntegrations';
import * as risk from '../../src/families/riskScoringIntegrations';
import { InvalidRequestBody } from '../../src/families/validation';
import { listDlpProfiles } from '../../src/families/dlpEntries';
import { openBackend, type Backend } from './backend';

async function rejectsWith(promise: Promise<unknown>, check: (e: CloudflareApiError) => void): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CloudflareApiError, `expected CloudflareApiError, got ${String(error)}`);
    check(error);
    return true;
  });
}

describe('API round trips', () => {
  let backend: Backend;
  let ctx: AccountContext;
  before(async () => {
    backend = await openBackend();
    ctx = backend.context(backend.client({ retry: { maxRetries: 0 } }));
  });
  after(() => backend.close());

  test('DLP integration entry: switch (POST) → read → update (PUT) → toggle → delete is a no-op', async () => {
    const [entry] = await dlp.listDlpIntegrationEntries(ctx);
    assert.ok(entry);
    const switched = await dlp.switchDlpIntegrationEntry(ctx, { entry_id: entry.id, enabled: !entry.enabled });
    assert.equal(switched.enabled, !entry.enabled);
    assert.equal((await dlp.getDlpIntegrationEntry(ctx, entry.id)).enabled, !entry.enabled);
    const updated = await dlp.updateDlpIntegrationEntry(ctx, entry.id, { enabled: entry.enabled });
    assert.equal(updated.enabled, entry.enabled);
    const toggled = await dlp.updateDlpIntegrationEntry(ctx, entry.id, dlp.dlpIntegrationEntries.toggleBody?.(updated, !updated.enabled) ?? { enabled: false });
    assert.equal(toggled.enabled, !entry.enabled);
    await dlp.deleteDlpIntegrationEntry(ctx, entry.id);
    assert.equal((await dlp.getDlpIntegrationEntry(ctx, entry.id)).id, entry.id, 'delete does nothing at Cloudflare');
    const names = new Map((await listDlpProfiles(ctx)).map((p) => [p.id, p.name]));
    assert.ok(entry.profile_id && names.get(entry.profile_id), 'the entry\'s profile has a name');
  });

  test('risk scoring: create → read (by id and reference) → PUT overwrites → toggle echoes → delete → 404', async () => {
    const created = await risk.createRiskScoringIntegration(ctx, { integration_type: 'Okta', tenant_url: 'https://roundtrip.okta.com', reference_id: 'rt-ref-1' });
    assert.equal(created.active, true, 'new integrations start active');
    assert.deepEqual(await risk.getRiskScoringIntegration(ctx, created.id), created);
    assert.equal((await risk.getRiskScoringIntegrationByReferenceId(ctx, 'rt-ref-1')).id, created.id);
    const overwritten = await risk.updateRiskScoringIntegration(ctx, created.id, { active: true, tenant_url: 'https://moved.okta.com', reference_id: 'rt-ref-2' });
    assert.equal(overwritten.tenant_url, 'https://moved.okta.com');
    assert.equal(overwritten.reference_id, 'rt-ref-2');
    const toggled = await risk.updateRiskScoringIntegration(ctx, created.id, risk.riskScoringIntegrations.toggleBody?.(overwritten, false) ?? { active: false, tenant_url: '' });
    assert.equal(toggled.active, false);
    assert.equal(toggled.tenant_url, 'https://moved.okta.com', 'the toggle echoed tenant_url');
    assert.equal(toggled.reference_id, 'rt-ref-2', 'the toggle echoed reference_id');
    await risk.deleteRiskScoringIntegration(ctx, created.id);
    await rejectsWith(risk.getRiskScoringIntegration(ctx, created.id), (e) => {
      assert.equal(e.kind, 'notFound');
      assert.equal(e.status, 404);
      assert.ok(e.code !== undefined && e.code >= 1000, 'Cloudflare\'s code is kept');
      assert.match(e.message, /HTTP 404, GET \/accounts\/.+\/zt_risk_scoring\/integrations\//);
    });
  });

  test('device posture: create → read → PATCH name only → PATCH full config → delete → 404; secrets never come back', async () => {
    const created = await posture.createDevicePostureIntegration(ctx, {
      name: 'Round trip Intune', type: 'intune', interval: '10m',
      config: { customer_id: 'tenant-1', client_id: 'client-1', client_secret: 'rt-secret-1' },
    });
    assert.equal(created.type, 'intune');
    assert.ok(!JSON.stringify(created).includes('rt-secret-1'));
    assert.deepEqual(await posture.getDevicePostureIntegration(ctx, created.id), created);
    const renamed = await posture.updateDevicePostureIntegration(ctx, created.id, { name: 'Renamed Intune' });
    assert.equal(renamed.name, 'Renamed Intune');
    assert.equal(renamed.interval, '10m');
    const reconfigured = await posture.updateDevicePostureIntegration(ctx, created.id, { config: { customer_id: 'tenant-2', client_id: 'client-2', client_secret: 'rt-secret-2' } });
    assert.ok(!JSON.stringify(reconfigured).includes('rt-secret-2'));
    await posture.deleteDevicePostureIntegration(ctx, created.id);
    await rejectsWith(posture.getDevicePostureIntegration(ctx, created.id), (e) => assert.equal(e.kind, 'notFound'));
  });

  test('an invalid body is refused by the client before anything is sent', async () => {
    await backend.control.clearRequests();
    await assert.rejects(
      posture.createDevicePostureIntegration(ctx, { name: 'x', type: 'workspace_one', interval: '10m', config: { client_id: 'a', client_secret: 'b' } } as never),
      (e: unknown) => e instanceof InvalidRequestBody && /config/.test(e.message),
    );
    assert.deepEqual(await backend.control.requests(), []);
  });

  test('a body Cloudflare refuses (duplicate reference) is a validation error naming its code', async () => {
    const [existing] = await risk.listRiskScoringIntegrations(ctx);
    assert.ok(existing?.reference_id);
    await rejectsWith(risk.createRiskScoringIntegration(ctx, { integration_type: 'Okta', tenant_url: 'https://dupe.okta.com', reference_id: existing.reference_id }), (e) => {
      assert.equal(e.kind, 'validation');
      assert.ok(e.status !== undefined && e.status >= 400 && e.status < 500);
      assert.ok(e.errors[0]?.message, 'Cloudflare\'s message is kept');
    });
  });

  test('an unknown token is a rejected credential whose text never holds the token', async () => {
    const token = 'unknown-token-0123456789abcdef';
    await rejectsWith(risk.listRiskScoringIntegrations({ ...ctx, credential: { kind: 'token', token } }), (e) => {
      assert.equal(e.kind, 'credential');
      assert.equal(e.status, 401);
      for (const text of [e.message, String(e.stack), JSON.stringify(e), JSON.stringify(e.details())]) assert.ok(!text.includes(token));
    });
  });

  test('a token that does not reach the account is a 403 permission error with the documentation link', async () => {
    const accountToken = { kind: 'token' as const, token: backend.info.credentials.accountToken };
    const other = backend.info.accounts.find((a) => a.id !== backend.info.credentials.accountTokenAccountId);
    assert.ok(other);
    await rejectsWith(risk.listRiskScoringIntegrations({ ...ctx, credential: accountToken, accountId: other.id }), (e) => {
      assert.equal(e.kind, 'permission');
      assert.equal(e.status, 403);
      assert.ok(e.errors.some((x) => x.documentation_url), 'documentation_url kept');
    });
  });

  // The next three check what the client keeps of Cloudflare's answer (status, code, message, documentation link),
  // not which error kind it files the answer under.
  test('risk scoring on an account without it (standard plan) is a 403 error keeping Cloudflare\'s code 3314', async () => {
    const standard = backend.info.accounts.find((a) => !a.features.includes('risk_scoring'));
    assert.ok(standard, 'the second seeded account is standard');
    const labs = { ...ctx, accountId: standard.id };
    for (const call of [
      () => risk.listRiskScoringIntegrations(labs),
      () => risk.createRiskScoringIntegration(labs, { integration_type: 'Okta', tenant_url: 'https://labs.okta.com' }),
    ]) {
      await rejectsWith(call(), (e) => {
        assert.equal(e.status, 403);
        assert.deepEqual(e.errors.map((x) => [x.code, x.message]), [[3314, 'Forbidden']]);
      });
    }
    assert.ok((await posture.listDevicePostureIntegrations(labs)).length > 0, 'the other families still answer there');
  });

  test('a read-only token reads, and its writes are 403 errors pointing at the endpoint\'s API reference', async () => {
    const readOnly = { ...ctx, credential: { kind: 'token' as const, token: backend.info.credentials.readOnlyToken } };
    const [existing] = await posture.listDevicePostureIntegrations(readOnly);
    assert.ok(existing);
    await rejectsWith(posture.updateDevicePostureIntegration(readOnly, existing.id, { name: 'read-only rename' }), (e) => {
      assert.equal(e.status, 403);
      assert.equal(e.code, 10000);
      assert.equal(e.errors[0]?.documentation_url, 'https://developers.cloudflare.com/api/resources/zero_trust/subresources/devices/subresources/posture/subresources/integrations/methods/edit/');
    });
    await rejectsWith(risk.createRiskScoringIntegration(readOnly, { integration_type: 'Okta', tenant_url: 'https://ro.okta.com' }), (e) => {
      assert.equal(e.status, 403);
      assert.match(e.errors[0]?.documentation_url ?? '', /\/risk_scoring\/subresources\/integrations\/methods\/create\/$/);
    });
    assert.equal((await posture.getDevicePostureIntegration(ctx, existing.id)).name, existing.name, 'nothing changed');
  });

  test('provider credentials the provider refuses are a 400 error keeping Cloudflare\'s code 2046 and message', async () => {
    await rejectsWith(posture.createDevicePostureIntegration(ctx, {
      name: 'Refused Kolide', type: 'kolide', interval: '10m', config: { client_id: 'k-id', client_secret: 'invalid-secret' },
    }), (e) => {
      assert.equal(e.status, 400);
      assert.equal(e.code, 2046);
      assert.equal(e.errors[0]?.message, 'invalid posture integration request: invalid credentials: Kolide rejected the client credentials');
    });
    const listed = await posture.listDevicePostureIntegrations(ctx);
    assert.ok(!listed.some((i) => i.name === 'Refused Kolide'), 'nothing was created');
  });

  test('a Global API Key (X-Auth-Email + X-Auth-Key) works for the families', async () => {
    const { email, key } = backend.info.credentials.globalKey;
    const listed = await posture.listDevicePostureIntegrations({ ...ctx, credential: { kind: 'globalKey', email, key } });
    assert.equal(listed.length, (await backend.control.list('devicePostureIntegrations', ctx.accountId)).length);
  });
});
