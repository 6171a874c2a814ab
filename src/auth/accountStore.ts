import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Credential } from '../api/credentials';

/** What is remembered about an account; never a secret (those live in SecretStorage only). */
export interface AccountInfo {
  readonly id: string;
  readonly name: string;
  readonly credentialKind: Credential['kind'];
  /**
   * The stored credential that reaches this account. One token usually reaches several accounts: it is stored once
   * and every account it reaches points at it. Absent on accounts stored before that (their secret is keyed by the
   * account id).
   */
  readonly credentialId?: string;
  /** For a Global API Key: the e-mail it belongs to (not a secret, shown in the UI). */
  readonly email?: string;
  /** For an API token: whether Cloudflare knows it as a user token or an account-owned token. */
  readonly tokenScope?: 'user' | 'account';
  /** 'environment' accounts come from CLOUDFLARE_API_TOKEN / CLOUDFLARE_ACCOUNT_ID and are never persisted. */
  readonly source: 'stored' | 'environment';
}

/** An account as a sign-in found it, before it is stored. */
export type FoundAccount = Pick<AccountInfo, 'id' | 'name'>;
/** What a sign-in knows about the credential, shared by every account it reaches. */
export type CredentialFacts = Pick<AccountInfo, 'credentialKind' | 'email' | 'tokenScope'>;

const ACCOUNTS_KEY = 'cloudflareZt.accounts';
const SHOWN_KEY = 'cloudflareZt.shownAccounts';
const secretKey = (credentialId: string): string => `cloudflareZt.credential.${credentialId}`;
const ENVIRONMENT_CREDENTIAL = 'environment';

/** The key of the stored secret an account uses. */
export function credentialIdOf(account: AccountInfo): string {
  return account.credentialId ?? account.id;
}

/**
 * The only module that touches SecretStorage. Metadata in globalState, one secret per credential (a token reaching
 * fifty accounts is stored once). When nothing is stored, the environment can supply one account for this session.
 */
export class AccountStore {
  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  stored(): AccountInfo[] {
    return this.state.get<AccountInfo[]>(ACCOUNTS_KEY, []);
  }

  /** Stored accounts, or the environment's account when none is stored. */
  all(): AccountInfo[] {
    const stored = this.stored();
    if (stored.length > 0) return stored;
    const fromEnv = this.environmentAccount();
    return fromEnv ? [fromEnv] : [];
  }

  /** The ids the user chose to show, or undefined for "every account". */
  shownIds(): readonly string[] | undefined {
    return this.state.get<string[]>(SHOWN_KEY);
  }

  /** Sets the accounts shown in the views; undefined shows every account. */
  async setShown(ids: readonly string[] | undefined): Promise<void> {
    await this.state.update(SHOWN_KEY, ids === undefined ? undefined : [...ids]);
  }

  async credentialFor(account: AccountInfo): Promise<Credential | undefined> {
    if (account.source === 'environment') {
      const token = this.env.CLOUDFLARE_API_TOKEN;
      return token ? { kind: 'token', token } : undefined;
    }
    const raw = await this.secrets.get(secretKey(credentialIdOf(account)));
    return raw ? parseCredential(raw) : undefined;
  }

  /**
   * Stores a credential once and every account it reaches. Accounts that were reached through another credential
   * move to this one; a credential no account uses any more is deleted.
   */
  async saveSignIn(accounts: readonly FoundAccount[], facts: CredentialFacts, credential: Credential): Promise<AccountInfo[]> {
    const credentialId = randomUUID();
    await this.secrets.store(secretKey(credentialId), JSON.stringify(credential));
    const saved = accounts.map((a): AccountInfo => ({ id: a.id, name: a.name, ...facts, credentialId, source: 'stored' }));
    const ids = new Set(saved.map((a) => a.id));
    const before = this.stored();
    await this.state.update(ACCOUNTS_KEY, [...before.filter((a) => !ids.has(a.id)), ...saved]);
    await this.forgetUnusedCredentials(before);
    return saved;
  }

  /**
   * What a credential reaches now (its accounts listed again): new accounts join it, renamed ones take their new
   * name, and ones it no longer reaches are forgotten. Returns whether anything changed.
   */
  async refreshReach(credentialId: string, reached: readonly FoundAccount[]): Promise<boolean> {
    const before = this.stored();
    const mine = before.filter((a) => credentialIdOf(a) === credentialId);
    const template = mine[0];
    if (!template) return false;
    const byId = new Map(reached.map((a) => [a.id, a]));
    const kept = mine.filter((a) => byId.has(a.id)).map((a) => ({ ...a, name: byId.get(a.id)?.name ?? a.name }));
    const known = new Set(before.map((a) => a.id));
    const added = reached.filter((a) => !known.has(a.id)).map((a): AccountInfo => ({ ...template, id: a.id, name: a.name }));
    const next = [...before.filter((a) => credentialIdOf(a) !== credentialId), ...kept, ...added];
    const renamed = kept.some((a) => mine.find((m) => m.id === a.id)?.name !== a.name);
    const changed = next.length !== before.length || renamed || added.length > 0;
    if (!changed) return false;
    await this.state.update(ACCOUNTS_KEY, next);
    await this.forgetUnusedCredentials(before);
    return true;
  }

  /** Forgets a credential and every account it reaches: its secret first, so a crash never leaves a secret behind. */
  async removeCredential(credentialId: string): Promise<void> {
    await this.secrets.delete(secretKey(credentialId));
    const before = this.stored();
    const gone = new Set(before.filter((a) => credentialIdOf(a) === credentialId).map((a) => a.id));
    await this.state.update(ACCOUNTS_KEY, before.filter((a) => !gone.has(a.id)));
    const shown = this.shownIds();
    if (shown) await this.setShown(shown.filter((id) => !gone.has(id)));
  }

  private async forgetUnusedCredentials(before: readonly AccountInfo[]): Promise<void> {
    const used = new Set(this.stored().map(credentialIdOf));
    for (const id of new Set(before.map(credentialIdOf))) if (!used.has(id)) await this.secrets.delete(secretKey(id));
  }

  private environmentAccount(): AccountInfo | undefined {
    const token = this.env.CLOUDFLARE_API_TOKEN;
    const id = this.env.CLOUDFLARE_ACCOUNT_ID;
    if (!token || !id) return undefined;
    return { id, name: `Account ${id.slice(0, 8)}… (environment)`, credentialKind: 'token', credentialId: ENVIRONMENT_CREDENTIAL, source: 'environment' };
  }
}

function parseCredential(raw: string): Credential | undefined {
  try {
    const value = JSON.parse(raw) as Partial<{ kind: string; token: string; email: string; key: string }>;
    if (value.kind === 'token' && typeof value.token === 'string') return { kind: 'token', token: value.token };
    if (value.kind === 'globalKey' && typeof value.email === 'string' && typeof value.key === 'string') {
      return { kind: 'globalKey', email: value.email, key: value.key };
    }
  } catch {
    // A corrupt entry is treated as absent; the user is asked to sign in again.
  }
  return undefined;
}
