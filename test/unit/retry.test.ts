import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isRetryableMethod, retryAfterSeconds } from '../../src/api/retry';

describe('retry policy', () => {
  it('never retries POST, retries the idempotent methods', () => {
    assert.equal(isRetryableMethod('POST'), false);
    for (const m of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) assert.equal(isRetryableMethod(m), true);
  });

  it('backs off exponentially from the base delay up to the cap, jitter only shortening it', () => {
    const noJitter = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0 };
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => backoffDelayMs(i, noJitter)), [100, 200, 400, 800, 1000, 1000]);
    const fullJitter = { ...noJitter, random: () => 1 };
    assert.equal(backoffDelayMs(2, fullJitter), 300); // 400 less 25 %
  });

  it('reads Retry-After in seconds and as an HTTP date', () => {
    assert.equal(retryAfterSeconds({ 'retry-after': '7' }), 7);
    assert.equal(retryAfterSeconds({ 'retry-after': '1.2' }), 2);
    const now = Date.parse('2026-11-23T10:00:00Z');
    assert.equal(retryAfterSeconds({ 'retry-after': 'Mon, 23 Nov 2026 10:00:30 GMT' }, now), 30);
  });

  it('falls back to the Ratelimit header only when no requests remain, and Retry-After wins', () => {
    assert.equal(retryAfterSeconds({ ratelimit: '"default";r=0;t=42' }), 42);
    assert.equal(retryAfterSeconds({ ratelimit: '"default";r=5;t=42' }), undefined);
    assert.equal(retryAfterSeconds({ ratelimit: '"default";r=0;t=42', 'retry-after': '3' }), 3);
    assert.equal(retryAfterSeconds({}), undefined);
  });
});
