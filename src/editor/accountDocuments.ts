import * as vscode from 'vscode';
import { closeDocumentTabs, openDocumentOf } from './documents';
import type { PendingEdits } from './pendingEdits';
import type { ResourceFileSystem } from './resourceFileSystem';
import { parseDocumentUri, SCHEME } from './uris';

/** A document of an account that is leaving: open in a tab, or only held in memory with edits not applied. */
export interface AccountDocument {
  readonly uri: vscode.Uri;
  /** Edits not applied to Cloudflare (saved in memory, or unsaved in the editor). */
  readonly pending: boolean;
}

/** Every document of these accounts: the open tabs and the edits not applied that no tab shows. */
export function documentsOfAccounts(services: { readonly pending: PendingEdits }, accountIds: ReadonlySet<string>): AccountDocument[] {
  const found = new Map<string, AccountDocument>();
  const belongs = (uri: vscode.Uri): boolean => {
    const ref = uri.scheme === SCHEME ? parseDocumentUri(uri) : undefined;
    return ref !== undefined && accountIds.has(ref.accountId);
  };
  const add = (uri: vscode.Uri): void => {
    if (!belongs(uri) || found.has(uri.toString())) return;
    found.set(uri.toString(), { uri, pending: services.pending.isPending(uri) || openDocumentOf(uri)?.isDirty === true });
  };
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (tab.input instanceof vscode.TabInputText) add(tab.input.uri);
    if (tab.input instanceof vscode.TabInputTextDiff) add(tab.input.modified);
  }
  for (const uri of services.pending.all()) add(uri);
  return [...found.values()];
}

/**
 * Closes the documents and forgets what they held. An unsaved editor is saved first (into memory only; see
 * ResourceFileSystem) so closing it does not ask "Save changes?" about a document whose account is gone.
 */
export async function closeAccountDocuments(services: { readonly fs: ResourceFileSystem }, documents: readonly AccountDocument[]): Promise<void> {
  for (const { uri } of documents) {
    const open = openDocumentOf(uri);
    if (open?.isDirty) await open.save();
    await closeDocumentTabs(uri);
    services.fs.forget(uri);
  }
}
