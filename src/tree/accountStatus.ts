import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { TreeNode } from './nodes';

/**
 * Keeps the active account visible: in the status bar (click to switch) and as each view's description.
 * A rejected token shows there too, so the user sees why views fail without a prompt per request.
 */
export function showActiveAccount(session: Session, views: ReadonlyMap<string, vscode.TreeView<TreeNode>>): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('cloudflareZt.account', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Cloudflare account';
  item.command = 'cloudflareZt.switchAccount';
  const paint = (): void => {
    const account = session.account();
    const rejected = account ? session.isRejected(account.id) : false;
    for (const view of views.values()) view.description = account ? `${account.name}${rejected ? ' (token rejected)' : ''}` : undefined;
    if (!account) return item.hide();
    item.text = `$(cloud) ${account.name}${rejected ? ' $(warning)' : ''}`;
    item.tooltip = rejected
      ? `Cloudflare rejected the token for ${account.name}. Run "Cloudflare ZT: Update token".`
      : `Cloudflare Zero Trust: ${account.name} (${account.id}). Click to switch account.`;
    item.show();
  };
  paint();
  return vscode.Disposable.from(item, session.onDidChange(paint), session.onDidReject(paint));
}
