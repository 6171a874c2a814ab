import { signInWithGlobalKey, signInWithToken, updateToken } from '../auth/signIn';
import type { AccountInfo } from '../auth/accountStore';
import type { AccountDeps } from './services';
import { UserCancelled } from '../ui/errors';

export async function signIn(services: AccountDeps): Promise<AccountInfo> {
  const account = await signInWithToken(services.session, services.prompts);
  void services.prompts.info(`Signed in to ${account.name}.`);
  return account;
}

export async function signInGlobalKey(services: AccountDeps): Promise<AccountInfo> {
  const account = await signInWithGlobalKey(services.session, services.prompts);
  void services.prompts.info(`Signed in to ${account.name} with a Global API Key.`);
  return account;
}

export async function replaceToken(services: AccountDeps): Promise<AccountInfo> {
  const account = await updateToken(services.session, services.prompts);
  void services.prompts.info(`Token updated for ${account.name}.`);
  return account;
}

/** Signs out of the active account: its token leaves SecretStorage; the next stored account becomes active. */
export async function signOut(services: AccountDeps): Promise<void> {
  const account = services.session.account();
  if (!account) return;
  if (account.source === 'environment') {
    void services.prompts.info('This account comes from CLOUDFLARE_API_TOKEN / CLOUDFLARE_ACCOUNT_ID; unset them to sign out.');
    return;
  }
  await services.session.signOut(account.id);
  void services.prompts.info(`Signed out of ${account.name}.`);
}

export async function switchAccount(services: AccountDeps): Promise<AccountInfo | undefined> {
  const accounts = services.session.accounts();
  const active = services.session.account();
  const items = [
    ...accounts.map((a) => ({ label: a.name, description: a.id === active?.id ? `${a.id} (active)` : a.id, account: a })),
    { label: '$(sign-in) Sign in to another account…', description: '', account: undefined },
  ];
  const picked = await services.prompts.pickOne(items, { title: 'Switch Cloudflare account' });
  if (!picked) throw new UserCancelled();
  if (!picked.account) return signIn(services);
  await services.session.switchTo(picked.account.id);
  return picked.account;
}
