import type { HttpMethod } from './types';

/**
 * What went wrong, in the terms a user acts on. Only `credential` says anything about the token itself:
 * - credential: 401, Cloudflare does not accept the credential at all;
 * - permission: 403, the credential is fine but lacks a permission for this endpoint (Cloudflare's 403 body
 *   links the endpoint's API page, which lists the permissions it accepts);
 * - feature: 403 with code 3314, the account does not have the product feature (an Enterprise-only feature, a
 *   missing add-on): neither the token nor the user can fix it;
 * - providerCredentials: 400 with code 2046, Cloudflare checked a third-party provider's credentials (sent in a
 *   create or a config change) and the provider refused them;
 * - notFound: 404;
 * - validation: other 400/409/422, the server refused the body;
 * - rateLimit: 429;
 * - server: 5xx;
 * - network: no usable response (refused, reset, DNS);
 * - timeout: no answer in time;
 * - aborted: the caller cancelled;
 * - badResponse: an answer that is not the Cloudflare contract (malformed JSON, success:false on 200,
 *   a result that fails the schema, a body over the size limit).
 */
export type ApiErrorKind =
  | 'credential'
  | 'permission'
  | 'feature'
  | 'providerCredentials'
  | 'notFound'
  | 'validation'
  | 'rateLimit'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'badResponse';

/** One item of Cloudflare's `errors[]`. */
export interface CloudflareErrorItem {
  readonly code: number;
  readonly message: string;
  readonly documentation_url?: string;
  readonly pointer?: string;
}

export interface ApiErrorDetails {
  readonly kind: ApiErrorKind;
  readonly method: HttpMethod;
  readonly path: string;
  readonly status?: number;
  readonly errors?: readonly CloudflareErrorItem[];
  readonly cfRay?: string;
  /** For rate limits: how long Cloudflare asked us to wait. */
  readonly retryAfterSeconds?: number;
  /** A short technical reason for failures without Cloudflare errors (e.g. "ECONNRESET"). */
  readonly reason?: string;
  readonly attempts?: number;
}

/**
 * The only error the client throws. Its message is built from Cloudflare's own code and message, the
 * status, method and path; it is built here, from fields that never hold a credential.
 */
export class CloudflareApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly method: HttpMethod;
  readonly path: string;
  readonly status?: number;
  readonly errors: readonly CloudflareErrorItem[];
  readonly cfRay?: string;
  readonly retryAfterSeconds?: number;
  readonly reason?: string;
  readonly attempts: number;

  constructor(details: ApiErrorDetails) {
    super(formatMessage(details));
    this.name = 'CloudflareApiError';
    this.kind = details.kind;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.errors = details.errors ?? [];
    this.cfRay = details.cfRay;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.reason = details.reason;
    this.attempts = details.attempts ?? 1;
  }

  /** The first Cloudflare error code, if the server sent one. */
  get code(): number | undefined {
    return this.errors[0]?.code;
  }

  /** Same error, with the number of attempts that led to it. */
  withAttempts(attempts: number): CloudflareApiError {
    return new CloudflareApiError({ ...this.details(), attempts });
  }

  details(): ApiErrorDetails {
    return {
      kind: this.kind, method: this.method, path: this.path, status: this.status, errors: this.errors,
      cfRay: this.cfRay, retryAfterSeconds: this.retryAfterSeconds, reason: this.reason, attempts: this.attempts,
    };
  }
}

/** Cloudflare's code for "this account does not have the feature". */
export const FEATURE_NOT_AVAILABLE_CODE = 3314;
/** Cloudflare's code for "the third-party provider refused the credentials it was given". */
export const PROVIDER_CREDENTIALS_CODE = 2046;

export function kindForStatus(status: number, errors: readonly CloudflareErrorItem[] = []): ApiErrorKind {
  const codes = new Set(errors.map((e) => e.code));
  if (status === 401) return 'credential';
  if (status === 403) return codes.has(FEATURE_NOT_AVAILABLE_CODE) ? 'feature' : 'permission';
  if (status === 400 && codes.has(PROVIDER_CREDENTIALS_CODE)) return 'providerCredentials';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimit';
  if (status >= 500) return 'server';
  return 'validation';
}

const kindText: Record<ApiErrorKind, string> = {
  credential: 'Cloudflare rejected the credential',
  permission: 'The token lacks a permission for this',
  feature: 'Not available on this account',
  providerCredentials: 'The provider refused the credentials',
  notFound: 'Not found',
  validation: 'Cloudflare rejected the request',
  rateLimit: 'Rate limited by Cloudflare',
  server: 'Cloudflare server error',
  network: 'Could not reach Cloudflare',
  timeout: 'Cloudflare did not answer in time',
  aborted: 'Cancelled',
  badResponse: 'Unexpected answer from Cloudflare',
};

function formatMessage(d: ApiErrorDetails): string {
  const cloudflare = (d.errors ?? []).map((e) => `${e.code}: ${e.message}${e.pointer ? ` (at ${e.pointer})` : ''}`);
  const parts = [cloudflare.length ? cloudflare.join('; ') : (d.reason ?? kindText[d.kind])];
  const where = `${d.method} ${d.path}`;
  const status = d.status !== undefined ? `HTTP ${d.status}` : undefined;
  const wait = d.retryAfterSeconds !== undefined ? `retry after ${d.retryAfterSeconds}s` : undefined;
  const ray = d.cfRay ? `cf-ray ${d.cfRay}` : undefined;
  const tail = [status, where, wait, ray].filter((x): x is string => x !== undefined).join(', ');
  const lead = cloudflare.length || d.reason ? `${kindText[d.kind]}: ${parts[0]}` : kindText[d.kind];
  return `${lead} (${tail})`;
}
