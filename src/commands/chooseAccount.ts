import type { AccountInfo } from '../auth/accountStore';
import { NotSignedIn } from '../auth/session';
import { UserCancelled } from '../ui/errors';
import type { AccountDeps } from './services';

/** The account a tree row belongs to (resource, group, account and list rows all carry it). */
export function accountIdOfNode(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const accountId = (node as { accountId?: unknown }).accountId;
  return typeof accountId === 'string' ? accountId : undefined;
}

/**
 * The account a command acts on: the row it was invoked on, else the only account shown, else the user picks one of
 * the shown accounts (or of all signed in, with `among: 'all'`: signing out of a hidden account). Browsing never needs
 * this: only commands that must name one account.
 */
export async function chooseAccount(services: AccountDeps, node: unknown, title: string, among: 'shown' | 'all' = 'shown'): Promise<AccountInfo> {
  const fromNode = accountIdOfNode(node);
  const session = services.session;
  if (fromNode) {
    const account = session.accountById(fromNode);
    if (account) return account;
  }
  // One account shown: that is the one the user works in, whatever the command.
  const sole = session.soleAccount();
  if (sole) return sole;
  const candidates = among === 'all' ? session.accounts() : session.shownAccounts();
  if (candidates.length === 0) throw new NotSignedIn();
  const [only] = candidates;
  if (candidates.length === 1 && only) return only;
  const picked = await services.prompts.pickOne(
    candidates.map((account) => ({ label: account.name, description: account.id, account })),
    { title, placeHolder: 'Pick a Cloudflare account', matchOnDescription: true },
  );
  if (!picked) throw new UserCancelled();
  return picked.account;
}
