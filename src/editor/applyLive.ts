import type * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { confirmBeforeApply } from '../ui/settings';
import type { EditorDeps } from './editorDeps';
import { shortName } from '../ui/text';
import type { ApplyOutcome } from './applyOutcome';
import { parseForApply, reportProblems } from './checkDocument';
import { askAboutConflict } from './conflict';
import { closeDocumentTabs, openDocumentOf, replaceDocumentText } from './documents';
import { jsonEqual, planOverwrite, planUpdate, type UpdatePlan } from './editModel';
import { followRename } from './followRename';
import { liveDocumentUri } from './openDocument';
import { renderResource } from './render';
import { parseDocumentUri } from './uris';
import type { LiveRef } from './uris';

/**
 * Applies a live document to Cloudflare: check (problems → diagnostics, nothing sent) → nothing changed? say so →
 * fetch the server copy and compare it with the base (conflict: Compare / Overwrite / Discard) → send only what the
 * endpoint accepts → the server's answer becomes the base, the document and the row.
 * `text` is what the document held when the user asked to apply (already stored: see applyCommand.ts).
 */
export async function applyLive(services: EditorDeps, family: FamilyDescriptor, uri: vscode.Uri, ref: LiveRef, text: string): Promise<ApplyOutcome> {
  const entry = services.fs.entry(uri);
  const base = entry?.base;
  if (!base) return { kind: 'refused', reason: 'This document has no server copy to compare with; open it again from the tree.' };
  if (entry.readonly) return { kind: 'refused', reason: `This ${family.singular} cannot be edited here safely: the extension does not know its type. Edit it in the Cloudflare dashboard.` };
  const parsed = parseForApply(services.diagnostics, uri, text);
  if (!parsed.ok) return { kind: 'problems', messages: parsed.messages };
  const firstPlan = planUpdate(family, base, parsed.value);
  if (firstPlan.kind === 'problems') return { kind: 'problems', messages: reportProblems(services.diagnostics, uri, text, parsed.json, firstPlan.problems) };
  services.diagnostics.delete(uri);
  if (firstPlan.kind === 'unchanged') return { kind: 'unchanged' };

  const ctx = await services.session.context(ref.accountId);
  const server = await family.operations.get(ctx, ref.resourceId);
  let plan: UpdatePlan = firstPlan;
  if (!jsonEqual(server, base)) {
    // Cloudflare already holds exactly what the document says (an earlier apply whose answer was lost, or the
    // same change made elsewhere): nothing to ask and nothing to send.
    if (planOverwrite(family, server, parsed.value).kind === 'unchanged') {
      await showServerCopy(services, family, uri, server, text);
      return { kind: 'unchanged' };
    }
    const choice = await askAboutConflict(services, family, uri, server);
    if (choice === 'compare') return { kind: 'compare' };
    if (choice === 'cancel') return { kind: 'cancelled' };
    if (choice === 'discard') {
      await showServerCopy(services, family, uri, server, text);
      return { kind: 'discarded' };
    }
    plan = planOverwrite(family, server, parsed.value);
    if (plan.kind === 'problems') return { kind: 'problems', messages: reportProblems(services.diagnostics, uri, text, parsed.json, plan.problems) };
    if (plan.kind === 'unchanged') return { kind: 'unchanged' }; // checked above; kept for the type
  }
  if (confirmBeforeApply() && !(await confirm(services, family, base, plan.changedFields, services.session.accountById(ref.accountId)?.name))) return { kind: 'cancelled' };

  services.rows.setBusy(ref.accountId, family.id, ref.resourceId, true);
  let updated: ResourceBase;
  try {
    updated = await family.operations.update(ctx, ref.resourceId, plan.body);
  } finally {
    services.rows.setBusy(ref.accountId, family.id, ref.resourceId, false);
  }
  await showServerCopy(services, family, uri, updated, text);
  services.log.info(`Applied ${plan.changedFields.join(', ')} to ${family.singular} ${ref.resourceId}`);
  return { kind: 'applied', resource: updated, fields: plan.changedFields };
}

/**
 * The server copy becomes the base, the tree row and (when the user has not typed since asking to apply) the
 * document's text. Edits typed while the request ran are kept, now based on the new copy.
 */
async function showServerCopy(services: EditorDeps, family: FamilyDescriptor, uri: vscode.Uri, server: ResourceBase, appliedText: string): Promise<void> {
  const accountId = parseDocumentUri(uri)?.accountId;
  if (accountId) services.lists.put(accountId, family.id, server);
  services.diagnostics.delete(uri);
  await closeDocumentTabs(uri, 'diffs');
  services.fs.rebase(uri, server);
  const document = openDocumentOf(uri);
  if (document && (document.isDirty || document.getText() !== appliedText)) return;
  const text = renderResource(family, server);
  if (document) await replaceDocumentText(document, text);
  else services.fs.put(uri, text, server);
  // A rename shows in the tab title and the breadcrumbs at once.
  if (document && accountId) await followRename(services, uri, liveDocumentUri(family, accountId, server));
}

async function confirm(services: EditorDeps, family: FamilyDescriptor, base: ResourceBase, fields: readonly string[], accountName: string | undefined): Promise<boolean> {
  const choice = await services.prompts.modal(
    `Apply changes to "${shortName(family.displayName(base))}" in ${accountName ?? 'Cloudflare'}?`,
    `Changed: ${fields.join(', ')}. This updates the live ${family.singular} at Cloudflare.`,
    'Apply',
  );
  return choice === 'Apply';
}
