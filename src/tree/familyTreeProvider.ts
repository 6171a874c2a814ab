import * as vscode from 'vscode';
import type { AccountInfo } from '../auth/accountStore';
import type { Session } from '../auth/session';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { AccountCaches } from './accountCaches';
import type { FamilyCache } from './familyCache';
import type { DriftMarks } from './driftMarks';
import type { AccountNode, GroupNode, MessageNode, ResourceNode, TreeNode, UsedByNode } from './nodes';
import type { UsedByStore } from './usedByStore';
import { usedByItem, usedByRows } from './usedByRows';
import { usedByText } from '../ui/usedByText';
import { accountItem } from './accountItem';
import { accountSummary, errorRow, messageItem } from './messageRows';
import { QUIET_ROW, resourceTooltip, resourceTreeItem } from './resourceItem';
import { normaliseFilter } from './rowFilter';
import { NodeRegistry } from './nodeRegistry';
import { AccountLayouts, groupLabelOf, type Layout } from './accountLayouts';
import { referenceNotes, type PendingMarks, type ReferenceNames } from './rowInputs';

export type { PendingMarks, ReferenceNames } from './rowInputs';

/**
 * The one TreeDataProvider, driven by a family descriptor. With one account shown its rows sit at the top, as they
 * always did; with several, each account is a root whose rows load when it is expanded. It paints what the caches
 * hold and asks them to load; it never calls the API itself, so expanding or collapsing a loaded account costs no
 * request. Rows are cheap: the tooltip is only built when VS Code asks for it (resolveTreeItem, on hover).
 */
