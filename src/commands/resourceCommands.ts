import * as vscode from 'vscode';
import { closeDocumentTabs, openDocumentOf } from '../editor/documents';
import { liveDocumentUri, openLiveDocument } from '../editor/openDocument';
import { renderJson } from '../editor/render';
import { toEditView } from '../editor/editModel';
import { parseDocumentUri } from '../editor/uris';
import { cacheOf, familyOf, type ConfirmDeps, type DocumentDeps, type PickDeps, type Services, type ToggleDeps } from './services';
import { usersOf } from './usersOf';
import { Refusal, UserCancelled } from '../ui/errors';
import { shortName } from '../ui/text';
import { copyToClipboard, resourceFromNodeOrPick } from './pickResource';
import { setToggle } from './toggle';

export async function openResource(services: PickDeps & DocumentDeps, node?: unknown): Promise<vscode.TextEditor> {
  const { family, resource, accountId } = await resourceFromNodeOrPick(services, node, { title: 'Open a Zero Trust integration as JSON' });
  return openLiveDocument(services, family, accountId, resource);
}

export async function copyId(services: PickDeps, node?: unknown): Promise<string> {
  const { resource } = await resourceFromNodeOrPick(services, node, { title: 'Copy the ID of…' });
  await copyToClipboard(services, resource.id, 'the ID');
  return resource.id;
}

/** Copies what the editor would show: write-only secrets are placeholders, never values. */
export async function copyJson(services: PickDeps, node?: unknown): Promise<string> {
  const { family, resource } = await resourceFromNodeOrPick(services, node, { title: 'Copy as JSON…' });
  const text = renderJson(toEditView(family, resource));
  await copyToClipboard(services, text, 'the JSON');
  return text;
}

export async function openInDashboard(services: PickDeps, node?: unknown): Promise<vscode.Uri> {
  const { family, accountId } = await resourceFromNodeOrPick(services, node, { title: 'Open in the Cloudflare dashboard…' });
  // The dashboard documents no per-resource URLs; the section root is the stable link.
  const uri = vscode.Uri.parse(`https://one.dash.cloudflare.com/${encodeURIComponent(accountId)}/${family.dashboardPath}`);
  await vscode.env.openExternal(uri);
  return uri;
}

/**
 * Deletes after a modal that names the resource, the account and what uses it (which breaks with it); where
 * Cloudflare deletes nothing, offers "disable", naming the same users.
 */
export async function deleteResource(services: ConfirmDeps & ToggleDeps, node?: unknown): Promise<boolean> {
  const { family, resource, accountId } = await resourceFromNodeOrPick(services, node, { title: 'Delete…' });
  const account = services.session.accountById(accountId);
  const name = shortName(family.displayName(resource));
  const users = await usersOf(services, family, accountId, resource);
  const usersLine = users ? `${users.text}\n\n` : '';
  if (!family.canDelete) {
    const choice = await services.prompts.modal(
      `Cloudflare does not delete ${family.title.toLowerCase()}.`,
      usersLine + (family.noDeleteReason?.(name) ?? `Cloudflare's delete endpoint for "${name}" does nothing. You can disable it instead.`),
      'Disable',
    );
    if (choice === 'Disable') await setToggle(services, family, accountId, resource, false);
    return false;
  }
  const choice = await services.prompts.modal(
    `Delete ${family.singular} "${name}" from ${account?.name ?? 'this account'}?`,
    `${usersLine}Account ${accountId}. This cannot be undone.`,
    'Delete',
  );
  if (choice !== 'Delete') throw new UserCancelled();
  const ctx = await services.session.context(accountId);
  await family.operations.remove(ctx, resource.id);
  cacheOf(services, accountId, family.id).remove(resource.id);
  await closeCleanEditors(services, liveDocumentUri(family, ctx.accountId, resource));
  void services.prompts.info(`Deleted ${family.singular} "${name}".`);
  return true;
}

/** Diff of the server copy (fetched now) and the active editor's buffer. */
export async function previewChanges(services: Pick<Services, 'families' | 'session' | 'serverCopies'>, uri?: vscode.Uri): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  const ref = target ? parseDocumentUri(target) : undefined;
  if (!target || ref?.kind !== 'live') throw new Refusal('Open a Cloudflare resource document first (drafts have no server copy).');
  const family = familyOf(services, ref.familyId);
  const server = await family.operations.get(await services.session.context(ref.accountId), ref.resourceId);
  await services.serverCopies.showDiff(renderJson(toEditView(family, server)), target, `${family.displayName(server)}: Cloudflare ↔ your edits`);
}

/** The editor of a deleted resource has nothing left to apply to; close it unless it holds edits not applied. */
async function closeCleanEditors(services: Pick<Services, 'pending'>, uri: vscode.Uri): Promise<void> {
  const open = openDocumentOf(uri);
  if (open && !open.isDirty && !services.pending.isPending(uri)) await closeDocumentTabs(uri);
}
