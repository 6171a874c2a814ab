// The extension-host part of `npm run bench`: loaded by VS Code as the extensionTestsPath (see
// bench/host-run.mjs), inside the real extension host of code-server, with the extension under development.
// No assertions on time: it measures, writes BENCH_HOST_OUTPUT (JSON) and resolves; it rejects only when it
// could not measure (the harness then exits non-zero).
//
// BENCH_HOST_MODE=activation  activation and first items only
// BENCH_HOST_MODE=full        also requests per user action and a refresh as VS Code paints it
// BENCH_HOST_MODE=accounts    many accounts (accounts.ts): sign-in, the roots, one account expanded, fifty at once
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { parseDocumentUri } from '../../src/editor/uris';
import type { ResourceBase } from '../../src/families/family';
import type { FamilyId } from '../../src/families/registry';
import type { FamilyTreeProvider } from '../../src/tree/familyTreeProvider';
import type { TreeNode } from '../../src/tree/nodes';
import { SandboxControl } from '../../test/sandbox/control-client';
import { measureAccounts } from './accounts';

const EXTENSION_ID = 'zt-integrations.cloudflare-zt-integrations';
const FAMILIES: FamilyId[] = ['dlpIntegrationEntries', 'riskScoringIntegrations', 'devicePostureIntegrations'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms * 10) / 10);

async function eventually<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await sleep(20);
  }
  throw new Error(`bench: timed out waiting for ${what}`);
}

/** What the instrumented providers saw VS Code do. Times are performance.now(): ms since this process started. */
interface Probe {
  activateCallMs?: number;
  activateStartedAt?: number;
  activateEndedAt?: number;
  firstAskedAt: Partial<Record<FamilyId, number>>;
  firstItemsAt: Partial<Record<FamilyId, number>>;
  /** When each cache started its first load and when it was loaded (our fetch and validation). */
  loadingAt: Partial<Record<FamilyId, number>>;
  loadedAt: Partial<Record<FamilyId, number>>;
  groupChildrenCalls: number;
  treeItemCalls: number;
  lastTreeItemAt: number;
}

const probe: Probe = { firstAskedAt: {}, firstItemsAt: {}, loadingAt: {}, loadedAt: {}, groupChildrenCalls: 0, treeItemCalls: 0, lastTreeItemAt: 0 };

/** Wraps the providers' getChildren / getTreeItem (the calls VS Code makes) to see when rows exist. */
function instrument(api: TestApi): void {
  const { caches } = api.services;
  caches.onDidChange(({ accountId, familyId }) => {
    const status = caches.cache(accountId, familyId).state.status;
    const id = familyId as FamilyId;
    if (status === 'loading') probe.loadingAt[id] ??= performance.now();
    if (status === 'loaded') probe.loadedAt[id] ??= performance.now();
  });
  for (const [familyId, provider] of api.services.providers as ReadonlyMap<FamilyId, FamilyTreeProvider<ResourceBase>>) {
    const getChildren = provider.getChildren.bind(provider);
    const getTreeItem = provider.getTreeItem.bind(provider);
    provider.getChildren = (node?: TreeNode) => {
      const children = getChildren(node);
      const now = performance.now();
      if (!node) {
        probe.firstAskedAt[familyId] ??= now;
        if (children.some((c) => c.kind !== 'message')) probe.firstItemsAt[familyId] ??= now;
      } else if (node.kind === 'group') probe.groupChildrenCalls++;
      return children;
    };
    provider.getTreeItem = (node: TreeNode) => {
      const item = getTreeItem(node);
      probe.treeItemCalls++;
      probe.lastTreeItemAt = performance.now();
      return item;
    };
  }
}

type Main = { activate(context: vscode.ExtensionContext): TestApi; deactivate?(): void };

/**
 * Loads dist/extension.js ourselves (timing the code loading), then puts a wrapper in its place in the module
 * cache, so that when VS Code activates the extension (because its view is opened, as a user does) it calls
 * the wrapper: that times activate() itself and instruments the providers before VS Code can ask them anything.
 */
function wrapMain(extension: vscode.Extension<TestApi>): { codeLoadMs: number; wrapped: boolean } {
  const mainPath = require.resolve(join(extension.extensionPath, 'dist/extension.js'));
  const t0 = performance.now();
  const real = require(mainPath) as Main;
  const codeLoadMs = performance.now() - t0;
  const cached = require.cache[mainPath];
  if (!cached) return { codeLoadMs, wrapped: false };
  const wrapper: Main = {
    activate(context) {
      probe.activateStartedAt = performance.now();
      const api = real.activate(context);
      probe.activateEndedAt = performance.now();
      probe.activateCallMs = probe.activateEndedAt - probe.activateStartedAt;
      instrument(api);
      return api;
    },
    deactivate: () => real.deactivate?.(),
  };
  cached.exports = wrapper;
  return { codeLoadMs, wrapped: true };
}

