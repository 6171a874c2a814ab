// What uses an integration, over HTTP: Access identity providers (the Okta one is a risk scoring integration's
// reference_id), Access reusable policies (device_posture selectors naming posture rules) and Gateway rules
// (posture rule ids in device_posture, a DLP profile id in traffic); paging, secrets, and the chain from a
// posture integration to everything that uses it.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { cfRequest, type TestAuth } from '../sandbox/fetch-json';
import { startSandbox, type AccessIdentityProviderRecord, type AccessPolicyRecord, type GatewayRuleRecord, type Sandbox } from '../sandbox/index';

type Json = Record<string, unknown>;
type PageInfo = { page: number; per_page: number; count: number; total_count: number; total_pages?: number };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Quoted ids in a Gateway posture expression (passed or failed checks). */
function postureIds(expression: string): string[] {
  const out: string[] = [];
  for (const match of expression.matchAll(/device_posture\.checks\.(?:passed|failed)\[\*\]\s+in\s+\{([^}]*)\}/g)) {
    for (const id of (match[1] ?? '').matchAll(/"([^"]+)"/g)) out.push(id[1] as string);
  }
  return out;
}
function dlpIds(expression: string): string[] {
  const set = /dlp\.profiles\[\*\]\s+in\s+\{([^}]*)\}/.exec(expression)?.[1] ?? '';
  return [...set.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
}
/** Posture rule ids a policy names in include, require or exclude. */
function policyRuleIds(policy: AccessPolicyRecord): string[] {
  return [...policy.include, ...policy.require, ...policy.exclude].flatMap((rule) => (rule.device_posture ? [String(rule.device_posture.integration_uid)] : []));
}

