import * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { openDocumentOf } from './documents';
import type { EditorDeps } from './editorDeps';
import { followRename, openDocumentOfResource } from './followRename';
import { renderJson, renderResource } from './render';
import { accountLabel, draftUri, liveUri } from './uris';

let draftCounter = 0;

export function liveDocumentUri(family: FamilyDescriptor, accountId: string, resource: ResourceBase): vscode.Uri {
  return liveUri(
    { accountId, familyId: family.id, resourceId: resource.id },
    { account: accountLabel(accountId), view: family.viewName, name: family.displayName(resource) },
    family.documentSuffix,
  );
}

/**
 * Opens a resource as a live JSON document. Edits not applied yet (unsaved, or saved but not applied) are shown
 * as they are, never replaced by the server copy: they stay until applied or discarded. A tab still titled with an
 * older name moves to the current one (unless it holds edits, which are never moved or dropped).
 */
export async function openLiveDocument(services: Pick<EditorDeps, 'fs' | 'pending'>, family: FamilyDescriptor, accountId: string, resource: ResourceBase): Promise<vscode.TextEditor> {
  const uri = liveDocumentUri(family, accountId, resource);
  const existing = openDocumentOfResource(uri);
  const held = services.pending.isResourcePending(accountId, family.id, resource.id);
  if (!existing?.isDirty && !held) services.fs.put(uri, renderResource(family, resource), resource, family.isEditable ? !family.isEditable(resource) : false);
  if (existing && existing.uri.toString() !== uri.toString()) {
    const moved = await followRename(services, existing.uri, uri);
    if (moved) return moved;
    return vscode.window.showTextDocument(existing, { preview: false });
  }
  const document = openDocumentOf(uri) ?? (await vscode.workspace.openTextDocument(uri));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Opens a new draft holding a template; applying it creates the resource. */
export async function openDraftDocument(services: Pick<EditorDeps, 'fs'>, family: FamilyDescriptor, accountId: string, template: unknown, label: string): Promise<vscode.TextEditor> {
  const uri = draftUri({ accountId, familyId: family.id, draftId: String(++draftCounter) }, { account: accountLabel(accountId), view: family.viewName, name: label }, family.documentSuffix);
  services.fs.put(uri, renderJson(template));
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}
