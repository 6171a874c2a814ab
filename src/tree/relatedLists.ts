import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { isLasting, relatedSources, type RelatedData, type RelatedKey } from '../families/related/sources';

/** A related list's answer: the list, or why it could not be read. */
export type Settled<K extends RelatedKey = RelatedKey> = { readonly ok: true; readonly value: RelatedData[K] } | { readonly ok: false; readonly error: unknown };

interface Slot {
  readonly promise: Promise<Settled>;
  settled?: Settled;
}

/**
 * The lists that are not families but that families read (Access policies, Gateway rules, identity providers, DLP
 * profiles), per account, each read at most once until it is dropped. Nothing is fetched until something asks:
 * a used-by row, a confirmation, or a family whose groups these lists name (DLP entries by profile).
 *
 * Most of them are dropped whenever the account's family lists reload (see UsedByStore), so a used-by answer is as
 * fresh as the rows. Sources marked `lasting` survive reloads: the DLP profiles are as large as the entries list
 * they name and change far less often, so a refresh does not fetch them again; they are read again when a listed
 * entry names a profile they do not hold, or on an explicit refresh (see GroupLabels and the refresh-groups command).
 */
export class RelatedLists implements vscode.Disposable {
  private readonly slots = new Map<string, Map<RelatedKey, Slot>>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** An account's related lists arrived or were dropped. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly session: Session) {}

  /** The list, read now if it is not held (or being read); never throws. */
  load<K extends RelatedKey>(accountId: string, key: K): Promise<Settled<K>> {
    return this.slot(accountId, key).promise as Promise<Settled<K>>;
  }

  /** The answer when it is held, else undefined (nothing is started). */
  peek<K extends RelatedKey>(accountId: string, key: K): Settled<K> | undefined {
    return this.slots.get(accountId)?.get(key)?.settled as Settled<K> | undefined;
  }

  /** Whether the list is held or being read. */
  has(accountId: string, key: RelatedKey): boolean {
    return this.slots.get(accountId)?.has(key) ?? false;
  }

  /** Reads the list again (an unknown id in it, or an explicit refresh); the old answer serves until the new one. */
  reload<K extends RelatedKey>(accountId: string, key: K): Promise<Settled<K>> {
    const slots = this.slots.get(accountId);
    const current = slots?.get(key);
    // A read still in flight is as new as a new one would be.
    if (current && !current.settled) return current.promise as Promise<Settled<K>>;
    slots?.delete(key);
    return this.load(accountId, key);
  }

  /** Drops an account's lists; with `keepLasting`, those that survive a list reload stay. */
  drop(accountId: string, keepLasting: boolean): void {
    const slots = this.slots.get(accountId);
    if (!slots) return;
    let dropped = false;
    for (const key of [...slots.keys()]) {
      if (keepLasting && isLasting(key)) continue;
      slots.delete(key);
      dropped = true;
    }
    if (slots.size === 0) this.slots.delete(accountId);
    if (dropped) this.changed.fire(accountId);
  }

  /** Drops the lists of every account not in `accountIds`. */
  keepOnly(accountIds: ReadonlySet<string>): void {
    for (const accountId of [...this.slots.keys()]) if (!accountIds.has(accountId)) this.slots.delete(accountId);
  }

  /** Forgets everything (another server). */
  clear(): void {
    for (const accountId of [...this.slots.keys()]) this.drop(accountId, false);
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
      // Dropped while it was being read: the answer still serves whoever waited, but it is not kept.
      if (this.slots.get(accountId) === owner && owner.get(key) === slot) this.changed.fire(accountId);
    });
    return slot;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
