import * as z from 'zod';
import type { Credential } from './credentials';
import type { ApiCaller } from './types';

// What a credential is and which accounts it reaches. These run before any account is chosen, so they
// take the client and the credential rather than an AccountContext.

/**
 * A verified token (`GET …/tokens/verify`). `status` is "active", "disabled" or "expired" today; kept a
 * plain string so a new status reads as "not active" instead of failing the sign-in.
 */
export const tokenVerificationSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  expires_on: z.string().nullish(),
  not_before: z.string().nullish(),
});
export type TokenVerification = z.output<typeof tokenVerificationSchema>;

/** An account as `GET /accounts` lists it; `type` is "standard" or "enterprise" today. */
export const cloudflareAccountSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string().optional(),
  created_on: z.string().nullish(),
});
export type CloudflareAccount = z.output<typeof cloudflareAccountSchema>;

/** `GET /user/tokens/verify`: user API tokens only (account-owned tokens and Global API Keys are refused). */
export async function verifyUserToken(api: ApiCaller, credential: Credential, signal?: AbortSignal): Promise<TokenVerification> {
  const { result } = await api.call(credential, {
    method: 'GET',
    path: '/user/tokens/verify',
    result: tokenVerificationSchema,
    ...(signal ? { signal } : {}),
  });
  return result;
}

/** `GET /accounts/{id}/tokens/verify`: account-owned API tokens, which the user endpoint does not know. */
export async function verifyAccountToken(api: ApiCaller, credential: Credential, accountId: string, signal?: AbortSignal): Promise<TokenVerification> {
  const { result } = await api.call(credential, {
    method: 'GET',
    path: `/accounts/${encodeURIComponent(accountId)}/tokens/verify`,
    result: tokenVerificationSchema,
    ...(signal ? { signal } : {}),
  });
  return result;
}

/** The largest page `GET /accounts` allows. */
export const ACCOUNTS_PER_PAGE = 50;
/** 20 pages of 50: far beyond any real user, and a bound against a server that never says "last page". */
export const MAX_ACCOUNT_PAGES = 20;

export interface ListAccountsOptions {
  readonly signal?: AbortSignal;
  /** Stop after this many pages (default MAX_ACCOUNT_PAGES); what was read so far is returned. */
  readonly maxPages?: number;
}

/**
 * Every account the credential reaches, page by page. Stops when `result_info` says the last page was
 * read (`page * per_page >= total_count`), when a page comes back short or empty, or at the page cap.
 * Accounts are de-duplicated by id, since a list that changes while paging can repeat one.
 */
export async function listAccounts(api: ApiCaller, credential: Credential, options: ListAccountsOptions = {}): Promise<CloudflareAccount[]> {
  const maxPages = options.maxPages ?? MAX_ACCOUNT_PAGES;
  const byId = new Map<string, CloudflareAccount>();
  for (let page = 1; page <= maxPages; page++) {
    const { result, resultInfo } = await api.call(credential, {
      method: 'GET',
      path: '/accounts',
      query: { page, per_page: ACCOUNTS_PER_PAGE },
      result: z.array(cloudflareAccountSchema).nullish(),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const accounts = result ?? [];
    for (const account of accounts) if (!byId.has(account.id)) byId.set(account.id, account);
    const perPage = resultInfo?.per_page ?? ACCOUNTS_PER_PAGE;
    const total = resultInfo?.total_count;
    if (accounts.length < perPage) break;
    if (total !== undefined && page * perPage >= total) break;
  }
  return [...byId.values()];
}
