import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { CacheState } from './familyCache';

/** Sorts like String#localeCompare with the default locale, without building a collator per comparison. */
export const collator = new Intl.Collator();

/** A resource and its display name, computed once (some families' names parse a URL). */
export interface Named<R> {
  readonly resource: R;
  readonly name: string;
}

/** One account's loaded list, sorted by name, for one cache state (a reload, upsert or remove makes a new state). */
export interface Sorted<R extends ResourceBase> {
  readonly state: CacheState<R>;
  readonly list: readonly Named<R>[];
  /** Resource id → the resource it was sorted from and its display name. */
  readonly named: ReadonlyMap<string, Named<R>>;
}

/**
 * Each account's list of a family, sorted by display name once per cache state, so painting 10,000 rows and then
 * their groups sorts each list once instead of once per getChildren / getTreeItem call.
 */
export class SortedRows<R extends ResourceBase> {
  private readonly byAccount = new Map<string, Sorted<R>>();
  /** Account → resource id → its position in the last sorted list: the next sort starts from that order. */
  private readonly lastOrder = new Map<string, Map<string, number>>();

  constructor(private readonly family: FamilyDescriptor<R>) {}

  /** The sorted list of an account for this cache state (computed again only when the state is new). */
  of(accountId: string, state: CacheState<R>, items: () => readonly R[]): Sorted<R> {
    const existing = this.byAccount.get(accountId);
    if (existing && existing.state === state) return existing;
    const list = this.sorted(accountId, items());
    const named = new Map<string, Named<R>>();
    for (const entry of list) named.set(entry.resource.id, entry);
    const sorted: Sorted<R> = { state, list, named };
    this.byAccount.set(accountId, sorted);
    return sorted;
  }

  /** The display name, from the sorted list when it was computed for this very resource object. */
  nameOf(accountId: string, resource: R): string {
    const named = this.byAccount.get(accountId)?.named.get(resource.id);
    return named?.resource === resource ? named.name : this.family.displayName(resource);
  }

  forget(accountId: string): void {
    this.byAccount.delete(accountId);
    this.lastOrder.delete(accountId);
  }

  /**
   * By display name, each name computed once rather than once per comparison. The list is first put in the
   * order of the last sort (new resources at the end): Array#sort is a TimSort, which needs only about one
   * comparison per item on input that is already (nearly) in order, so a refresh of an unchanged list does not
   * pay n·log n locale comparisons again. The result is the same sort either way.
   */
  private sorted(accountId: string, items: readonly R[]): Named<R>[] {
    const previous = this.lastOrder.get(accountId) ?? new Map<string, number>();
    const placed: (Named<R> | undefined)[] = new Array<Named<R> | undefined>(previous.size);
    const added: Named<R>[] = [];
    for (const resource of items) {
      const entry = { resource, name: this.nameOf(accountId, resource) };
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
    this.lastOrder.set(accountId, order);
    return keyed;
  }
}