async function measureActivation(extension: vscode.Extension<TestApi>): Promise<Record<string, unknown>> {
  const entryAt = performance.now();
  const wasActive = extension.isActive;
  const { codeLoadMs, wrapped } = wasActive ? { codeLoadMs: undefined, wrapped: false } : wrapMain(extension);
  // As a user does: open the Cloudflare Zero Trust view container; VS Code activates the extension (onView)
  // and asks the three views for their rows.
  const viewOpenedAt = performance.now();
  await vscode.commands.executeCommand('workbench.view.extension.cloudflareZt');
  let viaWrapper = true;
  try {
    await eventually('activation by the view', () => probe.activateEndedAt !== undefined, 15_000);
  } catch {
    // VS Code did not go through the module cache: time its activation from the outside instead.
    viaWrapper = false;
    const t = performance.now();
    const api = await extension.activate();
    probe.activateCallMs = performance.now() - t;
    probe.activateEndedAt = performance.now();
    instrument(api);
    await vscode.commands.executeCommand('cloudflareZt.refreshAll');
  }
  await eventually('rows in all three views', () => FAMILIES.every((f) => probe.firstItemsAt[f] !== undefined));
  const first = probe.firstItemsAt;
  return {
    wasActiveAtEntry: wasActive,
    measuredInsideActivate: viaWrapper && wrapped,
    hostUptimeAtBenchEntryMs: round(entryAt),
    codeLoadMs: round(codeLoadMs),
    activateCallMs: round(probe.activateCallMs),
    viewOpenedToActivatedMs: round((probe.activateEndedAt ?? NaN) - viewOpenedAt),
    activatedToFirstItemsMs: Object.fromEntries(FAMILIES.map((f) => [f, round((first[f] ?? NaN) - (probe.activateEndedAt ?? NaN))])),
    // Split of the above: our part (first getChildren → list fetched, validated, cached) and VS Code's
    // (asking again after the change event).
    activatedToFirstAskMs: Object.fromEntries(FAMILIES.map((f) => [f, round((probe.firstAskedAt[f] ?? NaN) - (probe.activateEndedAt ?? NaN))])),
    loadMs: Object.fromEntries(FAMILIES.map((f) => [f, round((probe.loadedAt[f] ?? NaN) - (probe.loadingAt[f] ?? NaN))])),
    loadedToRowsMs: Object.fromEntries(FAMILIES.map((f) => [f, round((first[f] ?? NaN) - (probe.loadedAt[f] ?? NaN))])),
    viewOpenedToFirstItemsMs: Object.fromEntries(FAMILIES.map((f) => [f, round((first[f] ?? NaN) - viewOpenedAt)])),
    hostStartToFirstItemsMs: Object.fromEntries(FAMILIES.map((f) => [f, round(first[f])])),
  };
}

