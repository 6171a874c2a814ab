import * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { Session } from '../auth/session';
import { listWithGroupLabels, namesOfGroups } from './groupLabels';
import type { RelatedLists } from './relatedLists';
import { keepUnchanged } from './keepUnchanged';
import { ResourceList } from './resourceList';

export type CacheState<R extends ResourceBase> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly items: ResourceList<R>; readonly groupLabels: ReadonlyMap<string, string> }
  | { readonly status: 'error'; readonly error: unknown };

/**
 * What changed, so the tree repaints only that: everything, one resource, or only the names of the groups (the rows'
 * data is the same, so what was read about the rows' users stays).
 */
export type CacheChange = { readonly kind: 'all' } | { readonly kind: 'groups' } | { readonly kind: 'resource'; readonly id: string };

/**
 * The last listing of one family for one account. Every view reads from here; mutations write their
 * returned result here instead of re-listing (a toggle costs one request, not one plus a list).
 */
export class FamilyCache<R extends ResourceBase> implements vscode.Disposable {
  private current: CacheState<R> = { status: 'idle' };
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<CacheChange>();
  readonly onDidChange = this.changed.event;

  constructor(
    readonly family: FamilyDescriptor<R>, readonly accountId: string, private readonly session: Session, private readonly related: RelatedLists,
  ) {}

  get state(): CacheState<R> {
    return this.current;
  }

  /** Starts a load unless one is running or the data is already there. */
  ensureLoaded(): void {
    if (this.current.status === 'idle') void this.reload();
  }

  /**
   * Lists the family again; a newer reload (account switch, refresh) wins over an older one still in flight.
   * A first load shows "Loading…"; a refresh keeps the rows on screen, with the view's progress bar, until the
   * new list replaces them: one repaint instead of two (VS Code would otherwise drop and re-fetch every row
   * for the "Loading…" state and fetch them all again for the new list).
   */
  reload(): Promise<void> {
    const generation = ++this.generation;
    if (this.current.status !== 'loaded') {
      this.current = { status: 'loading' };
      this.changed.fire({ kind: 'all' });
      this.running = this.load(generation);
    } else {
      this.running = Promise.resolve(vscode.window.withProgress({ location: { viewId: `cloudflareZt.${this.family.id}` } }, () => this.load(generation)));
    }
    return this.running;
  }

  /** Resolves when the load in flight (if any) has its answer. */
  settled(): Promise<void> {
    return this.running;
  }

  private running: Promise<void> = Promise.resolve();

  private async load(generation: number): Promise<void> {
    let next: CacheState<R>;
    try {
      const ctx = await this.session.context(this.accountId);
      const { items, groupLabels } = await listWithGroupLabels(this.family, this.accountId, this.related, this.family.operations.list(ctx));
      const before = this.current.status === 'loaded' ? this.current.items : undefined;
      const listed = keepUnchanged(before?.raw() ?? [], items);
      // The very listing of before (nothing changed) keeps its index, if one was built.
      next = { status: 'loaded', items: before && before.raw() === listed ? before : ResourceList.of(listed), groupLabels };
    } catch (error) {
      next = { status: 'error', error };
    }
    if (generation !== this.generation) return;
    this.current = next;
    this.changed.fire({ kind: 'all' });
  }

  /**
   * Reads the group names again ("Refresh DLP profiles"): the rows stay, their groups are named anew. Throws what
   * reading them threw (the command reports it); families without groups have nothing to do.
   */
  async refreshGroupLabels(): Promise<void> {
    const grouping = this.family.grouping;
    if (!grouping) return;
    const settled = await this.related.reload(this.accountId, grouping.labels.from);
    const groupLabels = namesOfGroups(grouping.labels, settled);
    if (this.current.status !== 'loaded') return;
    this.current = { ...this.current, groupLabels };
    this.changed.fire({ kind: 'groups' });
  }

  /** Forgets everything (a new base URL); the next view paint loads again. */
  clear(): void {
    this.generation++;
    this.current = { status: 'idle' };
    this.changed.fire({ kind: 'all' });
  }

  get(id: string): R | undefined {
    return this.current.status === 'loaded' ? this.current.items.get(id) : undefined;
  }

  items(): R[] {
    return this.current.status === 'loaded' ? [...this.current.items.values()] : [];
  }

  /** The listing as the server sent it, for the rows (which drop a repeated id themselves): no index is built. */
  listed(): readonly R[] {
    return this.current.status === 'loaded' ? this.current.items.raw() : [];
  }

  /** Puts the server's answer for one resource in place; a new resource changes the list shape, so all repaint. */
  upsert(resource: R): void {
    if (this.current.status !== 'loaded') return;
    const existed = this.current.items.has(resource.id);
    this.current = { ...this.current, items: this.current.items.with(resource) };
    this.changed.fire(existed ? { kind: 'resource', id: resource.id } : { kind: 'all' });
  }

  remove(id: string): void {
    if (this.current.status !== 'loaded' || !this.current.items.has(id)) return;
    this.current = { ...this.current, items: this.current.items.without(id) };
    this.changed.fire({ kind: 'all' });
  }

  /** Repaints one resource without changing data (busy spinner on and off). */
  touch(id: string): void {
    this.changed.fire({ kind: 'resource', id });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
