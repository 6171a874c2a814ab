import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { CacheState, FamilyCache } from './familyCache';
import type { GroupNode, MessageNode, ResourceNode, TreeNode } from './nodes';
import { errorRow, messageItem } from './messageRows';
import { resourceTooltip, resourceTreeItem } from './resourceItem';

/** The names of other families' resources, for rows that reference them (a rule reads an integration). */
export interface ReferenceNames {
  /** The display name of a resource of a family, or undefined while its list is not loaded (asking starts the load). */
  nameOf(familyId: string, resourceId: string): string | undefined;
  onDidChange(familyId: string, listener: () => void): vscode.Disposable;
}

/** The value at a dotted path of a resource. */
function valueAt(resource: ResourceBase, path: string): unknown {
  let current: unknown = resource;
  for (const key of path.split('.')) current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

/** What the tree needs to know about edits not applied (the editor's PendingEdits provides it). */
export interface PendingMarks {
  pendingUri(accountId: string, familyId: string, resourceId: string): vscode.Uri | undefined;
  readonly onDidChangeResource: vscode.Event<{ readonly accountId: string; readonly familyId: string; readonly resourceId: string }>;
}

/** Sorts like String#localeCompare with the default locale, without building a collator per comparison. */
const collator = new Intl.Collator();

/**
 * What one loaded state looks like as a tree: the root rows and the rows of each group, sorted. Computed
 * once per cache state (a reload, upsert or remove makes a new state object), so painting 10,000 rows and
 * then their groups sorts each list once instead of once per getChildren / getTreeItem call.
 */
interface Layout {
  readonly state: CacheState<ResourceBase>;
  readonly accountId: string;
  readonly roots: (GroupNode | ResourceNode)[];
  readonly groups: ReadonlyMap<string, ResourceNode[]>;
  /** Resource id → the resource it was laid out from and its display name (some families' names parse a URL). */
  readonly named: ReadonlyMap<string, Named<ResourceBase>>;
}

interface Named<R> {
  readonly resource: R;
  readonly name: string;
}

/**
 * The one TreeDataProvider, driven by a family descriptor. It paints what the cache holds and asks the cache
 * to load; it never calls the API itself, so expanding or collapsing costs no request. Rows are cheap: the
 * tooltip, the largest part of a row, is only built when VS Code asks for it (resolveTreeItem, on hover).
 */
export class FamilyTreeProvider<R extends ResourceBase> implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** One node object per account and resource id, reused across refreshes so VS Code can repaint just it. */
  private readonly resourceNodes = new Map<string, Map<string, ResourceNode>>();
  private readonly groupNodes = new Map<string, GroupNode>();
  private readonly busy = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];
  private layout: Layout | undefined;
  /** Resource id → its position in the last sorted list: the next sort starts from that order (see sorted()). */
  private lastOrder = new Map<string, number>();

  constructor(
    readonly family: FamilyDescriptor<R>, readonly cache: FamilyCache<R>, private readonly session: Session,
    private readonly pending: PendingMarks,
    private readonly names: ReferenceNames,
  ) {
    // Rows that name resources of other families repaint when those lists change (a rename, a first load).
    const referenced = [...new Set((family.references ?? []).map((r) => r.family))];
    const namesChanged = referenced.map((other) => names.onDidChange(other, () => this.changed.fire(undefined)));
    const pendingChanged = pending.onDidChangeResource((resource) => {
      if (resource.familyId !== family.id) return;
      const node = this.nodeFor(resource.resourceId);
      if (node && node.accountId === resource.accountId) this.changed.fire(node);
    });
    const cacheChanged = cache.onDidChange((change) => {
      // A new state gets a new layout anyway; dropping the old one now frees the data it holds (sign out).
      if (change.kind === 'all') this.layout = undefined;
      if (change.kind === 'resource') {
        const node = this.nodeFor(change.id);
        if (node) return this.changed.fire(node);
      }
      this.changed.fire(undefined);
    });
    this.subscriptions = [pendingChanged, cacheChanged, ...namesChanged];
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
    const pendingUri = this.pending.pendingUri(node.accountId, this.family.id, node.resourceId);
    const references = this.referenceNotes(resource);
    return resourceTreeItem(this.family, node, resource, { busy: this.busy.has(node.resourceId), pendingUri, references }, this.nameOf(resource));
  }

  /** Called by VS Code on hover: fills in the tooltip that getTreeItem leaves out. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind !== 'resource' || item.tooltip !== undefined) return item;
    const resource = this.cache.get(node.resourceId);
    if (resource) item.tooltip = resourceTooltip(this.family, resource, this.nameOf(resource));
    return item;
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
        return [...this.layoutFor(account.id).roots];
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

  /** "reads Corp CrowdStrike" for each reference the resource holds (the id, shortened, while the name is unknown). */
  private referenceNotes(resource: R): string[] {
    const notes: string[] = [];
    for (const reference of this.family.references ?? []) {
      const id = valueAt(resource, reference.field);
      if (typeof id !== 'string' || id === '') continue;
      notes.push(`${reference.verb} ${this.names.nameOf(reference.family, id) ?? `${id.slice(0, 8)}…`}`);
    }
    return notes;
  }

  /** The display name, from the layout when it was computed for this very resource object. */
  private nameOf(resource: R): string {
    const named = this.layout?.named.get(resource.id);
    return named?.resource === resource ? named.name : this.family.displayName(resource);
  }

  /** The sorted rows of the current state; recomputed only when the state or the account changed. */
  private layoutFor(accountId: string): Layout {
    const state = this.cache.state;
    if (this.layout && this.layout.state === state && this.layout.accountId === accountId) return this.layout;
    const grouping = this.family.grouping;
    const sorted = this.sorted(this.cache.items());
    const groups = new Map<string, ResourceNode[]>();
    const named = new Map<string, Named<R>>();
    for (const entry of sorted) named.set(entry.resource.id, entry);
    let roots: (GroupNode | ResourceNode)[];
    if (grouping) {
      for (const { resource } of sorted) {
        const key = grouping.groupOf(resource);
        let members = groups.get(key);
        if (!members) groups.set(key, (members = []));
        members.push(this.resourceNode(accountId, resource.id));
      }
      roots = [...groups.keys()].map((key) => this.groupNode(accountId, key)).sort((a, b) => collator.compare(a.label, b.label));
    } else {
      roots = sorted.map(({ resource }) => this.resourceNode(accountId, resource.id));
    }
    this.layout = { state, accountId, roots, groups, named };
    return this.layout;
  }

  private childrenOf(group: GroupNode): ResourceNode[] {
    if (this.cache.state.status !== 'loaded') return [];
    return [...(this.layoutFor(group.accountId).groups.get(group.key) ?? [])];
  }

  private groupNode(accountId: string, key: string): GroupNode {
    const state = this.cache.state;
    const labels = state.status === 'loaded' ? state.groupLabels : new Map<string, string>();
    const grouping = this.family.grouping;
    const label = labels.get(key) ?? (key ? (grouping?.unknownGroupLabel(key) ?? key) : (grouping?.ungroupedLabel ?? 'Other'));
    const id = `${accountId}/${key}`;
    const existing = this.groupNodes.get(id);
    if (existing && existing.label === label) return existing;
    const node: GroupNode = { kind: 'group', familyId: this.family.id, accountId, key, label };
    this.groupNodes.set(id, node);
    return node;
  }

  private resourceNode(accountId: string, resourceId: string): ResourceNode {
    let nodes = this.resourceNodes.get(accountId);
    if (!nodes) this.resourceNodes.set(accountId, (nodes = new Map<string, ResourceNode>()));
    let node = nodes.get(resourceId);
    if (!node) {
      node = { kind: 'resource', familyId: this.family.id, accountId, resourceId };
      nodes.set(resourceId, node);
    }
    return node;
  }

  /**
   * By display name, each name computed once rather than once per comparison. The list is first put in the
   * order of the last sort (new resources at the end): Array#sort is a TimSort, which needs only about one
   * comparison per item on input that is already (nearly) in order, so a refresh of an unchanged list does not
   * pay n·log n locale comparisons again. The result is the same sort either way.
   */
  private sorted(items: readonly R[]): Named<R>[] {
    const previous = this.lastOrder;
    const placed: (Named<R> | undefined)[] = new Array<Named<R> | undefined>(previous.size);
    const added: Named<R>[] = [];
    for (const resource of items) {
      const entry = { resource, name: this.nameOf(resource) };
      const at = previous.get(resource.id);
      if (at !== undefined && placed[at] === undefined) placed[at] = entry;
      else added.push(entry);
    }
    const keyed: Named<R>[] = [];
    for (const entry of placed) if (entry) keyed.push(entry);
    for (const entry of added) keyed.push(entry);
    keyed.sort((a, b) => collator.compare(a.name, b.name));
    const order = new Map<string, number>();
    keyed.forEach((entry, i) => order.set(entry.resource.id, i));
    this.lastOrder = order;
    return keyed;
  }

  private message(tone: MessageNode['tone'], label: string, detail?: string): MessageNode {
    return { kind: 'message', familyId: this.family.id, tone, label, ...(detail ? { detail } : {}) };
  }

  private errorNode(error: unknown): MessageNode {
    return errorRow(this.family, error, this.session.account()?.name);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
