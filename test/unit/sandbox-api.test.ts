// The sandbox's common contract over real loopback HTTP: envelope and headers, credentials, accounts,
// routing errors, features by plan (risk scoring: enterprise only) and the read-only token.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { cfRequest, type TestAuth } from '../sandbox/fetch-json';
import { FAMILIES, startSandbox, type Sandbox, type SandboxAccount } from '../sandbox/index';

describe('sandbox API: envelope, credentials, accounts, routing', () => {
  let sb: Sandbox;
  let user: TestAuth;
  let accountToken: TestAuth;
  let globalKey: TestAuth;
  let first: string;
  let second: string;
  const get = <R = unknown>(path: string, auth: TestAuth) => cfRequest<R>(sb.baseUrl, 'GET', path, { auth });

  before(async () => {
    sb = await startSandbox({ port: 0 });
    user = { bearer: sb.credentials.userToken };
    accountToken = { bearer: sb.credentials.accountToken };
    globalKey = sb.credentials.globalKey;
    [first, second] = sb.accounts.map((a) => a.id) as [string, string];
  });
  after(() => sb.close());

  it('serves on 127.0.0.1 and seeds two accounts with 32-hex ids', () => {
    assert.match(sb.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
    assert.equal(sb.controlUrl, sb.baseUrl.replace('/client/v4', '/__sandbox'));
    assert.deepEqual(sb.accounts.map((a) => [a.name, a.type]), [['Acme Corp', 'enterprise'], ['Acme Labs', 'standard']]);
    for (const account of sb.accounts) assert.match(account.id, /^[0-9a-f]{32}$/);
    assert.equal(sb.credentials.accountTokenAccountId, first);
    assert.equal(sb.credentials.readOnlyToken, 'sandbox-readonly-token');
    assert.deepEqual(sb.accounts.map((a) => a.features), [['risk_scoring'], []]);
  });

  it('wraps results in the success envelope with JSON, a unique cf-ray and rate-limit headers', async () => {
    const a = await get(`/accounts/${first}/dlp/entries`, user);
    const b = await get(`/accounts/${first}/dlp/entries`, user);
    assert.equal(a.status, 200);
    assert.deepEqual({ ...a.body, result: null }, { success: true, errors: [], messages: [], result: null });
    assert.ok(Array.isArray(a.body.result));
    assert.equal(a.headers.get('content-type'), 'application/json');
    assert.match(a.headers.get('cf-ray') ?? '', /^[0-9a-f]{16}-SJC$/);
    assert.notEqual(a.headers.get('cf-ray'), b.headers.get('cf-ray'));
    assert.match(a.headers.get('ratelimit') ?? '', /^"default";r=\d+;t=\d+$/);
    assert.equal(a.headers.get('ratelimit-policy'), '"burst";q=1200;w=300');
  });

  it('answers 400 / 9106 without credentials and with half a Global API Key', async () => {
    for (const auth of ['none', { email: 'admin@example.com', key: '' }] as TestAuth[]) {
      const reply = await get(`/accounts/${first}/dlp/entries`, auth);
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.body.errors.map((e) => [e.code, e.message]), [[9106, 'Missing X-Auth-Key, X-Auth-Email or Authorization headers']]);
      assert.equal(reply.body.success, false);
      assert.equal(reply.body.result, null);
      assert.match(reply.headers.get('cf-ray') ?? '', /-SJC$/);
    }
  });

  it('answers 401 to unknown tokens and keys, and 400 to a malformed Authorization header', async () => {
    const token = await get(`/accounts/${first}/dlp/entries`, { bearer: 'not-a-token' });
    assert.equal(token.status, 401);
    assert.equal(token.body.errors[0]?.code, 1000);
    const key = await get(`/accounts/${first}/dlp/entries`, { email: 'admin@example.com', key: 'wrong' });
    assert.equal(key.status, 401);
    assert.equal(key.body.errors[0]?.code, 9103);
    const basic = await cfRequest(sb.baseUrl, 'GET', `/accounts/${first}/dlp/entries`, { headers: { authorization: 'Basic abc' } });
    assert.equal(basic.status, 400);
    assert.equal(basic.body.errors[0]?.code, 6111);
  });

  it('answers 403 / 10000 with a documentation_url when the credential does not reach the account', async () => {
    const reply = await get(`/accounts/${second}/zt_risk_scoring/integrations`, accountToken);
    assert.equal(reply.status, 403);
    assert.equal(reply.body.errors[0]?.code, 10000);
    assert.equal(reply.body.errors[0]?.message, 'Authentication error');
    assert.match(reply.body.errors[0]?.documentation_url ?? '', /^https:\/\/developers\.cloudflare\.com\/api\/.*risk_scoring/);
    assert.equal((await get(`/accounts/${first}/zt_risk_scoring/integrations`, accountToken)).status, 200);
    assert.equal((await get(`/accounts/${second}/devices/posture/integration`, globalKey)).status, 200);
    assert.equal((await get(`/accounts/${'0'.repeat(32)}/dlp/entries`, user)).status, 403, 'unknown account looks unreachable');
  });

  it('verifies user tokens only at /user/tokens/verify and account tokens only at their account', async () => {
    const ok = await get<{ id: string; status: string }>('/user/tokens/verify', user);
    assert.equal(ok.status, 200);
    assert.equal(ok.body.result.status, 'active');
    assert.ok(ok.body.result.id.length <= 32 && ok.body.result.id !== sb.credentials.userToken);
    assert.equal(ok.body.messages[0]?.message, 'This API Token is valid and active');
    assert.equal((await get('/user/tokens/verify', accountToken)).status, 401);
    const own = await get<{ status: string; expires_on?: string }>(`/accounts/${first}/tokens/verify`, accountToken);
    assert.equal(own.status, 200);
    assert.ok(own.body.result.expires_on && !Number.isNaN(Date.parse(own.body.result.expires_on)));
    assert.equal((await get(`/accounts/${second}/tokens/verify`, accountToken)).status, 401);
    assert.equal((await get(`/accounts/${first}/tokens/verify`, user)).status, 401);
    const key = await get('/user/tokens/verify', globalKey);
    assert.equal(key.status, 400);
    assert.equal(key.body.errors[0]?.code, 6003);
  });

  it('lists only the accounts a credential reaches', async () => {
    const all = await get<SandboxAccount[]>('/accounts', user);
    assert.deepEqual(all.body.result.map((a) => a.id), [first, second]);
    assert.ok(all.body.result.every((a) => !Object.keys(a).includes('features')), 'features are sandbox bookkeeping, not an account field');
    assert.deepEqual(all.body.result_info, { page: 1, per_page: 20, count: 2, total_count: 2 });
    assert.ok(all.body.result.every((a) => !Number.isNaN(Date.parse(a.created_on))));
    const own = await get<SandboxAccount[]>('/accounts', accountToken);
    assert.deepEqual(own.body.result.map((a) => a.id), [first]);
    assert.equal((await get<SandboxAccount[]>('/accounts', globalKey)).body.result.length, 2);
    const limited = await startSandbox({ tokens: [{ kind: 'userToken', token: 'labs-only', accountIds: [second] }] });
    try {
      const reply = await cfRequest<SandboxAccount[]>(limited.baseUrl, 'GET', '/accounts', { auth: { bearer: 'labs-only' } });
      assert.deepEqual(reply.body.result.map((a) => a.name), ['Acme Labs']);
    } finally {
      await limited.close();
    }
  });

  it('pages, filters and orders GET /accounts and rejects per_page outside 5-50', async () => {
    const many = await startSandbox({ accountCount: 7 });
    try {
      const auth = { bearer: many.credentials.userToken };
      const page2 = await cfRequest<SandboxAccount[]>(many.baseUrl, 'GET', '/accounts?page=2&per_page=5', { auth });
      assert.equal(page2.body.result.length, 2);
      assert.deepEqual(page2.body.result_info, { page: 2, per_page: 5, count: 2, total_count: 7 });
      const desc = await cfRequest<SandboxAccount[]>(many.baseUrl, 'GET', '/accounts?direction=desc&per_page=50', { auth });
      const names = desc.body.result.map((a) => a.name);
      assert.deepEqual(names, [...names].sort((a, b) => b.localeCompare(a)));
      const acme = await cfRequest<SandboxAccount[]>(many.baseUrl, 'GET', '/accounts?name=acme', { auth });
      assert.deepEqual(acme.body.result.map((a) => a.name), ['Acme Corp', 'Acme Labs']);
      const tooSmall = await cfRequest(many.baseUrl, 'GET', '/accounts?per_page=3', { auth });
      assert.equal(tooSmall.status, 400);
      assert.match(tooSmall.body.errors[0]?.message ?? '', /per_page/);
    } finally {
      await many.close();
    }
  });

  it('answers 404 / 7000 to unknown routes, 405 to wrong methods and 404 / 7003 to malformed ids', async () => {
    const unknown = await get(`/accounts/${first}/nope`, user);
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body.errors.map((e) => [e.code, e.message]), [[7000, 'No route for that URI']]);
    assert.equal((await get('/nothing-here', 'none')).body.errors[0]?.code, 7000);
    const outside = await cfRequest(sb.baseUrl.replace('/client/v4', ''), 'GET', '/accounts', { auth: user });
    assert.equal(outside.status, 404, 'a base URL without /client/v4 is not the API');
    const wrong = await cfRequest(sb.baseUrl, 'PATCH', `/accounts/${first}/zt_risk_scoring/integrations`, { auth: user, body: {} });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.body.errors[0]?.code, 10405);
    assert.equal(wrong.headers.get('allow'), 'GET, POST');
    const badAccount = await get('/accounts/acme/dlp/entries', user);
    assert.equal(badAccount.status, 404);
    assert.equal(badAccount.body.errors[0]?.code, 7003);
    assert.equal((await get(`/accounts/${first}/dlp/entries/not-a-uuid`, user)).body.errors[0]?.code, 7003);
  });

  it('rejects a malformed JSON body with 400 / 6007', async () => {
    const reply = await cfRequest(sb.baseUrl, 'POST', `/accounts/${first}/zt_risk_scoring/integrations`, { auth: user, body: '{"integration_type": "Okta",' });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.errors[0]?.code, 6007);
    const notObject = await cfRequest(sb.baseUrl, 'POST', `/accounts/${first}/zt_risk_scoring/integrations`, { auth: user, body: [1, 2] });
    assert.equal(notObject.status, 400);
    assert.match(notObject.body.errors[0]?.message ?? '', /JSON object/);
  });
});

