// The save pipeline's decisions, without VS Code: what a changed document means for each family.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planCreate, planUpdate, SECRET_PLACEHOLDER, toEditView } from '../../src/editor/editModel';
import { devicePostureIntegrations } from '../../src/families/devicePostureIntegrations';
import { dlpIntegrationEntries } from '../../src/families/dlpIntegrationEntries';
import type { FamilyDescriptor, ResourceBase } from '../../src/families/family';
import { riskScoringIntegrations } from '../../src/families/riskScoringIntegrations';

const risk = {
  id: '1b0a8a52-3c8e-4a47-9f6e-2d3c4b5a6978', account_tag: 'a'.repeat(32), active: true, created_at: '2026-01-01T00:00:00Z',
  integration_type: 'Okta' as const, reference_id: 'ref-1', tenant_url: 'https://acme.okta.com', well_known_url: 'https://x/.well-known/sse-configuration/1/',
};
const posture = {
  id: '2c1b9b63-4d9f-4b58-8a7f-3e4d5c6b7a89', name: 'Falcon', type: 'crowdstrike_s2s', interval: '10m',
  config: { api_url: 'https://api.crowdstrike.com', client_id: 'cid', customer_id: 'cust' },
};
const entry = { id: '3d2c0c74-5e0a-4c69-9b80-4f5e6d7c8b9a', name: 'Confidential', enabled: false, profile_id: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-02T00:00:00Z' };

function edit<R extends ResourceBase>(family: FamilyDescriptor<R>, resource: R, change: (view: Record<string, unknown>) => void): ReturnType<typeof planUpdate> {
  const view = toEditView(family, resource);
  change(view);
  return planUpdate(family, resource, JSON.parse(JSON.stringify(view)));
}
const asFamily = <R extends ResourceBase>(f: unknown) => f as FamilyDescriptor<R>;

describe('planUpdate', () => {
  test('unchanged documents send nothing', () => {
    assert.equal(edit(asFamily(riskScoringIntegrations), risk, () => undefined).kind, 'unchanged');
    assert.equal(edit(asFamily(devicePostureIntegrations), posture, () => undefined).kind, 'unchanged');
  });

  test('risk scoring (PUT) sends all three overwritten fields even when one changed', () => {
    const plan = edit(asFamily(riskScoringIntegrations), risk, (v) => { v.active = false; });
    assert.deepEqual(plan, { kind: 'update', body: { active: false, tenant_url: 'https://acme.okta.com', reference_id: 'ref-1' }, changedFields: ['active'] });
  });

  test('DLP (PUT) sends only enabled', () => {
    const plan = edit(asFamily(dlpIntegrationEntries), entry, (v) => { v.enabled = true; });
    assert.deepEqual(plan.kind === 'update' && plan.body, { enabled: true });
  });

  test('device posture (PATCH) sends only what changed; an untouched placeholder keeps the secret', () => {
    const plan = edit(asFamily(devicePostureIntegrations), posture, (v) => { v.interval = '1h'; });
    assert.deepEqual(plan, { kind: 'update', body: { interval: '1h' }, changedFields: ['interval'] });
  });

  test('a changed config without its secret is a problem at the secret; with it, the full config goes', () => {
    const missing = edit(asFamily(devicePostureIntegrations), posture, (v) => { (v.config as Record<string, unknown>).client_id = 'new'; });
    assert.equal(missing.kind, 'problems');
    assert.ok(missing.kind === 'problems' && missing.problems.some((p) => p.path.join('.') === 'config.client_secret'));
    const given = edit(asFamily(devicePostureIntegrations), posture, (v) => {
      Object.assign(v.config as Record<string, unknown>, { client_id: 'new', client_secret: 's3' });
    });
    assert.deepEqual(given.kind === 'update' && given.body, { config: { api_url: 'https://api.crowdstrike.com', client_id: 'new', customer_id: 'cust', client_secret: 's3' } });
  });

  test('changing a read-only field, adding an unknown one, or removing one is refused at that key', () => {
    const plan = edit(asFamily(riskScoringIntegrations), risk, (v) => { v.well_known_url = 'https://evil'; v.surprise = 1; delete v.created_at; });
    assert.equal(plan.kind, 'problems');
    const problems = plan.kind === 'problems' ? plan.problems : [];
    assert.ok(problems.some((p) => p.path[0] === 'well_known_url' && p.onKey && /read-only/.test(p.message)));
    assert.ok(problems.some((p) => p.path[0] === 'surprise' && /Unknown field/.test(p.message)));
    assert.ok(problems.some((p) => /created_at/.test(p.message)));
  });

  test('a wrong type is reported at its path', () => {
    const plan = edit(asFamily(riskScoringIntegrations), risk, (v) => { v.tenant_url = 42; });
    assert.ok(plan.kind === 'problems' && plan.problems.some((p) => p.path.join('.') === 'tenant_url'));
  });

  test('the placeholder is what the editor shows for each secret of the type', () => {
    const view = toEditView(asFamily(devicePostureIntegrations), posture) as { config: Record<string, unknown> };
    assert.equal(view.config.client_secret, SECRET_PLACEHOLDER);
    assert.equal(Object.values(view.config).filter((v) => v === SECRET_PLACEHOLDER).length, 1);
  });
});

describe('planCreate', () => {
  test('valid drafts become the create body; invalid ones are problems with paths', () => {
    assert.deepEqual(planCreate(asFamily(riskScoringIntegrations), { integration_type: 'Okta', tenant_url: 'https://n.okta.com' }), { kind: 'create', body: { integration_type: 'Okta', tenant_url: 'https://n.okta.com' } });
    const bad = planCreate(asFamily(riskScoringIntegrations), { integration_type: 'Azure', tenant_url: 'https://n.okta.com' });
    assert.ok(bad.kind === 'problems' && bad.problems.some((p) => p.path[0] === 'integration_type'));
    assert.equal(planCreate(asFamily(riskScoringIntegrations), []).kind, 'problems');
  });
});
