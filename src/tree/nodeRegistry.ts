import type * as vscode from 'vscode';
import type { ResourceBase } from '../families/family';
import type { AccountNode, GroupNode, ResourceNode } from './nodes';
import { rowConstants, type RowConstants } from './resourceItem';

/**
 * A resource row as the view keeps it across refreshes: the node VS Code knows the row by, and what the last sort
 * put in it (the resource, its display name, its position). One object per row, found with one lookup per resource
 * and refresh; VS Code hands the same object back to getTreeItem, so painting a row needs no lookup at all.
 */
export interface ResourceRow<R extends ResourceBase> extends ResourceNode {
  /** The resource of the last sort (undefined before the first). */
  resource: R | undefined;
  name: string;
  /** Position in the last sorted list, valid when `sorted` is that list's number. */
  at: number;
  sorted: number;
  /** What the row's TreeItem always says (id, click), made the first time it is painted (see resourceItem.ts). */
  constants: RowConstants | undefined;
  /** The TreeItem last made for the row when it showed nothing beyond its resource, with what it was made from. */
  quietItem: vscode.TreeItem | undefined;
  quietItemOf: R | undefined;
  quietItemName: string;
}

const hidden = (value: unknown): PropertyDescriptor => ({ value, writable: true, enumerable: false, configurable: false });
const ROW_DATA: PropertyDescriptorMap = {
  resource: hidden(undefined), name: hidden(''), at: hidden(0), sorted: hidden(0), constants: hidden(undefined),
  quietItem: hidden(undefined), quietItemOf: hidden(undefined), quietItemName: hidden(''),
};

/**
 * One node object per account, group and resource of a view, reused across refreshes: VS Code knows rows by their
 * object, so a reused one can be repainted alone, and expanded state survives a reload.
 */
export class NodeRegistry<R extends ResourceBase = ResourceBase> {
  private readonly resources = new Map<string, Map<string, ResourceRow<R>>>();
  private readonly groups = new Map<string, GroupNode>();
  private readonly accounts = new Map<string, AccountNode>();

  constructor(private readonly familyId: string) {}

  /** The rows of an account by resource id (created empty). */
  rowsOf(accountId: string): Map<string, ResourceRow<R>> {
    let rows = this.resources.get(accountId);
    if (!rows) this.resources.set(accountId, (rows = new Map<string, ResourceRow<R>>()));
    return rows;
  }

  /** The row of a resource, from an account's rows (created the first time). */
  static rowIn<R extends ResourceBase>(rows: Map<string, ResourceRow<R>>, familyId: string, accountId: string, resourceId: string): ResourceRow<R> {
    let row = rows.get(resourceId);
    if (!row) {
      // The node's own fields, then the row's data as non-enumerable fields (every row defines them in one order, so
      // all rows share one object shape): a row passed to a command, logged or compared looks like the plain node.
      const node: ResourceNode = { kind: 'resource', familyId, accountId, resourceId };
      row = Object.defineProperties(node, ROW_DATA) as ResourceRow<R>;
      rows.set(resourceId, row);
    }
    return row;
  }

  resource(accountId: string, resourceId: string): ResourceRow<R> {
    return NodeRegistry.rowIn(this.rowsOf(accountId), this.familyId, accountId, resourceId);
  }

  /** The row behind a resource node: the node itself when this registry made it (always, from VS Code). */
  rowOf(node: ResourceNode): ResourceRow<R> {
    const row = this.resources.get(node.accountId)?.get(node.resourceId);
    return row === node ? row : this.resource(node.accountId, node.resourceId);
  }

  /** The row's id and click: made once for a row of this registry (what VS Code hands back), else made now. */
  static constantsOf(node: ResourceNode): RowConstants {
    if (!('constants' in node)) return rowConstants(node.familyId, node);
    const row = node as ResourceRow<ResourceBase>;
    return (row.constants ??= rowConstants(node.familyId, node));
  }

  /**
   * The TreeItem of a row that shows nothing beyond its resource: the one made last time when the resource object and
   * its name are the same (a refresh keeps unchanged resources, see keepUnchanged.ts), else a new one. VS Code keeps
   * the TreeItem it was given and resolveTreeItem fills in its tooltip, so a reused item loses that tooltip: the next
   * hover computes it again from the data of that moment, as for a new item.
   */
  static quietItem<R extends ResourceBase>(node: ResourceNode, resource: R, name: string, make: () => vscode.TreeItem): vscode.TreeItem {
    if (!('quietItem' in node)) return make();
    const row = node as ResourceRow<R>;
    const reused = row.quietItem;
    if (reused && row.quietItemOf === resource && row.quietItemName === name) {
      reused.tooltip = undefined;
      return reused;
    }
    const item = make();
    row.quietItem = item;
    row.quietItemOf = resource;
    row.quietItemName = name;
    return item;
  }

  /** A group's node; a new one when its label changed (a profile renamed), so the row shows the new name. */
  group(accountId: string, key: string, label: string): GroupNode {
    const id = `${accountId}/${key}`;
    const existing = this.groups.get(id);
    if (existing && existing.label === label) return existing;
    const node: GroupNode = { kind: 'group', familyId: this.familyId, accountId, key, label };
    this.groups.set(id, node);
    return node;
  }

  account(accountId: string): AccountNode {
    let node = this.accounts.get(accountId);
    if (!node) this.accounts.set(accountId, (node = { kind: 'account', familyId: this.familyId, accountId }));
    return node;
  }

  forget(accountId: string): void {
    this.resources.delete(accountId);
    this.accounts.delete(accountId);
    for (const [id, group] of this.groups) if (group.accountId === accountId) this.groups.delete(id);
  }
}
