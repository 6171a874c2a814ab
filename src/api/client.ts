import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { validateBaseUrl, DEFAULT_BASE_URL } from './baseUrl';
import { authHeaders, secretsOf, type Credential } from './credentials';
import { createDispatcher } from './dispatcher';
import { LARGE_BODY_BYTES, nextTurn, readLimited } from './responseBody';
import { describeIssues, parseEnvelope, type Envelope } from './envelope';
import { CloudflareApiError, kindForStatus, type CloudflareErrorItem } from './errors';
import { RateLimitGate } from './rateLimitGate';
import { RequestScheduler } from './requestScheduler';
import { scrubSecrets } from './redact';
import { SameAnswers } from './sameAnswers';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isRetryableMethod, retryAfterSeconds, sleep, type RetryPolicy } from './retry';
import type { ApiCaller, ApiRequest, ApiResponse, RequestLogEntry } from './types';

export interface ClientOptions {
  /** Default `https://api.cloudflare.com/client/v4`; plain http only for loopback. */
  readonly baseUrl?: string;
  readonly proxyUrl?: string;
  /** Per attempt. Default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Bodies above this are refused rather than parsed (a hostile or broken server cannot exhaust memory). */
  readonly maxResponseBytes?: number;
  readonly userAgent?: string;
  /** Called once per attempt with facts that are safe to log. */
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /** Injected by tests so they do not sleep for real. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly rateLimitGate?: RateLimitGate;
  /** Shared by every client the extension builds, so a settings change does not reset the queue. */
  readonly scheduler?: RequestScheduler;
  readonly dispatcher?: Dispatcher;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Requests in flight at once, across every account and view (setting `cloudflareZt.maxConcurrentRequests`). */
export const DEFAULT_CONCURRENT_REQUESTS = 6;
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** The one HTTP client every family uses: envelope, validation, typed errors, retries, rate-limit sharing. */
export class CloudflareClient implements ApiCaller {
  readonly baseUrl: string;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly policy: RetryPolicy;
  private readonly gate: RateLimitGate;
  private readonly scheduler: RequestScheduler;
  private dispatcher: Dispatcher | undefined;
  private readonly sameAnswers = new SameAnswers();

