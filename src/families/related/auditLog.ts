import * as z from 'zod';
import { accountPath, callForAccount } from '../../api/accountRequest';
import type { AccountContext } from '../../api/types';

// Audit Logs v2 (`GET /accounts/{id}/logs/audit`): `since` and `before` are required, `resource_id` filters to one
// resource, `action_type.not=view` leaves out the views (every GET is logged as one), newest first, cursor paging.
// There are no before/after fields: a change is told by its `resource.request` (what was sent) and
// `resource.response` (what the resource became). Needs Account Settings Read (zt-related.md §7).

export const AUDIT_LOG_ACCESS = { readPermission: 'Account Settings Read', writePermission: 'Account Settings Write' } as const;

/** How far back a history looks: Cloudflare keeps audit logs 18 months. */
const RETENTION_DAYS = 548;
const DAY_MS = 24 * 60 * 60 * 1000;

export const auditEntrySchema = z.looseObject({
  id: z.string(),
  action: z.looseObject({ type: z.string().optional(), description: z.string().optional(), result: z.string().optional(), time: z.string().optional() }).optional(),
  actor: z.looseObject({
    email: z.string().nullish(), type: z.string().nullish(), context: z.string().nullish(), token_name: z.string().nullish(),
  }).optional(),
  resource: z.looseObject({ id: z.string().nullish(), type: z.string().nullish(), request: z.unknown().optional(), response: z.unknown().optional() }).optional(),
  raw: z.looseObject({ method: z.string().nullish(), uri: z.string().nullish() }).optional(),
});
export type AuditEntry = z.output<typeof auditEntrySchema>;

export interface HistoryOptions {
  /** Entries at most (the newest); default 100. */
  readonly limit?: number;
  /** Per request: a lookup beside a dialog must not hold it up. */
  readonly timeoutMs?: number;
  readonly now?: Date;
}

/** `2026-11-30`: the API takes a date (an RFC 3339 time is refused by the spec). */
function dateOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The changes (no views) to one resource, newest first, following the cursor until `limit` entries. */
export async function resourceHistory(ctx: AccountContext, resourceId: string, options: HistoryOptions = {}): Promise<AuditEntry[]> {
  const now = (options.now ?? new Date()).getTime();
  const limit = options.limit ?? 100;
  const out: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const { result, resultInfo } = await callForAccount(ctx, {
      method: 'GET',
      path: accountPath(ctx.accountId, 'logs/audit'),
      // `before` is exclusive: tomorrow, so today's changes are in.
      query: { since: dateOf(now - RETENTION_DAYS * DAY_MS), before: dateOf(now + DAY_MS), resource_id: resourceId, 'action_type.not': 'view', direction: 'desc', limit: Math.min(limit - out.length, 1000), cursor },
      result: z.array(auditEntrySchema).nullish(),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    out.push(...(result ?? []));
    cursor = resultInfo?.cursor ?? resultInfo?.cursors?.after;
    if ((result ?? []).length === 0) break;
  } while (cursor && out.length < limit);
  return out;
}

/** Who made a change, as a person reads it: the e-mail, else the token's name, else the kind of actor. */
export function actorOf(entry: AuditEntry): string {
  return entry.actor?.email || (entry.actor?.token_name ? `token "${entry.actor.token_name}"` : undefined) || entry.actor?.type || 'someone';
}

/** Through which interface: the dashboard, an API token (named), a Global API Key… */
export function interfaceOf(entry: AuditEntry): string {
  const context = entry.actor?.context;
  switch (context) {
    case 'dash': return 'the dashboard';
    case 'api_token': return entry.actor?.token_name ? `the API (token "${entry.actor.token_name}")` : 'the API (token)';
    case 'api_key': return 'the API (Global API Key)';
    case 'oauth': return 'OAuth';
    case 'origin_ca_key': return 'the API (Origin CA key)';
    default: return context || 'an unknown interface';
  }
}
