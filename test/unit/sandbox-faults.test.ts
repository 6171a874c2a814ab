// Scripted faults, each observed from the client's side, and the request log that records them.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { cfRequest, type TestAuth } from '../sandbox/fetch-json';
import { pathMatches } from '../sandbox/faults';
import { startSandbox, type RiskScoringIntegrationRecord, type Sandbox } from '../sandbox/index';

type Json = Record<string, unknown>;

describe('sandbox faults and request log', () => {
  let sb: Sandbox;
  let auth: TestAuth;
  let acct: string;
  const risks = () => `/accounts/${acct}/zt_risk_scoring/integrations`;
  const get = <R = Json[]>(path: string, signal?: AbortSignal) => cfRequest<R>(sb.baseUrl, 'GET', path, { auth, signal });

  before(async () => {
    sb = await startSandbox();
    auth = { bearer: sb.credentials.userToken };
    acct = sb.accounts[0]?.id ?? '';
  });
  beforeEach(() => sb.reset());
  after(() => sb.close());

  it('matches paths with * (one segment) and ** (any rest)', () => {
    assert.ok(pathMatches('/accounts/*/devices/posture/integration', '/accounts/abc/devices/posture/integration'));
    assert.ok(!pathMatches('/accounts/*/devices/posture/integration', '/accounts/abc/devices/posture/integration/1'));
    assert.ok(pathMatches('/accounts/*/**', '/accounts/abc/dlp/entries/x'));
    assert.ok(!pathMatches('/accounts/*/dlp/**', '/accounts/abc/zt_risk_scoring/integrations'));
  });

  it('status 429 carries Retry-After and r=0, once by default, then the real answer', async () => {
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/integrations', kind: 'status', status: 429, retryAfterSeconds: 7 });
    const limited = await get(risks());
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal(limited.headers.get('ratelimit'), '"default";r=0;t=7');
    assert.deepEqual([limited.body.success, limited.body.errors[0]?.code, limited.body.result], [false, 10429, null]);
    assert.equal((await get(risks())).status, 200);
    assert.deepEqual(sb.faults(), [], 'a used-up fault is gone');
  });

  it('honours times, method and insertion order; times 0 lasts until cleared', async () => {
    sb.addFault({ method: 'POST', path: '/accounts/*/zt_risk_scoring/integrations', kind: 'status', status: 500, times: 0 });
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/**', kind: 'status', status: 503, times: 2 });
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/**', kind: 'status', status: 502 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(risks())).status);
    assert.deepEqual(statuses, [503, 503, 502, 200]);
    for (let i = 0; i < 3; i++) {
      const post = await cfRequest(sb.baseUrl, 'POST', risks(), { auth, body: { integration_type: 'Okta', tenant_url: 'https://a.okta.com' } });
      assert.equal(post.status, 500);
    }
    assert.equal(sb.list('riskScoringIntegrations', acct).length, 3, 'a replaced POST never reached the handler');
    sb.clearFaults();
    assert.equal((await cfRequest(sb.baseUrl, 'POST', risks(), { auth, body: { integration_type: 'Okta', tenant_url: 'https://a.okta.com' } })).status, 200);
  });

  it('gives each status a Cloudflare-like default error, which a fault may override', async () => {
    sb.addFault({ path: '/user/tokens/verify', kind: 'status', status: 401 });
    sb.addFault({ path: '/user/tokens/verify', kind: 'status', status: 503, code: 971, message: 'Please slow down' });
    const unauthorized = await get('/user/tokens/verify');
    assert.deepEqual([unauthorized.status, unauthorized.body.errors[0]?.code, unauthorized.body.errors[0]?.message], [401, 1000, 'Invalid API Token']);
    assert.equal(unauthorized.headers.get('retry-after'), null);
    const custom = await get('/user/tokens/verify');
    assert.deepEqual([custom.status, custom.body.errors[0]?.code, custom.body.errors[0]?.message], [503, 971, 'Please slow down']);
  });

  it('afterHandler lets the write happen although the client sees the error', async () => {
    sb.addFault({ method: 'POST', path: '/accounts/*/zt_risk_scoring/integrations', kind: 'status', status: 504, afterHandler: true });
    const post = await cfRequest(sb.baseUrl, 'POST', risks(), { auth, body: { integration_type: 'Okta', tenant_url: 'https://lost.okta.com' } });
    assert.equal(post.status, 504);
    assert.ok(sb.list('riskScoringIntegrations', acct).some((r) => r.tenant_url === 'https://lost.okta.com'));
  });

  it('adds latency', async () => {
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/integrations', kind: 'latency', latencyMs: 300 });
    const started = Date.now();
    const reply = await get(risks());
    assert.ok(Date.now() - started >= 280, `took ${Date.now() - started} ms`);
    assert.equal(reply.status, 200);
  });

  it('sends malformed JSON, an HTML 502 and a 200 success:false', async () => {
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/integrations', kind: 'malformedJson' });
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/integrations', kind: 'html' });
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/integrations', kind: 'successFalse' });
    const malformed = await get(risks());
    assert.equal(malformed.status, 200);
    assert.throws(() => malformed.body, SyntaxError);
    const html = await get(risks());
    assert.equal(html.status, 502);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(html.text, /^<html>[\s\S]*502 Bad Gateway/);
    const falseSuccess = await get(risks());
    assert.equal(falseSuccess.status, 200);
    assert.equal(falseSuccess.body.success, false);
    assert.ok((falseSuccess.body.errors[0]?.code ?? 0) >= 1000);
  });

  it('resets the connection before any byte, and in the middle of the body', async () => {
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/integrations', kind: 'reset' });
    await assert.rejects(get(risks()), TypeError);
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/integrations', kind: 'resetMidBody' });
    const response = await fetch(`${sb.baseUrl}${risks()}`, { headers: { authorization: `Bearer ${sb.credentials.userToken}` } });
    assert.equal(response.status, 200, 'the headers arrived');
    await assert.rejects(response.text());
    assert.deepEqual(sb.requests().map((r) => r.status), [0, 200]);
  });

  it('hangs until the client gives up, and close() still works', async () => {
    const hanging = await startSandbox();
    try {
      hanging.addFault({ path: '/**', kind: 'hang' });
      await assert.rejects(cfRequest(hanging.baseUrl, 'GET', '/user/tokens/verify', { auth, signal: AbortSignal.timeout(300) }), /aborted|timeout/i);
      assert.equal(hanging.requests()[0]?.status, 0);
      assert.equal(hanging.requests()[0]?.fault?.kind, 'hang');
    } finally {
      await hanging.close();
    }
  });

  it('changes results: null result, extra fields, a dropped field, a huge body', async () => {
    const stored = sb.list('riskScoringIntegrations', acct);
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/integrations', kind: 'resultNull' });
    assert.equal((await get(risks())).body.result, null);
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/integrations', kind: 'extraFields' });
    const extra = await get(risks());
    assert.ok(extra.body.result.every((r) => r.x_sandbox_unknown_field !== undefined && r.id !== undefined));
    assert.deepEqual(sb.list('riskScoringIntegrations', acct), stored, 'the stored records are untouched');
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/integrations', kind: 'dropField', field: 'tenant_url' });
    const dropped = await get(risks());
    assert.ok(dropped.body.result.length === stored.length && dropped.body.result.every((r) => !('tenant_url' in r) && 'active' in r));
    sb.addFault({ path: '/accounts/*/zt_risk_scoring/integrations', kind: 'hugeBody', sizeMb: 2 });
    const huge = await get<RiskScoringIntegrationRecord[]>(risks());
    assert.ok(huge.text.length > 2 * 1024 * 1024);
    assert.deepEqual(huge.body.result.map((r) => r.id), stored.map((r) => r.id), 'still valid JSON with the real result');
  });

  it('a write wrapped in resultNull still changes the state', async () => {
    const entry = sb.list('dlpIntegrationEntries', acct)[0];
    sb.addFault({ method: 'PUT', path: '/accounts/*/dlp/entries/integration/*', kind: 'resultNull' });
    const reply = await cfRequest(sb.baseUrl, 'PUT', `/accounts/${acct}/dlp/entries/integration/${entry?.id}`, { auth, body: { enabled: !entry?.enabled } });
    assert.deepEqual([reply.status, reply.body.success, reply.body.result], [200, true, null]);
    assert.equal(sb.getResource('dlpIntegrationEntries', acct, entry?.id ?? '')?.enabled, !entry?.enabled);
  });

  it('logs each API request with its fault, without credentials; control requests are not logged', async () => {
    const fault = sb.addFault({ method: 'GET', path: '/accounts/*/devices/**', kind: 'status', status: 503 });
    await cfRequest(sb.baseUrl, 'POST', `${risks()}?trace=1`, { auth, body: { integration_type: 'Okta', tenant_url: 'https://log.okta.com' } });
    await cfRequest(sb.baseUrl, 'GET', `/accounts/${acct}/devices/posture/integration`, { auth: sb.credentials.globalKey });
    await cfRequest(sb.baseUrl, 'GET', '/accounts', { body: undefined });
    await cfRequest(sb.baseUrl, 'PUT', `/accounts/${acct}/dlp/entries/integration/${'1'.repeat(8)}`, { auth, body: 'not json' });
    await fetch(`${sb.controlUrl}/faults`);
    const log = sb.requests();
    assert.deepEqual(log.map((r) => r.seq), [1, 2, 3, 4]);
    assert.deepEqual(log[0], {
      ...log[0],
      method: 'POST',
      path: `/accounts/${acct}/zt_risk_scoring/integrations`,
      query: { trace: '1' },
      accountId: acct,
      authKind: 'token',
      body: { integration_type: 'Okta', tenant_url: 'https://log.okta.com' },
      status: 200,
    });
    assert.equal(log[0]?.fault, undefined);
    assert.deepEqual([log[1]?.authKind, log[1]?.status, log[1]?.fault], ['globalKey', 503, { id: fault.id, kind: 'status', path: fault.path, method: 'GET' }]);
    assert.deepEqual([log[2]?.authKind, log[2]?.status, log[2]?.accountId], ['none', 400, undefined]);
    assert.equal(log[3]?.body, 'not json');
    assert.ok(!Number.isNaN(Date.parse(log[0]?.time ?? '')));
    const text = JSON.stringify(log);
    for (const secret of [sb.credentials.userToken, sb.credentials.globalKey.key, sb.credentials.globalKey.email]) assert.ok(!text.includes(secret), secret);
    sb.clearRequests();
    assert.deepEqual(sb.requests(), []);
  });
});
