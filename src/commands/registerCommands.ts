import * as vscode from 'vscode';
import type { Applier } from '../editor/applyCommand';
import { pickPendingDocument } from '../editor/pendingStatus';
import { cacheOf, type Services } from './services';
import { CloudflareApiError } from '../api/errors';
import { accountIdOfPath } from '../ui/errorText';
import { reportError } from '../ui/errors';
import { chooseShownAccounts, signIn, signInGlobalKey, replaceToken, signOut } from './accountCommands';
import { clearFilter, filterView, goToResource } from './findCommands';
import { compareTerraform } from './compareTerraform';
import { copyAsTerraform, exportFamilyToTerraform, exportToTerraform } from './terraformCommands';
import { newDraft } from './createCommands';
import { isMessageNode, isResourceNode } from './pickResource';
import { findByLookup } from './findResource';
import { copyId, copyJson, deleteResource, openInDashboard, openResource, previewChanges } from './resourceCommands';
import { toggleMany, toggleOne } from './toggleCommands';
import { showHistory } from './historyCommands';
import { refreshGroupNames } from './groupCommands';

type Handler = (services: Services, ...args: unknown[]) => Promise<unknown>;

/** The command table: id → what it does and how its failure is described. One place, no logic. */
function commandTable(services: Services, applier: Applier): Record<string, { what: string; run: Handler }> {
  // With one account shown its rows are the views' top level: a refresh loads it even before a view painted it.
  const soleAccount = (): string[] => { const sole = services.session.soleAccount(); return sole ? [sole.id] : []; };
  const refresh = (id: string): Handler => async () => services.caches.reloadFamily(id, soleAccount());
  const table: Record<string, { what: string; run: Handler }> = {
    signIn: { what: 'Sign in', run: signIn },
    signInGlobalKey: { what: 'Sign in', run: signInGlobalKey },
    signOut: { what: 'Sign out', run: (s, node) => signOut(s, node) },
    chooseAccounts: { what: 'Choosing the accounts shown', run: chooseShownAccounts },
    updateToken: { what: 'Updating the token', run: (s, node) => replaceToken(s, node) },
    refreshAll: { what: 'Refresh', run: async (s) => Promise.all([s.session.discoverAccounts(true), s.caches.reloadOpened(soleAccount())]) },
    goToResource: { what: 'Go to resource', run: (s) => goToResource(s) },
    exportTerraform: { what: 'Export to Terraform', run: (s, target) => exportToTerraform(s, target) },
    copyAsTerraform: { what: 'Copy as Terraform', run: (s, node) => copyAsTerraform(s, node) },
    compareWithTerraform: { what: 'Compare with Terraform', run: (s) => compareTerraform(s) },
    openResource: { what: 'Opening the resource', run: (s, node) => openResource(s, node) },
    apply: { what: 'Apply', run: (s, target) => applier.apply(documentOf(s, target)) },
    discardEdits: { what: 'Discard edits', run: (s, target) => applier.discard(documentOf(s, target)) },
    previewChanges: { what: 'Preview changes', run: (s, uri) => previewChanges(s, uri instanceof vscode.Uri ? uri : undefined) },
    toggle: { what: 'Toggle', run: (s, node) => toggleOne(s, node) },
    toggleEnabled: { what: 'Toggle', run: (s) => toggleMany(s) },
    deleteResource: { what: 'Delete', run: (s, node) => deleteResource(s, node) },
    showHistory: { what: 'Show history', run: (s, node) => showHistory(s, node) },
    copyId: { what: 'Copy ID', run: (s, node) => copyId(s, node) },
    copyJson: { what: 'Copy as JSON', run: (s, node) => copyJson(s, node) },
    openInDashboard: { what: 'Opening the dashboard', run: (s, node) => openInDashboard(s, node) },
    showLog: { what: 'Show log', run: (s) => Promise.resolve(s.log.show(true)) },
    showPendingEdits: { what: 'Show edits not applied', run: async (s) => pickPendingDocument(s.pending, s.prompts) },
    retryLoad: { what: 'Retry', run: async (s, node) => (isMessageNode(node) && node.accountId ? cacheOf(s, node.accountId, node.familyId).reload() : undefined) },
    openErrorDocs: { what: 'Open documentation', run: async (_s, node) => (isMessageNode(node) && node.docsUrl ? vscode.env.openExternal(vscode.Uri.parse(node.docsUrl)) : undefined) },
  };
  // Each family's own commands come from its descriptor: refresh, create, look-ups.
  for (const family of services.families) {
    table[`refresh.${family.id}`] = { what: `Refresh ${family.title}`, run: refresh(family.id) };
    if (family.grouping) table[`refreshGroups.${family.id}`] = { what: `Refresh ${family.grouping.groupNoun} names`, run: (s, node) => refreshGroupNames(s, family.id, node) };
    table[`filter.${family.id}`] = { what: 'Filter', run: (s) => filterView(s, family.id) };
    table[`clearFilter.${family.id}`] = { what: 'Clear filter', run: (s) => clearFilter(s, family.id) };
    table[`exportTerraform.${family.id}`] = { what: 'Export to Terraform', run: (s) => exportFamilyToTerraform(s, family.id) };
    const create = family.create;
    // From a row's menu the argument is the row (its account); from the palette or a test, a variant or key string.
    if (create) table[create.command] = { what: create.title, run: (s, arg) => newDraft(s, family.id, typeof arg === 'string' ? arg : undefined, arg) };
    for (const lookup of family.lookups ?? []) {
      table[lookup.command] = { what: lookup.title, run: (s, arg) => findByLookup(s, family, lookup, typeof arg === 'string' ? arg : undefined, arg) };
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
        const accountName = accountId ? services.session.accountById(accountId)?.name : undefined;
        // Retry is offered only for failures that trying again can fix (a server or network hiccup).
        const retry = (): Thenable<unknown> => vscode.commands.executeCommand(`cloudflareZt.${id}`, ...args);
        void reportError(services.prompts, services.log, what, error, { retry: async () => retry(), ...(accountName ? { accountName } : {}) });
        return undefined;
      }
    }),
  );
}
