import * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { relatedSources, type RelatedData, type RelatedKey } from '../families/related/sources';
import type { RelatedLists, Settled } from './relatedLists';
import type { UsedByFailure, UsedByInput, UsedByReport } from '../families/usedBy';
import type { AccountCaches } from './accountCaches';

/**
 * What uses a resource, from the related lists (Access policies, Gateway rules, identity providers, DLP profiles with
 * their entries) the account's caches hold. Nothing is fetched at activation or when an account opens: a list is
 * read the first time a used-by row is expanded or a confirmation needs it, then kept. Any reload or change of the
 * account's family lists drops them (all but the lasting DLP profiles, see RelatedLists), so they are read again
 * with the lists (a refresh, an edit, a delete).
 */
export class UsedByStore implements vscode.Disposable {
  private readonly related: RelatedLists;
  /** An account's related lists arrived or were dropped (its used-by rows repaint). */
  readonly onDidChange: vscode.Event<string>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly caches: AccountCaches) {
    this.related = caches.related;
    this.onDidChange = this.related.onDidChange;
    this.subscriptions = [
      caches.onDidChange(({ accountId, change }) => {
        if (change.kind === 'all') this.related.drop(accountId, true);
      }),
    ];
  }

  /** The answer for a resource, loading what it needs; never throws (what failed is in `failures`). */
  async load(accountId: string, family: FamilyDescriptor, resource: ResourceBase): Promise<UsedByReport | undefined> {
    const usedBy = family.usedBy;
    if (!usedBy) return undefined;
    await this.caches.load(accountId, usedBy.lists);
    const settled = await Promise.all(usedBy.related.map(async (key) => [key, await this.related.load(accountId, key)] as const));
    return this.answer(accountId, family, resource, new Map(settled));
  }

  /** The answer when everything it needs is already loaded, else undefined (and nothing is started). */
  peek(accountId: string, family: FamilyDescriptor, resource: ResourceBase): UsedByReport | undefined {
    const usedBy = family.usedBy;
    if (!usedBy) return undefined;
    const settled = new Map<RelatedKey, Settled>();
    for (const key of usedBy.related) {
      const done = this.related.peek(accountId, key);
      if (!done) return undefined;
      settled.set(key, done);
    }
    if (usedBy.lists.some((id) => ['idle', 'loading'].includes(this.caches.cache(accountId, id).state.status))) return undefined;
    return this.answer(accountId, family, resource, settled);
  }

  private answer(accountId: string, family: FamilyDescriptor, resource: ResourceBase, settled: ReadonlyMap<RelatedKey, Settled | undefined>): UsedByReport | undefined {
    const usedBy = family.usedBy;
    if (!usedBy) return undefined;
    const failures: UsedByFailure[] = [];
    for (const id of usedBy.lists) {
      const cache = this.caches.cache(accountId, id);
      if (cache.state.status === 'error') failures.push({ what: cache.family.title, error: cache.state.error, access: cache.family.access });
    }
    for (const key of usedBy.related) {
      const done = settled.get(key);
      if (done && !done.ok) failures.push({ what: relatedSources[key].title, error: done.error, access: relatedSources[key].access });
    }
    const input: UsedByInput = {
      list: (familyId) => this.caches.cache(accountId, familyId).items(),
      related: <K extends RelatedKey>(key: K) => {
        const done = settled.get(key);
        // Each slot holds what its own source's load returned.
        return done?.ok ? (done.value as RelatedData[K]) : undefined;
      },
    };
    return { ...usedBy.find(resource, input), failures };
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
