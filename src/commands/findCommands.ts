import * as vscode from 'vscode';
import { NotSignedIn } from '../auth/session';
import { openLiveDocument } from '../editor/openDocument';
import { UserCancelled } from '../ui/errors';
import { resourceItems, type ResourcePickItem } from './pickResource';
import { providerOf, type DocumentDeps, type PickDeps, type Services } from './services';

/** "Filter…" in a view's title: the text stays in the view's description until it is cleared. */
export async function filterView(services: Pick<Services, 'prompts' | 'providers'>, familyId: string): Promise<string | undefined> {
  const provider = providerOf(services, familyId);
  const text = await services.prompts.inputBox({
    title: `Filter ${provider.family.viewName}`,
    prompt: 'Show only rows whose name, type, state, profile or account contains this text. Leave empty to show everything.',
    value: provider.filter ?? '',
  });
  if (text === undefined) throw new UserCancelled();
  provider.setFilter(text);
  return provider.filter;
}

export function clearFilter(services: Pick<Services, 'providers'>, familyId: string): Promise<void> {
  providerOf(services, familyId).setFilter(undefined);
  return Promise.resolve();
}

type GoToDeps = PickDeps & DocumentDeps & Pick<Services, 'providers' | 'views'>;

interface LoadMoreItem extends vscode.QuickPickItem {
  readonly loadMore: true;
}

/**
 * One picker across every opened account and every family: name, what it is, its account and (DLP) profile. Accounts
 * not opened yet are one item away ("Load N more accounts…"), which loads them with progress and asks again. The
 * pick is revealed in its view and opened.
 */
export async function goToResource(services: GoToDeps): Promise<ResourcePickItem> {
  for (;;) {
    const shown = services.session.shownAccounts();
    if (shown.length === 0) throw new NotSignedIn();
    if (shown.length === 1 && shown[0]) services.caches.open(shown[0].id);
    const opened = shown.filter((a) => services.caches.isOpened(a.id));
    await Promise.all(opened.map((a) => services.caches.load(a.id)));
    const waiting = shown.filter((a) => !services.caches.isOpened(a.id));
    const items: (ResourcePickItem | LoadMoreItem)[] = resourceItems(services, opened, services.families);
    if (waiting.length > 0) {
      items.push({
        label: `$(cloud-download) Load ${waiting.length} more account${waiting.length === 1 ? '' : 's'}…`,
        description: waiting.slice(0, 3).map((a) => a.name).join(', ') + (waiting.length > 3 ? ', …' : ''),
        detail: 'Lists their resources now, then asks again',
        alwaysShow: true,
        loadMore: true,
      });
    }
    const picked = await services.prompts.pickOne(items, {
      title: 'Go to resource', placeHolder: 'Type a name, type, state, account or profile', matchOnDescription: true, matchOnDetail: true,
    });
    if (!picked) throw new UserCancelled();
    if ('loadMore' in picked) {
      await loadAccounts(services, waiting.map((a) => a.id));
      continue;
    }
    const row = providerOf(services, picked.family.id).nodeFor(picked.accountId, picked.resource.id);
    if (row) await services.views.get(picked.family.id)?.reveal(row, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    await openLiveDocument(services, picked.family, picked.accountId, picked.resource);
    return picked;
  }
}

/** Loads accounts with a notification that counts them; cancelling stops starting new ones. */
async function loadAccounts(services: PickDeps, accountIds: readonly string[]): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Loading accounts', cancellable: true }, async (progress, token) => {
    let done = 0;
    const step = 100 / accountIds.length;
    await Promise.all(accountIds.map(async (accountId) => {
      if (token.isCancellationRequested) return;
      await services.caches.load(accountId);
      done++;
      progress.report({ increment: step, message: `${done} of ${accountIds.length}` });
    }));
  });
}
