import * as vscode from 'vscode';
import type { Credential } from '../api/credentials';

/** What is remembered about an account; never a secret (those live in SecretStorage only). */
export interface AccountInfo {
  readonly id: string;
  readonly name: string;
  readonly credentialKind: Credential['kind'];
  /** For a Global API Key: the e-mail it belongs to (not a secret, shown in the UI). */
  readonly email?: string;
  /** For an API token: whether Cloudflare knows it as a user token or an account-owned token. */
  readonly tokenScope?: 'user' | 'account';
  /** 'environment' accounts come from CLOUDFLARE_API_TOKEN / CLOUDFLARE_ACCOUNT_ID and are never persisted. */
  readonly source: 'stored' | 'environment';
}

const ACCOUNTS_KEY = 'cloudflareZt.accounts';
const ACTIVE_KEY = 'cloudflareZt.activeAccountId';
const secretKey = (accountId: string): string => `cloudflareZt.credential.${accountId}`;

/**
 * The only module that touches SecretStorage. Metadata in globalState, one secret per account.
 * When nothing is stored, the environment can supply one account for this session.
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

  active(): AccountInfo | undefined {
    const all = this.all();
    const id = this.state.get<string>(ACTIVE_KEY);
    return all.find((a) => a.id === id) ?? all[0];
  }

  async credentialFor(account: AccountInfo): Promise<Credential | undefined> {
    if (account.source === 'environment') {
      const token = this.env.CLOUDFLARE_API_TOKEN;
      return token ? { kind: 'token', token } : undefined;
    }
    const raw = await this.secrets.get(secretKey(account.id));
    return raw ? parseCredential(raw) : undefined;
  }

  /** Stores (or replaces) an account and its secret, and makes it active. */
  async save(account: Omit<AccountInfo, 'source'>, credential: Credential): Promise<AccountInfo> {
    const info: AccountInfo = { ...account, source: 'stored' };
    await this.secrets.store(secretKey(info.id), JSON.stringify(credential));
    const others = this.stored().filter((a) => a.id !== info.id);
    await this.state.update(ACCOUNTS_KEY, [...others, info]);
    await this.state.update(ACTIVE_KEY, info.id);
    return info;
  }

  async setActive(accountId: string): Promise<void> {
    await this.state.update(ACTIVE_KEY, accountId);
  }

  /** Forgets an account: its secret first, so a crash in between never leaves a secret without metadata. */
  async remove(accountId: string): Promise<void> {
    await this.secrets.delete(secretKey(accountId));
    await this.state.update(ACCOUNTS_KEY, this.stored().filter((a) => a.id !== accountId));
    if (this.state.get<string>(ACTIVE_KEY) === accountId) await this.state.update(ACTIVE_KEY, this.stored()[0]?.id);
  }

  private environmentAccount(): AccountInfo | undefined {
    const token = this.env.CLOUDFLARE_API_TOKEN;
    const id = this.env.CLOUDFLARE_ACCOUNT_ID;
    if (!token || !id) return undefined;
    return { id, name: `Account ${id.slice(0, 8)}… (environment)`, credentialKind: 'token', source: 'environment' };
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