/** Replaces the whole text of an editor, as typing would. */
async function replaceText(editor: vscode.TextEditor, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, new vscode.Range(0, 0, editor.document.lineCount, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('bench: edit not applied');
}

/** Request paths with ids replaced, so the table reads as routes. */
function route(path: string): string {
  return path
    .replace(/^\/accounts\/[0-9a-f]{32}/, '/accounts/{account}')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{id}');
}

async function measureRequests(api: TestApi, sandbox: SandboxControl): Promise<Record<string, unknown>[]> {
  const { services } = api;
  const rows: Record<string, unknown>[] = [];
  const count = async (action: string, target: string, run: () => Thenable<unknown>, evidence?: () => Record<string, unknown>): Promise<void> => {
    await sandbox.clearRequests();
    await run();
    await sleep(750); // anything the action sets off (repaints, reloads) has time to reach the sandbox
    const requests = await sandbox.requests();
    rows.push({ action, target, requests: requests.length, sent: requests.map((r) => `${r.method} ${route(r.path)}`), ...(evidence?.() ?? {}) });
  };
  const accountId = services.session.soleAccount()?.id ?? '';
  const provider = (f: FamilyId) => services.providers.get(f) as FamilyTreeProvider<ResourceBase>;
  const firstOf = async (f: FamilyId) => {
    const [resource] = await sandbox.state.list(f, accountId);
    if (!resource) throw new Error(`bench: no ${f} in the sandbox`);
    return String((resource as { id: string }).id);
  };

  await count('refresh (all four views)', 'Refresh all', () => vscode.commands.executeCommand('cloudflareZt.refreshAll'));

  // Expand / collapse: the DLP view's profile groups through the real tree view (VS Code asks the provider for
  // the children it shows), and the whole sidebar hidden and shown again.
  const dlpView = services.views.get('dlpIntegrationEntries');
  const groups = provider('dlpIntegrationEntries').getChildren().filter((n) => n.kind === 'group');
  let collapsed = 0;
  const onCollapse = dlpView?.onDidCollapseElement(() => collapsed++);
  await count('collapse a view\'s groups', 'DLP view: Collapse All', () => vscode.commands.executeCommand('workbench.actions.treeView.cloudflareZt.dlpIntegrationEntries.collapseAll'),
    () => ({ vscodeReportedCollapsed: collapsed }));
  onCollapse?.dispose();
  let expanded = 0;
  const onExpand = dlpView?.onDidExpandElement(() => expanded++);
  await count('expand a group', `DLP view: expand ${groups.length} profile group(s)`, async () => {
    for (const group of groups) await dlpView?.reveal(group, { expand: true, select: false, focus: false });
  }, () => ({ vscodeReportedExpanded: expanded }));
  onExpand?.dispose();
  await count('hide and show the views', 'toggle the sidebar twice', async () => {
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
    await sleep(200);
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
  });

  const riskId = await firstOf('riskScoringIntegrations');
  let editor: vscode.TextEditor | undefined;
  await count('open a resource', 'risk scoring integration, from its row', async () => {
    editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.openResource', provider('riskScoringIntegrations').nodeFor(accountId, riskId));
    if (!editor) throw new Error('bench: openResource opened nothing');
  });

  // Used by and history (issue 14): expanding a device posture integration's row reads what uses it (its rules are
  // in the lists already); Show history reads the audit log. The picker of entries is dismissed.
  const postureId = await firstOf('devicePostureIntegrations');
  await count('open used-by', 'device posture integration: expand its row', async () => {
    const node = provider('devicePostureIntegrations').nodeFor(accountId, postureId);
    if (!node) throw new Error('bench: no device posture row');
    provider('devicePostureIntegrations').getChildren(node);
  });
  await count('open used-by again', 'the same row, collapsed and expanded', async () => {
    const node = provider('devicePostureIntegrations').nodeFor(accountId, postureId);
    if (node) provider('devicePostureIntegrations').getChildren(node);
  });
  await count('show history', 'device posture integration: Show history', async () => {
    api.prompts.override({ pickOne: async () => undefined, info: async () => undefined, warning: async () => undefined });
    try {
      await vscode.commands.executeCommand('cloudflareZt.showHistory', provider('devicePostureIntegrations').nodeFor(accountId, postureId));
    } finally {
      api.prompts.restore();
    }
  });

  const dlpId = await firstOf('dlpIntegrationEntries');
  await count('toggle', 'DLP integration entry, inline switch', async () => {
    // A switch-off of an entry something depends on asks first (issue 14): answered as a user who goes ahead would.
    api.prompts.override({ modal: async (_m, _d, ...actions) => actions[0] });
    try {
      await vscode.commands.executeCommand('cloudflareZt.toggle', provider('dlpIntegrationEntries').nodeFor(accountId, dlpId));
    } finally {
      api.prompts.restore();
    }
  });

  await count('apply an edit', 'risk scoring integration: tenant_url changed, Ctrl+S (Apply)', async () => {
    if (!editor) throw new Error('bench: no editor');
    await vscode.window.showTextDocument(editor.document);
    await replaceText(editor, editor.document.getText().replace(/"tenant_url": "[^"]*"/, '"tenant_url": "https://bench-saved.okta.com"'));
    const outcome = await vscode.commands.executeCommand<{ kind: string }>('cloudflareZt.apply', editor.document.uri);
    if (outcome?.kind !== 'applied') throw new Error(`bench: the apply came to ${outcome?.kind ?? 'nothing'}`);
  });

  let created: string | undefined;
  await count('create', 'risk scoring integration: draft filled in, applied', async () => {
    const draft = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.newRiskScoringIntegration');
    if (!draft) throw new Error('bench: no draft');
    await replaceText(draft, JSON.stringify({ integration_type: 'Okta', tenant_url: 'https://bench-created.okta.com', reference_id: 'bench-created' }, null, 2));
    const outcome = await vscode.commands.executeCommand<{ kind: string }>('cloudflareZt.apply', draft.document.uri);
    if (outcome?.kind !== 'created') throw new Error(`bench: the create came to ${outcome?.kind ?? 'nothing'}`);
    const list = await sandbox.state.list('riskScoringIntegrations', accountId);
    created = String((list.find((r) => (r as { reference_id?: string }).reference_id === 'bench-created') as { id?: string } | undefined)?.id ?? '');
    await eventually('the created resource opened live', () => vscode.window.visibleTextEditors.some((e) => {
      const ref = parseDocumentUri(e.document.uri);
      return created && ref?.kind === 'live' && ref.resourceId === created;
    }), 10_000);
  });

  await count('delete', 'the risk scoring integration just created, confirmed', async () => {
    api.prompts.override({ modal: async () => 'Delete', info: async () => undefined });
    try {
      const node = created ? provider('riskScoringIntegrations').nodeFor(accountId, created) : undefined;
      if (!node) throw new Error('bench: the created resource has no row');
      if ((await vscode.commands.executeCommand('cloudflareZt.deleteResource', node)) !== true) throw new Error('bench: delete did not happen');
    } finally {
      api.prompts.restore();
    }
  });
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return rows;
}

/** A refresh as VS Code paints it: from the command until VS Code has fetched every row again. */
async function measurePaintedRefresh(api: TestApi): Promise<Record<string, unknown>> {
  const samples: { commandMs: number; rowsFetchedMs: number; treeItems: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const before = probe.treeItemCalls;
    const t0 = performance.now();
    await vscode.commands.executeCommand('cloudflareZt.refreshAll');
    const commandMs = performance.now() - t0;
    // VS Code fetches rows after the change event; done when no row was fetched for 500 ms.
    await eventually('VS Code to fetch the rows', async () => {
      const n = probe.treeItemCalls;
      await sleep(500);
      return probe.treeItemCalls === n && n > before;
    });
    samples.push({ commandMs: round(commandMs) ?? 0, rowsFetchedMs: round(probe.lastTreeItemAt - t0) ?? 0, treeItems: probe.treeItemCalls - before });
  }
  const accountId = api.services.session.soleAccount()?.id ?? '';
  const rows = FAMILIES.map((f) => api.services.caches.cache(accountId, f).items().length);
  return { itemsPerFamily: rows, samples };
}

export async function run(): Promise<void> {
  const out = process.env.BENCH_HOST_OUTPUT;
  if (!out) throw new Error('BENCH_HOST_OUTPUT is not set');
  const result: Record<string, unknown> = { mode: process.env.BENCH_HOST_MODE ?? 'activation', vscodeVersion: vscode.version, node: process.version };
  try {
    const extension = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
    if (!extension) throw new Error(`extension ${EXTENSION_ID} not found`);
    if (result.mode === 'accounts') {
      // Nobody is signed in: open the views (VS Code activates the extension), then sign in as a user does.
      const env = (name: string) => process.env[name] ?? (() => {
        throw new Error(`${name} is not set`);
      })();
      await vscode.commands.executeCommand('workbench.view.extension.cloudflareZt');
      const api = await extension.activate();
      const [timedExpands, profiledExpands] = env('BENCH_HOST_EXPANDS').split(',').map(Number);
      result.accounts = await measureAccounts(api, {
        baseUrl: env('CLOUDFLARE_ZT_DEV_API_BASE_URL'),
        token: env('BENCH_SANDBOX_TOKEN'),
        control: new SandboxControl(env('BENCH_SANDBOX_CONTROL')),
        extensionMain: require.resolve(join(extension.extensionPath, 'dist/extension.js')),
        timedExpands: timedExpands ?? 9,
        profiledExpands: profiledExpands ?? 5,
        ...(process.env.BENCH_HOST_PROFILE_DIR ? { profileDir: process.env.BENCH_HOST_PROFILE_DIR } : {}),
      });
      writeFileSync(out, JSON.stringify(result, null, 2));
      return;
    }
    result.activation = await measureActivation(extension);
    if (result.mode === 'full') {
      const api = extension.exports;
      const control = process.env.BENCH_SANDBOX_CONTROL;
      if (!control) throw new Error('BENCH_SANDBOX_CONTROL is not set');
      result.paintedRefresh = await measurePaintedRefresh(api);
      result.requests = await measureRequests(api, new SandboxControl(control));
    }
  } catch (error) {
    result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    result.probe = probe;
  }
  writeFileSync(out, JSON.stringify(result, null, 2));
  if (result.error) throw new Error(String(result.error));
}
