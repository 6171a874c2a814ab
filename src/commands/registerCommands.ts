import * as vscode from 'vscode';
import type { Applier } from '../editor/applyCommand';
import { pickPendingDocument } from '../editor/pendingStatus';
import { cacheOf, type Services } from './services';
import { CloudflareApiError } from '../api/errors';
import { accountIdOfPath } from '../ui/errorText';
import { reportError } from '../ui/errors';
import { signIn, signInGlobalKey, replaceToken, signOut, switchAccount } from './accountCommands';
import { newDraft } from './createCommands';
import { isMessageNode, isResourceNode } from './pickResource';
import { findByLookup } from './findResource';
import { copyId, copyJson, deleteResource, openInDashboard, openResource, previewChanges } from './resourceCommands';
import { toggleMany, toggleOne } from './toggleCommands';

type Handler = (services: Services, ...args: unknown[]) => Promise<unknown>;

/** The command table: id → what it does and how its failure is described. One place, no logic. */
function commandTable(services: Services, applier: Applier): Record<string, { what: string; run: Handler }> {
  const refresh = (id: string): Handler => async () => cacheOf(services, id).reload();
  const table: Record<string, { what: string; run: Handler }> = {
    signIn: { what: 'Sign in', run: signIn },
    signInGlobalKey: { what: 'Sign in', run: signInGlobalKey },
    signOut: { what: 'Sign out', run: signOut },
    switchAccount: { what: 'Switching account', run: switchAccount },
    updateToken: { what: 'Updating the token', run: replaceToken },
    refreshAll: { what: 'Refresh', run: async (s) => Promise.all([...s.caches.values()].map((c) => c.reload())) },
    openResource: { what: 'Opening the resource', run: (s, node) => openResource(s, node) },
    apply: { what: 'Apply', run: (s, target) => applier.apply(documentOf(s, target)) },
    discardEdits: { what: 'Discard edits', run: (s, target) => applier.discard(documentOf(s, target)) },
    previewChanges: { what: 'Preview changes', run: (s, uri) => previewChanges(s, uri instanceof vscode.Uri ? uri : undefined) },
    toggle: { what: 'Toggle', run: (s, node) => toggleOne(s, node) },
    toggleEnabled: { what: 'Toggle', run: (s) => toggleMany(s) },
    deleteResource: { what: 'Delete', run: (s, node) => deleteResource(s, node) },
    copyId: { what: 'Copy ID', run: (s, node) => copyId(s, node) },
    copyJson: { what: 'Copy as JSON', run: (s, node) => copyJson(s, node) },
    openInDashboard: { what: 'Opening the dashboard', run: (s, node) => openInDashboard(s, node) },
    showLog: { what: 'Show log', run: (s) => Promise.resolve(s.log.show(true)) },
    showPendingEdits: { what: 'Show edits not applied', run: async (s) => pickPendingDocument(s.pending, s.prompts) },
    retryLoad: { what: 'Retry', run: async (s, node) => (isMessageNode(node) ? cacheOf(s, node.familyId).reload() : undefined) },
    openErrorDocs: { what: 'Open documentation', run: async (_s, node) => (isMessageNode(node) && node.docsUrl ? vscode.env.openExternal(vscode.Uri.parse(node.docsUrl)) : undefined) },
  };
  // Each family's own commands come from its descriptor: refresh, create, look-ups.
  for (const family of services.families) {
    table[`refresh.${family.id}`] = { what: `Refresh ${family.title}`, run: refresh(family.id) };
    const create = family.create;
    if (create) table[create.command] = { what: create.title, run: (s, variant) => newDraft(s, family.id, typeof variant === 'string' ? variant : undefined) };
    for (const lookup of family.lookups ?? []) {
      table[lookup.command] = { what: lookup.title, run: (s, key) => findByLookup(s, family, lookup, typeof key === 'string' ? key : undefined) };
    }
  }
  return table;
}

/**
 * The document an editor command acts on: a URI (editor title, CodeLens), a tree row with edits not applied, or,
 * from the palette or the keybinding (no argument), the active editor.
 */
function documentOf(services: Services, target: unknown): vscode.Uri | undefined {
  if (target === undefined) return vscode.window.activeTextEditor?.document.uri;
  if (target instanceof vscode.Uri) return target;
  if (isResourceNode(target)) return services.pending.pendingUri(target.accountId, target.familyId, target.resourceId);
  return undefined;
}

/**
 * Registers every command. Each returns its result (tests use it) and reports its own failure once,
 * with Cloudflare's code and message and "Show details"; the error is not rethrown into VS Code's generic handler.
 */
export function registerCommands(services: Services, applier: Applier): vscode.Disposable[] {
  return Object.entries(commandTable(services, applier)).map(([id, { what, run }]) =>
    vscode.commands.registerCommand(`cloudflareZt.${id}`, async (...args: unknown[]) => {
      try {
        return await run(services, ...args);
      } catch (error) {
        const accountId = error instanceof CloudflareApiError ? accountIdOfPath(error.path) : undefined;
        const accountName = services.session.accounts().find((a) => a.id === accountId)?.name;
        // Retry is offered only for failures that trying again can fix (a server or network hiccup).
        const retry = (): Thenable<unknown> => vscode.commands.executeCommand(`cloudflareZt.${id}`, ...args);
        void reportError(services.prompts, services.log, what, error, { retry: async () => retry(), ...(accountName ? { accountName } : {}) });
        return undefined;
      }
    }),
  );
}
