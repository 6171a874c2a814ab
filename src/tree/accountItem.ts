import * as vscode from 'vscode';
import type { AccountNode } from './nodes';

/**
 * An account's root row. Collapsed until the user opens it: nothing of an account is fetched before that, so a
 * hundred accounts cost only the pages that list them.
 */
export function accountItem(node: AccountNode, name: string, summary: string | undefined, rejected: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `account/${node.accountId}`;
  item.iconPath = rejected ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon('organization');
  item.description = rejected ? 'token rejected' : summary;
  item.contextValue = 'account';
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.isTrusted = false;
  tooltip.appendText(`${name}\nAccount ${node.accountId}`);
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: `Account ${name}${summary ? `, ${summary}` : ''}` };
  return item;
}
