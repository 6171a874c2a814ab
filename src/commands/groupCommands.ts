import { isGroupNode } from './pickResource';
import { cacheOf, type Services } from './services';

/**
 * Reads a family's group names again (the DLP profiles), which a refresh of the rows does not: from a group row, for
 * its account; from the view's menu or the palette, for every account whose rows are loaded. The rows stay; only
 * their groups are named anew.
 */
export async function refreshGroupNames(services: Services, familyId: string, node: unknown): Promise<void> {
  const sole = services.session.soleAccount();
  const accounts = isGroupNode(node) ? [node.accountId] : [...new Set([...services.caches.openedAccounts(), ...(sole ? [sole.id] : [])])];
  await Promise.all(accounts.map((accountId) => cacheOf(services, accountId, familyId).refreshGroupLabels()));
}
