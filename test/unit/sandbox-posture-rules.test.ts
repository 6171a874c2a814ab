// Device posture rules over HTTP: the seeded rules and the integrations they read (input.connection_id), the
// routes beside /devices/posture/integration, create / full-replace PUT / delete, the checks on the body and
// on the integration a rule reads, the computed `enabled`, the read-only token and the `items` option.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { cfRequest, type TestAuth } from '../sandbox/fetch-json';
import { startSandbox, type DevicePostureRuleRecord, type Sandbox } from '../sandbox/index';

type Json = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const INTEGRATION_RULE_TYPES = ['workspace_one', 'crowdstrike_s2s', 'intune', 'kolide', 'tanium_s2s', 'sentinelone_s2s', 'custom_s2s'];

describe('sandbox device posture rules', () => {
  let sb: Sandbox;
  let auth: TestAuth;
  let acct: string;
  let labs: string;
  const call = <R = Json>(method: string, path: string, body?: unknown, account = acct, as: TestAuth = auth) =>
    cfRequest<R>(sb.baseUrl, method, `/accounts/${account}${path}`, { auth: as, body });
  const pointers = (reply: { body: { errors: { source?: { pointer?: string } }[] } }) => reply.body.errors.map((e) => e.source?.pointer);
  const integrationOf = (type: string, account = acct) => sb.list('devicePostureIntegrations', account).find((i) => i.type === type);

  before(async () => {
    sb = await startSandbox();
    auth = { bearer: sb.credentials.userToken };
    [acct, labs] = sb.accounts.map((a) => a.id) as [string, string];
  });
  beforeEach(() => sb.reset());
  after(() => sb.close());

  it('is a family: listed in FAMILIES, and its state list equals the API list', async () => {
    assert.ok(sb.families.includes('devicePostureRules'));
    const reply = await call<DevicePostureRuleRecord[]>('GET', '/devices/posture');
    assert.equal(reply.status, 200);
    assert.deepEqual({ ...reply.body, result: null, result_info: null }, { success: true, errors: [], messages: [], result: null, result_info: null });
    assert.deepEqual(reply.body.result, sb.list('devicePostureRules', acct));
    const total = reply.body.result.length;
    assert.deepEqual(reply.body.result_info, { page: 1, per_page: Math.max(total, 20), count: total, total_count: total });
  });

  it('seeds rules that read the seeded integrations of their own type and account through input.connection_id', () => {
    for (const account of [acct, labs]) {
      const integrations = new Map(sb.list('devicePostureIntegrations', account).map((i) => [i.id, i]));
      const rules = sb.list('devicePostureRules', account);
      for (const rule of rules) {
        assert.match(rule.id, UUID);
        assert.equal(rule.enabled, true, rule.name);
        const connectionId = rule.input?.connection_id;
        if (INTEGRATION_RULE_TYPES.includes(rule.type)) {
          assert.equal(typeof connectionId, 'string', rule.name);
          assert.equal(integrations.get(connectionId as string)?.type, rule.type, `${rule.name} reads an integration of its type in its account`);
        } else {
          assert.equal(connectionId, undefined, rule.name);
        }
      }
      // Every integration that has a rule type is read by at least one rule; uptycs has no rule type.
      for (const integration of integrations.values()) {
        const readers = rules.filter((r) => r.input?.connection_id === integration.id);
        assert.equal(readers.length > 0, integration.type !== 'uptycs', `${integration.name}: ${readers.length} readers`);
      }
      for (const type of ['os_version', 'disk_encryption', 'firewall']) assert.ok(rules.some((r) => r.type === type), `${type} in ${account}`);
    }
    const crowdstrike = integrationOf('crowdstrike_s2s');
    const readers = sb.list('devicePostureRules', acct).filter((r) => r.input?.connection_id === crowdstrike?.id).map((r) => r.name);
    assert.deepEqual(readers, ['Corp laptops — CrowdStrike ZTA ≥ 60', 'Contractors — CrowdStrike sensor online']);
    const corp = sb.list('devicePostureRules', acct).find((r) => r.name === 'Corp laptops — CrowdStrike ZTA ≥ 60');
    assert.deepEqual(corp?.input, { connection_id: crowdstrike?.id, overall: '60', operator: '>=' });
    const kolide = sb.list('devicePostureRules', acct).filter((r) => r.type === 'kolide');
    assert.deepEqual(kolide.map((r) => r.input?.connection_id), [integrationOf('kolide')?.id], 'one Kolide rule');
    // The second account reads its own CrowdStrike integration, never the first account's.
    const labsCrowdstrike = integrationOf('crowdstrike_s2s', labs);
    assert.ok(sb.list('devicePostureRules', labs).filter((r) => r.input?.connection_id === labsCrowdstrike?.id).length === 2);
    assert.notEqual(labsCrowdstrike?.id, crowdstrike?.id);
  });

  it('keeps rules and integrations apart although they share /devices/posture', async () => {
    const [rule] = sb.list('devicePostureRules', acct);
    const [integration] = sb.list('devicePostureIntegrations', acct);
    const integrations = await call<Json[]>('GET', '/devices/posture/integration');
    assert.equal(integrations.status, 200);
    assert.deepEqual(integrations.body.result.map((i) => i.id), sb.list('devicePostureIntegrations', acct).map((i) => i.id));
    assert.equal((await call<Json>('GET', `/devices/posture/${rule?.id}`)).body.result.name, rule?.name);
    assert.equal((await call<Json>('GET', `/devices/posture/integration/${integration?.id}`)).body.result.name, integration?.name);
    const ruleAsIntegration = await call('GET', `/devices/posture/integration/${rule?.id}`);
    assert.deepEqual([ruleAsIntegration.status, ruleAsIntegration.body.errors[0]?.code], [404, 1003]);
    const integrationAsRule = await call('GET', `/devices/posture/${integration?.id}`);
    assert.deepEqual([integrationAsRule.status, integrationAsRule.body.errors[0]?.code, integrationAsRule.body.errors[0]?.message], [404, 1003, 'Device posture rule not found']);
    // `integration` is not a rule id: a rule method on it is a malformed id, as any non-UUID rule id.
    const putCollection = await call('PUT', '/devices/posture/integration', { name: 'x', type: 'warp' });
    assert.deepEqual([putCollection.status, putCollection.body.errors[0]?.code], [404, 7003]);
    const patch = await call('PATCH', `/devices/posture/${rule?.id}`, { name: 'x' });
    assert.equal(patch.status, 405);
    assert.equal(patch.headers.get('allow'), 'DELETE, GET, PUT');
    const created = await call<Json>('POST', '/devices/posture/integration', { name: 'Still an integration', type: 'kolide', interval: '10m', config: { client_id: 'k', client_secret: 's' } });
    assert.equal(created.status, 200);
    assert.ok(sb.getResource('devicePostureIntegrations', acct, String(created.body.result.id)));
    assert.equal(sb.list('devicePostureRules', acct).length, (await call<Json[]>('GET', '/devices/posture')).body.result.length);
  });

  it('creates, reads, replaces (PUT drops what it leaves out) and deletes a rule ({id})', async () => {
    const crowdstrike = integrationOf('crowdstrike_s2s');
    const body = {
      name: 'Finance laptops',
      type: 'crowdstrike_s2s',
      description: 'ZTA 80',
      schedule: '5m',
      expiration: '1h',
      match: [{ platform: 'windows' }],
      input: { connection_id: crowdstrike?.id, overall: '80', operator: '>=' },
    };
    const created = await call<DevicePostureRuleRecord>('POST', '/devices/posture', body);
    assert.equal(created.status, 200);
    const { id, enabled, ...rest } = created.body.result;
    assert.match(id, UUID);
    assert.equal(enabled, true);
    assert.deepEqual(rest, body);
    assert.deepEqual((await call('GET', `/devices/posture/${id}`)).body.result, created.body.result);
    assert.deepEqual(sb.getResource('devicePostureRules', acct, id), created.body.result);

    const replaced = await call<DevicePostureRuleRecord>('PUT', `/devices/posture/${id}`, { name: 'Finance laptops (renamed)', type: 'disk_encryption', input: { requireAll: true } });
    assert.equal(replaced.status, 200);
    assert.deepEqual(replaced.body.result, { id, name: 'Finance laptops (renamed)', type: 'disk_encryption', enabled: true, input: { requireAll: true } }, 'a full replace');
    assert.deepEqual((await call('GET', `/devices/posture/${id}`)).body.result, replaced.body.result);

    const deleted = await call('DELETE', `/devices/posture/${id}`);
    assert.deepEqual([deleted.status, deleted.body.result], [200, { id }]);
    const gone = await call('GET', `/devices/posture/${id}`);
    assert.deepEqual([gone.status, gone.body.errors[0]?.code], [404, 1003]);
    assert.equal((await call('DELETE', `/devices/posture/${id}`)).status, 404);
    assert.equal((await call('PUT', `/devices/posture/${id}`, { name: 'x', type: 'warp' })).status, 404);
    assert.equal((await call('GET', '/devices/posture/not-a-uuid')).body.errors[0]?.code, 7003);
  });

  it('requires input.connection_id for the seven integration-backed types (400 / 1004 at /input/connection_id)', async () => {
    for (const type of INTEGRATION_RULE_TYPES) {
      for (const input of [undefined, {}]) {
        const reply = await call('POST', '/devices/posture', { name: `no connection ${type}`, type, ...(input ? { input } : {}) });
        assert.equal(reply.status, 400, `${type} ${JSON.stringify(input)}`);
        assert.equal(reply.body.success, false);
        assert.equal(reply.body.result, null);
        assert.ok(reply.body.errors.every((e) => e.code === 1004));
        assert.ok(pointers(reply).includes(input ? '/input/connection_id' : '/input'), `${type}: ${JSON.stringify(reply.body.errors)}`);
        assert.match(reply.body.errors.map((e) => e.message).join(' '), /connection_id|integration/);
      }
    }
    assert.equal(sb.list('devicePostureRules', acct).length, (await call<Json[]>('GET', '/devices/posture')).body.result.length, 'nothing stored');
  });

  it('checks the integration a rule reads: it exists in this account and has the rule\'s type', async () => {
    const intune = integrationOf('intune');
    const unknown = await call('POST', '/devices/posture', { name: 'x', type: 'intune', input: { connection_id: '00000000-0000-4000-8000-000000000000', compliance_status: 'compliant' } });
    assert.deepEqual([unknown.status, pointers(unknown)], [400, ['/input/connection_id']]);
    assert.match(unknown.body.errors[0]?.message ?? '', /names no device posture integration of this account/);
    const wrongType = await call('POST', '/devices/posture', { name: 'x', type: 'crowdstrike_s2s', input: { connection_id: intune?.id } });
    assert.deepEqual([wrongType.status, pointers(wrongType)], [400, ['/input/connection_id']]);
    assert.match(wrongType.body.errors[0]?.message ?? '', /type intune; a rule of type crowdstrike_s2s reads an integration of type crowdstrike_s2s/);
    const otherAccount = await call('POST', '/devices/posture', { name: 'x', type: 'intune', input: { connection_id: integrationOf('intune', labs)?.id, compliance_status: 'compliant' } });
    assert.deepEqual([otherAccount.status, pointers(otherAccount)], [400, ['/input/connection_id']]);
    const ok = await call('POST', '/devices/posture', { name: 'Intune compliant', type: 'intune', input: { connection_id: intune?.id, compliance_status: 'compliant' } });
    assert.equal(ok.status, 200);
  });

  it('checks the input of an integration-backed type against its schema; other types take any input object', async () => {
    const custom = integrationOf('custom_s2s', labs);
    const missing = await call('POST', '/devices/posture', { name: 'x', type: 'custom_s2s', input: { connection_id: custom?.id } }, labs);
    assert.deepEqual(pointers(missing).sort(), ['/input/operator', '/input/score']);
    const outOfRange = await call('POST', '/devices/posture', { name: 'x', type: 'custom_s2s', input: { connection_id: custom?.id, score: 101, operator: '=>' } }, labs);
    assert.deepEqual(pointers(outOfRange).sort(), ['/input/operator', '/input/score']);
    const extra = await call('POST', '/devices/posture', { name: 'x', type: 'kolide', input: { connection_id: integrationOf('kolide')?.id, auth_state: ['Good', 'Great'], path: '/bin' } });
    assert.deepEqual(pointers(extra).sort(), ['/input/auth_state', '/input/path']);
    const anyInput = await call<DevicePostureRuleRecord>('POST', '/devices/posture', { name: 'App present', type: 'application', input: { path: '/Applications/Slack.app', operating_system: 'mac', x: 1 } });
    assert.equal(anyInput.status, 200);
    assert.equal((await call('POST', '/devices/posture', { name: 'x', type: 'file', input: 'yes' })).status, 400);
  });

  it('refuses a body without name or type, an unknown type, read-only or unknown fields, a bad schedule or platform', async () => {
    const empty = await call('POST', '/devices/posture', {});
    assert.deepEqual(pointers(empty).sort(), ['/name', '/type']);
    const uptycs = await call('POST', '/devices/posture', { name: 'x', type: 'uptycs' });
    assert.deepEqual([uptycs.status, pointers(uptycs)], [400, ['/type']], 'uptycs integrations have no rule type');
    const readOnly = await call('POST', '/devices/posture', { name: 'x', type: 'warp', id: 'mine', enabled: false });
    assert.deepEqual(pointers(readOnly).sort(), ['/enabled', '/id']);
    const schedule = await call('POST', '/devices/posture', { name: 'x', type: 'warp', schedule: '30s', expiration: 'soon' });
    assert.deepEqual(pointers(schedule).sort(), ['/expiration', '/schedule']);
    const platform = await call('POST', '/devices/posture', { name: 'x', type: 'warp', match: [{ platform: 'windows' }, { platform: 'beos' }] });
    assert.deepEqual(pointers(platform), ['/match']);
    assert.equal((await call('POST', '/devices/posture', '{"name":')).body.errors[0]?.code, 6007);
  });

  it('computes enabled: false only for a Kolide rule that still uses the deprecated issue_count', async () => {
    const kolide = integrationOf('kolide');
    const legacy = await call<DevicePostureRuleRecord>('POST', '/devices/posture', { name: 'Legacy Kolide', type: 'kolide', input: { connection_id: kolide?.id, issue_count: '0', countOperator: '==' } });
    assert.equal(legacy.body.result.enabled, false);
    const current = await call<DevicePostureRuleRecord>('PUT', `/devices/posture/${legacy.body.result.id}`, { name: 'Kolide', type: 'kolide', input: { connection_id: kolide?.id, auth_state: ['Good'] } });
    assert.equal(current.body.result.enabled, true);
  });

  it('refuses writes of the read-only token with the endpoint\'s documentation_url', async () => {
    const readOnly = { bearer: sb.credentials.readOnlyToken };
    const [rule] = sb.list('devicePostureRules', acct);
    assert.equal((await call('GET', '/devices/posture', undefined, acct, readOnly)).status, 200);
    const docs = 'https://developers.cloudflare.com/api/resources/zero_trust/subresources/devices/subresources/posture/methods';
    for (const [method, path, page] of [['POST', '/devices/posture', 'create'], ['PUT', `/devices/posture/${rule?.id}`, 'update'], ['DELETE', `/devices/posture/${rule?.id}`, 'delete']] as const) {
      const reply = await call(method, path, method === 'DELETE' ? undefined : { name: 'x', type: 'warp' }, acct, readOnly);
      assert.equal(reply.status, 403);
      assert.deepEqual(reply.body.errors, [{ code: 10000, message: 'Forbidden', documentation_url: `${docs}/${page}/` }]);
    }
    assert.deepEqual(sb.getResource('devicePostureRules', acct, rule?.id ?? ''), rule);
  });

  it('seeds exactly `items` rules, reading the integrations in turn; none with items: 0', async () => {
    const many = await startSandbox({ items: 40 });
    const none = await startSandbox({ items: 0 });
    try {
      for (const account of many.accounts) {
        const integrations = new Map(many.list('devicePostureIntegrations', account.id).map((i) => [i.id, i]));
        const rules = many.list('devicePostureRules', account.id);
        assert.equal(rules.length, 40);
        assert.equal(new Set(rules.map((r) => r.id)).size, 40);
        for (const rule of rules.filter((r) => INTEGRATION_RULE_TYPES.includes(r.type))) {
          assert.equal(integrations.get(String(rule.input?.connection_id))?.type, rule.type, rule.name);
        }
      }
      assert.deepEqual(none.list('devicePostureRules', none.accounts[0]?.id ?? ''), []);
    } finally {
      await Promise.all([many.close(), none.close()]);
    }
  });
});
