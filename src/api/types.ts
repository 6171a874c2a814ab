import type { z } from 'zod';
import type { Credential } from './credentials';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined;

/** One API call, described as data. `path` is relative to the base URL and already percent-encoded. */
export interface ApiRequest<S extends z.ZodType> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** Schema for the envelope's `result`. Use `.nullish()` where the contract allows no result. */
  readonly result: S;
  readonly signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout. */
  readonly timeoutMs?: number;
  /**
   * For a GET list whose answer is mostly the same each time (read again on refresh): when its bytes are those of the
   * last 2xx answer to the same path and schema, that answer's checked result is returned again, the same object;
   * when only some items changed in place, only those are parsed and checked (see sameAnswers.ts).
   */
  readonly reuseSameAnswer?: boolean;
}

/** `result_info` as Cloudflare sends it on paginated lists. */
export interface ResultInfo {
  readonly page?: number;
  readonly per_page?: number;
  readonly count?: number;
  readonly total_count?: number;
  readonly total_pages?: number;
  /** The next page of a cursor-paged list (audit log v2); absent on the last page. */
  readonly cursor?: string;
  readonly cursors?: { readonly after?: string };
}

export interface ApiResponse<T> {
  readonly result: T;
  readonly resultInfo?: ResultInfo;
  readonly status: number;
  readonly cfRay?: string;
}

/** One line per finished attempt, for the output channel. Never holds a credential. */
export interface RequestLogEntry {
  readonly method: HttpMethod;
  /** Path without query string or host. */
  readonly path: string;
  /** HTTP status, or undefined when no response arrived. */
  readonly status?: number;
  readonly cfRay?: string;
  readonly durationMs: number;
  readonly attempt: number;
  /** Set when the attempt failed without an HTTP response (timeout, reset, DNS...). */
  readonly failure?: string;
}

/** What every family operation needs: the shared client, who is calling, and for which account. */
export interface AccountContext {
  readonly api: ApiCaller;
  readonly credential: Credential;
  readonly accountId: string;
  readonly signal?: AbortSignal;
}

/** The narrow face of the client that operations use (lets tests and benchmarks count calls). */
export interface ApiCaller {
  call<S extends z.ZodType>(credential: Credential, request: ApiRequest<S>): Promise<ApiResponse<z.output<S>>>;
  /** Forgets the answers kept to spot what changed in the next one (reuseSameAnswer), e.g. at sign-out. */
  forgetAnswers?(): void;
}
