import type { HttpMethod } from './types';

export interface RetryPolicy {
  /** Retries after the first attempt (so attempts = maxRetries + 1). */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the caller is told how long instead. */
  readonly maxRetryAfterMs: number;
  /** Source of jitter; injectable so tests are deterministic. */
  readonly random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
};

/**
 * A POST is never retried: Cloudflare has no idempotency key, so a retried create can duplicate an
 * integration. Every other method here is idempotent at Cloudflare.
 */
export function isRetryableMethod(method: HttpMethod): boolean {
  return method !== 'POST';
}

/** Capped exponential backoff, with up to 25 % taken off at random so parallel callers spread out. */
export function backoffDelayMs(retryIndex: number, policy: RetryPolicy): number {
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.round(capped * (1 - 0.25 * policy.random()));
}

type HeaderValue = string | string[] | undefined;
export type ResponseHeaders = Readonly<Record<string, HeaderValue>>;

function firstHeader(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Seconds Cloudflare asks us to wait: `Retry-After` (seconds or an HTTP date) wins; otherwise the
 * IETF-draft `Ratelimit: "default";r=0;t=30` header when no requests remain.
 */
export function retryAfterSeconds(headers: ResponseHeaders, nowMs: number = Date.now()): number | undefined {
  const retryAfter = firstHeader(headers, 'retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter));
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - nowMs) / 1000));
  }
  const ratelimit = firstHeader(headers, 'ratelimit');
  if (ratelimit) {
    const remaining = /(?:^|;)\s*r=(\d+)/.exec(ratelimit)?.[1];
    const reset = /(?:^|;)\s*t=(\d+)/.exec(ratelimit)?.[1];
    if (remaining === '0' && reset !== undefined) return Number(reset);
  }
  return undefined;
}

/** Why a sleep ended early: the signal's own reason when it is an Error, else a plain "aborted". */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}

/** Sleeps, but wakes early (rejecting) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
