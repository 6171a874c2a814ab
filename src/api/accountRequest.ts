import type { z } from 'zod';
import type { AccountContext, ApiRequest, ApiResponse } from './types';

/**
 * `/accounts/<account>/<route>/<id>…` with the account and every id percent-encoded; `route` is a fixed
 * literal of ours (`dlp/entries/integration`) and is left as written.
 */
export function accountPath(accountId: string, route: string, ...ids: readonly string[]): string {
  const tail = ids.map((id) => `/${encodeURIComponent(id)}`).join('');
  return `/accounts/${encodeURIComponent(accountId)}/${route}${tail}`;
}

/** One call on behalf of an account context: its credential, and its cancellation signal when it has one. */
export function callForAccount<S extends z.ZodType>(
  ctx: AccountContext, request: Omit<ApiRequest<S>, 'signal'>,
): Promise<ApiResponse<z.output<S>>> {
  return ctx.api.call(ctx.credential, ctx.signal ? { ...request, signal: ctx.signal } : request);
}
