import * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { ResourceNode } from './nodes';

/**
 * Builds the row for one resource. Names and values come from the API and may hold anything, so the
 * tooltip escapes them as plain text (never trusted Markdown, never command links).
 */
export function resourceTreeItem<R extends ResourceBase>(family: FamilyDescriptor<R>, node: ResourceNode, resource: R, busy: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(family.displayName(resource), vscode.TreeItemCollapsibleState.None);
  item.id = `${node.accountId}/${family.id}/${resource.id}`;
  const summary = family.describe(resource);
  item.description = busy ? `${summary.text} · updating…` : summary.text;
  item.iconPath = busy ? new vscode.ThemeIcon('loading~spin') : stateIcon(summary.on);
  item.tooltip = tooltip(family, resource);
  item.contextValue = [
    'resource',
    `family.${family.id}`,
    family.toggleField ? 'toggleable' : '',
    family.canDelete ? 'deletable' : 'undeletable',
  ].filter(Boolean).join(' ');
  item.command = { command: 'cloudflareZt.openResource', title: 'Open as JSON', arguments: [node] };
  item.accessibilityInformation = { label: `${family.displayName(resource)}, ${summary.text}` };
  return item;
}

function stateIcon(on: boolean | undefined): vscode.ThemeIcon {
  if (on === true) return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  if (on === false) return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  return new vscode.ThemeIcon('shield');
}

function tooltip<R extends ResourceBase>(family: FamilyDescriptor<R>, resource: R): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**');
  md.appendText(family.displayName(resource));
  md.appendMarkdown(`**  \n_${family.singular}_\n\n`);
  const hidden = new Set(family.writeOnlyFields(resource).map((p) => p.split('.')[0]));
  for (const [key, value] of Object.entries(resource as unknown as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    md.appendMarkdown('- ');
    md.appendText(`${key}: ${formatValue(value, hidden.has(key))}`);
    md.appendMarkdown('\n');
  }
  return md;
}

function formatValue(value: unknown, holdsSecrets: boolean): string {
  if (typeof value !== 'object') return String(value).slice(0, 200);
  const text = JSON.stringify(value);
  return (holdsSecrets ? `${text} (secrets are write-only and not shown)` : text).slice(0, 300);
}
