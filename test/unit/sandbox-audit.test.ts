// The audit log over HTTP: the entries the sandbox writes for its own writes (and views), for changes made
// through the state helpers and the control API ("another admin" in the dashboard), the seeded history; the
// since / before window, filters, cursor paging, per-resource history, and the no-audit token's 403.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SandboxControl } from '../sandbox/control-client';
import { cfRequest, type TestAuth } from '../sandbox/fetch-json';
import { startSandbox, type AuditEntry, type Sandbox } from '../sandbox/index';

type Json = Record<string, unknown>;
type AuditInfo = { count: string; cursor?: string };
type HistoryInfo = { count: number; cursor?: string; history_status: string };
const SECONDS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DOCS = 'https://developers.cloudflare.com/api/resources/accounts/subresources/logs/subresources/audit/methods';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** A window that holds everything the sandbox logs: the seeded history (≤ 30 days back) to today. */
const WINDOW = () => `since=${day(-60)}&before=${day(1)}`;
const asUuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

describe('sandbox audit log', () => {
  let sb: Sandbox;
  let auth: TestAuth;
  let acct: string;
  let labs: string;
  const call = <R = Json>(method: string, path: string, body?: unknown, as: TestAuth = auth, account = acct) =>
    cfRequest<R>(sb.baseUrl, method, `/accounts/${account}${path}`, { auth: as, body });
  const audit = (query: string, as: TestAuth = auth, account = acct) => cfRequest<AuditEntry[], AuditInfo>(sb.baseUrl, 'GET', `/accounts/${account}/logs/audit?${query}`, { auth: as });
  const changesOf = async (resourceId: string) => (await audit(`${WINDOW()}&resource_id=${resourceId}&action_type.not=view&direction=asc`)).body.result;

  before(async () => {
    sb = await startSandbox();
    auth = { bearer: sb.credentials.userToken };
    [acct, labs] = sb.accounts.map((a) => a.id) as [string, string];
  });
  beforeEach(() => sb.reset());
  after(() => sb.close());

  it('records a create, an update and a delete through the API with actor, action, resource and raw', async () => {
    const crowdstrike = sb.list('devicePostureIntegrations', acct).find((i) => i.type === 'crowdstrike_s2s');
    const body = { name: 'Audited rule', type: 'crowdstrike_s2s', input: { connection_id: crowdstrike?.id, overall: '70', operator: '>=' } };
    const created = await cfRequest<Json>(sb.baseUrl, 'POST', `/accounts/${acct}/devices/posture`, { auth, body, headers: { 'user-agent': 'audit-test/1.0' } });
    const id = String(created.body.result.id);
    const updated = await call<Json>('PUT', `/devices/posture/${id}`, { name: 'Audited rule (2)', type: 'warp' });
    const deleted = await call('DELETE', `/devices/posture/${id}`);
    const entries = await changesOf(id);
    assert.deepEqual(entries.map((e) => e.action.type), ['create', 'update', 'delete']);
    const [create, update, remove] = entries as [AuditEntry, AuditEntry, AuditEntry];
    assert.match(create.id, /^[0-9a-f]{32}$/);
    assert.deepEqual(create.account, { id: acct, name: 'Acme Corp' });
    assert.deepEqual({ ...create.action, time: 'T' }, { type: 'create', result: 'success', time: 'T', description: 'Create device posture rule' });
    assert.match(create.action.time, SECONDS_Z);
    assert.ok(Math.abs(Date.parse(create.action.time) - Date.now()) < 60_000);
    assert.deepEqual({ ...create.actor, id: 'X', token_id: 'X' }, { id: 'X', email: 'admin@example.com', type: 'user', context: 'api_token', ip_address: '127.0.0.1', token_id: 'X', token_name: 'Sandbox user token' });
    assert.match(String(create.actor.token_id), /^[0-9a-f]{32}$/);
    assert.deepEqual(create.resource, { id, type: 'device_posture_rule', product: 'Zero Trust', request: body, response: created.body.result });
    assert.deepEqual(create.raw, {
      method: 'POST',
      uri: `/client/v4/accounts/${acct}/devices/posture`,
      status_code: 200,
      cf_ray_id: created.headers.get('cf-ray'),
      user_agent: 'audit-test/1.0',
    });
    assert.deepEqual(update.resource.request, { name: 'Audited rule (2)', type: 'warp' });
    assert.deepEqual(update.resource.response, updated.body.result);
    assert.deepEqual([update.raw.method, update.raw.uri, update.raw.cf_ray_id], ['PUT', `/client/v4/accounts/${acct}/devices/posture/${id}`, updated.headers.get('cf-ray')]);
    assert.deepEqual(remove.resource, { id, type: 'device_posture_rule', product: 'Zero Trust', response: { id } });
    assert.equal(remove.raw.cf_ray_id, deleted.headers.get('cf-ray'));
    assert.equal(update.actor.email, 'admin@example.com');
  });

  it('records writes of every family, never a secret, and nothing for a refused write', async () => {
    const risk = await call<Json>('POST', '/zt_risk_scoring/integrations', { integration_type: 'Okta', tenant_url: 'https://audit.okta.com' });
    await call('PUT', `/zt_risk_scoring/integrations/${risk.body.result.id}`, { active: false, tenant_url: 'https://audit.okta.com' });
    await call('DELETE', `/zt_risk_scoring/integrations/${risk.body.result.id}`);
    assert.deepEqual((await changesOf(String(risk.body.result.id))).map((e) => [e.action.type, e.resource.type, e.action.description]), [
      ['create', 'risk_scoring_integration', 'Create risk scoring integration'],
      ['update', 'risk_scoring_integration', 'Update risk scoring integration'],
      ['delete', 'risk_scoring_integration', 'Delete risk scoring integration'],
    ]);
    const posture = await call<Json>('POST', '/devices/posture/integration', { name: 'Audit Kolide', type: 'kolide', interval: '10m', config: { client_id: 'k', client_secret: 'audit-secret-1' } });
    const patched = await call<Json>('PATCH', `/devices/posture/integration/${posture.body.result.id}`, { config: { client_id: 'k2', client_secret: 'audit-secret-2' } });
    const postureEntries = await changesOf(String(posture.body.result.id));
    assert.deepEqual(postureEntries.map((e) => [e.action.type, e.raw.method]), [['create', 'POST'], ['update', 'PATCH']]);
    assert.deepEqual(postureEntries[1]?.resource.request, { config: { client_id: 'k2', client_secret: '[redacted]' } });
    assert.deepEqual(postureEntries[1]?.resource.response, patched.body.result);
    const [entry] = sb.list('dlpIntegrationEntries', acct);
    await call('POST', '/dlp/entries/integration', { entry_id: entry?.id, enabled: !entry?.enabled });
    await call('PUT', `/dlp/entries/integration/${entry?.id}`, { enabled: Boolean(entry?.enabled) });
    const dlp = (await changesOf(entry?.id ?? '')).filter((e) => e.actor.context === 'api_token' && Date.parse(e.action.time) > Date.now() - 60_000);
    assert.deepEqual(dlp.map((e) => [e.action.type, e.raw.method, e.resource.request]), [['update', 'POST', { entry_id: entry?.id, enabled: !entry?.enabled }], ['update', 'PUT', { enabled: Boolean(entry?.enabled) }]]);

    const log = await audit(`${WINDOW()}&limit=1000`);
    assert.doesNotMatch(log.text, /audit-secret|sbx-/, 'no secret in any entry');
    const changeCount = (await audit(`${WINDOW()}&limit=1000&action_type.not=view`)).body.result.length;
    assert.equal((await call('POST', '/devices/posture', { name: 'no input', type: 'intune' })).status, 400);
    assert.equal((await call('POST', '/devices/posture', { name: 'x', type: 'warp' }, { bearer: sb.credentials.readOnlyToken })).status, 403);
    assert.equal((await audit(`${WINDOW()}&limit=1000&action_type.not=view`)).body.result.length, changeCount, 'refused writes leave no entry');
  });

  it('records GETs as views (a list without a resource id, a get with one); action_type.not=view leaves them out', async () => {
    const [rule] = sb.list('devicePostureRules', acct);
    const list = await call('GET', '/devices/posture');
    await call('GET', `/devices/posture/${rule?.id}`);
    await call('GET', '/access/policies');
    const views = (await audit(`${WINDOW()}&action_type=view&direction=asc`)).body.result;
    assert.deepEqual(views.map((e) => [e.action.description, e.resource.id ?? null]), [['View device posture rule', null], ['View device posture rule', rule?.id], ['View Access policy', null]]);
    assert.equal(views[0]?.raw.cf_ray_id, list.headers.get('cf-ray'));
    assert.ok(views.every((e) => e.resource.request === undefined && e.resource.response === undefined && e.raw.method === 'GET'));
    const notViews = (await audit(`${WINDOW()}&action_type.not=view&limit=1000`)).body.result;
    assert.ok(notViews.length > 0 && notViews.every((e) => e.action.type !== 'view'));
    const changes = (await audit(`${WINDOW()}&action_type=create&action_type=update&action_type=delete&limit=1000`)).body.result;
    assert.deepEqual(changes.map((e) => e.id), notViews.map((e) => e.id));
    const audited = (await audit(`${WINDOW()}&limit=1000`)).body.result.length;
    assert.equal((await audit(`${WINDOW()}&limit=1000`)).body.result.length, audited, 'reading the audit log is not itself logged');
  });

  it('records changes made through the state helpers and the control API as another admin in the dashboard', async () => {
    const [rule, second] = sb.list('devicePostureRules', acct);
    sb.mutate('devicePostureRules', acct, rule?.id ?? '', { name: 'Renamed behind the client' });
    const control = new SandboxControl(sb.controlUrl);
    await control.mutate('devicePostureIntegrations', acct, sb.list('devicePostureIntegrations', acct)[0]?.id ?? '', { name: 'Renamed in the dashboard' });
    const planted = await control.insert('accessPolicies', acct, { name: 'Planted policy', decision: 'allow', include: [], require: [], exclude: [] });
    await control.remove('devicePostureRules', acct, second?.id ?? '');

    const mutation = (await changesOf(rule?.id ?? '')).at(-1);
    assert.deepEqual(mutation?.actor, { id: mutation?.actor.id, email: 'another.admin@example.com', type: 'user', context: 'dash', ip_address: '198.51.100.23' });
    assert.deepEqual(mutation?.action.type, 'update');
    assert.deepEqual(mutation?.resource.request, { name: 'Renamed behind the client' });
    assert.equal(mutation?.resource.response?.name, 'Renamed behind the client');
    assert.deepEqual([mutation?.raw.method, mutation?.raw.uri, mutation?.raw.status_code], ['PUT', `/client/v4/accounts/${acct}/devices/posture/${rule?.id}`, 200]);
    assert.match(mutation?.raw.cf_ray_id ?? '', /^[0-9a-f]{16}-DFW$/);
    const integration = (await changesOf(sb.list('devicePostureIntegrations', acct)[0]?.id ?? '')).at(-1);
    assert.deepEqual([integration?.actor.context, integration?.raw.method, integration?.resource.request], ['dash', 'PATCH', { name: 'Renamed in the dashboard' }]);
    const create = (await changesOf(planted.id)).at(-1);
    assert.deepEqual([create?.action.type, create?.raw.method, create?.raw.uri, create?.actor.email], ['create', 'POST', `/client/v4/accounts/${acct}/access/policies`, 'another.admin@example.com']);
    const removal = (await changesOf(second?.id ?? '')).at(-1);
    assert.deepEqual([removal?.action.type, removal?.raw.method, removal?.resource.request, removal?.resource.response], ['delete', 'DELETE', undefined, undefined]);
    const byAdmin = (await audit(`${WINDOW()}&actor_email=another.admin@example.com&actor_context=dash&limit=1000`)).body.result;
    assert.ok(byAdmin.length >= 4 && byAdmin.every((e) => e.actor.email === 'another.admin@example.com'));
  });

  it('seeds older history for the first records of every family: the dashboard admin and the user token\'s user', async () => {
    for (const family of sb.families) {
      const first = sb.list(family, acct)[0];
      assert.ok(first, family);
      const history = await changesOf(first.id);
      assert.deepEqual(history.map((e) => [e.action.type, e.actor.email]), [['update', 'another.admin@example.com'], ['update', 'admin@example.com']], family);
      const [older, newer] = history as [AuditEntry, AuditEntry];
      const ageDays = (entry: AuditEntry) => (Date.now() - Date.parse(entry.action.time)) / 86_400_000;
      assert.ok(ageDays(older) > 29 && ageDays(older) < 32 && ageDays(newer) > 2 && ageDays(newer) < 5, family);
      assert.equal(older.resource.id, first.id);
      assert.ok(older.resource.request && older.resource.response, family);
      assert.equal(newer.actor.context, 'api_token');
    }
    const dlpFirst = sb.list('dlpIntegrationEntries', acct)[0];
    assert.deepEqual((await changesOf(dlpFirst?.id ?? ''))[0]?.resource.request, { enabled: dlpFirst?.enabled });
    const labsHistory = (await audit(`${WINDOW()}&action_type.not=view&limit=1000`, auth, labs)).body.result;
    assert.ok(labsHistory.length > 0 && labsHistory.every((e) => e.account.id === labs), 'each account has its own log');
    assert.doesNotMatch((await audit(`${WINDOW()}&limit=1000`)).text, /sbx-/);
  });

  it('requires since and before (400), takes dates or RFC 3339 times, and checks limit, direction and cursor', async () => {
    for (const query of ['', `since=${day(-1)}`, `before=${day(1)}`, `since=yesterday&before=${day(1)}`, `since=${day(-1)}&before=${day(1)}&limit=0`,
      `since=${day(-1)}&before=${day(1)}&limit=1001`, `since=${day(-1)}&before=${day(1)}&direction=up`, `since=${day(-1)}&before=${day(1)}&cursor=nonsense`,
      `since=${day(-1)}&before=${day(1)}&action_type=edit`, `since=${day(-1)}&before=${day(1)}&product_category=storage`]) {
      const reply = await audit(query);
      assert.equal(reply.status, 400, query);
      assert.equal(reply.body.success, false);
      assert.equal(reply.body.errors[0]?.code, 1006, query);
    }
    assert.match((await audit(`before=${day(1)}`)).body.errors[0]?.message ?? '', /^since: is required/);
    const seeded = (await audit(`${WINDOW()}&limit=1000`)).body.result;
    assert.ok(seeded.length > 10);
    assert.deepEqual((await audit(`since=${day(-2)}&before=${day(1)}&limit=1000`)).body.result.map((e) => e.id), seeded.filter((e) => Date.parse(e.action.time) >= Date.parse(day(-2))).map((e) => e.id), 'since');
    assert.deepEqual((await audit(`since=${day(-60)}&before=${day(-5)}&limit=1000`)).body.result.map((e) => e.id), seeded.filter((e) => Date.parse(e.action.time) < Date.parse(day(-5))).map((e) => e.id), 'before is exclusive');
    const newest = seeded[0] as AuditEntry;
    const exact = await audit(`since=${newest.action.time}&before=${new Date(Date.parse(newest.action.time) + 1000).toISOString()}`);
    assert.deepEqual(exact.body.result.map((e) => e.action.time), [newest.action.time], 'RFC 3339 times too');
    const desc = (await audit(`${WINDOW()}&limit=1000`)).body.result.map((e) => Date.parse(e.action.time));
    assert.deepEqual(desc, [...desc].sort((a, b) => b - a), 'newest first by default');
    const asc = (await audit(`${WINDOW()}&limit=1000&direction=asc`)).body.result.map((e) => e.id);
    assert.deepEqual(asc, [...seeded.map((e) => e.id)].reverse());
    const limited = await audit(`${WINDOW()}`);
    assert.equal(limited.body.result.length, Math.min(100, seeded.length), 'limit defaults to 100');
  });

  it('pages by the opaque result_info.cursor: every entry once, count as a string, no cursor on the last page', async () => {
    const all = (await audit(`${WINDOW()}&limit=1000&action_type.not=view`)).body.result.map((e) => e.id);
    for (const direction of ['desc', 'asc']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const reply = await audit(`${WINDOW()}&limit=4&action_type.not=view&direction=${direction}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(reply.status, 200);
        assert.equal(reply.body.result_info?.count, String(reply.body.result.length));
        seen.push(...reply.body.result.map((e) => e.id));
        cursor = reply.body.result_info?.cursor;
        pages++;
        // A change made while paging lands before the cursor (desc) or after the last page (asc): never twice.
        if (pages === 1) await call('PUT', `/dlp/entries/integration/${sb.list('dlpIntegrationEntries', acct)[0]?.id}`, { enabled: true });
      } while (cursor);
      const expected = direction === 'desc' ? all : [...all].reverse();
      assert.deepEqual(seen.slice(0, expected.length), expected, direction);
      assert.equal(new Set(seen).size, seen.length, 'no entry twice');
      assert.equal(pages, Math.ceil(seen.length / 4));
      sb.reset();
    }
  });

  it('filters by resource_id, id (either form), actor, raw method and product category; .not excludes', async () => {
    const [a, b] = sb.list('riskScoringIntegrations', acct);
    const both = (await audit(`${WINDOW()}&resource_id=${a?.id}&resource_id=${b?.id}&limit=1000`)).body.result;
    assert.deepEqual(new Set(both.map((e) => e.resource.id)), new Set([a?.id, b?.id]));
    const one = both[0] as AuditEntry;
    assert.deepEqual((await audit(`${WINDOW()}&id=${one.id}`)).body.result.map((e) => e.id), [one.id]);
    assert.deepEqual((await audit(`${WINDOW()}&id=${asUuid(one.id)}`)).body.result.map((e) => e.id), [one.id], 'the UUID form names the same entry');
    const notA = (await audit(`${WINDOW()}&resource_id.not=${a?.id}&limit=1000`)).body.result;
    assert.ok(notA.length > 0 && notA.every((e) => e.resource.id !== a?.id));
    const user = (await audit(`${WINDOW()}&actor_email=ADMIN@example.com&limit=1000`)).body.result;
    assert.ok(user.length > 0 && user.every((e) => e.actor.email === 'admin@example.com'));
    assert.ok((await audit(`${WINDOW()}&raw_method=put&limit=1000`)).body.result.every((e) => e.raw.method === 'PUT'));
    assert.ok((await audit(`${WINDOW()}&resource_type=gateway_rule&limit=1000`)).body.result.every((e) => e.resource.product === 'Gateway'));
    const everything = (await audit(`${WINDOW()}&limit=1000`)).body.result.length;
    assert.equal((await audit(`${WINDOW()}&product_category=zerotrust&limit=1000`)).body.result.length, everything);
    // The two Access families: two seeded changes of their first record, one of their second.
    assert.equal((await audit(`${WINDOW()}&resource_product=Access&limit=1000`)).body.result.length, 6);
  });

  it('answers the history of the resource an entry names (either id form), 404 with history_status unavailable otherwise', async () => {
    const [rule] = sb.list('devicePostureRules', acct);
    await call('PUT', `/devices/posture/${rule?.id}`, { name: 'Renamed', type: rule?.type, input: rule?.input });
    await call('GET', `/devices/posture/${rule?.id}`);
    const changes = await changesOf(rule?.id ?? '');
    const source = changes.at(-1) as AuditEntry;
    const history = (query: string, id = source.id) => cfRequest<AuditEntry[], HistoryInfo>(sb.baseUrl, 'GET', `/accounts/${acct}/logs/audit/${id}/history?${query}`, { auth });
    for (const id of [source.id, asUuid(source.id)]) {
      const reply = await history(`${WINDOW()}&action_time=${source.action.time}&direction=asc`, id);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body.result.map((e) => e.id), changes.map((e) => e.id), 'creates, updates and deletes of the resource, no views');
      assert.deepEqual(reply.body.result_info, { count: changes.length, history_status: 'exact' });
    }
    const paged = await history(`${WINDOW()}&action_time=${source.action.time}&limit=1`);
    assert.deepEqual([paged.body.result.length, typeof paged.body.result_info?.cursor], [1, 'string']);
    const wrongTime = await history(`${WINDOW()}&action_time=2020-01-01T00:00:00Z`);
    assert.equal(wrongTime.status, 404);
    assert.deepEqual({ ...wrongTime.body, errors: [] }, { success: false, errors: [], messages: [], result: null, result_info: { count: 0, history_status: 'unavailable' } });
    assert.equal(wrongTime.body.errors[0]?.code, 1003);
    await call('GET', '/devices/posture');
    const view = (await audit(`${WINDOW()}&action_type=view`)).body.result[0] as AuditEntry;
    const unavailable = await history(`${WINDOW()}&action_time=${view.action.time}`, view.id);
    assert.deepEqual([unavailable.status, unavailable.body.result, unavailable.body.result_info], [200, [], { count: 0, history_status: 'unavailable' }]);
    const noTime = await history(WINDOW());
    assert.deepEqual([noTime.status, noTime.body.errors[0]?.code], [400, 1006], 'action_time is required');
    assert.equal((await history(`${WINDOW()}&action_time=${day(0)}`)).status, 400, 'action_time is a time, not a date');
    assert.equal((await history(`action_time=${source.action.time}`)).status, 400, 'since and before are required');
    const malformed = await history(`${WINDOW()}&action_time=${source.action.time}`, 'not-an-id');
    assert.deepEqual([malformed.status, malformed.body.errors[0]?.code, malformed.body.result_info?.history_status], [404, 7003, 'unavailable']);
  });

  it('refuses the no-audit token on the audit endpoints only (403 / 10000 with the endpoint\'s page)', async () => {
    const noAudit = { bearer: sb.credentials.noAuditToken };
    assert.equal(sb.credentials.noAuditToken, 'sandbox-no-audit-token');
    const list = await audit(WINDOW(), noAudit);
    assert.equal(list.status, 403);
    assert.deepEqual(list.body, { success: false, errors: [{ code: 10000, message: 'Forbidden', documentation_url: `${DOCS}/list/` }], messages: [], result: null });
    const history = await cfRequest(sb.baseUrl, 'GET', `/accounts/${acct}/logs/audit/${'a'.repeat(32)}/history?${WINDOW()}&action_time=${new Date().toISOString()}`, { auth: noAudit });
    assert.deepEqual([history.status, history.body.errors], [403, [{ code: 10000, message: 'Forbidden', documentation_url: `${DOCS}/history/` }]]);
    assert.equal((await audit('', noAudit)).status, 403, 'the permission comes before the query checks');
    // Everything else works: reads and writes of every family, in every account.
    for (const account of [acct, labs]) {
      for (const path of ['/devices/posture', '/devices/posture/integration', '/dlp/entries', '/access/identity_providers', '/access/policies', '/gateway/rules']) {
        assert.equal((await call('GET', path, undefined, noAudit, account)).status, 200, path);
      }
    }
    const created = await call<Json>('POST', '/devices/posture', { name: 'By the developer', type: 'warp' }, noAudit);
    assert.equal(created.status, 200);
    const entry = (await changesOf(String(created.body.result.id)))[0];
    assert.deepEqual([entry?.actor.email, entry?.actor.token_name], ['developer@example.com', 'Sandbox no-audit token'], 'its calls are still audited');
  });

  it('lets every other default credential read the audit log, each named as its own actor', async () => {
    const readers: [TestAuth, string | undefined, string, string][] = [
      [{ bearer: sb.credentials.readOnlyToken }, 'viewer@example.com', 'user', 'api_token'],
      [{ bearer: sb.credentials.accountToken }, undefined, 'account', 'api_token'],
      [sb.credentials.globalKey, 'admin@example.com', 'user', 'api_key'],
    ];
    for (const [as, email, type, context] of readers) {
      assert.equal((await audit(WINDOW(), as)).status, 200);
      await call('GET', '/gateway/rules', undefined, as);
      const view = (await audit(`${WINDOW()}&action_type=view`)).body.result[0];
      assert.deepEqual([view?.actor.email, view?.actor.type, view?.actor.context], [email, type, context]);
    }
    const other = await audit(WINDOW(), { bearer: sb.credentials.accountToken }, labs);
    assert.equal(other.status, 403, 'the account token reaches its own account only');
  });

  it('exposes the log and the no-audit token through the module API, the control API and the control client', async () => {
    const control = new SandboxControl(sb.controlUrl);
    const info = await control.info();
    assert.equal(info.credentials.noAuditToken, 'sandbox-no-audit-token');
    const raw = await fetch(`${sb.controlUrl}/info`).then((r) => r.json() as Promise<{ result: { credentials: Json } }>);
    assert.equal(raw.result.credentials.noAuditToken, 'sandbox-no-audit-token');
    await call('GET', '/gateway/rules');
    const viaControl = await control.audit(acct);
    assert.deepEqual(viaControl, sb.audit(acct));
    assert.equal(viaControl.at(-1)?.action.type, 'view');
    const planted = await control.insertAudit(acct, { action: { type: 'update', result: 'failure', time: `${day(-1)}T12:00:00Z`, description: 'Planted' }, actor: { email: 'ghost@example.com', type: 'user', context: 'oauth' }, resource: { id: 'planted-resource', type: 'x', product: 'Zero Trust' } });
    assert.match(planted.id, /^[0-9a-f]{32}$/);
    const found = (await audit(`${WINDOW()}&resource_id=planted-resource&action_result=failure`)).body.result;
    assert.deepEqual(found.map((e) => e.id), [planted.id]);
    assert.equal(sb.insertAudit, sb.state.insertAudit);
    const direct = sb.insertAudit(acct, { id: 'f'.repeat(32) });
    assert.equal(direct.id, 'f'.repeat(32));
    await assert.rejects(control.audit('f'.repeat(32)), /not found/);
    sb.reset();
    assert.ok(!sb.audit(acct).some((e) => e.id === planted.id), 'reset brings back the seeded log only');
  });

  const cli = join(__dirname, '../../sandbox/cli.js');
  it('prints the no-audit token with the other credentials (CLI)', { skip: !existsSync(cli) && 'out/sandbox/cli.js not built' }, async () => {
    const child = spawn(process.execPath, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!output.includes('Global API Key')) await new Promise((r) => setTimeout(r, 20));
    assert.match(output, /no-audit token: +sandbox-no-audit-token +\(all accounts, no Account Settings Read: audit log 403\)/);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
