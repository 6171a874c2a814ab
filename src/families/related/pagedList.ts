import * as z from 'zod';
import { accountPath, callForAccount } from '../../api/accountRequest';
import type { AccountContext } from '../../api/types';

/** Pages read at most, so a server that always says "more" cannot keep a used-by look-up going forever. */
const MAX_PAGES = 50;

/**
 * Every item of a `page` / `per_page` list (the Access lists). It stops on a short page or at `total_pages`; the
 * largest page Cloudflare allows keeps it to one request for almost every account.
 */
export async function listAllPages<S extends z.ZodType>(ctx: AccountContext, route: string, item: S, perPage: number): Promise<z.output<S>[]> {
  const out: z.output<S>[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { result, resultInfo } = await callForAccount(ctx, { method: 'GET', path: accountPath(ctx.accountId, route), query: { page, per_page: perPage }, result: z.array(item).nullish() });
    const items = result ?? [];
    out.push(...items);
    const totalPages = resultInfo?.total_pages;
    if (items.length < perPage || (totalPages !== undefined && page >= totalPages)) break;
  }
  return out;
}
