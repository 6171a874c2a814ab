import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createRiskScoringIntegration, deleteRiskScoringIntegration, getRiskScoringIntegration, getRiskScoringIntegrationByReferenceId,
  listRiskScoringIntegrations, riskScoringIntegrations, updateRiskScoringIntegration,
} from '../../src/families/riskScoringIntegrations';
import { InvalidRequestBody } from '../../src/families/validation';
import { answering } from './families.fake-api';

const OKTA = {
  id: '0f6f1c2e-1111-4222-8333-444455556666',
  account_tag: 'acc-1',
  active: true,
  created_at: '2026-03-01T10:00:00Z',
  integration_type: 'Okta',
  reference_id: 'idp-7',
  tenant_url: 'https://acme.okta.com',
  well_known_url: 'https://api.cloudflare.com/client/v4/accounts/acc-1/zt_risk_scoring/.well-known/sse-configuration/0f6f1c2e-1111-4222-8333-444455556666/',
};
const BASE = '/accounts/acc-1/zt_risk_scoring/integrations';

describe('Risk scoring integrations: operations', () => {
  test('list GETs the collection; an unknown integration_type still reads', async () => {
    const fake = answering([OKTA, { ...OKTA, id: 'other', integration_type: 'FutureIdP', extra: { nested: true } }]);
    const listed = await listRiskScoringIntegrations(fake.ctx);
    assert.deepEqual(fake.sent, [{ method: 'GET', path: BASE, hasBody: false }]);
    assert.deepEqual(listed.map((r) => r.integration_type), ['Okta', 'FutureIdP']);
  });

  test('get by id and by reference id, both percent-encoded', async () => {
    const fake = answering(OKTA);
    await getRiskScoringIntegration(fake.ctx, OKTA.id);
    await getRiskScoringIntegrationByReferenceId(fake.ctx, 'ref/with space');
    assert.deepEqual(fake.sent.map((r) => `${r.method} ${r.path}`), [
      `GET ${BASE}/${OKTA.id}`,
      `GET ${BASE}/reference_id/ref%2Fwith%20space`,
    ]);
  });

  test('create POSTs integration_type, tenant_url and reference_id', async () => {
    const fake = answering(OKTA);
    await createRiskScoringIntegration(fake.ctx, { integration_type: 'Okta', tenant_url: 'https://acme.okta.com', reference_id: 'idp-7' });
    assert.deepEqual(fake.sent, [{
      method: 'POST', path: BASE, hasBody: true, body: { integration_type: 'Okta', tenant_url: 'https://acme.okta.com', reference_id: 'idp-7' },
    }]);
  });

  test('create refuses another integration type, a non-http tenant URL and `active` before sending', async () => {
    const fake = answering(OKTA);
    const bad = [
      { integration_type: 'Azure', tenant_url: 'https://acme.okta.com' },
      { integration_type: 'Okta', tenant_url: 'javascript:alert(1)' },
      { integration_type: 'Okta', tenant_url: 'https://acme.okta.com', active: false },
    ];
    for (const body of bad) {
      await assert.rejects(createRiskScoringIntegration(fake.ctx, body as never), InvalidRequestBody);
    }
    assert.deepEqual(fake.sent, []);
  });

  test('update PUTs all three fields; without `active` it is refused and names the field', async () => {
    const fake = answering({ ...OKTA, active: false });
    await updateRiskScoringIntegration(fake.ctx, OKTA.id, { active: false, tenant_url: OKTA.tenant_url, reference_id: 'idp-7' });
    assert.deepEqual(fake.sent, [{
      method: 'PUT', path: `${BASE}/${OKTA.id}`, hasBody: true, body: { active: false, tenant_url: OKTA.tenant_url, reference_id: 'idp-7' },
    }]);
    await assert.rejects(updateRiskScoringIntegration(fake.ctx, OKTA.id, { tenant_url: OKTA.tenant_url } as never), (error: unknown) => {
      assert.ok(error instanceof InvalidRequestBody);
      assert.deepEqual(error.issues.map((i) => i.path), [['active']]);
      return true;
    });
    assert.equal(fake.sent.length, 1);
  });

  test('delete sends DELETE and ignores the result', async () => {
    const fake = answering(null);
    await deleteRiskScoringIntegration(fake.ctx, OKTA.id);
    assert.deepEqual(fake.sent, [{ method: 'DELETE', path: `${BASE}/${OKTA.id}`, hasBody: false }]);
  });
});

describe('Risk scoring integrations: descriptor', () => {
  test('the toggle echoes tenant_url and reference_id, because PUT overwrites all three', () => {
    assert.equal(riskScoringIntegrations.toggleField, 'active');
    assert.deepEqual(riskScoringIntegrations.toggleBody?.(OKTA, false), { active: false, tenant_url: 'https://acme.okta.com', reference_id: 'idp-7' });
    const withoutReference = { ...OKTA, reference_id: undefined };
    assert.deepEqual(riskScoringIntegrations.toggleBody?.(withoutReference, true), { active: true, tenant_url: 'https://acme.okta.com', reference_id: null });
  });

  test('the update schema requires active and tenant_url and accepts nothing else', () => {
    const update = riskScoringIntegrations.schemas.update;
    assert.equal(update.safeParse({ active: true, tenant_url: 'https://acme.okta.com' }).success, true);
    assert.equal(update.safeParse({ tenant_url: 'https://acme.okta.com', reference_id: 'x' }).success, false);
    assert.equal(update.safeParse({ active: true }).success, false);
    assert.equal(update.safeParse({ active: true, tenant_url: 'https://acme.okta.com', well_known_url: 'https://evil.example' }).success, false);
  });

  test('rows lead with the tenant, then the state; the reference follows, a UUID cut short', () => {
    assert.equal(riskScoringIntegrations.displayName(OKTA), 'acme.okta.com');
    assert.equal(riskScoringIntegrations.displayName({ ...OKTA, reference_id: '' }), 'acme.okta.com');
    assert.deepEqual(riskScoringIntegrations.describe(OKTA), { text: 'active · Okta · ref idp-7', on: true });
    assert.deepEqual(riskScoringIntegrations.describe({ ...OKTA, active: false, reference_id: null }), { text: 'inactive · Okta', on: false });
    assert.deepEqual(riskScoringIntegrations.describe({ ...OKTA, reference_id: '5d3a1c2e-7b4f-4e1a-9c6d-2f8e0a7b1c3d' }), { text: 'active · Okta · ref 5d3a1c2e…', on: true });
  });

  test('the template is a valid create body with a placeholder tenant', () => {
    const template = riskScoringIntegrations.createTemplate();
    assert.deepEqual(template, { integration_type: 'Okta', tenant_url: 'https://REPLACE_WITH_YOUR_TENANT.okta.com', reference_id: null });
    assert.equal(riskScoringIntegrations.schemas.create.safeParse(template).success, true);
  });
});
