import * as vscode from 'vscode';
import type { Credential } from '../api/credentials';
import { CloudflareApiError } from '../api/errors';
import type { ApiCaller } from '../api/types';
import { listAccounts, verifyAccountToken, verifyUserToken, type CloudflareAccount } from '../api/accounts';
import { Refusal, UserCancelled } from '../ui/errors';
import type { Prompts } from '../ui/prompts';
import type { AccountInfo, FoundAccount } from './accountStore';
import type { Session } from './session';

const TOKEN_PROMPT = 'Paste a Cloudflare API token. Zero Trust Read is enough to browse; Zero Trust Write is needed to change things.';

/**
 * Sign in with an API token: verified (user or account-owned) before anything is stored. Every account it reaches is
 * stored (the views show them all, or the set the user chooses); nothing asks which one to "use".
 */
export async function signInWithToken(session: Session, prompts: Prompts): Promise<AccountInfo[]> {
  const token = await askSecret(prompts, TOKEN_PROMPT, 'Cloudflare API token');
  const credential: Credential = { kind: 'token', token };
  const { accounts, scope } = await withProgress('Verifying the token with Cloudflare…', () => resolveTokenAccounts(session.api, credential, prompts));
  return session.signedIn(accounts, { credentialKind: 'token', tokenScope: scope }, credential);
}

/** Sign in with the legacy Global API Key and its e-mail; checked by listing the accounts it reaches. */
export async function signInWithGlobalKey(session: Session, prompts: Prompts): Promise<AccountInfo[]> {
  const email = (await prompts.inputBox({ prompt: 'E-mail address of the Cloudflare user', placeHolder: 'you@example.com', validateInput: (v) => (/^\S+@\S+$/.test(v.trim()) ? undefined : 'Enter an e-mail address') }))?.trim();
  if (!email) throw new UserCancelled();
  const key = await askSecret(prompts, 'Paste the Global API Key of that user (a scoped API token is safer).', 'Global API Key');
  const credential: Credential = { kind: 'globalKey', email, key };
  const accounts = await withProgress('Checking the key with Cloudflare…', () => listAccounts(session.api, credential));
  if (accounts.length === 0) throw new Refusal('Cloudflare accepted the key, but it reaches no account.');
  return session.signedIn(accounts.map(found), { credentialKind: 'globalKey', email }, credential);
}

/**
 * Replaces the token of an account (and of every account stored with the same token) after it was rejected or
 * rotated; the new token must reach that account.
 */
export async function updateToken(session: Session, prompts: Prompts, current: AccountInfo): Promise<AccountInfo[]> {
  const token = await askSecret(prompts, `New API token for ${current.name}`, 'Cloudflare API token');
  const credential: Credential = { kind: 'token', token };
  const { accounts, scope } = await withProgress('Verifying the token with Cloudflare…', () => resolveTokenAccounts(session.api, credential, prompts, current.id));
  if (!accounts.some((a) => a.id === current.id)) throw new Refusal(`This token does not reach ${current.name}.`);
  return session.signedIn(accounts, { credentialKind: 'token', tokenScope: scope }, credential);
}

async function askSecret(prompts: Prompts, prompt: string, title: string): Promise<string> {
  const value = await prompts.inputBox({ prompt, title, password: true, validateInput: (v) => (v.trim() ? undefined : 'The value cannot be empty') });
  if (!value?.trim()) throw new UserCancelled();
  return value.trim();
}

interface TokenAccounts {
  readonly accounts: readonly FoundAccount[];
  readonly scope: 'user' | 'account';
}

function found(account: CloudflareAccount): FoundAccount {
  return { id: account.id, name: account.name };
}

/**
 * User tokens verify at /user/tokens/verify and reach every account `GET /accounts` lists (all pages); account-owned
 * tokens verify only at /accounts/{id}/tokens/verify and reach that one account, so when the first says no, the
 * accounts the token can list (or one the user names) are tried.
 */
async function resolveTokenAccounts(api: ApiCaller, credential: Credential, prompts: Prompts, expectedId?: string): Promise<TokenAccounts> {
  const user = await verifyUserToken(api, credential).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  if (!(user instanceof Error)) {
    assertActive(user.status);
    const accounts = await listAccounts(api, credential);
    if (accounts.length === 0) throw new Refusal('The token is valid, but it reaches no Cloudflare account with the permissions this extension needs.');
    return { accounts: accounts.map(found), scope: 'user' };
  }
  if (!(user instanceof CloudflareApiError) || !['credential', 'permission', 'notFound', 'validation'].includes(user.kind)) throw user;
  const listed = await listAccounts(api, credential).catch(() => [] as CloudflareAccount[]);
  const candidates = expectedId ? [{ id: expectedId, name: expectedId }] : listed;
  for (const candidate of candidates.slice(0, 10)) {
    const verified = await verifyAccountToken(api, credential, candidate.id).catch(() => undefined);
    if (verified) {
      assertActive(verified.status);
      return { accounts: [found(listed.find((a) => a.id === candidate.id) ?? candidate)], scope: 'account' };
    }
  }
  if (candidates.length > 0) throw new Error(`Cloudflare did not accept this token. ${user.message}`);
  const accountId = (await prompts.inputBox({ prompt: 'This looks like an account-owned token. Enter its Cloudflare account ID (32 hex characters).', validateInput: (v) => (/^[0-9a-f]{32}$/i.test(v.trim()) ? undefined : 'An account ID is 32 hexadecimal characters') }))?.trim();
  if (!accountId) throw new UserCancelled();
  const verified = await verifyAccountToken(api, credential, accountId).catch((e: unknown) => {
    throw new Error(`Cloudflare did not accept this token for account ${accountId}. ${e instanceof Error ? e.message : ''}`);
  });
  assertActive(verified.status);
  return { accounts: [{ id: accountId, name: `Account ${accountId.slice(0, 8)}…` }], scope: 'account' };
}

function assertActive(status: string): void {
  if (status !== 'active') throw new Refusal(`The token is ${status}; create or roll a token in the Cloudflare dashboard.`);
}

function withProgress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task);
}
