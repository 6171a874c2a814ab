import * as vscode from 'vscode';
import { CloudflareApiError } from '../api/errors';
import type { Session } from '../auth/session';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { FamilyCache } from './familyCache';
import type { GroupNode, MessageNode, ResourceNode, TreeNode } from './nodes';
import { resourceTreeItem } from './resourceItem';

/**
 * The one TreeDataProvider, driven by a family descriptor. It paints what the cache holds and asks the cache
 * to load; it never calls the API itself, so expanding or collapsing costs no request.
 */
export class FamilyTreeProvider<R extends ResourceBase> implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly resourceNodes = new Map<string, ResourceNode>();
  private readonly groupNodes = new Map<string, GroupNode>();
  private readonly busy = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(readonly family: FamilyDescriptor<R>, readonly cache: FamilyCache<R>, private readonly session: Session) {
    this.subscription = cache.onDidChange((change) => {
      if (change.kind === 'resource') {
        const node = this.nodeFor(change.id);
        if (node) return this.changed.fire(node);
      }
      this.changed.fire(undefined);
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'message') return messageItem(node);
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${node.accountId}/${node.familyId}/group/${node.key}`;
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = 'group';
      item.description = `${this.childrenOf(node).length}`;
      return item;
    }
    const resource = this.cache.get(node.resourceId);
    if (!resource) return new vscode.TreeItem('(removed)');
    return resourceTreeItem(this.family, node, resource, this.busy.has(node.resourceId));
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (node?.kind === 'group') return this.childrenOf(node);
    if (node) return [];
    const account = this.session.account();
    if (!account) return []; // the welcome view (sign in) shows instead
    const state = this.cache.state;
    switch (state.status) {
      case 'idle':
        this.cache.ensureLoaded();
        return [this.message('loading', `Loading ${this.family.title.toLowerCase()}…`)];
      case 'loading':
        return [this.message('loading', `Loading ${this.family.title.toLowerCase()}…`)];
      case 'error':
        return [this.errorNode(state.error)];
      case 'loaded':
        if (state.items.size === 0) return [this.message('empty', `No ${this.family.title.toLowerCase()} in ${account.name}`)];
        return this.family.grouping ? this.groups(account.id) : this.sorted(this.cache.items()).map((r) => this.resourceNode(account.id, r.id));
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind !== 'resource' || !this.family.grouping) return undefined;
    const resource = this.cache.get(node.resourceId);
    if (!resource) return undefined;
    const key = this.family.grouping.groupOf(resource);
    return this.groupNode(node.accountId, key);
  }

  /** The node for a resource id (for reveal and targeted repaint). */
  nodeFor(resourceId: string): ResourceNode | undefined {
    const account = this.session.account();
    if (!account || !this.cache.get(resourceId)) return undefined;
    return this.resourceNode(account.id, resourceId);
  }

  /** Shows a spinner on one row while a mutation runs; only that row repaints. */
  setBusy(resourceId: string, busy: boolean): void {
    if (busy) this.busy.add(resourceId);
    else this.busy.delete(resourceId);
    this.cache.touch(resourceId);
  }

  private groups(accountId: string): GroupNode[] {
    const keys = new Set(this.cache.items().map((r) => this.family.grouping?.groupOf(r) ?? ''));
    return [...keys].map((key) => this.groupNode(accountId, key)).sort((a, b) => a.label.localeCompare(b.label));
  }

  private childrenOf(group: GroupNode): ResourceNode[] {
    const grouping = this.family.grouping;
    const members = this.cache.items().filter((r) => (grouping?.groupOf(r) ?? '') === group.key);
    return this.sorted(members).map((r) => this.resourceNode(group.accountId, r.id));
  }

  private groupNode(accountId: string, key: string): GroupNode {
    const state = this.cache.state;
    const labels = state.status === 'loaded' ? state.groupLabels : new Map<string, string>();
    const label = labels.get(key) ?? (key ? `Profile ${key.slice(0, 8)}…` : (this.family.grouping?.ungroupedLabel ?? 'Other'));
    const id = `${accountId}/${key}`;
    const existing = this.groupNodes.get(id);
    if (existing && existing.label === label) return existing;
    const node: GroupNode = { kind: 'group', familyId: this.family.id, accountId, key, label };
    this.groupNodes.set(id, node);
    return node;
  }

  private resourceNode(accountId: string, resourceId: string): ResourceNode {
    const id = `${accountId}/${resourceId}`;
    let node = this.resourceNodes.get(id);
    if (!node) {
      node = { kind: 'resource', familyId: this.family.id, accountId, resourceId };
      this.resourceNodes.set(id, node);
    }
    return node;
  }

  private sorted(items: R[]): R[] {
    return items.sort((a, b) => this.family.displayName(a).localeCompare(this.family.displayName(b)));
  }

  private message(tone: MessageNode['tone'], label: string, detail?: string): MessageNode {
    return { kind: 'message', familyId: this.family.id, tone, label, ...(detail ? { detail } : {}) };
  }

  private errorNode(error: unknown): MessageNode {
    const cf = error instanceof CloudflareApiError ? error : undefined;
    const first = cf?.errors[0];
    const headline = first ? `${first.code}: ${first.message}` : error instanceof Error ? error.message : String(error);
    const rejected = this.session.account() && this.session.isRejected(this.session.account()?.id ?? '');
    return this.message('error', rejected ? `Token rejected: ${headline}` : `Could not load: ${headline}`, error instanceof Error ? error.message : undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = `message/${node.familyId}/${node.tone}`;
  item.contextValue = `message ${node.tone}`;
  item.iconPath = new vscode.ThemeIcon(node.tone === 'loading' ? 'loading~spin' : node.tone === 'error' ? 'error' : 'info',
    node.tone === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
  if (node.detail) item.tooltip = node.detail;
  if (node.tone === 'error') item.command = { command: 'cloudflareZt.showLog', title: 'Show log' };
  return item;
}
