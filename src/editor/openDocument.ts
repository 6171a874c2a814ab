import * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { Services } from '../services/services';
import { renderJson, renderResource } from './render';
import { draftUri, liveUri } from './uris';

let draftCounter = 0;

export function liveDocumentUri(family: FamilyDescriptor, accountId: string, resource: ResourceBase): vscode.Uri {
  return liveUri({ accountId, familyId: family.id, resourceId: resource.id }, family.displayName(resource), family.documentSuffix);
}

/** Opens a resource as a live JSON document. An open document with unsaved edits is shown, never overwritten. */
export async function openLiveDocument(services: Services, family: FamilyDescriptor, accountId: string, resource: ResourceBase): Promise<vscode.TextEditor> {
  const uri = liveDocumentUri(family, accountId, resource);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!open?.isDirty) services.fs.put(uri, renderResource(family, resource), resource);
  const document = open ?? (await vscode.workspace.openTextDocument(uri));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Opens a new draft holding a template; saving it creates the resource. */
export async function openDraftDocument(services: Services, family: FamilyDescriptor, accountId: string, template: unknown, label: string): Promise<vscode.TextEditor> {
  const uri = draftUri({ accountId, familyId: family.id, draftId: String(++draftCounter) }, label, family.documentSuffix);
  services.fs.put(uri, renderJson(template));
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Closes the editors showing a document (after a draft became a live resource). */
export async function closeDocumentTabs(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
