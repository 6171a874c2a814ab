import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { AccountInfo } from '../../src/auth/accountStore';
import type { ApplyOutcome } from '../../src/editor/applyOutcome';
import type { TestApi } from '../../src/extension';
import type { ResourceBase } from '../../src/families/family';
import type { FamilyId } from '../../src/families/registry';
import type { FamilyCache } from '../../src/tree/familyCache';
import type { TreeNode } from '../../src/tree/nodes';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { FIXED_ACCOUNTS } from '../sandbox/seed/catalog';

/** An account-owned token of Acme Corp that no rate-limit test touches. */
export const SECOND_ACCOUNT_TOKEN = 'sandbox-account-token-second';

export const EXTENSION_ID = 'zt-integrations.cloudflare-zt-integrations';

export interface World {
  readonly api: TestApi;
  readonly sandbox: Sandbox;
}

let world: World | undefined;

/**
 * One sandbox per test run, in this (extension host) process, reached over real loopback HTTP; the
 * extension is pointed at it through the user-level `cloudflareZt.apiBaseUrl` setting, as a user would.
 */
export async function getWorld(): Promise<World> {
  if (world) return world;
  // A second account-owned token for Acme Corp: the rate-limit tests block the first one for a while on purpose.
  const sandbox = await startSandbox({ port: 0, tokens: [{ kind: 'accountToken', token: SECOND_ACCOUNT_TOKEN, accountId: FIXED_ACCOUNTS[0].id, name: 'Second account token' }] });
  await vscode.workspace.getConfiguration('cloudflareZt').update('apiBaseUrl', sandbox.baseUrl, vscode.ConfigurationTarget.Global);
  await vscode.workspace.getConfiguration('cloudflareZt').update('requestTimeoutSeconds', 5, vscode.ConfigurationTarget.Global);
  // code-server saves automatically after a delay; with auto save on every save asks for confirmation
  // (tested on its own), so the other tests run with it off, as a desktop VS Code starts.
  await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  const extension = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} not found`);
  const api = await extension.activate();
  world = { api, sandbox };
  return world;
}

/**
 * Signs in the way a user does (the command, a token typed in the password box), then shows only one account (the
 * named one, else the first), as a user who works in one account chooses: the views then look as they do with a
 * single account. Multi-account tests show more with `showAccounts`.
 */
export async function signInAs(w: World, token: string, accountName?: string): Promise<void> {
  w.api.prompts.override({ inputBox: async () => token, info: async () => undefined });
  let accounts: AccountInfo[] | undefined;
  try {
    accounts = await vscode.commands.executeCommand<AccountInfo[] | undefined>('cloudflareZt.signIn');
  } finally {
    w.api.prompts.restore();
  }
  assert.ok(accounts, 'sign-in failed');
  const account = accounts.find((a) => !accountName || a.name === accountName) ?? accounts[0];
  assert.ok(account, 'sign-in stored no account');
  await w.api.services.session.setShown([account.id]);
  assert.strictEqual(w.api.services.session.soleAccount()?.id, account.id);
}

/** Shows these accounts (by name) in the views, or every account. */
export async function showAccounts(w: World, names?: readonly string[]): Promise<void> {
  const session = w.api.services.session;
  await session.setShown(names ? session.accounts().filter((a) => names.includes(a.name)).map((a) => a.id) : undefined);
}

/** Signs out of every stored credential so each suite starts from the welcome view, every account shown. */
export async function signOutAll(w: World): Promise<void> {
  const session = w.api.services.session;
  for (const account of session.accounts()) {
    if (account.source === 'stored') await session.signOut(account.credentialId ?? account.id);
  }
  await session.setShown(undefined);
}

/** A family's list in the one account the views show (single-account tests). */
export function cacheOf(w: World, familyId: string): FamilyCache<ResourceBase> {
  const account = w.api.services.session.soleAccount();
  assert.ok(account, 'the views show more than one account (or none); name the account');
  return w.api.services.caches.cache(account.id, familyId);
}

/** Every family's list in the one account the views show. */
export function allCaches(w: World): FamilyCache<ResourceBase>[] {
  return w.api.services.families.map((f) => cacheOf(w, f.id));
}

/** Waits until a condition holds (tree loads, editor reloads are asynchronous). */
export async function eventually<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 8000): Promise<T> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

/** The resource rows a view shows (through the real provider), once it has loaded. */
export async function loadedRows(w: World, familyId: FamilyId): Promise<{ node: TreeNode; item: vscode.TreeItem }[]> {
  const provider = w.api.services.providers.get(familyId);
  assert.ok(provider);
  await cacheOf(w, familyId).reload();
  const roots = provider.getChildren();
  const nodes = roots.flatMap((n) => (n.kind === 'group' ? provider.getChildren(n) : [n]));
  return nodes.map((node) => ({ node, item: provider.getTreeItem(node) }));
}

/** The row of a resource in the one account the views show (or in the named account). */
export function resourceNode(w: World, familyId: FamilyId, id: string, accountId = w.api.services.session.soleAccount()?.id ?? ''): TreeNode {
  const node = w.api.services.providers.get(familyId)?.nodeFor(accountId, id);
  assert.ok(node, `no tree node for ${familyId}/${id}`);
  return node;
}

/** Replaces the whole text of an open editor, as typing would. */
export async function replaceText(editor: vscode.TextEditor, text: string): Promise<void> {
  const document = editor.document;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'edit was not applied');
}

/** Closes every editor; dirty ones are reverted first so no "save changes?" dialog can block the run. */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Drops every edit not applied (stored edits outlive their tabs by design; tests must not inherit them). */
export async function discardAllPending(w: World): Promise<void> {
  for (const uri of w.api.services.pending.all()) await vscode.commands.executeCommand('cloudflareZt.discardEdits', uri);
}

export function asRecord(value: ResourceBase | undefined): Record<string, unknown> {
  assert.ok(value, 'resource missing');
  return value as unknown as Record<string, unknown>;
}

/**
 * Registers the hooks of a suite that works signed in to the first sandbox account: sign in once, clear faults
 * and the request log before each test, answer prompts for real again and close editors after it. The values
 * are filled in by the first suiteSetup, so read them inside hooks and tests.
 */
export function signedInSuite(): { readonly w: World; readonly accountId: string } {
  const state = {} as { w: World; accountId: string };
  suiteSetup(async () => {
    state.w = await getWorld();
    await signOutAll(state.w);
    await signInAs(state.w, state.w.sandbox.credentials.userToken, state.w.sandbox.accounts[0]?.name);
    state.accountId = state.w.api.services.session.soleAccount()?.id ?? '';
  });
  setup(() => {
    state.w.sandbox.clearFaults();
    state.w.sandbox.clearRequests();
  });
  teardown(async () => {
    state.w.api.prompts.restore();
    await discardAllPending(state.w);
    await closeAllEditors();
  });
  return state;
}

/** What Ctrl+S (or the Apply button) does in a cfzt: editor: the extension's Apply command, and what it came to. */
export async function applyDocument(document: vscode.TextDocument): Promise<ApplyOutcome> {
  const outcome = await vscode.commands.executeCommand<ApplyOutcome>('cloudflareZt.apply', document.uri);
  assert.ok(outcome, 'the apply command returned nothing');
  return outcome;
}

/** Every message the extension showed, by kind, while the tests answer modals (undefined = dismissed). */
export interface ShownMessages {
  readonly info: string[];
  readonly warning: string[];
  readonly error: string[];
  readonly modal: { message: string; detail: string; actions: string[] }[];
}

/** Records the extension's messages; `answer` picks a modal's button (the real window API is restored by the suite). */
export function recordMessages(w: World, answer: (message: string, actions: string[]) => string | undefined = () => undefined): ShownMessages {
  const shown: ShownMessages = { info: [], warning: [], error: [], modal: [] };
  w.api.prompts.override({
    info: async (m) => { shown.info.push(m); return undefined; },
    warning: async (m) => { shown.warning.push(m); return undefined; },
    error: async (m) => { shown.error.push(m); return undefined; },
    modal: async (message, detail, ...actions) => { shown.modal.push({ message, detail, actions }); return answer(message, actions); },
  });
  return shown;
}

/** Resolves at the next save VS Code makes of a document (auto save included). */
export function nextSave(document: vscode.TextDocument): Promise<void> {
  return new Promise((resolve) => {
    const subscription = vscode.workspace.onDidSaveTextDocument((saved) => {
      if (saved.uri.toString() !== document.uri.toString()) return;
      subscription.dispose();
      resolve();
    });
  });
}
