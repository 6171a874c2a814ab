// The client against a misbehaving Cloudflare: every error class, retries that honour Retry-After, POST never
// retried, timeouts and aborts, the shared rate-limit gate, and no credential in any error. Real loopback HTTP.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { z } from 'zod';
import { CloudflareClient, type ClientOptions } from '../../src/api/client';
import { CloudflareApiError } from '../../src/api/errors';
import type { ApiRequest, RequestLogEntry } from '../../src/api/types';
import { listRiskScoringIntegrations } from '../../src/families/riskScoringIntegrations';
import { startSandbox, type Sandbox } from '../sandbox/index';

const SECRET = 'tok-never-in-errors-7f3a9c';
const RISK = '/accounts/*/zt_risk_scoring/integrations';

describe('client under faults', () => {
  let sandbox: Sandbox;
  let accountId: string;
  const clients: CloudflareClient[] = [];
  before(async () => {
    sandbox = await startSandbox({ port: 0, tokens: [{ kind: 'userToken', token: SECRET }] });
    accountId = sandbox.accounts[0]?.id ?? '';
  });
  afterEach(() => {
    sandbox.clearFaults();
    sandbox.clearRequests();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sandbox.close();
  });

  const fastRetries = { baseDelayMs: 5, maxDelayMs: 20, random: () => 0 };
  function client(options: ClientOptions = {}): CloudflareClient {
    const c = new CloudflareClient({ baseUrl: sandbox.baseUrl, retry: fastRetries, ...options });
    clients.push(c);
    return c;
  }
  const list = (c: CloudflareClient, signal?: AbortSignal) =>
    listRiskScoringIntegrations({ api: c, credential: { kind: 'token', token: SECRET }, accountId, ...(signal ? { signal } : {}) });
  const post = (c: CloudflareClient): Promise<unknown> =>
    c.call({ kind: 'token', token: SECRET }, { method: 'POST', path: `/accounts/${accountId}/zt_risk_scoring/integrations`, body: { integration_type: 'Okta', tenant_url: 'https://p.okta.com' }, result: z.unknown() } satisfies ApiRequest<z.ZodUnknown>);
  const hits = (method = 'GET') => sandbox.requests().filter((r) => r.method === method).length;

  async function failure(promise: Promise<unknown>): Promise<CloudflareApiError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof CloudflareApiError, `not a CloudflareApiError: ${String(error)}`);
      for (const text of [error.message, String(error.stack), JSON.stringify(error)]) assert.ok(!text.includes(SECRET), 'the token leaked into an error');
      return error;
    }
    assert.fail('expected a failure');
  }

  test('429 with Retry-After: waits that long, then succeeds (GET retried once)', async () => {
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    const result = await list(client());
    assert.ok(result.length > 0);
    assert.ok(Date.now() - started >= 950, `waited only ${Date.now() - started} ms`);
    assert.equal(hits(), 2);
  });

  test('a Retry-After beyond the limit is reported with its length, and the block is shared: the next call sends nothing', async () => {
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'status', status: 429, retryAfterSeconds: 300, times: 1 });
    const c = client();
    const first = await failure(list(c));
    assert.equal(first.kind, 'rateLimit');
    assert.equal(first.retryAfterSeconds, 300);
    assert.match(first.message, /retry after 300s/);
    const second = await failure(list(c));
    assert.equal(second.kind, 'rateLimit');
    assert.ok((second.retryAfterSeconds ?? 0) > 290);
    assert.equal(hits(), 1, 'the blocked call was not sent');
  });

  test('5xx is retried with backoff for GET, up to the limit', async () => {
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'status', status: 500, times: 2 });
    assert.ok((await list(client())).length > 0);
    assert.equal(hits(), 3);
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'status', status: 503, times: 0 });
    sandbox.clearRequests();
    const error = await failure(list(client({ retry: { ...fastRetries, maxRetries: 2 } })));
    assert.equal(error.kind, 'server');
    assert.equal(error.attempts, 3);
    assert.equal(hits(), 3);
  });

  test('a 502 with an HTML body is a server error that says the body was not Cloudflare JSON', async () => {
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'html', status: 502, times: 0 });
    const error = await failure(list(client({ retry: { ...fastRetries, maxRetries: 0 } })));
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 502);
    assert.match(error.message, /not Cloudflare JSON/);
  });

  test('a POST is never retried: not on 503, not on 429, not on a reset', async () => {
    for (const fault of [{ kind: 'status', status: 503 }, { kind: 'status', status: 429, retryAfterSeconds: 1 }, { kind: 'reset' }] as const) {
      sandbox.clearRequests();
      sandbox.addFault({ method: 'POST', path: RISK, times: 0, ...fault });
      await failure(post(client()));
      assert.equal(hits('POST'), 1, `POST retried after ${fault.kind}`);
      sandbox.clearFaults();
    }
  });

  test('malformed JSON, success:false on 200 and a result that breaks the schema are bad responses', async () => {
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'malformedJson', times: 1 });
    assert.equal((await failure(list(client()))).kind, 'badResponse');
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'successFalse', times: 1 });
    const refused = await failure(list(client()));
    assert.equal(refused.kind, 'badResponse');
    assert.ok(refused.code !== undefined, 'Cloudflare\'s code is named');
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'dropField', field: 'tenant_url', times: 1 });
    const broken = await failure(list(client()));
    assert.equal(broken.kind, 'badResponse');
    assert.match(broken.message, /tenant_url/);
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'extraFields', times: 1 });
    assert.ok((await list(client())).length > 0, 'unknown extra fields are tolerated');
  });

  test('a connection reset is a network error, retried for GET', async () => {
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'reset', times: 1 });
    assert.ok((await list(client())).length > 0);
    assert.equal(hits(), 2);
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'resetMidBody', times: 0 });
    const error = await failure(list(client({ retry: { ...fastRetries, maxRetries: 0 } })));
    assert.equal(error.kind, 'network');
  });

  test('no answer in time is a timeout, retried for GET, reported with its limit', async () => {
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'hang', times: 0 });
    const error = await failure(list(client({ timeoutMs: 150, retry: { ...fastRetries, maxRetries: 1 } })));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.attempts, 2);
    assert.match(error.message, /no answer within 0\.2 s|no answer within 0\.1 s|within/);
  });

  test('an abort stops the request at once and is not retried', async () => {
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'latency', latencyMs: 3000, times: 0 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(list(client(), controller.signal));
    assert.equal(error.kind, 'aborted');
    assert.ok(Date.now() - started < 2500, 'aborted before the 3 s answer would have come');
    assert.equal(hits(), 1);
  });

  test('a body over the size limit is refused without being parsed', async () => {
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'hugeBody', sizeMb: 5, times: 1 });
    const error = await failure(list(client({ maxResponseBytes: 1024 * 1024 })));
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /larger than 1 MB/);
  });

  test('every attempt is reported once for the log, without the token', async () => {
    const lines: RequestLogEntry[] = [];
    sandbox.addFault({ method: 'GET', path: RISK, kind: 'status', status: 500, times: 1 });
    await list(client({ onRequest: (e) => lines.push(e) }));
    assert.deepEqual(lines.map((l) => [l.method, l.status, l.attempt]), [['GET', 500, 1], ['GET', 200, 2]]);
    assert.ok(lines.every((l) => l.path === `/accounts/${accountId}/zt_risk_scoring/integrations` && l.cfRay && !JSON.stringify(l).includes(SECRET)));
  });
});
