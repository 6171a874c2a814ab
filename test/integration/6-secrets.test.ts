// Issue 6, secrets and trust, in the real extension host:
// - a workspace's .vscode/settings.json cannot change where the token goes (apiBaseUrl is machine-scoped and
//   restricted in untrusted workspaces); plain http to anything but this machine is refused before a request;
// - a document opened under account A is never saved with account B's credential (and the other way round);
// - after a full session (sign in, browse, edit and save, create device posture integrations with secrets,
//   toggle, error paths, sign out) no token, key or device posture secret is found in the extension's log, its
//   storage, the user data folder (settings, logs, state), the workspace, globalState, the open documents, the
//   clipboard or the views. SecretStorage itself legitimately holds the token until sign-out.
import * as assert from 'node:assert';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FamilyId } from '../../src/families/registry';
import type { TreeNode } from '../../src/tree/nodes';
import { SECOND_ACCOUNT_TOKEN, cacheOf, closeAllEditors, eventually, getWorld, replaceText, resourceNode, signInAs, signOutAll, applyDocument, type World } from './harness';
import { report } from './report';

const FAMILIES: readonly FamilyId[] = ['dlpIntegrationEntries', 'riskScoringIntegrations', 'devicePostureIntegrations'];
const unique = (what: string): string => `${what}-${randomBytes(12).toString('hex')}`;

