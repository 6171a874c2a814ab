import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { SECRET_PLACEHOLDER } from '../../src/editor/editModel';
import { cacheOf, applyDocument, asRecord, closeAllEditors, eventually, getWorld, replaceText, resourceNode, signedInSuite, signInAs, type World } from './harness';

/** Opens a resource through the real command, as a click on its row does. */
async function open(w: World, familyId: 'dlpIntegrationEntries' | 'riskScoringIntegrations' | 'devicePostureIntegrations', id: string): Promise<vscode.TextEditor> {
  await cacheOf(w, familyId).reload();
  const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.openResource', resourceNode(w, familyId, id));
  assert.ok(editor, 'no editor opened');
  return editor;
}

function firstOf(w: World, familyId: 'riskScoringIntegrations' | 'devicePostureIntegrations' | 'dlpIntegrationEntries', where: (r: Record<string, unknown>) => boolean = () => true): Record<string, unknown> {
  const accountId = w.api.services.session.soleAccount()?.id ?? '';
  const found = (w.sandbox.list(familyId, accountId) as Record<string, unknown>[]).find(where);
  assert.ok(found, `no seeded ${familyId}`);
  return found;
}

suite('Editing inline: open, validate, save', () => {
  const signedIn = signedInSuite();
  let w: World;
  let accountId: string;
  suiteSetup(() => {
    ({ w, accountId } = signedIn);
  });

  test('open shows pretty JSON with secret placeholders; edit interval and apply → PATCH of just that field', async () => {
    const posture = firstOf(w, 'devicePostureIntegrations');
    const editor = await open(w, 'devicePostureIntegrations', String(posture.id));
    const shown = JSON.parse(editor.document.getText()) as Record<string, Record<string, unknown>>;
    assert.strictEqual(editor.document.uri.scheme, 'cfzt');
    assert.ok(!editor.document.uri.toString().includes('interval'), 'content is never in the URI');
    assert.strictEqual(shown.config?.client_secret, SECRET_PLACEHOLDER);
    assert.strictEqual(editor.document.languageId, 'json');

    const newInterval = posture.interval === '30m' ? '45m' : '30m';
    w.sandbox.clearRequests();
    await replaceText(editor, editor.document.getText().replace(/"interval": "[^"]*"/, `"interval": "${newInterval}"`));
    assert.strictEqual((await applyDocument(editor.document)).kind, 'applied');
    assert.strictEqual(asRecord(w.sandbox.getResource('devicePostureIntegrations', accountId, String(posture.id))).interval, newInterval);
    const patch = w.sandbox.requests().find((r) => r.method === 'PATCH');
    assert.deepStrictEqual(patch?.body, { interval: newInterval }, 'only the changed field, and no config (secrets kept)');
    const forIt = w.sandbox.requests().filter((r) => r.path.endsWith(`/${String(posture.id)}`));
    assert.deepStrictEqual(forIt.map((r) => r.method), ['GET', 'PATCH'], 'an apply costs a conflict check and the write');
    assert.strictEqual(editor.document.isDirty, false);
  });

  test('invalid JSON gives a diagnostic, sends nothing and keeps the text', async () => {
    const risk = firstOf(w, 'riskScoringIntegrations');
    const editor = await open(w, 'riskScoringIntegrations', String(risk.id));
    w.sandbox.clearRequests();
    const broken = editor.document.getText().replace('"active":', '"active" ');
    await replaceText(editor, broken);
    assert.strictEqual((await applyDocument(editor.document)).kind, 'problems');
    assert.strictEqual(editor.document.getText(), broken, 'the user text is intact');
    assert.strictEqual(w.api.services.pending.isPending(editor.document.uri), true, 'and marked as not applied');
    // One diagnostic on the spot: VS Code's JSON check or, where it has none there, the apply check's.
    const line = broken.slice(0, broken.indexOf('"active" ') + 9).split('\n').length - 1;
    await eventually('a diagnostic on the broken line', () => vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.range.start.line === line));
    assert.deepStrictEqual(w.sandbox.requests(), [], 'nothing was sent');
  });

  test('an invalid value is a diagnostic on that field; a read-only field change is refused, not dropped', async () => {
    const risk = firstOf(w, 'riskScoringIntegrations');
    const editor = await open(w, 'riskScoringIntegrations', String(risk.id));
    w.sandbox.clearRequests();
    const text = editor.document.getText().replace(/"tenant_url": "[^"]*"/, '"tenant_url": 42').replace(/"well_known_url": "[^"]*"/, '"well_known_url": "https://evil.example"');
    await replaceText(editor, text);
    assert.strictEqual((await applyDocument(editor.document)).kind, 'problems');
    const lineOf = (needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length - 1;
    const all = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(editor.document.uri);
    await eventually('a diagnostic on tenant_url', () => all().some((d) => d.range.start.line === lineOf('"tenant_url": 42') && /tenant_url must be an address starting with https:\/\//.test(d.message)));
    assert.ok(all().some((d) => d.source === 'Cloudflare ZT' && d.range.start.line === lineOf('"well_known_url"') && /read-only/.test(d.message)), 'read-only diagnostic on well_known_url');
    assert.deepStrictEqual(w.sandbox.requests(), []);
  });

  test('a server error on apply keeps the user\'s text and names Cloudflare\'s code', async () => {
    const risk = firstOf(w, 'riskScoringIntegrations');
    const editor = await open(w, 'riskScoringIntegrations', String(risk.id));
    const errors: string[] = [];
    w.api.prompts.override({ error: async (m) => { errors.push(m); return undefined; } });
    w.sandbox.addFault({ method: 'PUT', path: '/accounts/*/zt_risk_scoring/integrations/*', kind: 'status', status: 400, times: 1 });
    const edited = editor.document.getText().replace(/"tenant_url": "[^"]*"/, '"tenant_url": "https://changed.okta.com"');
    await replaceText(editor, edited);
    assert.strictEqual((await applyDocument(editor.document)).kind, 'failed');
    assert.strictEqual(editor.document.getText(), edited);
    await eventually('an error message', () => errors.length > 0);
    assert.match(errors[0] ?? '', /\d{3,}: /, 'names Cloudflare\'s code and message');
    assert.notStrictEqual(asRecord(w.sandbox.getResource('riskScoringIntegrations', accountId, String(risk.id))).tenant_url, 'https://changed.okta.com');
  });

  test('a change made on the server after opening is detected: Compare / Overwrite / Discard, nothing sent until chosen', async () => {
    const risk = firstOf(w, 'riskScoringIntegrations');
    const editor = await open(w, 'riskScoringIntegrations', String(risk.id));
    w.sandbox.mutate('riskScoringIntegrations', accountId, String(risk.id), { tenant_url: 'https://someone-else.okta.com' });
    const modals: { message: string; actions: string[] }[] = [];
    w.api.prompts.override({ modal: async (message, _d, ...actions) => { modals.push({ message, actions }); return undefined; } });
    w.sandbox.clearRequests();
    await replaceText(editor, editor.document.getText().replace(/"active": (true|false)/, (_m, v: string) => `"active": ${v === 'true' ? 'false' : 'true'}`));
    assert.strictEqual((await applyDocument(editor.document)).kind, 'cancelled');
    assert.match(modals[0]?.message ?? '', /changed on Cloudflare/);
    assert.deepStrictEqual(modals[0]?.actions, ['Compare', 'Overwrite', 'Discard and reload']);
    // The conflict check and the audit log look-up that names who changed it (a read), nothing written.
    assert.deepStrictEqual(w.sandbox.requests().map((r) => `${r.method} ${r.path.includes('/logs/audit') ? 'audit log' : 'resource'}`), ['GET resource', 'GET audit log'], 'only the conflict check and the audit look-up were sent');
    assert.strictEqual(w.api.services.pending.isPending(editor.document.uri), true);

    w.api.prompts.override({ modal: async () => 'Overwrite' });
    assert.strictEqual((await applyDocument(editor.document)).kind, 'applied');
    assert.strictEqual(asRecord(w.sandbox.getResource('riskScoringIntegrations', accountId, String(risk.id))).active, !risk.active);
  });

  test('changing a device posture config requires its secrets; with them the full config is sent', async () => {
    const posture = firstOf(w, 'devicePostureIntegrations', (p) => p.type === 'crowdstrike_s2s') ;
    const editor = await open(w, 'devicePostureIntegrations', String(posture.id));
    w.sandbox.clearRequests();
    const withNewId = editor.document.getText().replace(/"client_id": "[^"]*"/, '"client_id": "new-client-id"');
    await replaceText(editor, withNewId);
    assert.strictEqual((await applyDocument(editor.document)).kind, 'problems');
    const problems = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Cloudflare ZT');
    assert.ok(problems.some((d) => /client_secret/.test(d.message)), problems.map((d) => d.message).join('; '));
    assert.deepStrictEqual(w.sandbox.requests(), []);

    await replaceText(editor, withNewId.replace(JSON.stringify(SECRET_PLACEHOLDER), '"a-new-secret"'));
    assert.strictEqual((await applyDocument(editor.document)).kind, 'applied');
    const patch = w.sandbox.requests().find((r) => r.method === 'PATCH');
    const sentConfig = (patch?.body as { config?: Record<string, unknown> }).config;
    assert.strictEqual(sentConfig?.client_id, 'new-client-id');
    assert.strictEqual(sentConfig?.client_secret, 'a-new-secret');
    await eventually(`the document to show the server answer (now: ${editor.document.getText()})`, () => (JSON.parse(editor.document.getText()) as { config: Record<string, unknown> }).config.client_secret === SECRET_PLACEHOLDER);
  });

  test('applying with nothing changed says so and sends nothing', async () => {
    const risk = firstOf(w, 'riskScoringIntegrations');
    const editor = await open(w, 'riskScoringIntegrations', String(risk.id));
    const infos: string[] = [];
    w.api.prompts.override({ info: async (m) => { infos.push(m); return undefined; } });
    w.sandbox.clearRequests();
    await replaceText(editor, editor.document.getText().replace(/\n/g, '\n  ').trimEnd() + '\n');
    assert.strictEqual((await applyDocument(editor.document)).kind, 'unchanged');
    assert.ok(infos.some((m) => /^Nothing to apply: ".*" already matches Cloudflare\.$/.test(m)), infos.join('; '));
    assert.deepStrictEqual(w.sandbox.requests(), []);
  });
});

suite('Editing inline: confirmation before apply', () => {
  let w: World;
  suiteSetup(async () => {
    w = await getWorld();
    if (!w.api.services.session.soleAccount()) await signInAs(w, w.sandbox.credentials.userToken, w.sandbox.accounts[0]?.name);
  });
  teardown(async () => {
    w.api.prompts.restore();
    await vscode.workspace.getConfiguration('cloudflareZt').update('confirmBeforeApply', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  test('with cloudflareZt.confirmBeforeApply an apply asks first; declining sends nothing and keeps the edits', async () => {
    await vscode.workspace.getConfiguration('cloudflareZt').update('confirmBeforeApply', true, vscode.ConfigurationTarget.Global);
    const accountId = w.api.services.session.soleAccount()?.id ?? '';
    const risk = (w.sandbox.list('riskScoringIntegrations', accountId) as Record<string, unknown>[])[0];
    assert.ok(risk);
    await cacheOf(w, 'riskScoringIntegrations').reload();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.openResource', resourceNode(w, 'riskScoringIntegrations', String(risk.id)));
    assert.ok(editor);
    const asked: string[] = [];
    w.api.prompts.override({ modal: async (message) => { asked.push(message); return undefined; }, info: async () => undefined });
    w.sandbox.clearRequests();
    const tenant = 'https://confirm-first.okta.com';
    const edited = editor.document.getText().replace(/"tenant_url": "[^"]*"/, `"tenant_url": "${tenant}"`);
    await replaceText(editor, edited);
    assert.strictEqual((await applyDocument(editor.document)).kind, 'cancelled');
    assert.match(asked[0] ?? '', /^Apply changes to ".*" in Acme Corp\?$/);
    assert.ok(!w.sandbox.requests().some((r) => r.method === 'PUT'), 'nothing was written');
    assert.strictEqual(editor.document.getText(), edited);

    w.api.prompts.override({ modal: async () => 'Apply' });
    assert.strictEqual((await applyDocument(editor.document)).kind, 'applied');
    assert.strictEqual(asRecord(w.sandbox.getResource('riskScoringIntegrations', accountId, String(risk.id))).tenant_url, tenant);
  });
});
