import * as vscode from 'vscode';
import { AccountStore } from './auth/accountStore';
import { Session } from './auth/session';
import { registerCommands } from './commands/registerCommands';
import { ResourceFileSystem } from './editor/resourceFileSystem';
import { Applier } from './editor/applyCommand';
import { ApplyLens } from './editor/applyLens';
import { ApplyDiagnostics } from './editor/diagnostics';
import type { ResourceLists, ResourceRows } from './editor/editorDeps';
import { PendingEdits } from './editor/pendingEdits';
import { showPendingCount } from './editor/pendingStatus';
import { renderResource } from './editor/render';
import { SERVER_SCHEME, ServerCopyProvider } from './editor/serverDiff';
import { nameAccountsWith, SCHEME, type DocumentRef } from './editor/uris';
import type { FamilyDescriptor, ResourceBase } from './families/family';
import { allFamilies, familyById } from './families/registry';
import { ApiClientService } from './auth/apiClient';
import type { Services } from './commands/services';
import { affectsClientSettings, developmentBaseUrl } from './ui/settings';
import { AccountCaches } from './tree/accountCaches';
import { DriftMarks } from './tree/driftMarks';
import { UsedByStore } from './tree/usedByStore';
import { FamilyTreeProvider, type ReferenceNames } from './tree/familyTreeProvider';
import type { TreeNode } from './tree/nodes';
import { showAccountsAndFilters } from './tree/accountStatus';
import { createLog, logRequest } from './ui/log';
import { overridablePrompts } from './ui/prompts';

/** What activate() returns: enough for integration tests to reach the real services and answer prompts. */
export interface TestApi {
  readonly services: Services;
  readonly prompts: ReturnType<typeof overridablePrompts>;
  /** Where VS Code keeps this extension's state and logs (tests scan them for leaked secrets). */
  readonly storage: { readonly globalStorage: vscode.Uri; readonly logs: vscode.Uri };
  readonly globalState: vscode.Memento;
}

