import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { CacheState } from './familyCache';
import { NodeRegistry, type ResourceRow } from './nodeRegistry';

/** Sorts like String#localeCompare with the default locale, without building a collator per comparison. */
export const collator = new Intl.Collator();

/** One account's loaded list, sorted by name, for one cache state (a reload, upsert or remove makes a new state). */
export interface Sorted<R extends ResourceBase> {
  readonly state: CacheState<R>;
  /** Which sort this is: a row whose `sorted` equals it holds this sort's resource, name and position. */
  readonly number: number;
  readonly list: readonly ResourceRow<R>[];
  /** The listing it was sorted from (the cache's array). */
  readonly from: readonly R[];
}

/**
 * Each account's list of a family, sorted by display name once per cache state, so painting 10,000 rows and then
 * their groups sorts each list once instead of once per getChildren / getTreeItem call. The rows are the view's own
 * node objects (see NodeRegistry): sorting fills them in, and painting reads them without a lookup.
 */
export class SortedRows<R extends ResourceBase> {
  private readonly byAccount = new Map<string, Sorted<R>>();
  private count = 0;

  constructor(private readonly family: FamilyDescriptor<R>, private readonly nodes: NodeRegistry<R>) {}

  /** The sorted list of an account for this cache state (computed again only when the state is new). */
  of(accountId: string, state: CacheState<R>, items: () => readonly R[]): Sorted<R> {
    const existing = this.byAccount.get(accountId);
    if (existing && existing.state === state) return existing;
    const from = items();
    // A new state with the very listing of the last sort (a refresh where nothing changed): that sort still holds.
    let sorted: Sorted<R>;
    if (existing?.from === from) {
      sorted = { ...existing, state };
    } else {
      const number = ++this.count;
      sorted = { state, number, list: this.sorted(accountId, from, existing, number), from };
    }
    this.byAccount.set(accountId, sorted);
    return sorted;
  }

  /** The sorted list of an account when it was sorted for this very cache state. */
  current(accountId: string, state: CacheState<R>): Sorted<R> | undefined {
    const existing = this.byAccount.get(accountId);
    return existing?.state === state ? existing : undefined;
  }

  /** The display name, from the last sort when it was computed for this very resource object. */
  nameOf(accountId: string, resource: R): string {
    const row = this.nodes.rowsOf(accountId).get(resource.id);
    return row?.resource === resource ? row.name : this.family.displayName(resource);
  }

  forget(accountId: string): void {
    this.byAccount.delete(accountId);
  }

  /**
   * By display name, each name computed once (and not again for a resource object the last sort already named).
   * The list is first put in the order of the last sort (new resources at the end): Array#sort is a TimSort, which
   * needs only about one comparison per item on input that is already (nearly) in order, so a refresh of a changed
   * list does not pay n·log n locale comparisons again; a refresh where every resource kept its name and none was
   * added needs no comparison at all. The result is the same sort either way.
   */
  private sorted(accountId: string, items: readonly R[], previous: Sorted<R> | undefined, number: number): ResourceRow<R>[] {
    const rows = this.nodes.rowsOf(accountId);
    // Sort numbers start at 1: a row never sorted (0) is never taken for one of the last sort.
    const last = previous?.number ?? -1;
    const placed = new Array<ResourceRow<R> | undefined>(previous?.list.length ?? 0);
    const added: ResourceRow<R>[] = [];
    let unchanged = true;
    for (const resource of items) {
      const row = NodeRegistry.rowIn(rows, this.family.id, accountId, resource.id);
      if (row.sorted === -number) {
        // An id the server listed twice: one row, holding the later one (as the listing's index has it).
        row.resource = resource;
        row.name = this.family.displayName(resource);
        unchanged = false;
        continue;
      }
      const name = row.resource === resource ? row.name : this.family.displayName(resource);
      if (row.sorted === last && placed[row.at] === undefined) {
        placed[row.at] = row;
        if (row.name !== name) unchanged = false;
      } else {
        added.push(row);
      }
      row.resource = resource;
      row.name = name;
      // Met in this sort (made positive below, once every position is known).
      row.sorted = -number;
    }
    const list: ResourceRow<R>[] = [];
    for (const row of placed) if (row) list.push(row);
    for (const row of added) list.push(row);
    if (!unchanged || added.length > 0) list.sort((a, b) => collator.compare(a.name, b.name));
    for (let at = 0; at < list.length; at++) {
      const row = list[at] as ResourceRow<R>;
      row.at = at;
      row.sorted = number;
    }
    // Rows of resources that are gone would keep their data alive: dropped (only when something was removed).
    if (rows.size > list.length) for (const [id, row] of rows) if (row.sorted !== number) rows.delete(id);
    return list;
  }
}
