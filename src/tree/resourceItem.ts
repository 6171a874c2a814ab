import * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { DriftMark } from './driftMarks';
import type { ResourceNode } from './nodes';

/**
 * Builds the row for one resource, without its tooltip: VS Code sends every row of a view to the window at
 * once, and at 10,000 rows the tooltips were most of that work. The provider's resolveTreeItem adds the
 * tooltip (resourceTooltip) when the user hovers a row.
 * `name` is family.displayName(resource), passed in because the provider already computed it for sorting.
 */
export function resourceTreeItem<R extends ResourceBase>(
  family: FamilyDescriptor<R>, node: ResourceNode, resource: R, state: RowState, name: string = family.displayName(resource), constants?: RowConstants,
): vscode.TreeItem {
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
  item.id = constants?.id ?? `${node.accountId}/${family.id}/${resource.id}`;
  const summary = family.describe(resource);
  // Most rows have nothing beyond their summary: no array is built for them.
  let description = summary.text;
  const note = (text: string): void => {
    description = description ? `${description} · ${text}` : text;
  };
  for (const reference of state.references ?? []) if (reference) note(reference);
  if (state.drift?.status === 'changed') note('differs from Terraform');
  if (state.pendingUri) note('edits not applied');
  if (state.busy) note('updating…');
  item.description = description;
  item.iconPath = state.busy ? icons().busy : stateIcon(summary.on, family.iconOf?.(resource));
  item.contextValue = state.pendingUri ? `${contextValueOf(family)} pending` : contextValueOf(family);
  // Only rows with edits not applied get a resource URI: it lets the pending-edit badge decorate the row too.
  if (state.pendingUri) item.resourceUri = state.pendingUri;
  item.command = constants?.command ?? openCommand(node);
  // No accessibilityInformation: without it VS Code reads out the label and the description, notes included.
  return item;
}

/** What never changes for a row (its id and its click), made once per row and reused by every paint. */
export interface RowConstants {
  readonly id: string;
  readonly command: vscode.Command;
}

export function rowConstants(familyId: string, node: ResourceNode): RowConstants {
  return { id: `${node.accountId}/${familyId}/${node.resourceId}`, command: openCommand(node) };
}

function openCommand(node: ResourceNode): vscode.Command {
  return { command: 'cloudflareZt.openResource', title: 'Open as JSON', arguments: [node] };
}

/** A row with nothing beyond the resource itself (the usual case), shared by every such row. */
export const QUIET_ROW: RowState = { busy: false };

/** What a row shows beyond the resource itself. */
export interface RowState {
  readonly busy: boolean;
  /** The document holding this resource's edits not applied, when it has some. */
  readonly pendingUri?: vscode.Uri | undefined;
  /** What the resource points at in other families: "reads Corp CrowdStrike". */
  readonly references?: readonly string[];
  /** How it compares with the workspace's Terraform, after "Compare with Terraform". */
  readonly drift?: DriftMark | undefined;
}

/** The same for every row of a family: computed once per family. */
const contextValues = new WeakMap<FamilyDescriptor<never>, string>();
function contextValueOf<R extends ResourceBase>(family: FamilyDescriptor<R>): string {
  let value = contextValues.get(family as FamilyDescriptor<never>);
  if (value === undefined) {
    value = [
      'resource',
      `family.${family.id}`,
      family.toggleField ? 'toggleable' : '',
      family.canDelete ? 'deletable' : 'undeletable',
    ].filter(Boolean).join(' ');
    contextValues.set(family as FamilyDescriptor<never>, value);
  }
  return value;
}

/** Icons are immutable descriptions; one instance each is shared by every row. */
let sharedIcons: { on: vscode.ThemeIcon; off: vscode.ThemeIcon; none: vscode.ThemeIcon; busy: vscode.ThemeIcon } | undefined;
function icons(): NonNullable<typeof sharedIcons> {
  sharedIcons ??= {
    on: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
    off: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
    none: new vscode.ThemeIcon('shield'),
    busy: new vscode.ThemeIcon('loading~spin'),
  };
  return sharedIcons;
}

/** One ThemeIcon per codicon id, shared by every row that shows it. */
const namedIcons = new Map<string, vscode.ThemeIcon>();

function stateIcon(on: boolean | undefined, iconId: string | undefined): vscode.ThemeIcon {
  if (on === true) return icons().on;
  if (on === false) return icons().off;
  if (!iconId) return icons().none;
  let icon = namedIcons.get(iconId);
  if (!icon) namedIcons.set(iconId, (icon = new vscode.ThemeIcon(iconId)));
  return icon;
}

/**
 * The row's tooltip. Names and values come from the API and may hold anything, so they are escaped as plain
 * text (never trusted Markdown, never command links).
 */
export function resourceTooltip<R extends ResourceBase>(family: FamilyDescriptor<R>, resource: R, name: string = family.displayName(resource), accountName?: string, drift?: DriftMark): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**');
  md.appendText(name);
  md.appendMarkdown('**  \n_');
  md.appendText(accountName ? `${family.singular} in ${accountName}` : family.singular);
  md.appendMarkdown('_\n\n');
  const hidden = new Set(family.writeOnlyFields(resource).map((p) => p.split('.')[0]));
  for (const [key, value] of Object.entries(resource as unknown as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    md.appendMarkdown('- ');
    md.appendText(`${key}: ${formatValue(value, hidden.has(key))}`);
    md.appendMarkdown('\n');
  }
  if (drift) appendDrift(md, drift);
  return md;
}

function formatValue(value: unknown, holdsSecrets: boolean): string {
  // Values come from JSON: text, numbers, booleans, or objects and arrays (shown as JSON).
  if (typeof value === 'string') return value.slice(0, 200);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(value);
  return (holdsSecrets ? `${text} (secrets are write-only and not shown)` : text).slice(0, 300);
}

/** "Terraform: declared in main.tf:12 as cloudflare_….corp; differs: interval …". File names and values are text. */
function appendDrift(md: vscode.MarkdownString, drift: DriftMark): void {
  md.appendMarkdown('\n**Terraform**  \n');
  md.appendText(`Declared in ${drift.where} as ${drift.address}: ${drift.status === 'changed' ? 'differs from the live value' : 'matches the live value'}.`);
  md.appendMarkdown('\n');
  for (const difference of drift.differences) {
    md.appendMarkdown('- ');
    md.appendText(difference);
    md.appendMarkdown('\n');
  }
  if (drift.expressions.length > 0) {
    md.appendMarkdown('\n');
    md.appendText(`Not compared (expressions): ${drift.expressions.join(', ')}`);
  }
}
