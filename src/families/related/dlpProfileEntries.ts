import * as z from 'zod';
import { accountPath, callForAccount } from '../../api/accountRequest';
import type { AccountContext } from '../../api/types';

// DLP profiles with the ids of the entries they hold (`entries`, deprecated but still sent) and share
// (`shared_entries`): one request answers "which profiles is this entry in" for every entry of the account.

const entryRef = z.looseObject({ id: z.string() });
export const dlpProfileEntriesSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  entries: z.array(entryRef).nullish(),
  shared_entries: z.array(entryRef).nullish(),
});
export type DlpProfileEntries = z.output<typeof dlpProfileEntriesSchema>;

export async function listDlpProfileEntries(ctx: AccountContext): Promise<DlpProfileEntries[]> {
  const { result } = await callForAccount(ctx, { method: 'GET', path: accountPath(ctx.accountId, 'dlp/profiles'), result: z.array(dlpProfileEntriesSchema).nullish() });
  return result ?? [];
}

export function profileHoldsEntry(profile: DlpProfileEntries, entryId: string): boolean {
  return [...(profile.entries ?? []), ...(profile.shared_entries ?? [])].some((entry) => entry.id === entryId);
}
