// The sandbox's common contract over real loopback HTTP: envelope and headers, credentials, accounts,
// routing errors.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { cfRequest, type TestAuth } from '../sandbox/fetch-json';
import { startSandbox, type Sandbox, type SandboxAccount } from '../sandbox/index';

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
    assert.equal((await get(`/accounts/${second}/zt_risk_scoring/integrations`, globalKey)).status, 200);
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
