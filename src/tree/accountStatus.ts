import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { ResourceBase } from '../families/family';
import type { FamilyTreeProvider } from './familyTreeProvider';
import type { TreeNode } from './nodes';

/** What the views hold, in a few words: the one account's name, or how many accounts are shown. */
function accountsLabel(session: Session): string | undefined {
  const shown = session.shownAccounts();
  const [only] = shown;
  if (shown.length === 0) return session.accounts().length > 0 ? 'no account shown' : undefined;
  if (shown.length === 1 && only) return `${only.name}${session.isRejected(only.id) ? ' (token rejected)' : ''}`;
  const rejected = shown.filter((a) => session.isRejected(a.id)).length;
  return `${shown.length} accounts${rejected > 0 ? ` (${rejected} with a rejected token)` : ''}`;
}

/**
 * Keeps what the views show visible: in the status bar (click to choose the accounts shown) and as each view's
 * description, with the view's filter when it has one. A rejected token shows there too, so the user sees why
 * views fail without a prompt per request.
 */
export function showAccountsAndFilters(session: Session, views: ReadonlyMap<string, vscode.TreeView<TreeNode>>, providers: ReadonlyMap<string, FamilyTreeProvider<ResourceBase>>): vscode.Disposable & { paint(): void } {
  const item = vscode.window.createStatusBarItem('cloudflareZt.account', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Cloudflare accounts';
  item.command = 'cloudflareZt.chooseAccounts';
  const paint = (): void => {
    const label = accountsLabel(session);
    for (const [familyId, view] of views) {
      const filter = providers.get(familyId)?.filter;
      // The filter first: the title bar cuts a long description, and the filter is what explains missing rows.
      const parts = [filter ? `filter: "${filter}"` : undefined, label].filter(Boolean);
      view.description = parts.length > 0 ? parts.join(' · ') : undefined;
      void vscode.commands.executeCommand('setContext', `cloudflareZt.filtered.${familyId}`, filter !== undefined);
    }
    if (!label) return item.hide();
    const rejected = session.shownAccounts().some((a) => session.isRejected(a.id));
    item.text = `$(cloud) ${label}${rejected ? ' $(warning)' : ''}`;
    item.tooltip = rejected
      ? 'Cloudflare rejected a token (401). Run "Cloudflare ZT: Update token" on the account.'
      : `Cloudflare Zero Trust: ${label}. Click to choose the accounts shown.`;
    item.show();
  };
  paint();
  const disposable = vscode.Disposable.from(item, session.onDidChange(paint), session.onDidReject(paint));
  return Object.assign(disposable, { paint });
}