/** Composition root: builds the services and registers them. No network, no logic. */
export function activate(context: vscode.ExtensionContext): TestApi {
  const log = createLog();
  const prompts = overridablePrompts();
  const api = new ApiClientService((entry) => logRequest(log, entry), developmentBaseUrl(context.extensionMode));
  const session = new Session(new AccountStore(context.globalState, context.secrets), api);
  // Document paths (tab titles, breadcrumbs) name accounts as the session knows them.
  nameAccountsWith((accountId) => session.accountById(accountId)?.name);
  const families = allFamilies;
  const familyOf = familyById;
  const fs = new ResourceFileSystem((ref) => loadLiveDocument(session, familyOf(ref.familyId), ref));
  const pending = new PendingEdits(fs, familyOf);
  const serverCopies = new ServerCopyProvider();
  const diagnostics = new ApplyDiagnostics();
  const caches = new AccountCaches(families, session);
  const drift = new DriftMarks();
  const usedBy = new UsedByStore(caches);
  const providers = new Map<string, FamilyTreeProvider<ResourceBase>>();
  const views = new Map<string, vscode.TreeView<TreeNode>>();
  const names: ReferenceNames = {
    nameOf: (accountId, familyId, id) => {
      // Opening an account loads every family of it, so the referenced list is on its way already.
      const resource = caches.cache(accountId, familyId).get(id);
      return resource ? familyOf(familyId).displayName(resource) : undefined;
    },
    onDidChange: (familyId, listener) => caches.onDidChange((change) => change.familyId === familyId && listener()),
  };
  for (const family of families) {
    const provider = new FamilyTreeProvider(family, caches, session, pending, names, drift, usedBy);
    providers.set(family.id, provider);
    views.set(family.id, vscode.window.createTreeView(`cloudflareZt.${family.id}`, { treeDataProvider: provider, showCollapseAll: family.grouping !== undefined }));
  }
  const descriptions = showAccountsAndFilters(session, views, providers);
  const services: Services = { session, api, prompts, log, fs, pending, diagnostics, serverCopies, families, caches, drift, usedBy, providers, views };
  // The editor reaches the views only through these two narrow faces (see editor/editorDeps.ts).
  const lists: ResourceLists = {
    put: (accountId, familyId, resource) => {
      const cache = caches.cache(accountId, familyId);
      if (cache.state.status === 'loaded') cache.upsert(resource);
      else if (caches.isOpened(accountId)) void cache.reload();
    },
    relist: (accountId, familyId) => void caches.cache(accountId, familyId).reload(),
  };
  const rows: ResourceRows = {
    setBusy: (accountId, familyId, resourceId, busy) => providers.get(familyId)?.setBusy(accountId, resourceId, busy),
    reveal: async (accountId, familyId, resourceId) => {
      const node = providers.get(familyId)?.nodeFor(accountId, resourceId);
      if (node) await views.get(familyId)?.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
    },
  };
  const applier = new Applier({ session, fs, pending, diagnostics, serverCopies, prompts, log, lists, rows, familyOf });

  context.subscriptions.push(
    log, api, session, diagnostics, pending,
    caches, drift, usedBy, ...providers.values(), ...views.values(),
    vscode.workspace.registerFileSystemProvider(SCHEME, fs, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(SERVER_SCHEME, serverCopies),
    vscode.window.registerFileDecorationProvider(pending),
    vscode.languages.registerCodeLensProvider({ scheme: SCHEME }, new ApplyLens(pending, (uri) => fs.entry(uri)?.readonly === true)),
    ...registerCommands(services, applier),
    descriptions,
    ...[...providers.values()].map((provider) => provider.onDidChangeFilter(() => descriptions.paint())),
    showPendingCount(pending),
    api.onCredentialRejected((credential) => void session.noteAuthFailure(credential)),
    api.onCredentialAccepted((credential) => void session.noteAccepted(credential)),
    session.onDidReject((credentialId) => void warnRejected(services, credentialId)),
    // Accounts signed out of, or no longer shown, take their lists with them.
    session.onDidChange(() => caches.keepOnly(new Set(session.shownAccounts().map((a) => a.id)))),
    // A new base URL or proxy means another server: what the views show came from the old one.
    vscode.workspace.onDidChangeConfiguration((event) => affectsClientSettings(event) && caches.clear()),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
    // Apply-time problems describe the text that was checked; once it changes they are stale. Live schema
    // validation from contributes.jsonValidation goes on showing problems as the user types.
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.scheme === SCHEME && event.contentChanges.length > 0) diagnostics.delete(event.document.uri);
    }),
  );
  void session.announce();
  return { services, prompts, storage: { globalStorage: context.globalStorageUri, logs: context.logUri }, globalState: context.globalState };
}

/** A live document VS Code asks for after a window reload: the server copy, fetched again. */
async function loadLiveDocument(session: Session, family: FamilyDescriptor, ref: DocumentRef): Promise<{ text: string; base: ResourceBase; readonly: boolean }> {
  if (ref.kind !== 'live') throw vscode.FileSystemError.FileNotFound('Drafts are not kept after a reload.');
  const resource = await family.operations.get(await session.context(ref.accountId), ref.resourceId);
  return { text: renderResource(family, resource), base: resource, readonly: family.isEditable ? !family.isEditable(resource) : false };
}

/** Once per credential: the token was refused; offer the two ways out instead of failing request after request. */
async function warnRejected(services: Services, credentialId: string): Promise<void> {
  const accounts = services.session.accountsOfCredential(credentialId);
  const [first] = accounts;
  if (!first || !services.session.isRejected(first.id)) return;
  const names = accounts.length > 2 ? `${first.name} and ${accounts.length - 1} other accounts` : accounts.map((a) => a.name).join(' and ');
  const choice = await services.prompts.warning(
    `Cloudflare rejected the token for ${names} (401): it may have been rolled, expired or deleted. Views show errors until it is updated.`,
    'Update token', 'Sign out',
  );
  // The account travels as a row would, so the command acts on it without asking.
  const target = { accountId: first.id };
  if (choice === 'Update token') await vscode.commands.executeCommand('cloudflareZt.updateToken', target);
  if (choice === 'Sign out') await vscode.commands.executeCommand('cloudflareZt.signOut', target);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
