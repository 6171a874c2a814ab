import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloudflareApiError } from '../../src/api/errors';
import {
  createDevicePostureIntegration, deleteDevicePostureIntegration, devicePostureIntegrations, getDevicePostureIntegration,
  listDevicePostureIntegrations, updateDevicePostureIntegration,
} from '../../src/families/devicePostureIntegrations';
import { InvalidRequestBody } from '../../src/families/validation';
import { answering } from './families.fake-api';

const BASE = '/accounts/acc-1/devices/posture/integration';
const KOLIDE = { id: 'k-1', name: 'Kolide (Acme)', type: 'kolide', interval: '15m', config: { client_id: 'k2_abc' } };
const CROWDSTRIKE = {
  id: 'cs-1', name: 'CrowdStrike', type: 'crowdstrike_s2s', interval: '1h',
  config: { api_url: 'https://api.us-2.crowdstrike.com', customer_id: 'CID1', client_id: 'cid' },
};
const KOLIDE_CONFIG = { client_id: 'kolide-client', client_secret: 'kolide-secret' };
const { schemas } = devicePostureIntegrations;

describe('Device posture integrations: operations', () => {
  test('list GETs the singular /integration path; null means none; total_count above the length is no error', async () => {
    const fake = answering([KOLIDE, { id: 'f-1', type: 'future_provider', config: { region: 'mars' } }], { page: 1, per_page: 2, count: 2, total_count: 5 });
    const listed = await listDevicePostureIntegrations(fake.ctx);
    assert.deepEqual(fake.sent, [{ method: 'GET', path: BASE, hasBody: false }]);
    assert.deepEqual(listed.map((i) => i.type), ['kolide', 'future_provider']);
    assert.deepEqual(await listDevicePostureIntegrations(answering(null).ctx), []);
  });

  test('get of a null result is a badResponse error, not an empty integration', async () => {
    const fake = answering(null);
    await assert.rejects(getDevicePostureIntegration(fake.ctx, 'k 1'), (error: unknown) => {
      assert.ok(error instanceof CloudflareApiError);
      assert.equal(error.kind, 'badResponse');
      return true;
    });
    assert.equal(fake.sent[0]?.path, `${BASE}/k%201`);
  });

  test('create POSTs the body as given', async () => {
    const fake = answering({ ...KOLIDE, id: 'new' });
    const body = { name: 'Kolide', type: 'kolide' as const, interval: '10m', config: KOLIDE_CONFIG };
    const created = await createDevicePostureIntegration(fake.ctx, body);
    assert.deepEqual(fake.sent, [{ method: 'POST', path: BASE, hasBody: true, body: { name: 'Kolide', type: 'kolide', interval: '10m', config: KOLIDE_CONFIG } }]);
    assert.equal(created.id, 'new');
  });

  test('create refuses a Kolide config under type workspace_one before sending', async () => {
    const fake = answering(KOLIDE);
    const body = { name: 'W1', type: 'workspace_one', interval: '10m', config: KOLIDE_CONFIG };
    await assert.rejects(createDevicePostureIntegration(fake.ctx, body as never), (error: unknown) => {
      assert.ok(error instanceof InvalidRequestBody);
      const paths = error.issues.map((i) => i.path.join('.'));
      assert.ok(paths.includes('config.api_url') && paths.includes('config.auth_url'), paths.join(', '));
      return true;
    });
    assert.deepEqual(fake.sent, []);
  });

  test('update PATCHes only what it is given', async () => {
    const fake = answering({ ...KOLIDE, interval: '5m' });
    await updateDevicePostureIntegration(fake.ctx, 'k-1', { interval: '5m' });
    assert.deepEqual(fake.sent, [{ method: 'PATCH', path: `${BASE}/k-1`, hasBody: true, body: { interval: '5m' } }]);
  });

  test('delete accepts a string result', async () => {
    const fake = answering('deleted');
    await deleteDevicePostureIntegration(fake.ctx, 'k-1');
    assert.deepEqual(fake.sent, [{ method: 'DELETE', path: `${BASE}/k-1`, hasBody: false }]);
  });
});

describe('Device posture integrations: create and update schemas', () => {
  test('create: config pairs with type; unknown type, missing field, extra field and bad interval are refused', () => {
    const ok = { name: 'K', type: 'kolide', interval: '10m', config: KOLIDE_CONFIG };
    assert.equal(schemas.create.safeParse(ok).success, true);
    assert.equal(schemas.create.safeParse({ ...ok, type: 'workspace_one' }).success, false);
    assert.equal(schemas.create.safeParse({ ...ok, type: 'tanium' }).success, false);
    assert.equal(schemas.create.safeParse({ ...ok, config: { client_id: 'x' } }).success, false);
    assert.equal(schemas.create.safeParse({ ...ok, config: { ...KOLIDE_CONFIG, api_url: 'https://x' } }).success, false);
    assert.equal(schemas.create.safeParse({ ...ok, id: 'k-1' }).success, false);
    for (const interval of ['0m', '10', '10 minutes', '1d']) assert.equal(schemas.create.safeParse({ ...ok, interval }).success, false, interval);
  });

  test('tanium takes the Access service token optionally; custom_s2s requires it', () => {
    const tanium = { name: 'T', type: 'tanium_s2s', interval: '1h', config: { api_url: 'https://t.example', client_secret: 's' } };
    assert.equal(schemas.create.safeParse(tanium).success, true);
    const custom = { name: 'C', type: 'custom_s2s', interval: '1h', config: { api_url: 'https://c.example', access_client_id: 'id.access' } };
    assert.equal(schemas.create.safeParse(custom).success, false);
  });

  test('update: every field optional; a config is checked against the type sent with it', () => {
    assert.equal(schemas.update.safeParse({}).success, true);
    assert.equal(schemas.update.safeParse({ name: 'renamed' }).success, true);
    assert.equal(schemas.update.safeParse({ type: 'kolide', config: KOLIDE_CONFIG }).success, true);
    assert.equal(schemas.update.safeParse({ type: 'workspace_one', config: KOLIDE_CONFIG }).success, false);
    assert.equal(schemas.update.safeParse({ config: KOLIDE_CONFIG }).success, true, 'complete for some type');
    assert.equal(schemas.update.safeParse({ config: { client_id: 'only' } }).success, false, 'incomplete for every type');
    assert.equal(schemas.update.safeParse({ id: 'k-1' }).success, false);
  });

  test('reading tolerates unknown types, partial configs and extra fields', () => {
    const odd = { id: 'x', type: 'brand_new', interval: '1h', config: { tenant: 'eu', api_url: null }, labels: ['a'] };
    assert.equal(schemas.resource.safeParse(odd).success, true);
    assert.equal(schemas.resource.safeParse({ id: 'x' }).success, true);
    assert.equal(schemas.resource.safeParse({ name: 'no id' }).success, false);
  });
});

