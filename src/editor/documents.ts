import * as vscode from 'vscode';

/** The open text document of a URI, if VS Code holds one. */
export function openDocumentOf(uri: vscode.Uri): vscode.TextDocument | undefined {
  const target = uri.toString();
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === target);
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
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) => {
    const input = tab.input;
    if (which !== 'diffs' && input instanceof vscode.TabInputText) return input.uri.toString() === target;
    if (which !== 'editors' && input instanceof vscode.TabInputTextDiff) return input.modified.toString() === target;
    return false;
  });
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
