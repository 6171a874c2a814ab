import * as vscode from 'vscode';
import { sameDocument, SCHEME } from './uris';

/**
 * The open text document of a URI, if VS Code holds one; for a resource document, under whatever name its tab was
 * opened with (the path is only a label: see uris.ts).
 */
export function openDocumentOf(uri: vscode.Uri): vscode.TextDocument | undefined {
  const target = uri.toString();
  const open = vscode.workspace.textDocuments.filter((d) => !d.isClosed);
  return open.find((d) => d.uri.toString() === target) ?? (uri.scheme === SCHEME ? open.find((d) => sameDocument(d.uri, uri)) : undefined);
}

/**
 * Replaces a document's whole text and saves it (the save only stores it in memory: see ResourceFileSystem).
 * Both steps are awaited VS Code operations, so when this resolves the editor shows `text` and is not dirty.
 */
export async function replaceDocumentText(document: vscode.TextDocument, text: string): Promise<void> {
  if (document.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    await vscode.workspace.applyEdit(edit);
  }
  if (document.isDirty) await document.save();
}

/** Closes every tab showing a document, as a text editor or as either side of a diff. */
export async function closeDocumentTabs(uri: vscode.Uri, which: 'editors' | 'diffs' | 'all' = 'all'): Promise<void> {
  const target = uri.toString();
  // A resource's tab may still carry an older name: it is the same document.
  const matches = (candidate: vscode.Uri): boolean => candidate.toString() === target || (uri.scheme === SCHEME && sameDocument(candidate, uri));
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) => {
    const input = tab.input;
    if (which !== 'diffs' && input instanceof vscode.TabInputText) return matches(input.uri);
    if (which !== 'editors' && input instanceof vscode.TabInputTextDiff) return matches(input.modified);
    return false;
  });
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