describe('Device posture integrations: descriptor', () => {
  test('write-only fields follow the type; Tanium\'s Access secret only when it stores an Access client id', () => {
    const wo = devicePostureIntegrations.writeOnlyFields;
    assert.deepEqual(wo(KOLIDE), ['config.client_secret']);
    assert.deepEqual(wo(KOLIDE, 'uptycs'), ['config.client_key', 'config.client_secret']);
    const tanium = { id: 't', type: 'tanium_s2s', config: { api_url: 'https://t' } };
    assert.deepEqual(wo(tanium), ['config.client_secret']);
    assert.deepEqual(wo({ ...tanium, config: { api_url: 'https://t', access_client_id: 'a.access' } }), ['config.client_secret', 'config.access_client_secret']);
    assert.deepEqual(wo({ id: 'f', type: 'future_provider' }), []);
    assert.equal(devicePostureIntegrations.toggleField, undefined);
  });

  test('checkEdit: a new type needs a new config; a changed config must fit the stored type', () => {
    const check = devicePostureIntegrations.checkEdit;
    assert.ok(check);
    assert.deepEqual(check(KOLIDE, { ...KOLIDE, type: 'intune' }, ['type']).map((p) => p.path), [['type']]);
    const kolideShapedForCrowdstrike = { ...CROWDSTRIKE, config: KOLIDE_CONFIG };
    const paths = check(CROWDSTRIKE, kolideShapedForCrowdstrike, ['config']).map((p) => p.path.join('.'));
    assert.deepEqual(paths.sort(), ['config.api_url', 'config.customer_id']);
    assert.deepEqual(check(KOLIDE, { ...KOLIDE, config: KOLIDE_CONFIG }, ['config']), []);
    assert.deepEqual(check(KOLIDE, { ...KOLIDE, interval: '5m' }, ['interval']), []);
  });

  test('rows show the vendor name and interval, and a vendor icon; names fall back to the id', () => {
    assert.deepEqual(devicePostureIntegrations.describe(KOLIDE), { text: 'Kolide · every 15m' });
    assert.deepEqual(devicePostureIntegrations.describe({ ...KOLIDE, type: 'crowdstrike_s2s' }), { text: 'CrowdStrike · every 15m' });
    assert.deepEqual(devicePostureIntegrations.describe({ ...KOLIDE, type: 'intune' }), { text: 'Microsoft Intune · every 15m' });
    // A type this release does not know shows as Cloudflare sent it.
    assert.deepEqual(devicePostureIntegrations.describe({ ...KOLIDE, type: 'acme_edr' }), { text: 'acme_edr · every 15m' });
    const icons = devicePostureIntegrations.templateVariants.map((type) => devicePostureIntegrations.iconOf?.({ ...KOLIDE, type }));
    assert.equal(new Set(icons).size, 8, `one icon per vendor: ${icons.join(', ')}`);
    assert.equal(devicePostureIntegrations.iconOf?.({ ...KOLIDE, type: 'acme_edr' }), 'question');
    assert.equal(devicePostureIntegrations.displayName(KOLIDE), 'Kolide (Acme)');
    assert.equal(devicePostureIntegrations.displayName({ id: 'x-1' }), 'x-1');
  });

  test('templates: eight types, required config fields only, secrets as placeholders, interval 10m', () => {
    assert.deepEqual([...devicePostureIntegrations.templateVariants], [
      'workspace_one', 'crowdstrike_s2s', 'uptycs', 'intune', 'kolide', 'tanium_s2s', 'sentinelone_s2s', 'custom_s2s',
    ]);
    assert.deepEqual(devicePostureIntegrations.createTemplate('kolide'), {
      name: 'Kolide', type: 'kolide', interval: '10m', config: { client_id: 'REPLACE_WITH_CLIENT_ID', client_secret: 'REPLACE_WITH_CLIENT_SECRET' },
    });
    const tanium = devicePostureIntegrations.createTemplate('tanium_s2s');
    assert.deepEqual(Object.keys(tanium.config).sort(), ['api_url', 'client_secret']);
    const custom = devicePostureIntegrations.createTemplate('custom_s2s');
    assert.deepEqual(Object.keys(custom.config).sort(), ['access_client_id', 'access_client_secret', 'api_url']);
    assert.throws(() => devicePostureIntegrations.createTemplate('tanium'), /Unknown device posture integration type/);
  });
});