  constructor(private readonly options: ClientOptions = {}) {
    this.baseUrl = validateBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    const url = new URL(this.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.gate = options.rateLimitGate ?? new RateLimitGate();
    this.scheduler = options.scheduler ?? new RequestScheduler(DEFAULT_CONCURRENT_REQUESTS);
    this.dispatcher = options.dispatcher;
  }

  async call<S extends z.ZodType>(credential: Credential, request: ApiRequest<S>): Promise<ApiResponse<z.output<S>>> {
    const gateKey = RateLimitGate.keyOf(credential);
    const wait = this.options.sleep ?? sleep;
    for (let attempt = 1; ; attempt++) {
      try {
        // A slot first, then the gate: a request that waits out a Retry-After holds its slot, so the queue
        // behind it cannot slip past the block either.
        return await this.scheduler.run(async () => {
          await this.waitForGate(gateKey, request, wait, attempt);
          try {
            return await this.attempt(credential, request, attempt);
          } catch (error) {
            // Blocked before the slot is handed on: the next request in the queue must already see the gate shut.
            if (error instanceof CloudflareApiError && error.kind === 'rateLimit' && error.retryAfterSeconds !== undefined) this.gate.block(gateKey, error.retryAfterSeconds);
            throw error;
          }
        }, request.signal).catch((error: unknown) => {
          throw request.signal?.aborted && !(error instanceof CloudflareApiError) ? this.aborted(request, attempt) : error;
        });
      } catch (caught) {
        // A 429 has already shut the gate, inside its slot (above).
        const error = caught instanceof CloudflareApiError ? caught : this.unexpected(request, caught);
        const delay = this.retryDelay(error, request, attempt);
        if (delay === undefined) throw error.withAttempts(attempt);
        try {
          await wait(delay, request.signal);
        } catch {
          throw this.aborted(request, attempt);
        }
      }
    }
  }

  forgetAnswers(): void {
    this.sameAnswers.clear();
  }

  /** Closes pooled connections (extension deactivation, tests). */
  async close(): Promise<void> {
    this.sameAnswers.clear();
    await this.dispatcher?.close();
    this.dispatcher = undefined;
  }

  private async waitForGate(key: string, request: ApiRequest<z.ZodType>, wait: (ms: number, signal?: AbortSignal) => Promise<void>, attempt: number): Promise<void> {
    const ms = this.gate.waitMs(key);
    if (ms === 0) return;
    if (ms > this.policy.maxRetryAfterMs) {
      // Nothing was sent: tell the caller how long the block lasts instead of queueing for minutes.
      throw new CloudflareApiError({
        kind: 'rateLimit', method: request.method, path: request.path, retryAfterSeconds: Math.ceil(ms / 1000),
        reason: 'Cloudflare rate limit in effect for this account; request not sent', attempts: attempt,
      });
    }
    try {
      await wait(ms, request.signal);
    } catch {
      throw this.aborted(request, attempt);
    }
  }

  private retryDelay(error: CloudflareApiError, request: ApiRequest<z.ZodType>, attempt: number): number | undefined {
    if (!isRetryableMethod(request.method) || attempt > this.policy.maxRetries) return undefined;
    switch (error.kind) {
      case 'rateLimit': {
        if (error.retryAfterSeconds === undefined) return backoffDelayMs(attempt - 1, this.policy);
        const ms = error.retryAfterSeconds * 1000;
        return ms <= this.policy.maxRetryAfterMs ? ms : undefined;
      }
      case 'server':
      case 'network':
      case 'timeout':
        return backoffDelayMs(attempt - 1, this.policy);
      default:
        return undefined;
    }
  }

  private async attempt<S extends z.ZodType>(credential: Credential, request: ApiRequest<S>, attempt: number): Promise<ApiResponse<z.output<S>>> {
    if (request.signal?.aborted) throw this.aborted(request, attempt);
    const secrets = secretsOf(credential);
    const controller = new AbortController();
    let timedOut = false;
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forwardAbort = (): void => controller.abort();
    request.signal?.addEventListener('abort', forwardAbort, { once: true });
    const started = performance.now();
    let status: number | undefined;
    let cfRay: string | undefined;
    let failure: string | undefined;
    try {
      const response = await this.getDispatcher().request({
        origin: this.origin,
        path: this.basePath + request.path + queryString(request.query),
        method: request.method,
        headers: this.headers(credential, request.body !== undefined),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
      });
      status = response.statusCode;
      cfRay = headerValue(response.headers['cf-ray']);
      const bytes = await readLimited(response.body, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
      if (bytes === undefined) {
        throw new CloudflareApiError({
          kind: 'badResponse', method: request.method, path: request.path, status, cfRay,
          reason: `the response is larger than ${Math.round((this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES) / 1048576)} MB and was not read`,
        });
      }
      // A large list (megabytes: 10,000 items) is compared with the last one, parsed and checked in turns of their own:
      // the extension host's thread is shared by every extension, and each part alone is a stretch of ~10 ms.
      const large = bytes.length >= LARGE_BODY_BYTES;
      const reusable = request.reuseSameAnswer && request.method === 'GET' && status >= 200 && status < 300;
      if (large && reusable) await nextTurn();
      const reading = reusable ? this.sameAnswers.reading(`${request.path}${queryString(request.query)}`, request.result, bytes) : undefined;
      const same = reading?.same;
      if (same) return { result: same.result, status, ...(cfRay ? { cfRay } : {}), ...(same.resultInfo ? { resultInfo: same.resultInfo } : {}) };
      if (large) await nextTurn();
      const envelope = parseEnvelope(bytes.toString('utf8'));
      if (large) await nextTurn();
      const answer = this.interpret(request, status, response.headers, envelope, cfRay, secrets);
      reading?.keep(answer);
      return answer;
    } catch (caught) {
      if (caught instanceof CloudflareApiError) throw caught;
      if (request.signal?.aborted) throw this.aborted(request, attempt);
      if (timedOut) {
        failure = `timeout after ${timeoutMs} ms`;
        throw new CloudflareApiError({ kind: 'timeout', method: request.method, path: request.path, status, cfRay, reason: `no answer within ${Math.round(timeoutMs / 100) / 10} s` });
      }
      failure = networkReason(caught);
      throw new CloudflareApiError({ kind: 'network', method: request.method, path: request.path, status, cfRay, reason: scrubSecrets(failure, secrets) });
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', forwardAbort);
      this.options.onRequest?.({
        method: request.method, path: request.path, status, cfRay, attempt,
        durationMs: Math.round(performance.now() - started), ...(failure ? { failure } : {}),
      });
    }
  }

  private interpret<S extends z.ZodType>(
    request: ApiRequest<S>, status: number, headers: Record<string, string | string[] | undefined>,
    envelope: Envelope | undefined, cfRay: string | undefined, secrets: readonly string[],
  ): ApiResponse<z.output<S>> {
    const errors = (envelope?.errors ?? []).map((e) => scrubItem(e, secrets));
    const base = { method: request.method, path: request.path, status, cfRay } as const;
    if (status < 200 || status >= 300) {
      throw new CloudflareApiError({
        ...base, kind: kindForStatus(status, errors), errors,
        retryAfterSeconds: status === 429 || status === 503 ? retryAfterSeconds(headers) : undefined,
        reason: envelope ? undefined : `HTTP ${status} with a body that is not Cloudflare JSON`,
      });
    }
    if (!envelope) throw new CloudflareApiError({ ...base, kind: 'badResponse', reason: 'the body is not valid Cloudflare JSON' });
    if (!envelope.success) {
      throw new CloudflareApiError({ ...base, kind: 'badResponse', errors, reason: errors.length ? undefined : 'success is false with no errors' });
    }
    const parsed = request.result.safeParse(envelope.result);
    if (!parsed.success) {
      throw new CloudflareApiError({ ...base, kind: 'badResponse', reason: `the result does not match the contract (${describeIssues(parsed.error)})` });
    }
    return { result: parsed.data, status, ...(cfRay ? { cfRay } : {}), ...(envelope.resultInfo ? { resultInfo: envelope.resultInfo } : {}) };
  }

  private headers(credential: Credential, hasBody: boolean): Record<string, string> {
    return {
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'cloudflare-zt-integrations-vscode',
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...authHeaders(credential),
    };
  }

  private getDispatcher(): Dispatcher {
    this.dispatcher ??= createDispatcher({ proxyUrl: this.options.proxyUrl });
    return this.dispatcher;
  }

  private aborted(request: ApiRequest<z.ZodType>, attempt: number): CloudflareApiError {
    return new CloudflareApiError({ kind: 'aborted', method: request.method, path: request.path, attempts: attempt });
  }

  private unexpected(request: ApiRequest<z.ZodType>, caught: unknown): CloudflareApiError {
    return new CloudflareApiError({ kind: 'network', method: request.method, path: request.path, reason: networkReason(caught) });
  }
}

function queryString(query: ApiRequest<z.ZodType>['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A short reason from a low-level error: its code when it has one (ECONNRESET), else its message. */
function networkReason(caught: unknown): string {
  if (caught && typeof caught === 'object') {
    const code = (caught as { code?: unknown }).code;
    const message = (caught as { message?: unknown }).message;
    const text = typeof message === 'string' ? message : '';
    if (typeof code === 'string') return text ? `${code}: ${text}` : code;
    if (text) return text;
  }
  return 'unknown network failure';
}

function scrubItem(item: CloudflareErrorItem, secrets: readonly string[]): CloudflareErrorItem {
  return { ...item, message: scrubSecrets(item.message, secrets), ...(item.documentation_url ? { documentation_url: scrubSecrets(item.documentation_url, secrets) } : {}) };
}
