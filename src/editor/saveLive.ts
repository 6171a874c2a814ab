import * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { cacheOf, providerOf, type Services } from '../services/services';
import { shouldConfirmApply } from '../services/settings';
import { UserCancelled } from '../ui/errors';
import { assertDocumentAccount } from './accountGuard';
import { jsonEqual, planUpdate } from './editModel';
import { parseOrBlock } from './parseOrBlock';
import { renderResource } from './render';
import type { DocumentEntry } from './resourceFileSystem';
import { SaveBlocked } from './saveErrors';
import type { LiveRef } from './uris';

/**
 * Saving a live document applies it to Cloudflare:
 * parse → validate (diagnostics; nothing sent) → nothing changed? say so → compare the server copy with the
 * base (conflict: Compare / Overwrite / Discard and reload) → confirm when asked → send only what the
 * endpoint accepts → the server's answer becomes the new base and the tree row. Any throw keeps the buffer dirty.
 */
export async function saveLiveDocument(
  services: Services, family: FamilyDescriptor, uri: vscode.Uri, ref: LiveRef, text: string, entry: DocumentEntry | undefined,
): Promise<{ text: string; base: ResourceBase }> {
  assertDocumentAccount(services, ref.accountId);
  const base = entry?.base;
  if (!base) throw new SaveBlocked('This document has no server copy to compare with; open it again from the tree.');
  const edited = parseOrBlock(services, uri, text);
  const plan = planUpdate(family, base, edited.value);
  if (plan.kind === 'problems') {
    services.diagnostics.set(uri, edited.diagnostics(plan.problems));
    throw new SaveBlocked(`The document has ${plan.problems.length} problem(s); nothing was sent. See the Problems panel.`);
  }
  services.diagnostics.delete(uri);
  if (plan.kind === 'unchanged') {
    void services.prompts.info(`No changes to apply to ${family.displayName(base)}.`);
    return { text, base };
  }

  const ctx = await services.session.context();
  const server = await family.operations.get(ctx, ref.resourceId);
  if (!jsonEqual(server, base)) {
    const resolved = await resolveConflict(services, family, uri, server);
    if (resolved === 'reloaded') throw new SaveBlocked(`Your edits were discarded; ${family.displayName(server)} was reloaded from Cloudflare.`);
  }
  if (shouldConfirmApply()) await confirmApply(services, family, base, plan.changedFields);

  const provider = providerOf(services, family.id);
  provider.setBusy(ref.resourceId, true);
  let updated: ResourceBase;
  try {
    updated = await family.operations.update(ctx, ref.resourceId, plan.body);
  } finally {
    provider.setBusy(ref.resourceId, false);
  }
  cacheOf(services, family.id).upsert(updated);
  services.log.info(`Applied ${plan.changedFields.join(', ')} to ${family.singular} ${ref.resourceId}`);
  return { text: renderResource(family, updated), base: updated };
}

async function resolveConflict(services: Services, family: FamilyDescriptor, uri: vscode.Uri, server: ResourceBase): Promise<'overwrite' | 'reloaded'> {
  const name = family.displayName(server);
  const choice = await services.prompts.modal(
    `${name} changed on Cloudflare since you opened it.`,
    'Compare shows the server copy beside your edits. Overwrite applies your edits over the newer copy. Discard and reload replaces your edits with the server copy.',
    'Compare', 'Overwrite', 'Discard and reload',
  );
  if (choice === 'Overwrite') return 'overwrite';
  if (choice === 'Discard and reload') {
    services.fs.put(uri, renderResource(family, server), server);
    cacheOf(services, family.id).upsert(server);
    setTimeout(() => void revertDocument(uri), 0);
    return 'reloaded';
  }
  if (choice === 'Compare') {
    await services.serverCopies.showDiff(renderResource(family, server), uri, `${name}: Cloudflare ↔ your edits`);
    throw new SaveBlocked('Not saved: compare the server copy with your edits, then save again to choose.');
  }
  throw new UserCancelled('Save cancelled; nothing was sent.');
}

async function confirmApply(services: Services, family: FamilyDescriptor, base: ResourceBase, fields: readonly string[]): Promise<void> {
  const account = services.session.account();
  const choice = await services.prompts.modal(
    `Apply changes to ${family.displayName(base)} in ${account?.name ?? 'Cloudflare'}?`,
    `Changed: ${fields.join(', ')}. This updates the live ${family.singular} at Cloudflare.`,
    'Apply',
  );
  if (choice !== 'Apply') throw new UserCancelled('Save cancelled; nothing was sent.');
}

/** Replaces a dirty buffer with what the file system now holds (after "Discard and reload"). */
async function revertDocument(uri: vscode.Uri): Promise<void> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!document) return;
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