describe('sandbox API: features by plan and the read-only token', () => {
  let sb: Sandbox;
  let corp: string;
  let labs: string;
  const FORBIDDEN_FEATURE = { success: false, errors: [{ code: 3314, message: 'Forbidden' }], messages: [], result: null };
  const SOME_UUID = '11111111-1111-4111-8111-111111111111';
  const call = <R = unknown>(method: string, path: string, auth: TestAuth, body?: unknown) => cfRequest<R>(sb.baseUrl, method, path, { auth, body });
  const readOnly = (): TestAuth => ({ bearer: sb.credentials.readOnlyToken });
  const user = (): TestAuth => ({ bearer: sb.credentials.userToken });
  /** Every risk scoring route, with a body its checks would accept. */
  const riskRoutes = (account: string): [string, string, unknown?][] => [
    ['GET', `/accounts/${account}/zt_risk_scoring/integrations`],
    ['GET', `/accounts/${account}/zt_risk_scoring/integrations/${SOME_UUID}`],
    ['GET', `/accounts/${account}/zt_risk_scoring/integrations/reference_id/some-ref`],
    ['POST', `/accounts/${account}/zt_risk_scoring/integrations`, { integration_type: 'Okta', tenant_url: 'https://labs.okta.com' }],
    ['PUT', `/accounts/${account}/zt_risk_scoring/integrations/${SOME_UUID}`, { active: true, tenant_url: 'https://labs.okta.com' }],
    ['DELETE', `/accounts/${account}/zt_risk_scoring/integrations/${SOME_UUID}`],
  ];

  before(async () => {
    sb = await startSandbox({ port: 0 });
    [corp, labs] = sb.accounts.map((a) => a.id) as [string, string];
  });
  beforeEach(() => sb.reset());
  after(() => sb.close());

  it('answers 403 / 3314 "Forbidden" on every risk scoring route of a standard account, and holds no risk data there', async () => {
    assert.equal(labs, '9b1d3f5a7c2e4b6d8f0a1c3e5b7d9f2a');
    for (const [method, path, body] of riskRoutes(labs)) {
      for (const auth of [user(), sb.credentials.globalKey]) {
        const reply = await call(method, path, auth, body);
        assert.equal(reply.status, 403, `${method} ${path}`);
        assert.deepEqual(reply.body, FORBIDDEN_FEATURE, `${method} ${path}`);
      }
    }
    assert.deepEqual(sb.list('riskScoringIntegrations', labs), [], 'nothing seeded, nothing created');
    assert.equal((await call('GET', `/accounts/${labs}/devices/posture/integration`, user())).status, 200, 'other families work');
    assert.equal((await call('GET', `/accounts/${labs}/dlp/entries`, user())).status, 200);
  });

  it('keeps risk scoring on the enterprise account', async () => {
    const list = await call<unknown[]>('GET', `/accounts/${corp}/zt_risk_scoring/integrations`, user());
    assert.equal(list.status, 200);
    assert.equal(list.body.result.length, 3);
    const created = await call('POST', `/accounts/${corp}/zt_risk_scoring/integrations`, user(), { integration_type: 'Okta', tenant_url: 'https://corp.okta.com' });
    assert.equal(created.status, 200);
  });

  it('checks reach before the feature: a token that does not reach the standard account still gets 10000', async () => {
    const reply = await call('GET', `/accounts/${labs}/zt_risk_scoring/integrations`, { bearer: sb.credentials.accountToken });
    assert.equal(reply.status, 403);
    assert.equal(reply.body.errors[0]?.code, 10000);
    assert.equal(reply.body.errors[0]?.message, 'Authentication error');
  });

  it('gives accounts added with accountCount the features of their plan', async () => {
    const many = await startSandbox({ accountCount: 4 });
    try {
      assert.deepEqual(many.accounts.map((a) => [a.name, a.type, a.features]), [
        ['Acme Corp', 'enterprise', ['risk_scoring']],
        ['Acme Labs', 'standard', []],
        ['Globex Industries', 'standard', []],
        ['Initech', 'enterprise', ['risk_scoring']],
      ]);
      const auth = { bearer: many.credentials.userToken };
      const risk = (account: SandboxAccount) => cfRequest(many.baseUrl, 'GET', `/accounts/${account.id}/zt_risk_scoring/integrations`, { auth });
      assert.deepEqual(await Promise.all(many.accounts.map(async (a) => (await risk(a)).status)), [200, 403, 403, 200]);
      assert.deepEqual((await risk(many.accounts[2] as SandboxAccount)).body, FORBIDDEN_FEATURE);
    } finally {
      await many.close();
    }
  });

  it('lets the read-only token read every account and verify as an active user token', async () => {
    const verify = await call<{ id: string; status: string }>('GET', '/user/tokens/verify', readOnly());
    assert.equal(verify.status, 200);
    assert.equal(verify.body.result.status, 'active');
    assert.notEqual(verify.body.result.id, sb.credentials.readOnlyToken);
    const accounts = await call<SandboxAccount[]>('GET', '/accounts', readOnly());
    assert.deepEqual(accounts.body.result.map((a) => a.id), [corp, labs]);
    for (const account of [corp, labs]) {
      for (const path of ['/dlp/entries', '/dlp/profiles', '/devices/posture/integration']) {
        assert.equal((await call('GET', `/accounts/${account}${path}`, readOnly())).status, 200, `${account}${path}`);
      }
    }
    const [entry] = sb.list('dlpIntegrationEntries', corp);
    const [risk] = sb.list('riskScoringIntegrations', corp);
    const [posture] = sb.list('devicePostureIntegrations', corp);
    assert.equal((await call('GET', `/accounts/${corp}/dlp/entries/${entry?.id}`, readOnly())).status, 200);
    assert.equal((await call('GET', `/accounts/${corp}/zt_risk_scoring/integrations/${risk?.id}`, readOnly())).status, 200);
    assert.equal((await call('GET', `/accounts/${corp}/zt_risk_scoring/integrations/reference_id/${risk?.reference_id}`, readOnly())).status, 200);
    assert.equal((await call('GET', `/accounts/${corp}/devices/posture/integration/${posture?.id}`, readOnly())).status, 200);
    assert.deepEqual((await call('GET', `/accounts/${labs}/zt_risk_scoring/integrations`, readOnly())).body, FORBIDDEN_FEATURE, 'reading is not enough for a missing feature');
  });

  it('refuses every write of the read-only token with 403 / 10000 "Forbidden" and the endpoint\'s API reference page', async () => {
    const [entry] = sb.list('dlpIntegrationEntries', corp);
    const [risk] = sb.list('riskScoringIntegrations', corp);
    const [posture] = sb.list('devicePostureIntegrations', corp);
    assert.ok(entry && risk && posture);
    const API = 'https://developers.cloudflare.com/api/resources/zero_trust/subresources';
    const writes: [string, string, unknown, string][] = [
      ['POST', '/dlp/entries/integration', { entry_id: entry.id, enabled: !entry.enabled }, `${API}/dlp/subresources/entries/subresources/integration/methods/create/`],
      ['PUT', `/dlp/entries/integration/${entry.id}`, { enabled: !entry.enabled }, `${API}/dlp/subresources/entries/subresources/integration/methods/update/`],
      ['DELETE', `/dlp/entries/integration/${entry.id}`, undefined, `${API}/dlp/subresources/entries/subresources/integration/methods/delete/`],
      ['PUT', `/dlp/entries/${entry.id}`, { type: 'integration', enabled: !entry.enabled }, `${API}/dlp/subresources/entries/methods/update/`],
      ['POST', '/zt_risk_scoring/integrations', { integration_type: 'Okta', tenant_url: 'https://ro.okta.com' }, `${API}/risk_scoring/subresources/integrations/methods/create/`],
      ['PUT', `/zt_risk_scoring/integrations/${risk.id}`, { active: !risk.active, tenant_url: risk.tenant_url }, `${API}/risk_scoring/subresources/integrations/methods/update/`],
      ['DELETE', `/zt_risk_scoring/integrations/${risk.id}`, undefined, `${API}/risk_scoring/subresources/integrations/methods/delete/`],
      ['POST', '/devices/posture/integration', { name: 'RO', type: 'kolide', interval: '10m', config: { client_id: 'a', client_secret: 'b' } }, `${API}/devices/subresources/posture/subresources/integrations/methods/create/`],
      ['PATCH', `/devices/posture/integration/${posture.id}`, { name: 'renamed' }, `${API}/devices/subresources/posture/subresources/integrations/methods/edit/`],
      ['DELETE', `/devices/posture/integration/${posture.id}`, undefined, `${API}/devices/subresources/posture/subresources/integrations/methods/delete/`],
    ];
    const before = FAMILIES.map((f) => sb.list(f, corp));
    for (const [method, path, body, docs] of writes) {
      const reply = await call(method, `/accounts/${corp}${path}`, readOnly(), body);
      assert.equal(reply.status, 403, `${method} ${path}`);
      assert.deepEqual(reply.body, { success: false, errors: [{ code: 10000, message: 'Forbidden', documentation_url: docs }], messages: [], result: null }, `${method} ${path}`);
    }
    assert.equal(new Set(writes.map((w) => w[3])).size, writes.length, 'one page per family and method');
    assert.deepEqual(FAMILIES.map((f) => sb.list(f, corp)), before, 'nothing was written');
    // Permission comes before the feature, the body and the id: all of these are the same 403.
    const labsCreate = await call('POST', `/accounts/${labs}/zt_risk_scoring/integrations`, readOnly(), { integration_type: 'Okta' });
    assert.deepEqual([labsCreate.status, labsCreate.body.errors[0]?.code, labsCreate.body.errors[0]?.message], [403, 10000, 'Forbidden']);
    const badBody = await cfRequest(sb.baseUrl, 'POST', `/accounts/${corp}/devices/posture/integration`, { auth: readOnly(), body: '{not json' });
    assert.equal(badBody.body.errors[0]?.code, 10000);
    assert.equal((await call('DELETE', `/accounts/${corp}/zt_risk_scoring/integrations/not-a-uuid`, readOnly())).body.errors[0]?.code, 10000);
    // The same writes with the full user token go through.
    assert.equal((await call('PATCH', `/accounts/${corp}/devices/posture/integration/${posture.id}`, user(), { name: 'renamed' })).status, 200);
  });

  it('points the unreachable-account 403 at the endpoint page too', async () => {
    const reply = await call('POST', `/accounts/${labs}/devices/posture/integration`, { bearer: sb.credentials.accountToken }, {});
    assert.equal(reply.body.errors[0]?.documentation_url, 'https://developers.cloudflare.com/api/resources/zero_trust/subresources/devices/subresources/posture/subresources/integrations/methods/create/');
  });
});
