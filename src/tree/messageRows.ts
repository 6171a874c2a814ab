import * as vscode from 'vscode';
import { CloudflareApiError } from '../api/errors';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { CacheState } from './familyCache';
import { explainFailure } from '../ui/errorText';
import type { MessageNode } from './nodes';

/**
 * The row a view shows when its list failed, told by kind (ui/errorText.ts): a missing feature is a calm row, a
 * missing permission names it, only a 401 speaks of the token, and what trying again can fix offers Retry.
 */
export function errorRow(family: FamilyDescriptor, error: unknown, account: { readonly id: string; readonly name: string }): MessageNode {
  const accountName = account.name;
  const cf = error instanceof CloudflareApiError ? error : undefined;
  const explained = explainFailure(error, { what: `Loading ${family.title.toLowerCase()}`, family, action: 'read', accountName });
  const row = (tone: MessageNode['tone'], label: string): MessageNode => ({
    kind: 'message', familyId: family.id, accountId: account.id, tone, label, detail: explained.text, ...(explained.docsUrl ? { docsUrl: explained.docsUrl } : {}),
  });
  const first = cf?.errors[0];
  const headline = first ? `${first.code}: ${first.message}` : cf?.reason ?? (error instanceof Error ? error.message : String(error));
  switch (cf?.kind) {
    case 'feature':
      return row('unavailable', `${family.access.featureName} is not available on ${accountName}`);
    case 'permission':
      return row('error', `Missing permission "${family.access.readPermission}" (hover for details)`);
    case 'credential':
      return { ...row('error', 'Token rejected (401): update it or sign out'), clickCommand: 'cloudflareZt.updateToken' };
    default:
      return { ...row('error', `Could not load: ${headline}`), retryable: explained.retryable || cf === undefined };
  }
}

/** What an account row says beside its name: how many rows it holds, or why it has none (nothing before it opens). */
export function accountSummary(state: CacheState<ResourceBase> | undefined): string | undefined {
  switch (state?.status) {
    case undefined:
      return undefined;
    case 'loaded':
      return `${state.items.size}`;
    case 'error':
      return accountErrorSummary(state.error);
    default:
      return 'loading…';
  }
}

/** What an account's row says when its list in this view failed, in two words (its error row says the rest). */
export function accountErrorSummary(error: unknown): string {
  const kind = error instanceof CloudflareApiError ? error.kind : undefined;
  switch (kind) {
    case 'feature':
      return 'not available';
    case 'permission':
      return 'missing permission';
    case 'credential':
      return 'token rejected';
    default:
      return 'could not load';
  }
}

/** A message row as VS Code shows it, with the inline actions its contextValue tokens turn on (package.json menus). */
export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = `message/${node.accountId ?? ''}/${node.familyId}/${node.tone}`;
  // "retryable" → Retry, "docs" → Cloudflare's page, "details" → Show details.
  const tokens = ['message', node.tone, node.retryable ? 'retryable' : '', node.docsUrl ? 'docs' : '', node.tone === 'error' ? 'details' : ''];
  item.contextValue = tokens.filter(Boolean).join(' ');
  const icon = { loading: 'loading~spin', empty: 'info', error: 'error', unavailable: 'circle-slash' }[node.tone];
  item.iconPath = new vscode.ThemeIcon(icon, node.tone === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
  if (node.detail) item.tooltip = node.detail;
  if (node.clickCommand) item.command = { command: node.clickCommand, title: 'Fix' };
  else if (node.tone === 'error') item.command = { command: 'cloudflareZt.showLog', title: 'Show details' };
  else if (node.tone === 'unavailable' && node.docsUrl) item.command = { command: 'cloudflareZt.openErrorDocs', title: 'Learn more', arguments: [node] };
  return item;
}
