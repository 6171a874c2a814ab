import * as vscode from 'vscode';
import type { UsedByGroup, UsedByReport } from '../families/usedBy';
import { explainFailure } from '../ui/errorText';
import type { ResourceNode, UsedByNode } from './nodes';

// The rows under a resource that say what uses it. One row per user (a posture rule), expandable to what uses that
// user in turn (its Access policies and Gateway rules); then what the API cannot check and what failed to load.

type Parent = Pick<ResourceNode, 'familyId' | 'accountId' | 'resourceId'>;

/** Only the parent's ids: spreading the resource node itself would carry its `kind` along. */
function idsOf(parent: Parent): Parent {
  return { familyId: parent.familyId, accountId: parent.accountId, resourceId: parent.resourceId };
}

function groupRows(parent: Parent, prefix: string, groups: readonly UsedByGroup[]): UsedByNode[] {
  return groups.flatMap((group) => group.entries.map((entry): UsedByNode => {
    const key = `${prefix}/${entry.id}`;
    const children = groupRows(parent, key, entry.users ?? []);
    return {
      ...idsOf(parent), kind: 'usedBy', key, tone: 'user', label: entry.name,
      description: [group.noun.one, group.noun.verbOne, entry.note].filter(Boolean).join(' · '),
      ...(children.length > 0 ? { children } : {}),
    };
  }));
}

/** The rows of a resource's used-by answer; undefined while it loads. */
export function usedByRows(parent: Parent, report: UsedByReport | undefined, accountName: string | undefined): UsedByNode[] {
  const row = (key: string, tone: UsedByNode['tone'], label: string, tooltip?: string): UsedByNode => ({ ...idsOf(parent), kind: 'usedBy', key, tone, label, ...(tooltip ? { tooltip } : {}) });
  if (!report) return [row('loading', 'loading', 'Looking for what uses it…')];
  const rows = groupRows(parent, 'u', report.groups);
  if (rows.length === 0 && report.failures.length === 0) rows.push(row('none', 'none', 'Nothing the API lists uses it'));
  report.unchecked.forEach((text, i) => rows.push(row(`unchecked/${i}`, 'note', text, text)));
  for (const failure of report.failures) {
    const explained = explainFailure(failure.error, { what: `Reading ${failure.what}`, action: 'read', ...(failure.access ? { access: failure.access } : {}), ...(accountName ? { accountName } : {}) });
    rows.push(row(`failed/${failure.what}`, 'error', `${failure.what} could not be checked (hover for why)`, explained.text));
  }
  return rows;
}

const TONE_ICONS: Record<UsedByNode['tone'], string> = { loading: 'loading~spin', user: 'references', none: 'pass', note: 'info', error: 'warning' };

export function usedByItem(node: UsedByNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, node.children ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `${node.accountId}/${node.familyId}/${node.resourceId}/usedBy/${node.key}`;
  item.iconPath = new vscode.ThemeIcon(TONE_ICONS[node.tone]);
  if (node.description) item.description = node.description;
  // Names and error texts come from the API: plain text, never Markdown.
  if (node.tooltip) item.tooltip = node.tooltip;
  item.contextValue = `usedBy ${node.tone}`;
  return item;
}
