import type * as vscode from 'vscode';
import { CloudflareApiError } from '../api/errors';
import { actorOf, AUDIT_LOG_ACCESS, interfaceOf, resourceHistory, type AuditEntry } from '../families/related/auditLog';
import { renderJson } from '../editor/render';
import { explainFailure } from '../ui/errorText';
import { UserCancelled } from '../ui/errors';
import { shortName } from '../ui/text';
import { localTime, relativeTime } from '../ui/time';
import { resourceFromNodeOrPick } from './pickResource';
import type { PickDeps, Services } from './services';

interface EntryItem extends vscode.QuickPickItem {
  readonly entry: AuditEntry;
  readonly index: number;
}

/** What a change carried that a diff can show: the resource as it became, else what was sent. */
function afterOf(entry: AuditEntry): unknown {
  return entry.resource?.response ?? entry.resource?.request;
}

/**
 * "Show history": the resource's audit log entries, newest first (who, when, what, through which interface; views
 * left out). Choosing one with bodies opens a diff of the resource before (the previous change's answer) and after.
 * Without Account Settings Read it says so once, naming the permission.
 */
export async function showHistory(services: PickDeps & Pick<Services, 'serverCopies'>, node?: unknown): Promise<AuditEntry[]> {
  const { family, resource, accountId } = await resourceFromNodeOrPick(services, node, { title: 'Show history of…' });
  const name = shortName(family.displayName(resource));
  const accountName = services.session.accountById(accountId)?.name;
  let entries: AuditEntry[];
  try {
    entries = await resourceHistory(await services.session.context(accountId), resource.id);
  } catch (error) {
    if (!(error instanceof CloudflareApiError) || error.kind !== 'permission') throw error;
    const explained = explainFailure(error, { what: `Reading the audit log of ${accountName ?? accountId}`, action: 'read', access: AUDIT_LOG_ACCESS, ...(accountName ? { accountName } : {}) });
    void services.prompts.warning(`The history of "${name}" needs "${AUDIT_LOG_ACCESS.readPermission}". ${explained.text}`);
    return [];
  }
  if (entries.length === 0) {
    void services.prompts.info(`The audit log has no change to "${name}" in the last 18 months.`);
    return entries;
  }
  const now = new Date();
  const items: EntryItem[] = entries.map((entry, index) => {
    const time = entry.action?.time ? new Date(entry.action.time) : undefined;
    return {
      label: `${entry.action?.type ?? 'change'} by ${actorOf(entry)}`,
      description: time ? `${relativeTime(time, now)} · ${localTime(time)}` : 'time unknown',
      detail: [`through ${interfaceOf(entry)}`, entry.action?.description, entry.action?.result === 'failure' ? 'failed' : undefined, afterOf(entry) !== undefined ? 'choose to see the change' : undefined].filter(Boolean).join(' · '),
      entry,
      index,
    };
  });
  const picked = await services.prompts.pickOne(items, { title: `History of "${name}" (newest first)`, placeHolder: 'Choose a change to see what it did', matchOnDescription: true, matchOnDetail: true });
  if (!picked) throw new UserCancelled();
  const after = afterOf(picked.entry);
  if (after === undefined) return entries;
  // The resource before this change is what the previous (older) change left it as, when the log has it.
  const before = entries.slice(picked.index + 1).map(afterOf).find((body) => body !== undefined);
  await services.serverCopies.showTextDiff(
    { text: before === undefined ? '' : renderJson(before), name: `${name} (before).json` },
    { text: renderJson(after), name: `${name} (after ${picked.entry.action?.type ?? 'change'}).json` },
    `${name}: ${picked.label}`,
  );
  return entries;
}
