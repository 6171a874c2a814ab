import * as vscode from 'vscode';
import type { Credential } from '../api/credentials';
import type { AccountContext, ApiCaller } from '../api/types';
import type { AccountInfo, AccountStore } from './accountStore';

/** Raised when an action needs an account and none is signed in. */
export class NotSignedIn extends Error {
  constructor() {
    super('No Cloudflare account is signed in. Run "Cloudflare ZT: Sign in with an API token".');
    this.name = 'NotSignedIn';
  }
}

/**
 * The active account and how to call the API as it. Tracks "token rejected" so a 401 is reported once per
 * account, not once per request, and clears it on the next request that succeeds with that credential.
 */
export class Session implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AccountInfo | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly rejected = new Set<string>();
  private readonly rejectedChanged = new vscode.EventEmitter<string>();
  /** Fires when an account's credential is first rejected, and again when it is accepted once more. */
  readonly onDidReject = this.rejectedChanged.event;

  constructor(readonly store: AccountStore, readonly api: ApiCaller) {}

  account(): AccountInfo | undefined {
    return this.store.active();
  }

  accounts(): AccountInfo[] {
    return this.store.all();
  }

  /** The context to call the API as the active account (or a given one). */
  async context(account: AccountInfo | undefined = this.account(), signal?: AbortSignal): Promise<AccountContext> {
    if (!account) throw new NotSignedIn();
    const credential = await this.store.credentialFor(account);
    if (!credential) throw new NotSignedIn();
    return { api: this.api, credential, accountId: account.id, ...(signal ? { signal } : {}) };
  }

  isRejected(accountId: string): boolean {
    return this.rejected.has(accountId);
  }

  /**
   * A request with this credential succeeded: every account holding it is no longer "token rejected". Free when
   * nothing is rejected (the common case), so it can run after every request.
   */
  noteAccepted(credential: Credential): Promise<void> {
    if (this.rejected.size === 0) return Promise.resolve();
    this.authChecks = this.authChecks.then(() => this.clearRejection(credential), () => undefined);
    return this.authChecks;
  }

  private async clearRejection(credential: Credential): Promise<void> {
    for (const accountId of [...this.rejected]) {
      const account = this.accounts().find((a) => a.id === accountId);
      const current = account ? await this.store.credentialFor(account) : undefined;
      if (!current || !sameCredential(current, credential)) continue;
      this.rejected.delete(accountId);
      this.rejectedChanged.fire(accountId);
    }
  }

  /**
   * Called on a 401 for a credential; fires only on the first one for the active account. Calls are
   * chained because parallel views fail together and must still produce a single warning.
   */
  noteAuthFailure(credential: Credential): Promise<void> {
    this.authChecks = this.authChecks.then(() => this.checkAuthFailure(credential), () => undefined);
    return this.authChecks;
  }

  private authChecks: Promise<void> = Promise.resolve();

  private async checkAuthFailure(credential: Credential): Promise<void> {
    const account = this.account();
    if (!account || this.rejected.has(account.id)) return;
    const current = await this.store.credentialFor(account);
    if (!current || !sameCredential(current, credential)) return;
    this.rejected.add(account.id);
    this.rejectedChanged.fire(account.id);
  }

  async signedIn(account: Omit<AccountInfo, 'source'>, credential: Credential): Promise<AccountInfo> {
    const saved = await this.store.save(account, credential);
    this.rejected.delete(saved.id);
    await this.announce();
    return saved;
  }

  async switchTo(accountId: string): Promise<void> {
    await this.store.setActive(accountId);
    await this.announce();
  }

  async signOut(accountId: string): Promise<void> {
    await this.store.remove(accountId);
    this.rejected.delete(accountId);
    await this.announce();
  }

  /** Updates the `cloudflareZt.signedIn` context key (drives the welcome view) and tells listeners. */
  async announce(): Promise<void> {
    let account = this.account();
    if (account?.source === 'stored' && !(await this.store.credentialFor(account))) {
      // Metadata without its secret (SecretStorage was reset): forget it, so the welcome view offers sign-in.
      await this.store.remove(account.id);
      account = this.account();
    }
    await vscode.commands.executeCommand('setContext', 'cloudflareZt.signedIn', account !== undefined);
    this.changed.fire(account);
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
