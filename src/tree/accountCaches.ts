import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { FamilyCache, type CacheChange } from './familyCache';
import { RelatedLists } from './relatedLists';

/** A change in one family's list of one account. */
export interface AccountCacheChange {
  readonly accountId: string;
  readonly familyId: string;
  readonly change: CacheChange;
}

/**
 * The lists of every account, loaded lazily: nothing of an account is fetched until it is opened (its row expanded,
 * or a command needs it). Opening an account loads all its families together, so every view and every picker has
 * it. A refresh touches only opened accounts; accounts that leave the views are dropped with their data.
 */
export class AccountCaches implements vscode.Disposable {
  private readonly caches = new Map<string, FamilyCache<ResourceBase>>();
  /** The same caches by account, then family: the fast way in. */
  private readonly byAccount = new Map<string, Map<string, FamilyCache<ResourceBase>>>();
  private readonly subscriptions = new Map<string, vscode.Disposable>();
  private readonly opened = new Set<string>();
  private readonly changed = new vscode.EventEmitter<AccountCacheChange>();
  readonly onDidChange = this.changed.event;
  /** The related lists of the same accounts (used-by answers, group names): kept and dropped with the lists. */
  readonly related: RelatedLists;

  constructor(private readonly families: readonly FamilyDescriptor[], private readonly session: Session) {
    this.related = new RelatedLists(session);
  }

  /** One family's list for one account (created empty, and not loaded, the first time it is asked for). */
  cache(accountId: string, familyId: string): FamilyCache<ResourceBase> {
    // Asked for every row a view paints: two lookups by the strings as given, no key string built per call.
    const existing = this.byAccount.get(accountId)?.get(familyId);
    if (existing) return existing;
    const key = `${accountId}/${familyId}`;
    let cache = this.caches.get(key);
    if (!cache) {
      const family = this.families.find((f) => f.id === familyId);
      if (!family) throw new Error(`Unknown family ${familyId}`);
      cache = new FamilyCache(family, accountId, this.session, this.related);
      this.caches.set(key, cache);
      this.subscriptions.set(key, cache.onDidChange((change) => this.changed.fire({ accountId, familyId, change })));
    }
    let families = this.byAccount.get(accountId);
    if (!families) this.byAccount.set(accountId, (families = new Map<string, FamilyCache<ResourceBase>>()));
    families.set(familyId, cache);
    return cache;
  }

  isOpened(accountId: string): boolean {
    return this.opened.has(accountId);
  }

  openedAccounts(): string[] {
    return [...this.opened];
  }

  /** Starts loading every family of an account that is not loaded yet. */
  open(accountId: string): void {
    this.opened.add(accountId);
    for (const family of this.families) this.cache(accountId, family.id).ensureLoaded();
  }

  /** Loads every family of an account and resolves when each has an answer (a list or an error). */
  async load(accountId: string, familyIds: readonly string[] = this.families.map((f) => f.id)): Promise<void> {
    this.opened.add(accountId);
    await Promise.all(familyIds.map(async (familyId) => {
      const cache = this.cache(accountId, familyId);
      if (cache.state.status === 'idle' || cache.state.status === 'error') await cache.reload();
      else if (cache.state.status === 'loading') await cache.settled();
    }));
  }

  /**
   * Lists one family again in every opened account (a view's refresh). `alsoOpen` names accounts to open by it: the
   * one account a single-account view shows, whose rows are the view's top level.
   */
  async reloadFamily(familyId: string, alsoOpen: readonly string[] = []): Promise<void> {
    for (const accountId of alsoOpen) this.opened.add(accountId);
    await Promise.all(this.openedAccounts().map((accountId) => this.cache(accountId, familyId).reload()));
  }

  /** Lists everything of every opened account again ("Refresh all"); `alsoOpen` as for reloadFamily. */
  async reloadOpened(alsoOpen: readonly string[] = []): Promise<void> {
    for (const accountId of alsoOpen) this.opened.add(accountId);
    await Promise.all(this.openedAccounts().flatMap((accountId) => this.families.map((f) => this.cache(accountId, f.id).reload())));
  }

  /** Drops the data of accounts that are no longer signed in or shown. */
  keepOnly(accountIds: ReadonlySet<string>): void {
    for (const [key, cache] of this.caches) {
      if (accountIds.has(cache.accountId)) continue;
      this.subscriptions.get(key)?.dispose();
      this.subscriptions.delete(key);
      this.caches.delete(key);
      this.byAccount.delete(cache.accountId);
      this.opened.delete(cache.accountId);
      cache.dispose();
    }
    this.related.keepOnly(accountIds);
  }

  /** Forgets every list (another server); opened accounts load again when painted. */
  clear(): void {
    this.related.clear();
    for (const cache of this.caches.values()) cache.clear();
  }

  dispose(): void {
    for (const subscription of this.subscriptions.values()) subscription.dispose();
    for (const cache of this.caches.values()) cache.dispose();
    this.related.dispose();
    this.changed.dispose();
  }
}