describe('sandbox Access identity providers, reusable policies and Gateway rules', () => {
  let sb: Sandbox;
  let auth: TestAuth;
  let acct: string;
  let labs: string;
  const get = <R = Json>(path: string, account = acct) => cfRequest<R>(sb.baseUrl, 'GET', `/accounts/${account}${path}`, { auth });

  before(async () => {
    sb = await startSandbox();
    auth = { bearer: sb.credentials.userToken };
    [acct, labs] = sb.accounts.map((a) => a.id) as [string, string];
  });
  beforeEach(() => sb.reset());
  after(() => sb.close());

  describe('identity providers', () => {
    it('lists an Okta provider whose id is the reference_id of a risk scoring integration, and an Entra ID one', async () => {
      const reply = await get<Json[]>('/access/identity_providers');
      assert.equal(reply.status, 200);
      assert.deepEqual({ ...reply.body, result: null }, { success: true, errors: [], messages: [], result: null, result_info: { page: 1, per_page: 200, count: 2, total_count: 2, total_pages: 1 } });
      const [okta, entra] = reply.body.result;
      const [risk] = sb.list('riskScoringIntegrations', acct);
      assert.equal(okta?.type, 'okta');
      assert.equal(okta?.id, risk?.reference_id, 'the risk scoring integration names this provider');
      assert.equal((okta?.config as Json).okta_account, risk?.tenant_url);
      assert.equal(okta?.name, 'Acme Corp Okta');
      assert.equal(entra?.type, 'azureAD');
      assert.match(String(entra?.id), UUID);
      for (const provider of reply.body.result) assert.deepEqual(Object.keys(provider).sort(), ['config', 'id', 'name', 'scim_config', 'type']);
    });

    it('never returns config.client_secret, which the state keeps', async () => {
      const list = await get('/access/identity_providers');
      assert.doesNotMatch(list.text, /client_secret|sbx-/);
      const stored = sb.list('accessIdentityProviders', acct);
      assert.ok(stored.every((p) => String(p.config.client_secret).startsWith('sbx-idp-secret-')));
      for (const provider of stored) {
        const one = await get<AccessIdentityProviderRecord>(`/access/identity_providers/${provider.id}`);
        assert.equal(one.status, 200);
        const { client_secret: _secret, ...config } = provider.config;
        assert.deepEqual(one.body.result, { ...provider, config });
        assert.doesNotMatch(one.text, /sbx-/);
      }
    });

    it('pages with page / per_page, filters scim_enabled, and answers 404 / 7003 / 400 like the other routes', async () => {
      const second = await get<Json[]>('/access/identity_providers?page=2&per_page=1');
      assert.deepEqual(second.body.result_info, { page: 2, per_page: 1, count: 1, total_count: 2, total_pages: 2 });
      assert.equal(second.body.result[0]?.type, 'azureAD');
      assert.deepEqual((await get<Json[]>('/access/identity_providers?page=3&per_page=1')).body.result, []);
      assert.deepEqual((await get<Json[]>('/access/identity_providers?scim_enabled=true')).body.result.map((p) => p.type), ['okta']);
      assert.deepEqual((await get<Json[]>('/access/identity_providers?scim_enabled=false')).body.result.map((p) => p.type), ['azureAD']);
      for (const query of ['per_page=0', 'per_page=1001', 'page=0', 'page=x', 'scim_enabled=maybe']) {
        const reply = await get(`/access/identity_providers?${query}`);
        assert.deepEqual([reply.status, reply.body.errors[0]?.code], [400, 1006], query);
      }
      const unknown = await get('/access/identity_providers/00000000-0000-4000-8000-000000000000');
      assert.deepEqual([unknown.status, unknown.body.errors[0]?.code], [404, 1003]);
      assert.equal((await get('/access/identity_providers/okta')).body.errors[0]?.code, 7003);
    });

    it('seeds an Okta provider in an account without risk scoring too, under an id of its own', async () => {
      const providers = (await get<Json[]>('/access/identity_providers', labs)).body.result;
      assert.deepEqual(providers.map((p) => [p.name, p.type]), [['Acme Labs Okta', 'okta'], ['Acme Labs Entra ID', 'azureAD']]);
      assert.deepEqual(sb.list('riskScoringIntegrations', labs), []);
    });
  });

  describe('reusable policies', () => {
    it('lists policies requiring or excluding seeded posture rules, one naming the Okta provider, one using none', async () => {
      const reply = await get<AccessPolicyRecord[]>('/access/policies');
      assert.equal(reply.status, 200);
      const policies = reply.body.result;
      assert.deepEqual(reply.body.result_info, { page: 1, per_page: 100, count: policies.length, total_count: policies.length, total_pages: 1 });
      assert.deepEqual(policies, sb.list('accessPolicies', acct));
      const rules = new Map(sb.list('devicePostureRules', acct).map((r) => [r.id, r]));
      for (const policy of policies) {
        assert.match(policy.id, UUID);
        assert.equal(policy.reusable, true);
        assert.ok(['allow', 'deny'].includes(policy.decision));
        for (const id of policyRuleIds(policy)) assert.ok(rules.has(id), `${policy.name} names posture rule ${id}`);
      }
      const byName = new Map(policies.map((p) => [p.name, p]));
      assert.deepEqual(policyRuleIds(byName.get('Employees on corp laptops') as AccessPolicyRecord).map((id) => rules.get(id)?.name), ['Corp laptops — CrowdStrike ZTA ≥ 60']);
      assert.deepEqual(policyRuleIds(byName.get('Contractors on managed devices') as AccessPolicyRecord).map((id) => rules.get(id)?.name), ['Contractors — CrowdStrike sensor online', 'Disk encryption on']);
      assert.deepEqual(byName.get('Block unencrypted devices')?.exclude, [{ device_posture: { integration_uid: [...rules.values()].find((r) => r.type === 'disk_encryption')?.id } }]);
      const okta = sb.list('accessIdentityProviders', acct).find((p) => p.type === 'okta');
      assert.deepEqual(byName.get('Engineering via Okta, device checked')?.include, [{ okta: { name: 'Engineering', identity_provider_id: okta?.id } }]);
      assert.deepEqual(policies.filter((p) => policyRuleIds(p).length === 0).map((p) => p.name), ['Partners by email (no device check)']);
    });

    it('pages with page / per_page (default 100, at most 1000)', async () => {
      const all = sb.list('accessPolicies', acct);
      const page = await get<AccessPolicyRecord[]>('/access/policies?page=2&per_page=2');
      assert.deepEqual(page.body.result.map((p) => p.id), all.slice(2, 4).map((p) => p.id));
      assert.deepEqual(page.body.result_info, { page: 2, per_page: 2, count: 2, total_count: all.length, total_pages: Math.ceil(all.length / 2) });
      assert.equal((await get('/access/policies?per_page=1001')).status, 400);
    });
  });

  describe('Gateway rules', () => {
    it('lists rules whose device_posture names seeded posture rules, and one HTTP rule matching a DLP profile', async () => {
      const reply = await get<GatewayRuleRecord[]>('/gateway/rules');
      assert.equal(reply.status, 200);
      const gateway = reply.body.result;
      assert.deepEqual(gateway, sb.list('gatewayRules', acct));
      assert.deepEqual(reply.body.result_info, { page: 1, per_page: 20, count: gateway.length, total_count: gateway.length });
      const rules = new Map(sb.list('devicePostureRules', acct).map((r) => [r.id, r]));
      for (const rule of gateway) {
        for (const field of ['name', 'precedence', 'enabled', 'action', 'traffic', 'filters'] as const) assert.ok(field in rule, `${rule.name}: ${field}`);
        assert.equal(rule.filters.length, 1);
        for (const id of postureIds(rule.device_posture)) assert.ok(rules.has(id), `${rule.name} checks posture rule ${id}`);
      }
      const finance = gateway.find((r) => r.name === 'Finance apps: corp laptops only');
      const corp = [...rules.values()].find((r) => r.name === 'Corp laptops — CrowdStrike ZTA ≥ 60');
      assert.equal(finance?.device_posture, `any(device_posture.checks.passed[*] in {"${corp?.id}"})`);
      assert.equal(postureIds(gateway.find((r) => r.name === 'SSH for contractors on managed devices')?.device_posture ?? '').length, 2);
      assert.match(gateway.find((r) => r.action === 'isolate')?.device_posture ?? '', /checks\.failed/);
      const dlp = gateway.filter((r) => dlpIds(r.traffic).length > 0);
      assert.equal(dlp.length, 1);
      assert.deepEqual(dlp[0]?.filters, ['http']);
      const profile = sb.profiles(acct).find((p) => p.id === dlpIds(dlp[0]?.traffic ?? '')[0]);
      assert.equal(profile?.type, 'integration', 'a seeded MIP integration profile');
      assert.ok(gateway.some((r) => r.filters[0] === 'dns' && r.device_posture === '' && dlpIds(r.traffic).length === 0), 'a rule referencing nothing');
    });
  });

  it('follows an integration to everything that uses it: rules, then policies and Gateway rules', async () => {
    const crowdstrike = sb.list('devicePostureIntegrations', acct).find((i) => i.type === 'crowdstrike_s2s');
    const rules = (await get<{ id: string; name: string; input?: Json }[]>('/devices/posture')).body.result.filter((r) => r.input?.connection_id === crowdstrike?.id);
    const ruleIds = new Set(rules.map((r) => r.id));
    const policies = (await get<AccessPolicyRecord[]>('/access/policies')).body.result.filter((p) => policyRuleIds(p).some((id) => ruleIds.has(id)));
    const gateway = (await get<GatewayRuleRecord[]>('/gateway/rules')).body.result.filter((g) => postureIds(g.device_posture).some((id) => ruleIds.has(id)));
    assert.deepEqual(rules.map((r) => r.name), ['Corp laptops — CrowdStrike ZTA ≥ 60', 'Contractors — CrowdStrike sensor online']);
    assert.deepEqual(policies.map((p) => p.name), ['Employees on corp laptops', 'Contractors on managed devices']);
    assert.deepEqual(gateway.map((g) => g.name), ['Finance apps: corp laptops only', 'SSH for contractors on managed devices']);
  });

  it('are families: planted and mutated records show in the API; items scales them; items: 0 empties them', async () => {
    const planted = sb.insert('accessPolicies', acct, { name: 'Planted', decision: 'allow', include: [{ device_posture: { integration_uid: 'dangling-rule' } }], require: [], exclude: [] });
    assert.ok((await get<Json[]>('/access/policies')).body.result.some((p) => p.id === planted.id && p.name === 'Planted'));
    const [gw] = sb.list('gatewayRules', acct);
    const mutated = sb.mutate('gatewayRules', acct, gw?.id ?? '', { device_posture: '' });
    assert.ok(Date.parse(mutated.updated_at) > Date.parse(gw?.updated_at ?? ''), 'a mutation moves updated_at');
    assert.equal((await get<GatewayRuleRecord[]>('/gateway/rules')).body.result[0]?.device_posture, '');
    const big = await startSandbox({ items: 7 });
    const none = await startSandbox({ items: 0 });
    try {
      for (const family of ['accessIdentityProviders', 'accessPolicies', 'gatewayRules'] as const) {
        assert.equal(big.list(family, big.accounts[0]?.id ?? '').length, 7, family);
        assert.deepEqual(none.list(family, none.accounts[0]?.id ?? ''), [], family);
      }
      const risks = big.list('riskScoringIntegrations', big.accounts[0]?.id ?? '');
      const providers = big.list('accessIdentityProviders', big.accounts[0]?.id ?? '');
      assert.equal(providers[0]?.id, risks[0]?.reference_id);
      assert.equal(providers[4]?.id, risks[4]?.reference_id, 'generated Okta providers link the risk integration at their position');
      const reply = await cfRequest<Json[]>(none.baseUrl, 'GET', `/accounts/${none.accounts[0]?.id}/gateway/rules`, { auth: { bearer: none.credentials.userToken } });
      assert.deepEqual([reply.status, reply.body.result], [200, []]);
    } finally {
      await Promise.all([big.close(), none.close()]);
    }
  });
});
