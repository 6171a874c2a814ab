// A small fetch wrapper for tests that talk to the sandbox API: credentials in, Cloudflare envelope out.
// Test-side helper only; the sandbox itself never uses it.

export type TestAuth = { bearer: string } | { email: string; key: string } | 'none';

/** The usual `result_info` of a list; pass another type as `cfRequest`'s second type argument (e.g. the audit log's cursor). */
export interface PageInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
}

export interface CfBody<R, I = PageInfo> {
  success: boolean;
  errors: { code: number; message: string; documentation_url?: string; source?: { pointer?: string } }[];
  messages: { code: number; message: string }[];
  result: R;
  result_info?: I;
}

export interface CfReply<R, I = PageInfo> {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; throws when the body was not JSON (use `text` for fault tests). */
  readonly body: CfBody<R, I>;
}

export interface CfRequestOptions {
  auth?: TestAuth;
  /** Sent as JSON unless it is a string (sent verbatim, for malformed-body tests). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function authHeaders(auth: TestAuth): Record<string, string> {
  if (auth === 'none') return {};
  if ('bearer' in auth) return { authorization: `Bearer ${auth.bearer}` };
  return { 'x-auth-email': auth.email, 'x-auth-key': auth.key };
}

export async function cfRequest<R = unknown, I = PageInfo>(baseUrl: string, method: string, path: string, options: CfRequestOptions = {}): Promise<CfReply<R, I>> {
  const { auth = 'none', body, headers = {}, signal } = options;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...authHeaders(auth), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    get body() {
      return JSON.parse(text) as CfBody<R, I>;
    },
  };
}