export class FamilyTreeProvider<R extends ResourceBase> implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes: NodeRegistry<R>;
  private readonly busy = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly layouts: AccountLayouts<R>;
  private filterValue: string | undefined;
  private filterTyped: string | undefined;
  private readonly filterChanged = new vscode.EventEmitter<string | undefined>();
  /** The filter was set or cleared (the view's description and title buttons follow it). */
  readonly onDidChangeFilter = this.filterChanged.event;

  constructor(
    readonly family: FamilyDescriptor<R>, private readonly caches: AccountCaches, private readonly session: Session,
    private readonly pending: PendingMarks,
    private readonly names: ReferenceNames,
    private readonly drift: DriftMarks,
    /** What uses a resource (its rows become expandable); absent where a host does not offer it (the benchmark). */
    private readonly usedBy?: UsedByStore,
  ) {
    this.nodes = new NodeRegistry<R>(family.id);
    this.layouts = new AccountLayouts(family, this.nodes);
    // Rows that name resources of other families repaint when those lists change (a rename, a first load).
    const referenced = [...new Set((family.references ?? []).map((r) => r.family))];
    const namesChanged = referenced.map((other) => names.onDidChange(other, () => this.changed.fire(undefined)));
    const pendingChanged = pending.onDidChangeResource((resource) => {
      if (resource.familyId !== family.id) return;
      const node = this.nodeFor(resource.accountId, resource.resourceId);
      if (node) this.changed.fire(node);
    });
    const cacheChanged = caches.onDidChange(({ accountId, familyId, change }) => {
      if (familyId !== family.id) return;
      if (change.kind === 'resource') {
        const node = this.nodeFor(accountId, change.id);
        if (node) return this.changed.fire(node);
      }
      // A new state gets a new layout anyway; dropping the old one now frees the data it holds.
      this.layouts.invalidate(accountId);
      this.prepareThenRepaint(accountId);
    });
    const accountsChanged = session.onDidChange(() => {
      const present = new Set(session.accounts().map((a) => a.id));
      for (const accountId of this.layouts.accounts()) if (!present.has(accountId)) this.forgetAccount(accountId);
      this.changed.fire(undefined);
    });
    const driftChanged = drift.onDidChange(() => this.changed.fire(undefined));
    const usedByChanged = usedBy && family.usedBy ? [usedBy.onDidChange(() => this.changed.fire(undefined))] : [];
    this.subscriptions = [pendingChanged, cacheChanged, accountsChanged, driftChanged, ...namesChanged, ...usedByChanged];
  }

  /**
   * Repaints after a list changed, with its new layout (names, sort, groups) computed first in a turn of its own. The
   * extension host's one thread is shared by every extension: with 10,000 rows, the list's arrival, its layout and
   * VS Code's request for the rows (a getChildren and a TreeItem per row) are three stretches of work instead of two
   * longer ones. Nothing is lost if VS Code asks sooner: getChildren computes a missing layout itself.
   */
  private prepareThenRepaint(accountId: string): void {
    setImmediate(() => {
      if (this.disposed) return;
      const account = this.session.accountById(accountId);
      if (account && this.caches.isOpened(accountId) && this.cacheOf(accountId).state.status === 'loaded') this.layoutFor(account);
      this.changed.fire(undefined);
    });
  }

  private disposed = false;

  /** The filter as the user typed it (shown in the view's description), or undefined. */
  get filter(): string | undefined {
    return this.filterTyped;
  }

  /** Shows only rows whose name, type, state, profile or account contains the text; empty shows everything. */
  setFilter(text: string | undefined): void {
    this.filterTyped = text?.trim() ? text.trim() : undefined;
    this.filterValue = normaliseFilter(text);
    this.layouts.invalidateAll();
    this.changed.fire(undefined);
    this.filterChanged.fire(this.filterTyped);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message':
        return messageItem(node);
      case 'account': {
        const account = this.session.accountById(node.accountId);
        return accountItem(node, account?.name ?? node.accountId, accountSummary(this.caches.isOpened(node.accountId) ? this.cacheOf(node.accountId).state : undefined), this.session.isRejected(node.accountId));
      }
      case 'group': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${node.accountId}/${node.familyId}/group/${node.key}`;
        item.iconPath = new vscode.ThemeIcon('folder-library');
        item.contextValue = 'group';
        item.description = `${this.childrenOf(node).length}`;
        return item;
      }
      case 'resource': {
        // Asked for every row of every paint: the resource and its name come from the current layout in one lookup.
        const row = this.layouts.row(node, this.cacheOf(node.accountId).state);
        if (!row) return new vscode.TreeItem('(removed)');
        const { resource, name } = row;
        const pendingUri = this.pending.pendingUri(node.accountId, this.family.id, node.resourceId);
        const references = this.family.references ? referenceNotes(this.family, this.names, node.accountId, resource) : undefined;
        const drift = this.drift.get(node.accountId, this.family.id, node.resourceId);
        const busy = this.busy.size > 0 && this.busy.has(busyKey(node.accountId, node.resourceId));
        const state = busy || pendingUri || references?.length || drift ? { busy, pendingUri, references, drift } : QUIET_ROW;
        const make = (): vscode.TreeItem => resourceTreeItem(this.family, node, resource, state, name, NodeRegistry.constantsOf(node));
        const item = state === QUIET_ROW ? NodeRegistry.quietItem(node, resource, name, make) : make();
        // Expanding a row is what asks what uses it: nothing is fetched until then.
        if (this.offersUsedBy()) item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
        return item;
      }
      case 'usedBy':
        return usedByItem(node);
    }
  }

  /** Called by VS Code on hover: fills in the tooltip that getTreeItem leaves out. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind !== 'resource' || item.tooltip !== undefined) return item;
    const resource = this.cacheOf(node.accountId).get(node.resourceId);
    const account = this.session.accountById(node.accountId);
    if (!resource) return item;
    const tooltip = resourceTooltip(this.family, resource, this.layouts.nameOf(node.accountId, resource), account?.name, this.drift.get(node.accountId, this.family.id, node.resourceId));
    // The hover names the users once they are known (expanding the row loads them); it never starts a load itself.
    const report = this.offersUsedBy() ? this.usedBy?.peek(node.accountId, this.family, resource) : undefined;
    if (report) {
      tooltip.appendMarkdown('\n**Used by**  \n');
      tooltip.appendText(usedByText(report, account?.name));
    }
    item.tooltip = tooltip;
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (node?.kind === 'group') return this.childrenOf(node);
    if (node?.kind === 'resource') return this.usedByChildren(node);
    if (node?.kind === 'usedBy') return [...(node.children ?? [])];
    if (node?.kind === 'account') {
      const account = this.session.accountById(node.accountId);
      return account ? this.rowsOf(account, true) : [];
    }
    if (node) return [];
    // The first paint lists again which accounts the credentials reach (the accounts pages, nothing else).
    void this.session.discoverAccounts();
    const shown = this.session.shownAccounts();
    if (shown.length === 0) {
      // Signed in, but the user chose to show no account (none signed in: the welcome view shows instead).
      return this.session.accounts().length > 0 ? [this.message(undefined, 'empty', 'No account is shown: run "Choose accounts shown…"')] : [];
    }
    const [only] = shown;
    if (shown.length === 1 && only) return this.rowsOf(only, false);
    const roots = shown.filter((account) => this.accountMayMatch(account)).map((account) => this.nodes.account(account.id));
    return roots.length > 0 ? roots : [this.message(undefined, 'empty', `No ${this.family.title.toLowerCase()} match "${this.filterTyped ?? ''}"`)];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    const multiple = this.session.shownAccounts().length > 1;
    if (node.kind === 'group') return multiple ? this.nodes.account(node.accountId) : undefined;
    if (node.kind !== 'resource') return undefined;
    const grouping = this.family.grouping;
    const resource = this.cacheOf(node.accountId).get(node.resourceId);
    if (grouping && resource) return this.groupNode(node.accountId, grouping.groupOf(resource));
    return multiple ? this.nodes.account(node.accountId) : undefined;
  }

  private offersUsedBy(): boolean {
    return this.usedBy !== undefined && this.family.usedBy !== undefined;
  }

  /** The used-by rows of a resource: its answer when loaded, else a loading row while it loads (started here). */
  private usedByChildren(node: ResourceNode): UsedByNode[] {
    const resource = this.cacheOf(node.accountId).get(node.resourceId);
    if (!resource || !this.usedBy || !this.offersUsedBy()) return [];
    const report = this.usedBy.peek(node.accountId, this.family, resource);
    // The store fires onDidChange when the lists arrive; this view then asks again and finds them.
    if (!report) void this.usedBy.load(node.accountId, this.family, resource);
    return usedByRows(node, report, this.session.accountById(node.accountId)?.name);
  }

  /** The node for a resource (for reveal and targeted repaint), when it is in the account's list. */
  nodeFor(accountId: string, resourceId: string): ResourceNode | undefined {
    if (!this.cacheOf(accountId).get(resourceId)) return undefined;
    return this.nodes.resource(accountId, resourceId);
  }

  /** The root row of an account, when the view shows accounts as roots (for reveal). */
  accountRow(accountId: string): AccountNode | undefined {
    return this.session.shownAccounts().length > 1 ? this.nodes.account(accountId) : undefined;
  }

  /** Shows a spinner on one row while a mutation runs; only that row repaints. */
  setBusy(accountId: string, resourceId: string, busy: boolean): void {
    if (busy) this.busy.add(busyKey(accountId, resourceId));
    else this.busy.delete(busyKey(accountId, resourceId));
    this.cacheOf(accountId).touch(resourceId);
  }

  private cacheOf(accountId: string): FamilyCache<R> {
    return this.caches.cache(accountId, this.family.id) as unknown as FamilyCache<R>;
  }

  /** An account's rows: opening it starts loading all of its families (see AccountCaches). */
  private rowsOf(account: AccountInfo, underAccountRow: boolean): TreeNode[] {
    this.caches.open(account.id);
    const state = this.cacheOf(account.id).state;
    switch (state.status) {
      case 'idle':
      case 'loading':
        return [this.message(account.id, 'loading', `Loading ${this.family.title.toLowerCase()}…`)];
      case 'error':
        return [errorRow(this.family, state.error, account)];
      case 'loaded': {
        if (state.items.isEmpty()) return [this.message(account.id, 'empty', `No ${this.family.title.toLowerCase()} in ${account.name}`)];
        const roots = this.layoutFor(account).roots;
        if (roots.length > 0) return [...roots];
        const where = underAccountRow ? '' : ` in ${account.name}`;
        return [this.message(account.id, 'empty', `Nothing${where} matches "${this.filterTyped ?? ''}"`)];
      }
    }
  }

  /** With a filter, an account row stays while it may hold a match: not loaded yet, its name matches, or a row does. */
  private accountMayMatch(account: AccountInfo): boolean {
    if (!this.filterValue) return true;
    if (account.name.toLocaleLowerCase().includes(this.filterValue)) return true;
    if (this.cacheOf(account.id).state.status !== 'loaded') return true;
    return this.layoutFor(account).roots.length > 0;
  }

  /** The rows of an account under the current filter. */
  private layoutFor(account: AccountInfo): Layout<R> {
    return this.layouts.of(account, this.cacheOf(account.id), this.filterValue);
  }

  private childrenOf(group: GroupNode): ResourceNode[] {
    const account = this.session.accountById(group.accountId);
    if (!account || this.cacheOf(group.accountId).state.status !== 'loaded') return [];
    return [...(this.layoutFor(account).groups.get(group.key) ?? [])];
  }

  private groupNode(accountId: string, key: string): GroupNode {
    const state = this.cacheOf(accountId).state;
    return this.nodes.group(accountId, key, groupLabelOf(this.family, state.status === 'loaded' ? state.groupLabels : new Map<string, string>(), key));
  }

  private forgetAccount(accountId: string): void {
    this.layouts.forget(accountId);
    this.nodes.forget(accountId);
  }

  private message(accountId: string | undefined, tone: MessageNode['tone'], label: string): MessageNode {
    return { kind: 'message', familyId: this.family.id, tone, label, ...(accountId ? { accountId } : {}) };
  }

  dispose(): void {
    this.disposed = true;
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
    this.filterChanged.dispose();
  }
}

function busyKey(accountId: string, resourceId: string): string {
  return `${accountId}/${resourceId}`;
}
