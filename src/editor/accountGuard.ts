import type { Services } from '../services/services';
import { SaveBlocked } from './saveErrors';

/**
 * A document belongs to the account it was opened under. After a switch, saving it with the new account's
 * credential would write to the wrong place (or leak intent across accounts), so the save is refused.
 */
export function assertDocumentAccount(services: Services, accountId: string): void {
  const active = services.session.account();
  if (active?.id === accountId) return;
  const owner = services.session.accounts().find((a) => a.id === accountId);
  const ownerName = owner ? `"${owner.name}"` : `account ${accountId}`;
  const activeName = active ? `"${active.name}" is active now` : 'no account is signed in';
  throw new SaveBlocked(`This document belongs to ${ownerName}, but ${activeName}. Switch back to ${ownerName} to save it; nothing was sent.`);
}
