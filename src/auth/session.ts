import * as vscode from 'vscode';
import { listAccounts } from '../api/accounts';
import type { Credential } from '../api/credentials';
import type { AccountContext, ApiCaller } from '../api/types';
import { credentialIdOf, type AccountInfo, type AccountStore, type CredentialFacts, type FoundAccount } from './accountStore';

/** Raised when an action needs an account and none is signed in. */
export class NotSignedIn extends Error {
  constructor() {
    super('No Cloudflare account is signed in. Run "Cloudflare ZT: Sign in with an API token".');
    this.name = 'NotSignedIn';
  }
}

/**
 * The accounts the stored credentials reach, which of them the views show, and how to call the API as each. Tracks
 * "token rejected" per credential so a 401 is reported once, not once per request or per account, and clears it on
 * the next request that succeeds with that credential.
 */
export class Session implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The accounts, or the ones shown, changed (sign-in, sign-out, a new account found, a choice of accounts). */
  readonly onDidChange = this.changed.event;
  /** Credential ids Cloudflare answered 401 for. */
  private readonly rejected = new Set<string>();
  private readonly rejectedChanged = new vscode.EventEmitter<string>();
  /** Fires with a credential id when it is first rejected, and again when it is accepted once more. */
  readonly onDidReject = this.rejectedChanged.event;
  private discovery: Promise<void> | undefined;

  constructor(readonly store: AccountStore, readonly api: ApiCaller) {}

  /** Every account the stored credentials reach. */
  accounts(): AccountInfo[] {
    return this.store.all();
  }

  /** The accounts the views show: every account, or the set the user chose. */
  shownAccounts(): AccountInfo[] {
    const all = this.accounts();
    const ids = this.store.shownIds();
    if (!ids) return all;
    const chosen = new Set(ids);
    return all.filter((a) => chosen.has(a.id));
  }

  /** The one account in use when the views show exactly one; undefined when several are shown (commands then ask). */
  soleAccount(): AccountInfo | undefined {
    const shown = this.shownAccounts();
    return shown.length === 1 ? shown[0] : undefined;
  }

  accountById(accountId: string): AccountInfo | undefined {
    return this.accounts().find((a) => a.id === accountId);
  }

  /** Every account that shares a credential (one token reaching several accounts). */
  accountsOfCredential(credentialId: string): AccountInfo[] {
    return this.accounts().filter((a) => credentialIdOf(a) === credentialId);
  }

  /**
   * The context to call the API as an account. The credential is read from SecretStorage once per credential and kept
   * in this object (the extension host holds it for every request anyway): reading it through VS Code for each list
   * cost about 5 ms per request, most of an expand's wait. Sign-in, sign-out and announce() drop the copy.
   */
  async context(account: AccountInfo | string | undefined, signal?: AbortSignal): Promise<AccountContext> {
    const info = typeof account === 'string' ? this.accountById(account) : account;
    if (!info) throw new NotSignedIn();
    const credential = await this.credentialOf(info);
    if (!credential) throw new NotSignedIn();
    return { api: this.api, credential, accountId: info.id, ...(signal ? { signal } : {}) };
  }

  private readonly credentials = new Map<string, Promise<Credential | undefined>>();

  private credentialOf(account: AccountInfo): Promise<Credential | undefined> {
    const key = credentialIdOf(account);
    let read = this.credentials.get(key);
    if (!read) {
      read = this.store.credentialFor(account);
      this.credentials.set(key, read);
      // A missing secret is not remembered: the next call reads again.
      void read.then((found) => found ?? this.credentials.delete(key), () => this.credentials.delete(key));
    }
    return read;
  }

  isRejected(accountId: string): boolean {
    const account = this.accountById(accountId);
    return account !== undefined && this.rejected.has(credentialIdOf(account));
  }

  /**
   * A request with this credential succeeded: it is no longer "token rejected". Free when nothing is rejected (the
   * common case), so it can run after every request.
   */
  noteAccepted(credential: Credential): Promise<void> {
    if (this.rejected.size === 0) return Promise.resolve();
    this.authChecks = this.authChecks.then(() => this.updateRejection(credential, false), () => undefined);
    return this.authChecks;
  }

  /**
   * Called on a 401 for a credential; fires once per credential. Calls are chained because parallel views fail
   * together and must still produce a single warning.
   */
  noteAuthFailure(credential: Credential): Promise<void> {
    this.authChecks = this.authChecks.then(() => this.updateRejection(credential, true), () => undefined);
    return this.authChecks;
  }

  private authChecks: Promise<void> = Promise.resolve();

  private async updateRejection(credential: Credential, rejected: boolean): Promise<void> {
    for (const credentialId of await this.credentialIdsHolding(credential)) {
      if (this.rejected.has(credentialId) === rejected) continue;
      if (rejected) this.rejected.add(credentialId);
      else this.rejected.delete(credentialId);
      this.rejectedChanged.fire(credentialId);
    }
  }

  private async credentialIdsHolding(credential: Credential): Promise<string[]> {
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const account of this.accounts()) {
      const id = credentialIdOf(account);
      if (seen.has(id)) continue;
      seen.add(id);
      const stored = await this.store.credentialFor(account);
      if (stored && sameCredential(stored, credential)) ids.push(id);
    }
    return ids;
  }

  /** Stores a sign-in: the credential once, every account it reaches; a chosen set of shown accounts gains them. */
  async signedIn(accounts: readonly FoundAccount[], facts: CredentialFacts, credential: Credential): Promise<AccountInfo[]> {
    const saved = await this.store.saveSignIn(accounts, facts, credential);
    const shown = this.store.shownIds();
    if (shown) await this.store.setShown([...new Set([...shown, ...saved.map((a) => a.id)])]);
    for (const account of saved) this.rejected.delete(credentialIdOf(account));
    await this.announce();
    return saved;
  }

  /** Signs out of a credential: its secret leaves SecretStorage and every account it reaches is forgotten. */
  async signOut(credentialId: string): Promise<void> {
    await this.store.removeCredential(credentialId);
    // The lists read for its accounts leave memory too (the caches drop theirs when the accounts go).
    this.api.forgetAnswers?.();
    this.rejected.delete(credentialId);
    await this.announce();
  }

  async setShown(accountIds: readonly string[] | undefined): Promise<void> {
    await this.store.setShown(accountIds);
    await this.announce();
  }

  /**
   * Lists again the accounts each stored user credential reaches (once per window, and on "Refresh all"), so an
   * account added to the token later shows without signing in again. Account-owned tokens reach one account by
   * definition. A failure keeps what is stored: the views then say what is wrong with each account.
   */
  discoverAccounts(force = false): Promise<void> {
    if (!this.discovery || force) this.discovery = this.discover();
    return this.discovery;
  }

  private async discover(): Promise<void> {
    const byCredential = new Map<string, AccountInfo>();
    for (const account of this.store.stored()) {
      if (account.tokenScope !== 'account') byCredential.set(credentialIdOf(account), account);
    }
    let changed = false;
    await Promise.all([...byCredential].map(async ([credentialId, account]) => {
      const credential = await this.store.credentialFor(account);
      if (!credential) return;
      const reached = await listAccounts(this.api, credential).catch(() => undefined);
      if (reached && reached.length > 0 && (await this.store.refreshReach(credentialId, reached))) changed = true;
    }));
    if (changed) await this.announce();
  }

  /** Updates the `cloudflareZt.signedIn` context key (drives the welcome view) and tells listeners. */
  async announce(): Promise<void> {
    this.credentials.clear();
    const checked = new Set<string>();
    for (const account of this.store.stored()) {
      const credentialId = credentialIdOf(account);
      if (checked.has(credentialId)) continue;
      checked.add(credentialId);
      // Metadata without its secret (SecretStorage was reset): forget it, so the welcome view offers sign-in.
      if (!(await this.store.credentialFor(account))) await this.store.removeCredential(credentialId);
    }
    await vscode.commands.executeCommand('setContext', 'cloudflareZt.signedIn', this.accounts().length > 0);
    await vscode.commands.executeCommand('setContext', 'cloudflareZt.multipleAccounts', this.accounts().length > 1);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
    this.rejectedChanged.dispose();
  }
}

function sameCredential(a: Credential, b: Credential): boolean {
  if (a.kind === 'token' && b.kind === 'token') return a.token === b.token;
  if (a.kind === 'globalKey' && b.kind === 'globalKey') return a.email === b.email && a.key === b.key;
  return false;
}