/** A loopback HTTP server that only counts what reaches it. */
async function decoyServer(): Promise<{ url: string; port: number; hits: { url: string; authorized: boolean }[]; close(): Promise<void> }> {
  const hits: { url: string; authorized: boolean }[] = [];
  const server = http.createServer((req, res) => {
    hits.push({ url: req.url ?? '', authorized: Boolean(req.headers.authorization ?? req.headers['x-auth-key']) });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: true, errors: [], messages: [], result: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/client/v4`, port, hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Every file under a folder (not following links), with its text; large binary-ish files are read too, as bytes. */
function filesUnder(dir: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Where each secret occurs in a file (searched as UTF-8 and as UTF-16LE, as some stores write it). */
function hitsIn(file: string, secrets: readonly string[]): string[] {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.size > 64 * 1024 * 1024 || file.endsWith('.sock')) return [];
    bytes = fs.readFileSync(file);
  } catch {
    return [];
  }
  return secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le')));
}

suite('Secrets and trust (issue 6)', function () {
  this.timeout(60_000);
  let w: World;
  let decoy: Awaited<ReturnType<typeof decoyServer>>;
  const errors: string[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];

  function capture(): void {
    w.api.prompts.override({
      error: async (m) => { errors.push(m); return undefined; },
      warning: async (m) => { warnings.push(m); return undefined; },
      info: async (m) => { infos.push(m); return undefined; },
      // A toggle-off of something others depend on is confirmed first (used by); a real modal would wait forever.
      modal: async (_m, _d, ...actions) => (actions.includes('Disable') ? 'Disable' : undefined),
    });
  }
  const accountA = () => w.sandbox.accounts[0] as { id: string; name: string };
  const accountB = () => w.sandbox.accounts[1] as { id: string; name: string };
  const firstOf = (familyId: FamilyId, accountId: string, where: (r: Record<string, unknown>) => boolean = () => true): Record<string, unknown> => {
    const found = (w.sandbox.list(familyId, accountId) as Record<string, unknown>[]).find(where);
    assert.ok(found, `no ${familyId} in ${accountId}`);
    return found;
  };
  async function open(familyId: FamilyId, id: string): Promise<vscode.TextEditor> {
    await cacheOf(w, familyId).reload();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.openResource', resourceNode(w, familyId, id));
    assert.ok(editor, `could not open ${familyId}/${id}`);
    return editor;
  }
  async function setBaseUrl(url: string | undefined): Promise<void> {
    await vscode.workspace.getConfiguration('cloudflareZt').update('apiBaseUrl', url, vscode.ConfigurationTarget.Global);
    await new Promise((r) => setTimeout(r, 150)); // the client is rebuilt on the configuration event
  }
  function logFile(): string {
    const dir = w.api.storage.logs.fsPath;
    const file = filesUnder(dir).find((f) => path.basename(f) === 'Cloudflare Zero Trust.log');
    assert.ok(file, `no "Cloudflare Zero Trust.log" under ${dir}`);
    return file;
  }
  /** Writes a marker through the output channel and waits until the log file on disk has it (and all before it). */
  async function flushedLog(): Promise<string> {
    const marker = unique('log-marker');
    w.api.services.log.info(marker);
    return eventually('the log file to be written', () => {
      const text = fs.readFileSync(logFile(), 'utf8');
      return text.includes(marker) ? text : undefined;
    }, 15_000);
  }

  suiteSetup(async () => {
    w = await getWorld();
    await signOutAll(w);
    decoy = await decoyServer();
  });
  setup(() => {
    errors.length = 0;
    warnings.length = 0;
    infos.length = 0;
    w.sandbox.clearFaults();
    w.sandbox.clearRequests();
    capture();
  });
  teardown(async () => {
    w.sandbox.clearFaults();
    w.api.prompts.restore();
    await closeAllEditors();
  });
  suiteTeardown(async () => {
    await setBaseUrl(w.sandbox.baseUrl);
    await decoy.close();
  });

  test('the manifest makes apiBaseUrl machine-scoped and restricted in untrusted workspaces', () => {
    const manifest = vscode.extensions.getExtension('zt-integrations.cloudflare-zt-integrations')?.packageJSON as {
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
      capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
    };
    assert.strictEqual(manifest.contributes.configuration.properties['cloudflareZt.apiBaseUrl']?.scope, 'machine');
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations?.includes('cloudflareZt.apiBaseUrl'));
  });

  test('a workspace .vscode/settings.json pointing apiBaseUrl at another server does not move the token', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder && folder.uri.scheme === 'file', 'the test host opens a workspace folder');
    const dir = path.join(folder.uri.fsPath, '.vscode');
    const file = path.join(dir, 'settings.json');
    fs.mkdirSync(dir, { recursive: true });
    // editor.tabSize proves VS Code read the file; apiBaseUrl is what a hostile repository would try.
    fs.writeFileSync(file, JSON.stringify({ 'cloudflareZt.apiBaseUrl': decoy.url, 'editor.tabSize': 7 }, null, 2));
    try {
      await eventually('the workspace settings to be read', () => vscode.workspace.getConfiguration('editor').get<number>('tabSize') === 7, 10_000);
      const inspected = vscode.workspace.getConfiguration('cloudflareZt').inspect<string>('apiBaseUrl');
      report(`  workspace settings: apiBaseUrl as VS Code reads it: workspace=${String(inspected?.workspaceValue)}, user=${String(inspected?.globalValue)}, effective=${String(vscode.workspace.getConfiguration('cloudflareZt').get('apiBaseUrl'))}`);
      // Sign-in sends the token first of all; then every view and an editor round trip.
      await signInAs(w, w.sandbox.credentials.userToken, accountA().name);
      capture();
      await vscode.commands.executeCommand('cloudflareZt.refreshAll');
      const risk = firstOf('riskScoringIntegrations', accountA().id);
      await open('riskScoringIntegrations', String(risk.id));
      await vscode.commands.executeCommand('cloudflareZt.previewChanges', vscode.window.activeTextEditor?.document.uri);
      assert.ok(w.sandbox.requests().length >= 5, 'the requests went to the sandbox (the user setting)');
      assert.deepStrictEqual(decoy.hits, [], 'the workspace-chosen server got requests');
      for (const familyId of FAMILIES) assert.strictEqual(cacheOf(w, familyId).state.status, 'loaded');
    } finally {
      fs.rmSync(file, { force: true });
      await eventually('the workspace settings to go', () => vscode.workspace.getConfiguration('editor').get<number>('tabSize') !== 7, 10_000);
    }
  });

  test('plain http to anything but this machine is refused with a clear message, before any request', async () => {
    if (!w.api.services.session.soleAccount()) await signInAs(w, w.sandbox.credentials.userToken, accountA().name);
    capture();
    const risk = firstOf('riskScoringIntegrations', accountA().id);
    const editor = await open('riskScoringIntegrations', String(risk.id));
    try {
      for (const [url, host] of [['http://example.com/client/v4', 'example.com'], [`http://0.0.0.0:${decoy.port}/client/v4`, `0.0.0.0:${decoy.port}`]] as const) {
        await setBaseUrl(url);
        w.sandbox.clearRequests();
        errors.length = 0;
        await cacheOf(w, 'riskScoringIntegrations').reload();
        const [row] = w.api.services.providers.get('riskScoringIntegrations')?.getChildren() ?? [];
        const label = row ? String(w.api.services.providers.get('riskScoringIntegrations')?.getTreeItem(row).label) : '';
        assert.match(label, new RegExp(`Refusing to send credentials over plain http to ${host.replace(/\./g, '\\.')}`), label);
        await vscode.commands.executeCommand('cloudflareZt.previewChanges', editor.document.uri);
        const shown = await eventually('the refusal message', () => errors[0]);
        assert.match(shown, /Refusing to send credentials over plain http/);
        assert.match(shown, /use https, or http only for localhost/);
        assert.deepStrictEqual(w.sandbox.requests(), []);
      }
      assert.deepStrictEqual(decoy.hits, [], 'http://0.0.0.0 reaches this machine\'s loopback, yet nothing was sent');
    } finally {
      await setBaseUrl(w.sandbox.baseUrl);
    }
    await cacheOf(w, 'riskScoringIntegrations').reload();
    assert.strictEqual(cacheOf(w, 'riskScoringIntegrations').state.status, 'loaded', 'works again with the user setting');
  });

  test('a document opened under one account is applied with that account\'s credential, whichever account is active', async () => {
    const a = accountA();
    const b = accountB();
    // Both accounts through a Global API Key, then account A through its own account-owned token: a newer sign-in
    // takes over the accounts it reaches, so A uses the token and B the key. The sandbox log tells them apart.
    const answers = [w.sandbox.credentials.globalKey.email, w.sandbox.credentials.globalKey.key];
    w.api.prompts.override({ inputBox: async () => answers.shift(), info: async () => undefined });
    await vscode.commands.executeCommand('cloudflareZt.signInGlobalKey');
    capture();
    await signInAs(w, SECOND_ACCOUNT_TOKEN, a.name);
    assert.strictEqual(w.api.services.session.accountById(a.id)?.credentialKind, 'token');
    assert.strictEqual(w.api.services.session.accountById(b.id)?.credentialKind, 'globalKey');

    for (const [owner, other, authKind] of [[a, b, 'token'], [b, a, 'globalKey']] as const) {
      await w.api.services.session.setShown([owner.id]);
      const posture = firstOf('devicePostureIntegrations', owner.id);
      const editor = await open('devicePostureIntegrations', String(posture.id));
      const name = `Owned by ${owner.id.slice(0, 6)}`;
      await replaceText(editor, editor.document.getText().replace(/"name": "[^"]*"/, `"name": "${name}"`));
      await w.api.services.session.setShown([other.id]);
      w.sandbox.clearRequests();
      assert.strictEqual((await applyDocument(editor.document)).kind, 'applied');
      const patch = w.sandbox.requests().find((r) => r.method === 'PATCH');
      assert.strictEqual(patch?.accountId, owner.id, 'written to the account the document belongs to');
      assert.strictEqual(patch?.authKind, authKind, 'with the owner\'s credential, not the active account\'s');
      assert.ok(!w.sandbox.requests().some((r) => r.accountId === other.id && r.path.includes(String(posture.id))), 'nothing for the document went to the other account');
      await closeAllEditors();
    }
  });

  test('after a full session no token, key or device posture secret is anywhere but SecretStorage', async function () {
    this.timeout(90_000);
    const a = accountA();
    const secrets = {
      wrongToken: unique('wrong-token'),
      updatedSecret: unique('updated-client-secret'),
      createdSecret: unique('created-access-secret'),
      createdSecret2: unique('created-client-secret'),
      failedCreateSecret: unique('failed-create-secret'),
    };
    // 1. A mistyped token is refused and not kept.
    await signOutAll(w);
    // The token box gets the mistyped token; asked for an account id next (a token that no account list knows), the user gives A's.
    w.api.prompts.override({ inputBox: async (o) => (o.password ? secrets.wrongToken : a.id), pickOne: async (items) => items[0] });
    await vscode.commands.executeCommand('cloudflareZt.signIn');
    capture();
    assert.strictEqual(w.api.services.session.soleAccount(), undefined);
    assert.ok(errors.some((m) => /Sign in failed/.test(m)), errors.join(' | '));
    // 2. Sign in, browse every view (rows and their tooltips).
    await signInAs(w, w.sandbox.credentials.userToken, a.name);
    capture();
    await vscode.commands.executeCommand('cloudflareZt.refreshAll');
    // 3. Edit a device posture config with a new secret, and save it.
    const crowdstrike = firstOf('devicePostureIntegrations', a.id, (p) => p.type === 'crowdstrike_s2s');
    const editor = await open('devicePostureIntegrations', String(crowdstrike.id));
    await replaceText(editor, editor.document.getText()
      .replace(/"client_id": "[^"]*"/, '"client_id": "rotated-client-id"')
      .replace(/"client_secret": "[^"]*"/, `"client_secret": "${secrets.updatedSecret}"`));
    assert.strictEqual((await applyDocument(editor.document)).kind, 'applied');
    assert.strictEqual((w.sandbox.getResource('devicePostureIntegrations', a.id, String(crowdstrike.id)) as { config: Record<string, string> }).config.client_secret, secrets.updatedSecret);
    await eventually('the editor to show the placeholder again', () => !editor.document.getText().includes(secrets.updatedSecret));
    // 4. Create device posture integrations with secrets: one fails first (the draft keeps them), then both succeed.
    const draft = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.newDevicePostureIntegration', 'custom_s2s');
    assert.ok(draft);
    const custom = { name: unique('Custom with secret'), type: 'custom_s2s', interval: '30m', config: { api_url: 'https://posture.example.com/api', access_client_id: 'id.access', access_client_secret: secrets.failedCreateSecret } };
    await replaceText(draft, JSON.stringify(custom, null, 2));
    w.sandbox.addFault({ method: 'POST', path: '/accounts/*/devices/posture/integration', kind: 'status', status: 503, times: 1 });
    assert.strictEqual((await applyDocument(draft.document)).kind, 'failed');
    assert.ok(w.api.services.pending.isPending(draft.document.uri), 'the draft and its secrets are kept');
    custom.config.access_client_secret = secrets.createdSecret;
    await replaceText(draft, JSON.stringify(custom, null, 2));
    assert.strictEqual((await applyDocument(draft.document)).kind, 'created');
    await eventually('the created integration', () => (w.sandbox.list('devicePostureIntegrations', a.id) as Record<string, unknown>[]).find((p) => p.name === custom.name));
    const draft2 = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.newDevicePostureIntegration', 'workspace_one');
    assert.ok(draft2);
    const ws1 = { name: unique('Workspace ONE with secret'), type: 'workspace_one', interval: '1h', config: { api_url: 'https://as1.awmdm.com/API', auth_url: 'https://na.uemauth.workspaceone.com/connect/token', client_id: 'ws1-client', client_secret: secrets.createdSecret2 } };
    await replaceText(draft2, JSON.stringify(ws1, null, 2));
    assert.strictEqual((await applyDocument(draft2.document)).kind, 'created');
    // The drafts were replaced by the live documents (secrets as placeholders).
    await eventually('the drafts to close', () => !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.path.endsWith('-draft.json'))), 10_000);
    // 5. Toggle, copy as JSON.
    await cacheOf(w, 'riskScoringIntegrations').reload();
    await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, 'riskScoringIntegrations', String(firstOf('riskScoringIntegrations', a.id).id)));
    await cacheOf(w, 'dlpIntegrationEntries').reload();
    await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, 'dlpIntegrationEntries', String(firstOf('dlpIntegrationEntries', a.id).id)));
    await cacheOf(w, 'devicePostureIntegrations').reload();
    await vscode.commands.executeCommand('cloudflareZt.copyJson', resourceNode(w, 'devicePostureIntegrations', String(crowdstrike.id)));
    // 6. Error paths: a failing view; a save refused with an error that echoes the token; a rejected token, then updated.
    w.sandbox.addFault({ method: 'GET', path: '/accounts/*/devices/posture/integration', kind: 'status', status: 500, times: 4 });
    await cacheOf(w, 'devicePostureIntegrations').reload();
    const risk = firstOf('riskScoringIntegrations', a.id);
    const riskEditor = await open('riskScoringIntegrations', String(risk.id));
    await replaceText(riskEditor, riskEditor.document.getText().replace(/"tenant_url": "[^"]*"/, '"tenant_url": "https://echo.okta.com"'));
    w.sandbox.addFault({ method: 'PUT', path: '/accounts/*/zt_risk_scoring/integrations/*', kind: 'status', status: 400, code: 9109, message: `Invalid access token ${w.sandbox.credentials.userToken} for this request`, times: 1 });
    errors.length = 0;
    assert.strictEqual((await applyDocument(riskEditor.document)).kind, 'failed');
    const echoed = await eventually('the save error', () => errors[0]);
    assert.ok(!echoed.includes(w.sandbox.credentials.userToken), `the token reached a message: ${echoed}`);
    assert.match(echoed, /9109: Invalid access token \*\*\* for this request/);
    w.sandbox.addFault({ path: '/accounts/*/**', kind: 'status', status: 401, times: 2 });
    await Promise.all([cacheOf(w, 'dlpIntegrationEntries').reload(), cacheOf(w, 'riskScoringIntegrations').reload()]);
    await eventually('the rejected-token warning', () => warnings.some((m) => /rejected the token/.test(m)));
    w.sandbox.clearFaults();
    w.api.prompts.override({ inputBox: async () => w.sandbox.credentials.userToken, pickOne: async (items) => items.find((i) => i.label === a.name) ?? items[0] });
    await vscode.commands.executeCommand('cloudflareZt.updateToken');
    capture();
    assert.strictEqual(w.api.services.session.isRejected(a.id), false);
    // 7. A second account with a Global API Key; then sign out of everything.
    const answers = [w.sandbox.credentials.globalKey.email, w.sandbox.credentials.globalKey.key];
    w.api.prompts.override({ inputBox: async () => answers.shift(), pickOne: async (items) => items.find((i) => i.label === accountB().name) });
    await vscode.commands.executeCommand('cloudflareZt.signInGlobalKey');
    capture();
    await vscode.commands.executeCommand('cloudflareZt.refreshAll');
    // The views, as a user sees them (labels, descriptions, tooltips), are scanned too.
    const viewText = FAMILIES.map((familyId) => {
      const provider = w.api.services.providers.get(familyId);
      const rows = (provider?.getChildren() ?? []).flatMap((n) => (n.kind === 'group' ? provider?.getChildren(n) ?? [] : [n]));
      return rows.map((node: TreeNode) => {
        let item = provider?.getTreeItem(node);
        const resolver = (provider as vscode.TreeDataProvider<TreeNode> | undefined)?.resolveTreeItem;
        if (item && item.tooltip === undefined && resolver) item = (resolver.call(provider, item, node, new vscode.CancellationTokenSource().token) as vscode.TreeItem | undefined) ?? item;
        return JSON.stringify({ label: item?.label, description: item?.description, tooltip: typeof item?.tooltip === 'string' ? item.tooltip : item?.tooltip?.value });
      }).join('\n');
    }).join('\n');
    // Signing out the way a user does: the command, the confirmation answered "Sign Out", once per stored token.
    w.api.prompts.override({ modal: async (_m, _d, ...actions) => actions[0], info: async () => undefined });
    try {
      for (let i = 0; i < 5 && w.api.services.session.accounts().length > 0; i++) await vscode.commands.executeCommand('cloudflareZt.signOut', { accountId: w.api.services.session.accounts()[0]?.id });
    } finally {
      w.api.prompts.restore();
    }
    assert.deepStrictEqual(w.api.services.session.accounts(), [], 'signed out of every account');
    await closeAllEditors();

    // The scan.
    // The seeded secrets (the sandbox stores them; its answers never carry them).
    const seeded = w.sandbox.accounts.flatMap((acc) => (w.sandbox.list('devicePostureIntegrations', acc.id) as { config?: Record<string, unknown> }[])
      .flatMap((p) => ['client_secret', 'client_key', 'access_client_secret'].map((k) => p.config?.[k]).filter((v): v is string => typeof v === 'string' && v.startsWith('sbx-'))));
    const all: Record<string, string> = {
      'user API token': w.sandbox.credentials.userToken,
      'account API token': w.sandbox.credentials.accountToken,
      'Global API Key': w.sandbox.credentials.globalKey.key,
      'mistyped token': secrets.wrongToken,
      'secret typed into a config': secrets.updatedSecret,
      'secret of a created integration': secrets.createdSecret,
      'secret of another created integration': secrets.createdSecret2,
      'secret of a create that failed': secrets.failedCreateSecret,
      ...Object.fromEntries(seeded.map((s, i) => [`seeded secret ${i + 1}`, s])),
    };
    const values = Object.values(all);
    const nameOf = (value: string): string => Object.entries(all).find(([, v]) => v === value)?.[0] ?? value;
    const found: string[] = [];
    const places: string[] = [];

    const log = await flushedLog();
    assert.ok(log.split('\n').length > 20 && /GET \/accounts\/[0-9a-f]{32}\/devices\/posture\/integration/.test(log), 'the log has the session in it');
    for (const v of values) if (log.includes(v)) found.push(`${nameOf(v)} in the output channel log`);
    places.push(`log ${logFile()} (${log.length} chars)`);

    const scanFolder = (label: string, dir: string): void => {
      const files = filesUnder(dir);
      for (const file of files) for (const v of hitsIn(file, values)) found.push(`${nameOf(v)} in ${file}`);
      places.push(`${label} ${dir} (${files.length} files)`);
    };
    report(`  storage: logs ${w.api.storage.logs.toString()}, globalStorage ${w.api.storage.globalStorage.toString()}`);
    scanFolder('extension logs', w.api.storage.logs.fsPath);
    const globalStorage = w.api.storage.globalStorage.fsPath;
    if (fs.existsSync(globalStorage)) scanFolder('globalStorage', globalStorage);
    // <userData>/User/globalStorage/<extension id>: the user data folder holds settings.json, logs, state, backups.
    const userData = path.resolve(globalStorage, '..', '..', '..');
    // The user's settings, and in a remote host such as code-server the machine's, where machine-scoped settings go.
    const settingsFiles = [path.join(userData, 'User', 'settings.json'), path.join(userData, 'Machine', 'settings.json')].filter((f) => fs.existsSync(f));
    assert.ok(settingsFiles.length > 0, `no settings.json under ${userData}`);
    assert.ok(settingsFiles.some((f) => fs.readFileSync(f, 'utf8').includes('cloudflareZt.apiBaseUrl')), 'the settings files are the ones the extension reads');
    places.push(`settings ${settingsFiles.join(', ')}`);
    scanFolder('user data (settings, logs, state, backups)', userData);
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (workspace) scanFolder('workspace', workspace);

    for (const key of w.api.globalState.keys()) {
      const text = `${key} ${JSON.stringify(w.api.globalState.get(key))}`;
      for (const v of values) if (text.includes(v)) found.push(`${nameOf(v)} in globalState ${key}`);
    }
    places.push(`globalState (${w.api.globalState.keys().length} keys)`);
    for (const document of vscode.workspace.textDocuments) {
      for (const v of values) if (document.getText().includes(v)) found.push(`${nameOf(v)} in the open document ${document.uri.toString()}${document.isDirty ? ' (unsaved)' : ''}`);
    }
    places.push(`${vscode.workspace.textDocuments.length} open documents`);
    const clipboard = await vscode.env.clipboard.readText();
    for (const v of values) if (clipboard.includes(v)) found.push(`${nameOf(v)} on the clipboard`);
    for (const v of values) if (viewText.includes(v)) found.push(`${nameOf(v)} in a view`);
    places.push('clipboard', `views (${viewText.split('\n').length} rows)`);
    for (const m of [...errors, ...warnings, ...infos]) for (const v of values) if (m.includes(v)) found.push(`${nameOf(v)} in a message: ${m}`);
    places.push(`${errors.length + warnings.length + infos.length} messages`);

    report(`  secrets scan: ${values.length} secrets (${Object.keys(all).slice(0, 8).join(', ')}, and ${seeded.length} seeded device posture secrets)`, ...places.map((p) => `    scanned ${p}`), `    hits: ${found.length}`);
    assert.deepStrictEqual(found, []);
    assert.strictEqual(await w.api.services.session.store.credentialFor({ id: a.id, name: a.name, credentialKind: 'token', source: 'stored' }), undefined, 'signed out: the token left SecretStorage too');
  });
});
