import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { relatedSources, type RelatedData, type RelatedKey } from '../families/related/sources';
import type { UsedByFailure, UsedByInput, UsedByReport } from '../families/usedBy';
import type { AccountCaches } from './accountCaches';

type Settled = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

interface Slot {
  readonly promise: Promise<Settled>;
  settled?: Settled;
}

/**
 * The related lists used-by answers read (Access policies, Gateway rules, identity providers, DLP profiles with their
 * entries), per account. Nothing is fetched at activation or when an account opens: a list is read the first time a
 * used-by row is expanded or a confirmation needs it, then kept. Any reload or change of the account's family lists
 * drops them, so they are read again with the lists (a refresh, an edit, a delete).
 */
export class UsedByStore implements vscode.Disposable {
  private readonly slots = new Map<string, Map<RelatedKey, Slot>>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** An account's related lists arrived or were dropped (its used-by rows repaint). */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly caches: AccountCaches, private readonly session: Session) {
    this.subscriptions = [
      caches.onDidChange(({ accountId, change }) => {
        if (change.kind === 'all') this.drop(accountId);
      }),
      session.onDidChange(() => {
        const shown = new Set(session.shownAccounts().map((a) => a.id));
        for (const accountId of [...this.slots.keys()]) if (!shown.has(accountId)) this.slots.delete(accountId);
      }),
    ];
  }

  /** The answer for a resource, loading what it needs; never throws (what failed is in `failures`). */
  async load(accountId: string, family: FamilyDescriptor, resource: ResourceBase): Promise<UsedByReport | undefined> {
    const usedBy = family.usedBy;
    if (!usedBy) return undefined;
    await this.caches.load(accountId, usedBy.lists);
    const settled = await Promise.all(usedBy.related.map(async (key) => [key, await this.slot(accountId, key).promise] as const));
    return this.answer(accountId, family, resource, new Map(settled));
  }

  /** The answer when everything it needs is already loaded, else undefined (and nothing is started). */
  peek(accountId: string, family: FamilyDescriptor, resource: ResourceBase): UsedByReport | undefined {
    const usedBy = family.usedBy;
    if (!usedBy) return undefined;
    const slots = this.slots.get(accountId);
    const settled = new Map<RelatedKey, Settled>();
    for (const key of usedBy.related) {
      const done = slots?.get(key)?.settled;
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

  private slot(accountId: string, key: RelatedKey): Slot {
    let slots = this.slots.get(accountId);
    if (!slots) this.slots.set(accountId, (slots = new Map<RelatedKey, Slot>()));
    const existing = slots.get(key);
    if (existing) return existing;
    const owner = slots;
    const promise = this.session.context(accountId)
      .then((ctx) => relatedSources[key].load(ctx))
      .then((value): Settled => ({ ok: true, value }), (error: unknown): Settled => ({ ok: false, error }));
    const slot: Slot = { promise };
    owner.set(key, slot);
    void promise.then((settled) => {
      slot.settled = settled;
      // A drop while it was loading: the answer still serves whoever waited, but it is not kept.
      if (this.slots.get(accountId) === owner && owner.get(key) === slot) this.changed.fire(accountId);
      else owner.delete(key);
    });
    return slot;
  }

  private drop(accountId: string): void {
    if (!this.slots.has(accountId)) return;
    this.slots.delete(accountId);
    this.changed.fire(accountId);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
