import { signInWithGlobalKey, signInWithToken, updateToken } from '../auth/signIn';
import { credentialIdOf, type AccountInfo } from '../auth/accountStore';
import { closeAccountDocuments, documentsOfAccounts } from '../editor/accountDocuments';
import { UserCancelled } from '../ui/errors';
import { listOf, shortName } from '../ui/text';
import { chooseAccount } from './chooseAccount';
import type { AccountDeps, SignOutDeps } from './services';

/** "Acme Corp", "Acme Corp and Acme Labs", "Acme Corp, Acme Labs and 98 more". */
function accountNames(accounts: readonly AccountInfo[]): string {
  const names = accounts.map((a) => shortName(a.name));
  return names.length > 3 ? `${names.slice(0, 2).join(', ')} and ${names.length - 2} more` : listOf(names);
}

function signedInMessage(accounts: readonly AccountInfo[], how = ''): string {
  const count = accounts.length > 1 ? ` (${accounts.length} accounts)` : '';
  return `Signed in to ${accountNames(accounts)}${count}${how}.`;
}

export async function signIn(services: AccountDeps): Promise<AccountInfo[]> {
  const accounts = await signInWithToken(services.session, services.prompts);
  void services.prompts.info(signedInMessage(accounts));
  return accounts;
}

export async function signInGlobalKey(services: AccountDeps): Promise<AccountInfo[]> {
  const accounts = await signInWithGlobalKey(services.session, services.prompts);
  void services.prompts.info(signedInMessage(accounts, ' with a Global API Key'));
  return accounts;
}

/** Replaces the token of the account of the row it was invoked on (or the one picked); accounts sharing it follow. */
export async function replaceToken(services: AccountDeps, node?: unknown): Promise<AccountInfo[]> {
  const account = await chooseAccount(services, node, 'Update the token of which account?', 'all');
  const accounts = await updateToken(services.session, services.prompts, account);
  void services.prompts.info(`Token updated for ${accountNames(accounts)}.`);
  return accounts;
}

/**
 * Signs out of the credential of an account (the row's, or the one picked). A token reaching several accounts is
 * stored once, so signing out removes it for all of them: the question names every one, and the documents that will
 * close, warning first when some hold edits not applied. Nothing else changes: the other accounts stay as they are.
 */
export async function signOut(services: SignOutDeps, node?: unknown): Promise<boolean> {
  const account = await chooseAccount(services, node, 'Sign out of which account?', 'all');
  if (account.source === 'environment') {
    void services.prompts.info('This account comes from CLOUDFLARE_API_TOKEN / CLOUDFLARE_ACCOUNT_ID; unset them to sign out.');
    return false;
  }
  const credentialId = credentialIdOf(account);
  const leaving = services.session.accountsOfCredential(credentialId);
  const documents = documentsOfAccounts(services, new Set(leaving.map((a) => a.id)));
  const unapplied = documents.filter((d) => d.pending).length;
  const lines = [
    leaving.length > 1
      ? `The token is shared by ${leaving.length} accounts (${accountNames(leaving)}): it leaves VS Code's secret storage and all of them leave the views.`
      : `The token leaves VS Code's secret storage and ${account.name} leaves the views.`,
    documents.length > 0 ? `${documents.length} open document${documents.length === 1 ? '' : 's'} of ${leaving.length > 1 ? 'these accounts' : 'this account'} will close.` : '',
  ].filter(Boolean);
  const warning = unapplied > 0 ? ` ${unapplied} document${unapplied === 1 ? ' holds edits' : 's hold edits'} not applied to Cloudflare, which will be lost.` : '';
  const action = unapplied > 0 ? 'Sign Out and Discard Edits' : 'Sign Out';
  const choice = await services.prompts.modal(`Sign out of ${accountNames(leaving)}?${warning}`, lines.join(' '), action);
  if (choice !== action) throw new UserCancelled();
  await closeAccountDocuments(services, documents);
  await services.session.signOut(credentialId);
  const remaining = services.session.accounts();
  void services.prompts.info(`Signed out of ${accountNames(leaving)}.${remaining.length > 0 ? ` Still signed in: ${accountNames(remaining)}.` : ''}`);
  return true;
}

/** Which accounts the views show: every account (the default) or a chosen set. */
export async function chooseShownAccounts(services: AccountDeps): Promise<readonly string[] | undefined> {
  const all = services.session.accounts();
  if (all.length === 0) throw new UserCancelled();
  const shown = new Set(services.session.shownAccounts().map((a) => a.id));
  const picked = await services.prompts.pickMany(
    all.map((account) => ({ label: account.name, description: account.id, picked: shown.has(account.id), account })),
    { title: 'Accounts shown in the Cloudflare Zero Trust views', placeHolder: 'Tick the accounts to show; the others stay signed in', matchOnDescription: true },
  );
  if (!picked) throw new UserCancelled();
  const ids = picked.length === all.length ? undefined : picked.map((p) => p.account.id);
  await services.session.setShown(ids);
  return ids;
}
