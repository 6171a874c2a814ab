// The three families' round trips at the HTTP level, with the Cloudflare quirks the client must survive:
// DLP "create" switches an existing entry and delete is a no-op; risk PUT overwrites; posture secrets vanish,
// refused provider credentials are a 400 / 2046; deletes answer null; timestamps have whole seconds.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { cfRequest, type TestAuth } from '../sandbox/fetch-json';
import { startSandbox, type DevicePostureIntegrationRecord, type DlpIntegrationEntryRecord, type RiskScoringIntegrationRecord, type Sandbox } from '../sandbox/index';

type Json = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Cloudflare's timestamps: seconds precision, Z, no milliseconds. */
const SECONDS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('sandbox families over HTTP', () => {
  let sb: Sandbox;
  let auth: TestAuth;
  let acct: string;
  const call = <R = Json>(method: string, path: string, body?: unknown) => cfRequest<R>(sb.baseUrl, method, `/accounts/${acct}${path}`, { auth, body });
  const pointers = (reply: { body: { errors: { source?: { pointer?: string } }[] } }) => reply.body.errors.map((e) => e.source?.pointer);

  before(async () => {
    sb = await startSandbox();
    auth = { bearer: sb.credentials.userToken };
    acct = sb.accounts[0]?.id ?? '';
  });
  beforeEach(() => sb.reset());
  after(() => sb.close());

  describe('DLP integration entries', () => {
    const integrationEntries = () => sb.list('dlpIntegrationEntries', acct);

    it('lists every entry type, integration entries with their required fields', async () => {
      const reply = await call<Json[]>('GET', '/dlp/entries');
      const types = new Set(reply.body.result.map((e) => e.type));
      for (const type of ['custom', 'predefined', 'integration', 'exact_data', 'word_list', 'document_fingerprint']) assert.ok(types.has(type), type);
      const integration = reply.body.result.filter((e) => e.type === 'integration');
      assert.equal(integration.length, integrationEntries().length);
      assert.ok(integration.length >= 6);
      for (const e of integration) {
        assert.match(String(e.id), UUID);
        assert.match(String(e.profile_id), UUID);
        assert.equal(typeof e.enabled, 'boolean');
        assert.ok(!Number.isNaN(Date.parse(String(e.created_at))) && !Number.isNaN(Date.parse(String(e.updated_at))));
      }
      assert.ok(integration.some((e) => e.enabled) && integration.some((e) => !e.enabled), 'a mix of enabled and disabled');
      assert.ok(reply.body.result.filter((e) => e.type === 'predefined').every((e) => !('created_at' in e) && typeof e.confidence === 'object'));
    });

    it('gets one entry with the profile it belongs to, and lists two MIP integration profiles', async () => {
      const [entry] = integrationEntries();
      const one = await call<Json & { profiles: { id: string; name: string }[] }>('GET', `/dlp/entries/${entry?.id}`);
      assert.equal(one.body.result.type, 'integration');
      assert.deepEqual(one.body.result.profiles.map((p) => p.id), [entry?.profile_id]);
      assert.match(one.body.result.profiles[0]?.name ?? '', /^MIP Sensitivity Labels /);
      const profiles = await call<Json[]>('GET', '/dlp/profiles');
      const mip = profiles.body.result.filter((p) => p.type === 'integration');
      assert.equal(mip.length, 2);
      for (const p of mip) {
        const entries = p.entries as Json[];
        assert.ok(entries.length >= 3 && entries.length <= 5 && entries.every((e) => e.type === 'integration'));
        assert.deepEqual(p.shared_entries, []);
      }
      assert.deepEqual(new Set(profiles.body.result.map((p) => p.type)), new Set(['custom', 'predefined', 'integration']));
      const single = await call<Json>('GET', `/dlp/profiles/${mip[0]?.id}`);
      assert.equal(single.body.result.name, mip[0]?.name);
      assert.equal((await call('GET', '/dlp/profiles/11111111-1111-4111-8111-111111111111')).status, 404);
    });

    it('POST switches an existing entry (no type in the result, updated_at moves) and 404s an unknown one', async () => {
      const entry = integrationEntries().find((e) => e.enabled) as DlpIntegrationEntryRecord;
      const reply = await call<Json>('POST', '/dlp/entries/integration', { entry_id: entry.id, enabled: false, profile_id: null });
      assert.equal(reply.status, 200);
      assert.deepEqual(Object.keys(reply.body.result).sort(), ['created_at', 'enabled', 'id', 'name', 'profile_id', 'updated_at']);
      assert.equal(reply.body.result.enabled, false);
      assert.ok(Date.parse(String(reply.body.result.updated_at)) > Date.parse(entry.updated_at));
      assert.match(String(reply.body.result.updated_at), SECONDS_Z);
      assert.match(entry.created_at, SECONDS_Z);
      assert.equal(sb.getResource('dlpIntegrationEntries', acct, entry.id)?.enabled, false);
      const unknown = await call('POST', '/dlp/entries/integration', { entry_id: '11111111-1111-4111-8111-111111111111', enabled: true });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.success, false);
    });

    it('PUT toggles, DELETE is a no-op that keeps the entry', async () => {
      const entry = integrationEntries()[0] as DlpIntegrationEntryRecord;
      const put = await call<Json>('PUT', `/dlp/entries/integration/${entry.id}`, { enabled: !entry.enabled });
      assert.equal(put.body.result.enabled, !entry.enabled);
      assert.ok(!('type' in put.body.result));
      const del = await call('DELETE', `/dlp/entries/integration/${entry.id}`);
      assert.equal(del.status, 200);
      assert.equal(del.body.result, null);
      assert.equal(sb.getResource('dlpIntegrationEntries', acct, entry.id)?.enabled, !entry.enabled);
      const list = await call<Json[]>('GET', '/dlp/entries');
      assert.ok(list.body.result.some((e) => e.id === entry.id));
    });

    it('rejects bodies that break the contract, naming the field', async () => {
      const entry = integrationEntries()[0] as DlpIntegrationEntryRecord;
      const missing = await call('POST', '/dlp/entries/integration', { enabled: true });
      assert.equal(missing.status, 400);
      assert.deepEqual(pointers(missing), ['/entry_id']);
      assert.match(missing.body.errors[0]?.message ?? '', /entry_id/);
      assert.deepEqual(pointers(await call('PUT', `/dlp/entries/integration/${entry.id}`, { enabled: 'no' })), ['/enabled']);
      assert.deepEqual(pointers(await call('PUT', `/dlp/entries/integration/${entry.id}`, { enabled: true, name: 'renamed' })), ['/name']);
      assert.equal(sb.getResource('dlpIntegrationEntries', acct, entry.id)?.name, entry.name, 'nothing changed');
    });
  });

  describe('risk scoring integrations', () => {
    const base = '/zt_risk_scoring/integrations';

    it('seeds Okta integrations with one inactive, in Cloudflare\'s form (well-known URL, account tag, times)', () => {
      const seeded = sb.list('riskScoringIntegrations', acct);
      assert.ok(seeded.length >= 2 && seeded.length <= 3);
      assert.ok(seeded.some((r) => !r.active) && seeded.some((r) => r.active));
      for (const r of seeded) {
        assert.equal(r.well_known_url, `https://ssf.risk-score.teams.cloudflare.com/.well-known/sse-configuration/${r.id}`);
        assert.equal(r.account_tag, acct);
        assert.match(r.created_at, SECONDS_Z);
      }
    });

    it('creates active, documents an omitted reference_id as "", finds by reference, deletes', async () => {
      const created = await call<RiskScoringIntegrationRecord>('POST', base, { integration_type: 'Okta', tenant_url: 'https://new.okta.com' });
      const r = created.body.result;
      assert.match(r.id, UUID);
      assert.deepEqual([r.active, r.account_tag, r.integration_type, r.reference_id, r.tenant_url], [true, acct, 'Okta', '', 'https://new.okta.com']);
      assert.equal(r.well_known_url, `https://ssf.risk-score.teams.cloudflare.com/.well-known/sse-configuration/${r.id}`);
      assert.match(r.created_at, SECONDS_Z);
      const withRef = await call<RiskScoringIntegrationRecord>('POST', base, { integration_type: 'Okta', tenant_url: 'https://other.okta.com', reference_id: 'idp-123' });
      const found = await call<RiskScoringIntegrationRecord>('GET', `${base}/reference_id/idp-123`);
      assert.equal(found.body.result.id, withRef.body.result.id);
      assert.equal((await call('POST', base, { integration_type: 'Okta', tenant_url: 'https://x.okta.com', reference_id: 'idp-123' })).status, 409);
      const del = await call('DELETE', `${base}/${r.id}`);
      assert.deepEqual([del.status, del.body.result], [200, null]);
      assert.equal((await call('GET', `${base}/${r.id}`)).status, 404);
      assert.equal((await call('GET', `${base}/reference_id/nothing`)).status, 404);
    });

    it('PUT overwrites active, tenant_url and reference_id; an omitted reference_id clears it', async () => {
      const target = sb.list('riskScoringIntegrations', acct)[0] as RiskScoringIntegrationRecord;
      assert.notEqual(target.reference_id, '');
      const put = await call<RiskScoringIntegrationRecord>('PUT', `${base}/${target.id}`, { active: !target.active, tenant_url: 'https://moved.okta.com' });
      assert.deepEqual([put.body.result.active, put.body.result.tenant_url, put.body.result.reference_id], [!target.active, 'https://moved.okta.com', '']);
      assert.equal(put.body.result.created_at, target.created_at);
      assert.equal(sb.getResource('riskScoringIntegrations', acct, target.id)?.reference_id, '');
    });

    it('rejects bodies that break the contract, naming the field', async () => {
      const target = sb.list('riskScoringIntegrations', acct)[0] as RiskScoringIntegrationRecord;
      assert.deepEqual(pointers(await call('POST', base, { integration_type: 'Okta', tenant_url: 'not a url' })), ['/tenant_url']);
      assert.deepEqual(pointers(await call('POST', base, { integration_type: 'Azure', tenant_url: 'https://a.okta.com' })), ['/integration_type']);
      assert.deepEqual(pointers(await call('POST', base, { integration_type: 'Okta', tenant_url: 'https://a.okta.com', active: false })), ['/active']);
      const noActive = await call('PUT', `${base}/${target.id}`, { tenant_url: target.tenant_url });
      assert.equal(noActive.status, 400);
      assert.deepEqual(pointers(noActive), ['/active']);
      assert.equal(sb.list('riskScoringIntegrations', acct).length, 3, 'nothing was created');
    });
  });

  describe('device posture integrations', () => {
    const base = '/devices/posture/integration';
    const kolide = { name: 'Kolide (test)', type: 'kolide', interval: '10m', config: { client_id: 'k-id', client_secret: 'sbx-secret-new' } };

    it('lists with result_info and never returns a secret', async () => {
      const list = await call<Json[]>('GET', base);
      const stored = sb.list('devicePostureIntegrations', acct);
      assert.ok(stored.length >= 4 && stored.length <= 6);
      assert.equal(new Set(stored.map((p) => p.type)).size, stored.length, 'all of different types');
      assert.deepEqual(list.body.result_info, { page: 1, per_page: 20, count: stored.length, total_count: stored.length });
      assert.ok(stored.every((p) => JSON.stringify(p.config).includes('sbx-')), 'secrets are stored');
      assert.doesNotMatch(list.text, /sbx-|client_secret|client_key|access_client_secret/);
      for (const p of stored) assert.doesNotMatch((await call('GET', `${base}/${p.id}`)).text, /sbx-/);
    });

    it('answers list, get, create and PATCH with the extra keys Cloudflare returns: identifier, schema, test_results', async () => {
      const extras = (item: Json) => [item.identifier, item.schema, item.test_results];
      const list = await call<Json[]>('GET', base);
      for (const item of list.body.result) {
        assert.deepEqual(extras(item), ['', {}, {}]);
        assert.deepEqual(Object.keys(item), ['id', 'name', 'type', 'interval', 'config', 'identifier', 'schema', 'test_results']);
      }
      const first = list.body.result[0] as Json;
      const one = await call<Json>('GET', `${base}/${first.id}`);
      assert.deepEqual(one.body.result, first, 'a get equals the listed copy');
      const created = await call<Json>('POST', base, kolide);
      assert.deepEqual(extras(created.body.result), ['', {}, {}]);
      const patched = await call<Json>('PATCH', `${base}/${created.body.result.id}`, { interval: '1h' });
      assert.deepEqual(patched.body.result, { ...created.body.result, interval: '1h' });
      assert.ok(!('identifier' in (sb.getResource('devicePostureIntegrations', acct, String(created.body.result.id)) as Json)), 'answers add them; the stored record is unchanged');
    });

    it('refuses a create whose provider credentials the provider rejects (a secret starting with "invalid") with 400 / 2046', async () => {
      const cases: [Json, string][] = [
        [{ ...kolide, config: { client_id: 'k-id', client_secret: 'invalid-secret' } }, 'Kolide'],
        [{ name: 'U', type: 'uptycs', interval: '1h', config: { api_url: 'acme.uptycs.io', client_key: 'invalid', customer_id: 'c', client_secret: 'fine' } }, 'Uptycs'],
        [{ name: 'C', type: 'custom_s2s', interval: '1h', config: { api_url: 'https://p.example.com', access_client_id: 'a.access', access_client_secret: 'invalidated' } }, 'Custom posture service'],
        [{ name: 'T', type: 'tanium_s2s', interval: '1h', config: { api_url: 'https://t.example.com', client_secret: 'ok', access_client_id: 'a', access_client_secret: 'invalid' } }, 'Tanium'],
      ];
      const before = sb.list('devicePostureIntegrations', acct).length;
      for (const [body, vendor] of cases) {
        const reply = await call('POST', base, body);
        assert.equal(reply.status, 400, vendor);
        assert.deepEqual(reply.body, {
          success: false,
          errors: [{ code: 2046, message: `invalid posture integration request: invalid credentials: ${vendor} rejected the client credentials` }],
          messages: [],
          result: null,
        });
      }
      assert.equal(sb.list('devicePostureIntegrations', acct).length, before, 'nothing was created');
      assert.equal((await call('POST', base, { ...kolide, config: { client_id: 'invalid-id', client_secret: 'not-invalid' } })).status, 200, 'only a secret that starts with "invalid" is refused');
      const malformed = await call('POST', base, { ...kolide, interval: 'soon', config: { client_id: 'k', client_secret: 'invalid' } });
      assert.deepEqual([malformed.status, malformed.body.errors[0]?.code], [400, 1004], 'the body is checked first');
    });

    it('refuses a PATCH whose config the provider rejects; a PATCH without config never reaches the provider', async () => {
      const target = sb.list('devicePostureIntegrations', acct).find((p) => p.type === 'crowdstrike_s2s') as DevicePostureIntegrationRecord;
      const config = { api_url: 'https://api.crowdstrike.com', customer_id: 'C1', client_id: 'id', client_secret: 'invalid-now' };
      const refused = await call('PATCH', `${base}/${target.id}`, { name: 'Falcon', config });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.errors, [{ code: 2046, message: 'invalid posture integration request: invalid credentials: CrowdStrike Falcon rejected the client credentials' }]);
      assert.deepEqual(sb.getResource('devicePostureIntegrations', acct, target.id), target, 'nothing changed, not even the name');
      const switched = await call('PATCH', `${base}/${target.id}`, { type: 'kolide', config: { client_id: 'k', client_secret: 'invalid' } });
      assert.equal(switched.body.errors[0]?.message, 'invalid posture integration request: invalid credentials: Kolide rejected the client credentials');
      assert.equal((await call('PATCH', `${base}/${target.id}`, { name: 'Falcon' })).status, 200);
      sb.mutate('devicePostureIntegrations', acct, target.id, { config: { ...target.config, client_secret: 'invalid-stored' } });
      assert.equal((await call('PATCH', `${base}/${target.id}`, { interval: '6h' })).status, 200, 'a stored secret is not tested again');
    });

    it('creates, stores the secret, returns only the non-secret config', async () => {
      const created = await call<DevicePostureIntegrationRecord>('POST', base, kolide);
      assert.equal(created.status, 200);
      assert.deepEqual(created.body.result.config, { client_id: 'k-id' });
      assert.equal(sb.getResource('devicePostureIntegrations', acct, created.body.result.id)?.config.client_secret, 'sbx-secret-new');
      const tanium = await call<DevicePostureIntegrationRecord>('POST', base, {
        name: 'Tanium',
        type: 'tanium_s2s',
        interval: '12h',
        config: { api_url: 'https://t.example.com', client_secret: 's', access_client_id: 'a.access', access_client_secret: 'x' },
      });
      assert.deepEqual(tanium.body.result.config, { api_url: 'https://t.example.com', access_client_id: 'a.access' });
    });

    it('PATCH without config keeps the stored secrets; config must be complete for the type', async () => {
      const target = sb.list('devicePostureIntegrations', acct).find((p) => p.type === 'crowdstrike_s2s') as DevicePostureIntegrationRecord;
      const renamed = await call<DevicePostureIntegrationRecord>('PATCH', `${base}/${target.id}`, { name: 'Falcon', interval: '30m' });
      assert.deepEqual([renamed.body.result.name, renamed.body.result.interval], ['Falcon', '30m']);
      assert.deepEqual(sb.getResource('devicePostureIntegrations', acct, target.id)?.config, target.config);
      const partial = await call('PATCH', `${base}/${target.id}`, { config: { client_id: 'only-this' } });
      assert.equal(partial.status, 400);
      assert.deepEqual(pointers(partial).sort(), ['/config/api_url', '/config/client_secret', '/config/customer_id']);
      const typeOnly = await call('PATCH', `${base}/${target.id}`, { type: 'kolide' });
      assert.deepEqual(pointers(typeOnly), ['/config']);
      const switched = await call<DevicePostureIntegrationRecord>('PATCH', `${base}/${target.id}`, { type: 'kolide', config: kolide.config });
      assert.deepEqual([switched.body.result.type, switched.body.result.config], ['kolide', { client_id: 'k-id' }]);
    });

    it('enforces the type/config pairing and the interval format on create', async () => {
      const mismatched = await call('POST', base, { ...kolide, type: 'crowdstrike_s2s' });
      assert.equal(mismatched.status, 400);
      assert.deepEqual(pointers(mismatched).sort(), ['/config/api_url', '/config/customer_id']);
      assert.deepEqual(pointers(await call('POST', base, { ...kolide, config: { ...kolide.config, auth_url: 'https://x' } })), ['/config/auth_url']);
      assert.deepEqual(pointers(await call('POST', base, { ...kolide, interval: 'ten minutes' })), ['/interval']);
      assert.deepEqual(pointers(await call('POST', base, { name: 'x', type: 'kolide', interval: '5m' })), ['/config']);
      assert.deepEqual(pointers(await call('POST', base, { ...kolide, type: 'jamf' })), ['/type']);
    });

    it('deletes with result: null, after which the id is unknown', async () => {
      const target = sb.list('devicePostureIntegrations', acct)[0] as DevicePostureIntegrationRecord;
      const del = await call('DELETE', `${base}/${target.id}`);
      assert.equal(del.status, 200);
      assert.deepEqual(del.body, { success: true, errors: [], messages: [], result: null });
      assert.equal((await call('GET', `${base}/${target.id}`)).status, 404);
      assert.equal(sb.getResource('devicePostureIntegrations', acct, target.id), undefined);
    });
  });
});

describe('sandbox device posture answers in the spec shape (the contract check runs this way)', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ postureConfigShape: 'spec' });
  });
  after(() => sb.close());

  it('pads config with the spec\'s required fields and answers a delete with {id}, since the OpenAPI admits no null there', async () => {
    const acct = sb.accounts[0]?.id ?? '';
    const auth = { bearer: sb.credentials.userToken };
    const base = `/accounts/${acct}/devices/posture/integration`;
    const kolide = sb.list('devicePostureIntegrations', acct).find((p) => p.type === 'kolide') as DevicePostureIntegrationRecord;
    const one = await cfRequest<Json>(sb.baseUrl, 'GET', `${base}/${kolide.id}`, { auth });
    assert.deepEqual(one.body.result.config, { api_url: '', auth_url: '', client_id: kolide.config.client_id });
    const del = await cfRequest(sb.baseUrl, 'DELETE', `${base}/${kolide.id}`, { auth });
    assert.deepEqual(del.body, { success: true, errors: [], messages: [], result: { id: kolide.id } });
  });
});
