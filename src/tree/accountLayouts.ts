import type { AccountInfo } from '../auth/accountStore';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { FamilyCache } from './familyCache';
import type { NodeRegistry, ResourceRow } from './nodeRegistry';
import type { GroupNode, ResourceNode } from './nodes';
import { filterText } from './rowFilter';
import type { CacheState } from './familyCache';
import { collator, SortedRows, type Sorted } from './sortedRows';

/** What the rows of one account look like under a filter: roots and the members of each group. */
export interface Layout<R extends ResourceBase> {
  readonly sorted: Sorted<R>;
  readonly filter: string | undefined;
  readonly accountName: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly roots: (GroupNode | ResourceNode)[];
  readonly groups: ReadonlyMap<string, ResourceNode[]>;
}

/** The label of a group (a DLP profile's name), or what stands for it while the name is unknown. */
export function groupLabelOf<R extends ResourceBase>(family: FamilyDescriptor<R>, labels: ReadonlyMap<string, string>, key: string): string {
  const grouping = family.grouping;
  return labels.get(key) ?? (key ? (grouping?.unknownGroupLabel(key) ?? key) : (grouping?.ungroupedLabel ?? 'Other'));
}

/**
 * Each account's rows of one view, sorted, grouped and filtered; recomputed only when the account's list, its name
 * or the filter changed, so painting a view and then its groups does the work once.
 */
export class AccountLayouts<R extends ResourceBase> {
  private readonly layouts = new Map<string, Layout<R>>();
  private readonly sortedRows: SortedRows<R>;

  constructor(private readonly family: FamilyDescriptor<R>, private readonly nodes: NodeRegistry<R>) {
    this.sortedRows = new SortedRows(family, nodes);
  }

  /** The layout of an account's loaded list; `filter` is normalised (see rowFilter.ts), undefined for none. */
  of(account: AccountInfo, cache: FamilyCache<R>, filter: string | undefined): Layout<R> {
    const sorted = this.sortedRows.of(account.id, cache.state, () => cache.listed());
    const cached = this.layouts.get(account.id);
    const labels = cache.state.status === 'loaded' ? cache.state.groupLabels : NO_LABELS;
    if (cached && cached.sorted.list === sorted.list && cached.filter === filter && cached.accountName === account.name && sameLabels(cached.labels, labels)) {
      // The same sorted rows (a refresh where nothing changed), filter, account name and group names: the same layout.
      if (cached.sorted === sorted) return cached;
      const kept = { ...cached, sorted };
      this.layouts.set(account.id, kept);
      return kept;
    }
    const grouping = this.family.grouping;
    const everything = !filter || account.name.toLocaleLowerCase().includes(filter);
    const groups = new Map<string, ResourceNode[]>();
    const roots: (GroupNode | ResourceNode)[] = [];
    for (const row of sorted.list) {
      const resource = row.resource as R;
      const key = grouping?.groupOf(resource);
      if (!everything && !filterText(this.family, resource, row.name, key === undefined ? undefined : groupLabelOf(this.family, labels, key)).includes(filter)) continue;
      if (key === undefined) {
        roots.push(row);
        continue;
      }
      let members = groups.get(key);
      if (!members) groups.set(key, (members = []));
      members.push(row);
    }
    if (grouping) {
      const groupRows = [...groups.keys()].map((key) => this.nodes.group(account.id, key, groupLabelOf(this.family, labels, key)));
      roots.push(...groupRows.sort((a, b) => collator.compare(a.label, b.label)));
    }
    const layout: Layout<R> = { sorted, filter, accountName: account.name, labels, roots, groups };
    this.layouts.set(account.id, layout);
    return layout;
  }

  /**
   * A resource of an account's list in this cache state, with its display name: from the sorted list when it was
   * sorted for this state (one lookup), else from the state itself.
   */
  row(node: ResourceNode, state: CacheState<R>): { readonly resource: R; readonly name: string } | undefined {
    const sorted = this.sortedRows.current(node.accountId, state);
    // VS Code hands back the row object the layout gave it: when that sort is the current one, it holds the answer.
    if (sorted && isRowOf(node, sorted)) return node as ResourceRow<R> & { resource: R };
    const resource = state.status === 'loaded' ? state.items.get(node.resourceId) : undefined;
    return resource ? { resource, name: this.sortedRows.nameOf(node.accountId, resource) } : undefined;
  }

  /** The display name, from the sorted list when it was computed for this very resource object. */
  nameOf(accountId: string, resource: R): string {
    return this.sortedRows.nameOf(accountId, resource);
  }

  /** Accounts that have a layout (the view painted them). */
  accounts(): string[] {
    return [...this.layouts.keys()];
  }

  /** The account's list changed: its layout is computed again at the next paint (dropping the old frees its data). */
  invalidate(accountId: string): void {
    this.layouts.delete(accountId);
  }

  /** The filter changed: every layout is computed again. */
  invalidateAll(): void {
    this.layouts.clear();
  }

  forget(accountId: string): void {
    this.layouts.delete(accountId);
    this.sortedRows.forget(accountId);
  }
}

const NO_LABELS: ReadonlyMap<string, string> = new Map<string, string>();

/** Whether two sets of group names say the same (each refresh reads them into a map of its own). */
function sameLabels(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [key, label] of a) if (b.get(key) !== label) return false;
  return true;
}

/** Whether a node is a row filled in by this very sort. */
function isRowOf<R extends ResourceBase>(node: ResourceNode, sorted: Sorted<R>): boolean {
  const row = node as Partial<ResourceRow<R>>;
  return row.sorted === sorted.number && row.resource !== undefined;
}
