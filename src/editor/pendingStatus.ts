import * as vscode from 'vscode';
import type { Prompts } from '../ui/prompts';
import type { PendingEdits } from './pendingEdits';

/**
 * A status bar item while any document holds edits not applied: "● 2 edits not applied". VS Code lets no extension
 * hold a closing window, so the count stays in sight wherever the user is; a click lists them to open.
 */
export function showPendingCount(pending: PendingEdits): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('cloudflareZt.pending', vscode.StatusBarAlignment.Left, 9);
  item.name = 'Cloudflare edits not applied';
  item.command = 'cloudflareZt.showPendingEdits';
  const paint = (): void => {
    const count = pending.all().length;
    if (count === 0) return item.hide();
    item.text = `$(cloud-upload) ${count} ${count === 1 ? 'edit' : 'edits'} not applied`;
    item.tooltip = 'Cloudflare documents with edits (or drafts) not applied yet. Click to open one; Ctrl+S there applies it.';
    item.show();
  };
  paint();
  return vscode.Disposable.from(item, pending.onDidChangeFileDecorations(paint));
}

/** Quick pick of the documents with edits not applied; opens the one picked. */
export async function pickPendingDocument(pending: PendingEdits, prompts: Prompts): Promise<vscode.TextEditor | undefined> {
  const items = pending.all().map((uri) => ({ label: uri.path.split('/').pop() ?? uri.path, description: 'not applied', uri }));
  if (items.length === 0) return undefined;
  const picked = await prompts.pickOne(items, { title: 'Edits not applied to Cloudflare', placeHolder: 'Open a document to apply or discard its edits' });
  return picked ? vscode.window.showTextDocument(picked.uri, { preview: false }) : undefined;
}
