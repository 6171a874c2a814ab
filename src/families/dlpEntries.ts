import * as z from 'zod';
import type { AccountContext } from '../api/types';
import { accountPath, callForAccount } from '../api/accountRequest';
import { checkedWith } from '../api/fastCheck';
import { booleanField, readOnlyField } from './fields';

// DLP entries and profiles as Cloudflare returns them. The entries list mixes seven entry types with
// different shapes (predefined entries, for one, have no timestamps); only integration entries matter
// here, so they are checked in full and every other type only needs its `type`.

/** The profile an entry belongs to or is shared into, as GET /dlp/entries/{id} reports it. */
export const dlpEntryProfileSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
});
export type DlpEntryProfile = z.output<typeof dlpEntryProfileSchema>;

/**
 * An integration entry (`dlp_IntegrationEntry`): a Microsoft Purview sensitivity label synced by CASB.
 * Only `enabled` can change. Loose: Cloudflare adds fields over time.
 */
export const dlpIntegrationEntrySchema = z.looseObject({
  id: readOnlyField(z.string(), 'The id of the entry (uuid).'),
  name: readOnlyField(z.string(), 'The sensitivity label this entry detects.'),
  enabled: booleanField('enabled', 'Whether DLP policies detect this label. The only field that can change.'),
  created_at: readOnlyField(z.string(), 'When the entry was created.'),
  updated_at: readOnlyField(z.string(), 'When the entry was last updated.'),
  profile_id: readOnlyField(z.string().nullish(), 'The integration profile that owns the entry.'),
});
export type DlpIntegrationEntry = z.output<typeof dlpIntegrationEntrySchema>;

export const INTEGRATION_ENTRY_TYPE = 'integration';

/**
 * zod's compiled validator for dlpIntegrationEntrySchema (see fastCheck.ts): true exactly where zod accepts the item,
 * checked without zod copying it (the schema only checks, never transforms). Where it says false, zod parses the item
 * and reports why.
 */
const compiledIntegrationEntry = z.compile(dlpIntegrationEntrySchema);
const acceptIntegrationEntry = (item: unknown): boolean => compiledIntegrationEntry.validate(item);

/** Reports an integration item's problems at their own paths (a union would blur them into "Invalid input"). */
function requireCompleteIntegrationEntry(item: { type: string }, ctx: z.RefinementCtx): void {
  if (item.type !== INTEGRATION_ENTRY_TYPE || acceptIntegrationEntry(item)) return;
  const parsed = dlpIntegrationEntrySchema.safeParse(item);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
}

/** What every listed entry must have, whatever its type. */
const anyEntryShape = z.looseObject({ type: z.string() });

function isEntryShaped(item: unknown): item is z.output<typeof anyEntryShape> {
  return typeof item === 'object' && item !== null && !Array.isArray(item) && typeof (item as { type?: unknown }).type === 'string';
}

/**
 * Any DLP entry as listed: integration entries checked in full, the other types accepted as they come.
 * Checked, not copied: the list can hold tens of thousands of entries, and copying each one through a loose
 * object schema before checking it again cost a third of a refresh's validation. A malformed item is
 * described by anyEntryShape, with zod's usual messages and paths.
 */
export const dlpEntrySchema = z.custom<z.output<typeof anyEntryShape>>().superRefine((item, ctx) => {
  if (!isEntryShaped(item)) {
    for (const issue of anyEntryShape.safeParse(item).error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return;
  }
  requireCompleteIntegrationEntry(item, ctx);
});
export type DlpEntry = z.output<typeof dlpEntrySchema>;

/** GET /dlp/entries/{id}: the same union, plus the profiles the entry is in (required by the spec, tolerated if absent). */
export const dlpEntryWithProfilesSchema = z
  .looseObject({ type: z.string(), profiles: z.array(dlpEntryProfileSchema).optional() })
  .superRefine(requireCompleteIntegrationEntry);
export type DlpEntryWithProfiles = z.output<typeof dlpEntryWithProfilesSchema>;

/**
 * The integration entries among listed entries, typed. dlpEntrySchema already checked each of them in full
 * against dlpIntegrationEntrySchema (which only checks, never transforms), so they are not parsed again.
 */
export function integrationEntriesOf(entries: readonly DlpEntry[]): DlpIntegrationEntry[] {
  const out: DlpIntegrationEntry[] = [];
  for (const entry of entries) if (entry.type === INTEGRATION_ENTRY_TYPE) out.push(entry as unknown as DlpIntegrationEntry);
  return out;
}

/** A DLP profile (custom, predefined or integration); only what names a tree group is read. */
export const dlpProfileSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string().optional(),
  description: z.string().nullish(),
});
export type DlpProfile = z.output<typeof dlpProfileSchema>;

/**
 * What `z.array(dlpEntrySchema).nullish()` accepts, without zod's per-item work: every item entry-shaped, and complete
 * if it is an integration entry. An index loop, not `every`, which would skip holes that zod reads as undefined.
 */
function isListedEntryList(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) return false;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (!isEntryShaped(item) || (item.type === INTEGRATION_ENTRY_TYPE && !acceptIntegrationEntry(item))) return false;
  }
  return true;
}

/**
 * The entries list: where every item passes, the list is returned as it came (zod would return an equal copy);
 * otherwise the zod schema decides and reports the issues, exactly as before.
 */
const entryListSchema = checkedWith(z.array(dlpEntrySchema).nullish(), isListedEntryList);

/** GET /accounts/{id}/dlp/entries: every entry of every type (no pagination exists). An absent result is an empty list. */
export async function listDlpEntries(ctx: AccountContext): Promise<DlpEntry[]> {
  const { result } = await callForAccount(ctx, {
    method: 'GET',
    path: accountPath(ctx.accountId, 'dlp/entries'),
    result: entryListSchema,
    reuseSameAnswer: true,
  });
  return result ?? [];
}

/** GET /accounts/{id}/dlp/profiles: every profile of the account (no pagination exists). */
export async function listDlpProfiles(ctx: AccountContext): Promise<DlpProfile[]> {
  const { result } = await callForAccount(ctx, {
    method: 'GET',
    path: accountPath(ctx.accountId, 'dlp/profiles'),
    result: z.array(dlpProfileSchema).nullish(),
  });
  return result ?? [];
}
