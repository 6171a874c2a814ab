import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { SECRET_PLACEHOLDER } from '../../src/editor/editModel';
import { showAccounts, cacheOf, asRecord, eventually, replaceText, resourceNode, signedInSuite, signInAs, applyDocument, type World } from './harness';

suite('More promises: schemas in the editor, preview, copy, other sign-ins', () => {
  const signedIn = signedInSuite();
  let w: World;
  let accountId: string;
  suiteSetup(() => {
    ({ w, accountId } = signedIn);
  });

  async function openFirst(familyId: 'riskScoringIntegrations' | 'devicePostureIntegrations'): Promise<{ editor: vscode.TextEditor; resource: Record<string, unknown> }> {
    await cacheOf(w, familyId).reload();
    const resource = (w.sandbox.list(familyId, accountId) as Record<string, unknown>[])[0];
    assert.ok(resource);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.openResource', resourceNode(w, familyId, String(resource.id)));
    assert.ok(editor);
    return { editor, resource };
  }

  test('the generated JSON Schema validates the live document as you type (contributes.jsonValidation)', async () => {
    const { editor } = await openFirst('riskScoringIntegrations');
    await replaceText(editor, editor.document.getText().replace(/"active": (true|false)/, '"active": "yes"'));
    const fromSchema = await eventually('a JSON schema diagnostic', () =>
      vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source !== 'Cloudflare ZT' && /^active must be true or false/.test(d.message)), 10000);
    assert.strictEqual(editor.document.lineAt(fromSchema.range.start.line).text.includes('"active"'), true);
  });

  test('a draft is validated against the create schema as you type', async () => {
    const draft = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.newRiskScoringIntegration');
    assert.ok(draft);
    assert.match(draft.document.uri.path, /-draft\.json$/);
    await replaceText(draft, JSON.stringify({ integration_type: 'Azure', tenant_url: 'https://x.okta.com' }, null, 2));
    await eventually('an enum diagnostic on integration_type', () =>
      vscode.languages.getDiagnostics(draft.document.uri).find((d) => d.source !== 'Cloudflare ZT' && draft.document.lineAt(d.range.start.line).text.includes('integration_type')), 10000);
  });

  test('a draft whose template placeholders were not filled in is refused with a diagnostic; nothing is sent', async () => {
    const draft = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.newRiskScoringIntegration');
    assert.ok(draft);
    await replaceText(draft, draft.document.getText().replace('"reference_id": null', '"reference_id": "my-idp"'));
    assert.strictEqual((await applyDocument(draft.document)).kind, 'problems');
    const problem = vscode.languages.getDiagnostics(draft.document.uri).find((d) => d.source === 'Cloudflare ZT');
    assert.match(problem?.message ?? '', /placeholder/);
    assert.ok(draft.document.lineAt(problem?.range.start.line ?? 0).text.includes('tenant_url'));
    assert.deepStrictEqual(w.sandbox.requests().filter((r) => r.method === 'POST'), []);
  });

  test('Preview changes opens a diff of the server copy against the buffer', async () => {
    const { editor } = await openFirst('riskScoringIntegrations');
    await replaceText(editor, editor.document.getText().replace(/"tenant_url": "[^"]*"/, '"tenant_url": "https://preview.okta.com"'));
    await vscode.commands.executeCommand('cloudflareZt.previewChanges', editor.document.uri);
    const tab = await eventually('a diff tab', () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff ? vscode.window.tabGroups.activeTabGroup.activeTab : undefined);
    const input = tab.input as vscode.TabInputTextDiff;
    assert.strictEqual(input.modified.toString(), editor.document.uri.toString());
    const server = await vscode.workspace.openTextDocument(input.original);
    assert.ok(!server.getText().includes('preview.okta.com'), 'left side is the server copy');
    assert.ok(w.sandbox.requests().some((r) => r.method === 'GET'), 'the server copy was fetched');
  });

  test('Discard and reload replaces the edits with the server copy', async () => {
    const { editor, resource } = await openFirst('riskScoringIntegrations');
    w.sandbox.mutate('riskScoringIntegrations', accountId, String(resource.id), { tenant_url: 'https://server-side.okta.com' });
    await replaceText(editor, editor.document.getText().replace(/"tenant_url": "[^"]*"/, '"tenant_url": "https://mine.okta.com"'));
    w.api.prompts.override({ modal: async () => 'Discard and reload' });
    assert.strictEqual((await applyDocument(editor.document)).kind, 'discarded');
    await eventually('the server copy in the editor', () => editor.document.getText().includes('https://server-side.okta.com') && !editor.document.isDirty);
    assert.strictEqual(asRecord(w.sandbox.getResource('riskScoringIntegrations', accountId, String(resource.id))).tenant_url, 'https://server-side.okta.com');
  });

  test('Copy ID and Copy as JSON put the resource on the clipboard, secrets as placeholders', async () => {
    await cacheOf(w, 'devicePostureIntegrations').reload();
    const posture = (w.sandbox.list('devicePostureIntegrations', accountId) as Record<string, unknown>[]).find((p) => p.type === 'crowdstrike_s2s');
    assert.ok(posture);
    const node = resourceNode(w, 'devicePostureIntegrations', String(posture.id));
    await vscode.commands.executeCommand('cloudflareZt.copyId', node);
    assert.strictEqual(await vscode.env.clipboard.readText(), posture.id);
    await vscode.commands.executeCommand('cloudflareZt.copyJson', node);
    const copied = JSON.parse(await vscode.env.clipboard.readText()) as { config: Record<string, unknown> };
    assert.strictEqual(copied.config.client_secret, SECRET_PLACEHOLDER);
    assert.ok(!JSON.stringify(copied).includes(String((posture.config as Record<string, unknown>).client_secret)));
  });

  test('from the palette a node command asks which resource (picker)', async () => {
    await cacheOf(w, 'riskScoringIntegrations').reload();
    const risk = (w.sandbox.list('riskScoringIntegrations', accountId) as Record<string, unknown>[])[0];
    assert.ok(risk);
    let offered = 0;
    w.api.prompts.override({ pickOne: async (items) => { offered = items.length; return items.find((i) => (i as unknown as { resource: { id: string } }).resource.id === risk.id); } });
    const id = await vscode.commands.executeCommand<string>('cloudflareZt.copyId');
    assert.strictEqual(id, risk.id);
    await Promise.all(['dlpIntegrationEntries', 'devicePostureIntegrations', 'devicePostureRules'].map((f) => cacheOf(w, f).reload()));
    const total = (['dlpIntegrationEntries', 'riskScoringIntegrations', 'devicePostureIntegrations', 'devicePostureRules'] as const).reduce((n, f) => n + w.sandbox.list(f, accountId).length, 0);
    assert.strictEqual(offered, total, 'every resource of the account is offered');
  });

  test('"Enable a DLP integration entry" opens a draft for the picked entry; saving switches it (POST)', async () => {
    const entry = (w.sandbox.list('dlpIntegrationEntries', accountId) as Record<string, unknown>[]).find((e) => e.enabled === false);
    assert.ok(entry, 'a disabled entry is seeded');
    w.api.prompts.override({ pickOne: async (items) => items.find((i) => (i as unknown as { resource: { id: string } }).resource.id === entry.id) });
    const draft = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.enableDlpIntegrationEntry');
    assert.ok(draft);
    const body = JSON.parse(draft.document.getText()) as { entry_id: string; enabled: boolean };
    assert.deepStrictEqual(body, { entry_id: entry.id, enabled: true });
    await replaceText(draft, `${JSON.stringify(body, null, 4)}\n`);
    assert.strictEqual((await applyDocument(draft.document)).kind, 'created');
    assert.strictEqual(asRecord(w.sandbox.getResource('dlpIntegrationEntries', accountId, String(entry.id))).enabled, true);
    assert.deepStrictEqual(w.sandbox.requests().filter((r) => r.method === 'POST').map((r) => r.body), [{ entry_id: entry.id, enabled: true }]);
  });

  test('a document opened under one account is applied to that account, with its own credential, whichever is active', async () => {
    const { editor, resource } = await openFirst('riskScoringIntegrations');
    await replaceText(editor, editor.document.getText().replace(/"tenant_url": "[^"]*"/, '"tenant_url": "https://cross-account.okta.com"'));
    const other = w.sandbox.accounts[1];
    assert.ok(other);
    await signInAs(w, w.sandbox.credentials.userToken, other.name);
    try {
      w.sandbox.clearRequests();
      assert.strictEqual((await applyDocument(editor.document)).kind, 'applied');
      const writes = w.sandbox.requests().filter((r) => r.method === 'PUT');
      assert.deepStrictEqual(writes.map((r) => r.accountId), [accountId], 'written to the account the document belongs to');
      assert.strictEqual(asRecord(w.sandbox.getResource('riskScoringIntegrations', accountId, String(resource.id))).tenant_url, 'https://cross-account.okta.com');
    } finally {
      await w.api.services.session.setShown([accountId]);
    }
  });

  test('sign in with a Global API Key (e-mail + key)', async () => {
    const { email, key } = w.sandbox.credentials.globalKey;
    const answers = [email, key];
    const infos: string[] = [];
    w.api.prompts.override({ inputBox: async () => answers.shift(), info: async (m) => { infos.push(m); return undefined; } });
    await vscode.commands.executeCommand('cloudflareZt.signInGlobalKey');
    w.api.prompts.restore();
    assert.deepStrictEqual(infos, ['Signed in to Acme Corp and Acme Labs (2 accounts) with a Global API Key.']);
    await showAccounts(w, [w.sandbox.accounts[1]?.name ?? '?']);
    const account = w.api.services.session.soleAccount();
    assert.strictEqual(account?.credentialKind, 'globalKey');
    assert.strictEqual(account?.email, email);
    assert.deepStrictEqual((await w.api.services.session.context(w.api.services.session.soleAccount())).credential, { kind: 'globalKey', email, key });
    const rows = (w.api.services.providers.get('devicePostureIntegrations'));
    await cacheOf(w, 'devicePostureIntegrations').reload();
    assert.ok((rows?.getChildren() ?? []).every((n) => n.kind === 'resource'));
    assert.ok(w.sandbox.requests().some((r) => r.authKind === 'globalKey'));
    await w.api.services.session.setShown([accountId]);
  });
});
