// Round trips of the resources around the integrations, with the sandbox's own HTTP answers (a small fetch
// helper, no client code): device posture rules, Access identity providers and reusable policies, Gateway
// rules, and the audit log (list, cursor paging, per-resource history, the no-audit token). Runs against an
// in-process sandbox, and again through prism's validating proxy for the contract check
// (scripts/contract-check.mjs sets CF_TEST_API_BASE and CF_TEST_SANDBOX_CONTROL), so every request here is one
// the official OpenAPI accepts: error cases that prism itself would refuse (a missing `since`, a 32-hex history
// id) are checked in test/unit/sandbox-audit.test.ts instead.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SandboxControl } from '../sandbox/control-client';
import { cfRequest, type CfReply, type TestAuth } from '../sandbox/fetch-json';
import { startSandbox, type AuditEntry, type Sandbox, type SandboxInfo } from '../sandbox/index';

type Json = Record<string, unknown>;
type AuditInfo = { count: string; cursor?: string };
type HistoryInfo = { count: number; cursor?: string; history_status: string };
type Rule = { id: string; name: string; type: string; enabled: boolean; input?: Json; match?: { platform: string }[] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const asUuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

describe('Related resources against the sandbox', () => {
  let sandbox: Sandbox | undefined;
  let base: string;
  let control: SandboxControl;
  let info: SandboxInfo;
  let acct: string;
  let user: TestAuth;
  const api = <R = Json, I = Json>(method: string, path: string, body?: unknown, as: TestAuth = user): Promise<CfReply<R, I>> =>
    cfRequest<R, I>(base, method, `/accounts/${acct}${path}`, { auth: as, body });
  const window = () => `since=${day(-60)}&before=${day(1)}`;

  before(async () => {
    const external = process.env.CF_TEST_API_BASE;
    const externalControl = process.env.CF_TEST_SANDBOX_CONTROL;
    if (external && externalControl) {
      base = external;
      control = new SandboxControl(externalControl);
    } else {
      sandbox = await startSandbox({ port: 0 });
      base = sandbox.baseUrl;
      control = new SandboxControl(sandbox.controlUrl);
    }
    await control.reset();
    info = await control.info();
    acct = info.accounts[0]?.id ?? '';
    user = { bearer: info.credentials.userToken };
  });
  after(() => sandbox?.close());

  test('device posture rules: list → create (reading an integration) → get → PUT replaces → delete {id} → 404', async () => {
    const listed = await api<Rule[]>('GET', '/devices/posture');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.result.map((r) => r.id), (await control.list('devicePostureRules', acct)).map((r) => r.id));
    assert.equal(listed.body.result_info?.total_count, listed.body.result.length);
    const integrations = await control.list('devicePostureIntegrations', acct);
    for (const rule of listed.body.result.filter((r) => typeof r.input?.connection_id === 'string')) {
      assert.equal(integrations.find((i) => i.id === rule.input?.connection_id)?.type, rule.type, rule.name);
    }
    const intune = integrations.find((i) => i.type === 'intune');
    const created = await api<Rule>('POST', '/devices/posture', {
      name: 'Contract: Intune compliant',
      type: 'intune',
      description: 'round trip',
      schedule: '5m',
      match: [{ platform: 'windows' }],
      input: { connection_id: intune?.id, compliance_status: 'compliant' },
    });
    assert.equal(created.status, 200);
    assert.match(created.body.result.id, UUID);
    assert.equal(created.body.result.enabled, true);
    const id = created.body.result.id;
    assert.deepEqual((await api('GET', `/devices/posture/${id}`)).body.result, created.body.result);
    const replaced = await api<Rule>('PUT', `/devices/posture/${id}`, { name: 'Contract: firewall', type: 'firewall', input: { operating_system: 'windows', enabled: true } });
    assert.deepEqual(replaced.body.result, { id, name: 'Contract: firewall', type: 'firewall', enabled: true, input: { operating_system: 'windows', enabled: true } });
    const deleted = await api('DELETE', `/devices/posture/${id}`);
    assert.deepEqual([deleted.status, deleted.body.result], [200, { id }]);
    const gone = await api('GET', `/devices/posture/${id}`);
    assert.deepEqual([gone.status, gone.body.success, gone.body.result], [404, false, null]);
  });

  test('device posture rules: an integration-backed type without input.connection_id is a 400 / 1004', async () => {
    const refused = await api('POST', '/devices/posture', { name: 'Contract: no connection', type: 'crowdstrike_s2s', input: {} });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.errors.map((e) => [e.code, e.source?.pointer]), [[1004, '/input/connection_id']]);
    assert.equal(refused.body.result, null);
  });

  test('Access identity providers: the Okta provider is a risk scoring integration\'s reference_id; no secret; page / per_page', async () => {
    const listed = await api<Json[], { page: number; per_page: number; total_count: number; total_pages: number }>('GET', '/access/identity_providers?page=1&per_page=50');
    assert.equal(listed.status, 200);
    assert.deepEqual([listed.body.result_info?.page, listed.body.result_info?.per_page, listed.body.result_info?.total_count], [1, 50, listed.body.result.length]);
    assert.doesNotMatch(listed.text, /client_secret/);
    const [risk] = await control.list('riskScoringIntegrations', acct);
    const okta = listed.body.result.find((p) => p.type === 'okta');
    assert.equal(okta?.id, risk?.reference_id);
    assert.ok(listed.body.result.some((p) => p.type !== 'okta'));
    const one = await api<Json>('GET', `/access/identity_providers/${String(okta?.id)}`);
    assert.deepEqual(one.body.result, okta);
    const unknown = await api('GET', '/access/identity_providers/00000000-0000-4000-8000-000000000000');
    assert.deepEqual([unknown.status, unknown.body.result], [404, null]);
  });

  test('Access reusable policies and Gateway rules name the account\'s posture rules (and a DLP profile)', async () => {
    const rules = new Set((await control.list('devicePostureRules', acct)).map((r) => r.id));
    const policies = await api<{ name: string; include: Json[]; require: Json[]; exclude: Json[] }[]>('GET', '/access/policies?page=1&per_page=100');
    assert.equal(policies.status, 200);
    const named = policies.body.result.flatMap((p) => [...p.include, ...p.require, ...p.exclude]).flatMap((s) => (s.device_posture ? [String((s.device_posture as Json).integration_uid)] : []));
    assert.ok(named.length >= 3 && named.every((id) => rules.has(id)));
    const gateway = await api<{ traffic: string; device_posture: string }[]>('GET', '/gateway/rules');
    assert.equal(gateway.status, 200);
    const ids = gateway.body.result.flatMap((g) => [...g.device_posture.matchAll(/"([0-9a-f-]{36})"/g)].map((m) => m[1] as string));
    assert.ok(ids.length >= 3 && ids.every((id) => rules.has(id)));
    const profiles = new Set((await control.profiles(acct)).map((p) => p.id));
    const dlp = gateway.body.result.filter((g) => g.traffic.startsWith('any(dlp.profiles[*] in {'));
    assert.equal(dlp.length, 1);
    assert.ok(profiles.has(/"([^"]+)"/.exec(dlp[0]?.traffic ?? '')?.[1] ?? ''));
  });

  test('audit log: a write is listed with its actor; filters, cursor paging and history by the entry\'s UUID form', async () => {
    const [rule] = await control.list('devicePostureRules', acct);
    const renamed = await api<Rule>('PUT', `/devices/posture/${rule?.id}`, { name: `${rule?.name} (contract)`, type: rule?.type, input: rule?.input, match: rule?.match });
    assert.equal(renamed.status, 200);
    const changes = await api<AuditEntry[], AuditInfo>('GET', `/logs/audit?${window()}&resource_id=${rule?.id}&action_type.not=view&direction=asc`);
    assert.equal(changes.status, 200);
    const last = changes.body.result.at(-1) as AuditEntry;
    assert.deepEqual([last.action.type, last.actor.email, last.resource.id, last.raw.cf_ray_id], ['update', 'admin@example.com', rule?.id, renamed.headers.get('cf-ray')]);
    assert.equal(changes.body.result_info?.count, String(changes.body.result.length));
    const views = await api<AuditEntry[], AuditInfo>('GET', `/logs/audit?${window()}&action_type=view&limit=5`);
    assert.ok(views.body.result.every((e) => e.action.type === 'view'));

    const everything = await api<AuditEntry[], AuditInfo>('GET', `/logs/audit?${window()}&action_type=create&action_type=update&action_type=delete&limit=1000`);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api<AuditEntry[], AuditInfo>('GET', `/logs/audit?${window()}&action_type=create&action_type=update&action_type=delete&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(page.status, 200);
      seen.push(...page.body.result.map((e) => e.id));
      cursor = page.body.result_info?.cursor;
    } while (cursor);
    assert.deepEqual(seen, everything.body.result.map((e) => e.id));

    const history = await api<AuditEntry[], HistoryInfo>('GET', `/logs/audit/${asUuid(last.id)}/history?action_time=${encodeURIComponent(last.action.time)}&${window()}&direction=asc`);
    assert.equal(history.status, 200);
    assert.deepEqual(history.body.result.map((e) => e.id), changes.body.result.map((e) => e.id));
    assert.deepEqual(history.body.result_info, { count: changes.body.result.length, history_status: 'exact' });
    const missing = await api<null, HistoryInfo>('GET', `/logs/audit/${asUuid(last.id)}/history?action_time=2020-01-01T00:00:00Z&${window()}`);
    assert.equal(missing.status, 404);
    assert.deepEqual([missing.body.success, missing.body.result_info], [false, { count: 0, history_status: 'unavailable' }]);
  });

  test('audit log: a change made behind the API\'s back is another admin\'s, from the dashboard', async () => {
    const [policy] = await control.list('accessPolicies', acct);
    await control.mutate('accessPolicies', acct, policy?.id ?? '', { name: 'Changed in the dashboard' });
    const entries = await api<AuditEntry[], AuditInfo>('GET', `/logs/audit?${window()}&resource_id=${policy?.id}&actor_context=dash&limit=1`);
    const [entry] = entries.body.result;
    assert.deepEqual([entry?.action.type, entry?.actor.email, entry?.resource.request], ['update', 'another.admin@example.com', { name: 'Changed in the dashboard' }]);
  });

  test('audit log: the no-audit token is a 403 / 10000 there, with the endpoint\'s documentation_url, and reads the rest', async () => {
    const noAudit = { bearer: info.credentials.noAuditToken };
    const refused = await api('GET', `/logs/audit?${window()}`, undefined, noAudit);
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body.errors, [{ code: 10000, message: 'Forbidden', documentation_url: 'https://developers.cloudflare.com/api/resources/accounts/subresources/logs/subresources/audit/methods/list/' }]);
    assert.equal((await api('GET', '/devices/posture', undefined, noAudit)).status, 200);
    assert.equal((await api('GET', '/access/policies', undefined, noAudit)).status, 200);
  });
});
