import * as vscode from 'vscode';
import type { EditorDeps } from './editorDeps';
import { sameDocument, SCHEME } from './uris';

/** The open document of a resource, under whatever name its tab was opened with. */
export function openDocumentOfResource(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.scheme === SCHEME && sameDocument(d.uri, uri));
}

/**
 * A resource was renamed (by an apply, or on the server): its tab moves to a URI with the new name, in the same
 * editor group, keeping focus where it was. VS Code cannot rename an open document, so the new URI is opened (the
 * file system finds the same text by the resource's ids) and the old tab closed. A document with edits, saved or
 * not, stays where it is: nothing the user typed is moved behind their back. Returns the new editor when it moved;
 * never throws.
 */
export async function followRename(services: Pick<EditorDeps, 'pending'>, from: vscode.Uri, to: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  if (from.toString() === to.toString()) return undefined;
  const document = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === from.toString());
  if (!document || document.isDirty || services.pending.isPending(from)) return undefined;
  const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === from.toString());
  const active = vscode.window.activeTextEditor?.document.uri.toString() === from.toString();
  let editor: vscode.TextEditor;
  try {
    const renamed = await vscode.workspace.openTextDocument(to);
    editor = await vscode.window.showTextDocument(renamed, { viewColumn: tab?.group.viewColumn, preview: false, preserveFocus: !active });
  } catch {
    // Only the title is at stake (the workbench may be closing that group): the document stays as it is, correct
    // under its older name, and an apply that got here has succeeded.
    return undefined;
  }
  // Only the tab under the old name: closeDocumentTabs would close the new one too (it is the same document).
  const stale = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === from.toString());
  if (stale.length > 0) await Promise.resolve(vscode.window.tabGroups.close(stale)).catch(() => undefined);
  return editor;
}
