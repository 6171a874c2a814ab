import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeDocumentTabs } from '../../src/editor/documents';
import { cacheOf, applyDocument, asRecord, closeAllEditors, eventually, nextSave, recordMessages, replaceText, resourceNode, signedInSuite, type World } from './harness';

type Family = 'riskScoringIntegrations' | 'devicePostureIntegrations' | 'dlpIntegrationEntries';

async function open(w: World, familyId: Family, id: string): Promise<vscode.TextEditor> {
  await cacheOf(w, familyId).reload();
  const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.openResource', resourceNode(w, familyId, id));
  assert.ok(editor, 'no editor opened');
  return editor;
}

function seeded(w: World, accountId: string, familyId: Family, where: (r: Record<string, unknown>) => boolean = () => true): Record<string, unknown> {
  const found = (w.sandbox.list(familyId, accountId) as Record<string, unknown>[]).find(where);
  assert.ok(found, `no seeded ${familyId}`);
  return found;
}

/** Types one small change, as a burst of keystrokes does: the interval's number goes up by one. */
async function typeBurst(editor: vscode.TextEditor, value: string): Promise<void> {
  await replaceText(editor, editor.document.getText().replace(/"interval": "[^"]*"/, `"interval": "${value}"`));
}

/** The tree row of a resource, as the view paints it. */
function row(w: World, familyId: Family, id: string): vscode.TreeItem {
  const provider = w.api.services.providers.get(familyId);
  assert.ok(provider);
  return provider.getTreeItem(resourceNode(w, familyId, id));
}

suite('Nothing reaches Cloudflare without a deliberate act (auto save, focus, closing a tab)', () => {
  const signedIn = signedInSuite();
  teardown(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('files').update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Global);
  });

  for (const mode of ['afterDelay', 'onFocusChange'] as const) {
    test(`files.autoSave = ${mode}: bursts of typing, focus away and back, close and reopen → no request, no dialog, edits kept and marked; then Ctrl+S applies with 1 GET + 1 PATCH`, async () => {
      const { w, accountId } = signedIn;
      await vscode.workspace.getConfiguration('files').update('autoSave', mode, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('files').update('autoSaveDelay', 500, vscode.ConfigurationTarget.Global);
      const posture = seeded(w, accountId, 'devicePostureIntegrations', (p) => p.type === 'crowdstrike_s2s');
      const id = String(posture.id);
      // Values the server does not hold yet, whatever an earlier test applied.
      const first = mode === 'afterDelay' ? 400 : 600;
      const last = `${first + 6}m`;
      const editor = await open(w, 'devicePostureIntegrations', id);
      const elsewhere = await vscode.workspace.openTextDocument({ content: 'another editor to move focus to', language: 'plaintext' });
      const shown = recordMessages(w);
      w.sandbox.clearRequests();

      // Bursts of typing, each followed by the auto save it triggers (after the delay, or when focus leaves).
      for (let burst = 1; burst <= 6; burst++) {
        const saved = nextSave(editor.document);
        await typeBurst(editor, `${first + burst}m`);
        // Focus moves to another editor: with onFocusChange, VS Code saves the one that lost it.
        if (mode === 'onFocusChange') await vscode.window.showTextDocument(elsewhere, { preview: false });
        await saved;
        if (mode === 'onFocusChange') await vscode.window.showTextDocument(editor.document, { preview: false });
        assert.strictEqual(editor.document.isDirty, false, `burst ${burst}: the auto save went through (it only stores the text)`);
      }
      assert.strictEqual(w.api.services.pending.isPending(editor.document.uri), true, 'the edits are marked as not applied');
      assert.match(String(row(w, 'devicePostureIntegrations', id).description), /edits not applied/);

      // Close the tab (no "save changes?" question: the text is stored) and reopen it from the tree.
      await closeDocumentTabs(editor.document.uri);
      const reopened = await open(w, 'devicePostureIntegrations', id);
      assert.ok(reopened.document.getText().includes(`"interval": "${last}"`), 'the edits survived closing the tab');

      assert.deepStrictEqual(w.sandbox.requests().filter((r) => r.method !== 'GET'), [], 'no write reached the sandbox');
      assert.deepStrictEqual(shown.modal, [], 'no dialog opened');
      assert.deepStrictEqual([...shown.info, ...shown.warning, ...shown.error], [], 'no notification');
      assert.notStrictEqual(asRecord(w.sandbox.getResource('devicePostureIntegrations', accountId, id)).interval, last);

      // The deliberate act: Ctrl+S in the editor runs the Apply command.
      w.sandbox.clearRequests();
      const outcome = await applyDocument(reopened.document);
      assert.strictEqual(outcome.kind, 'applied');
      assert.deepStrictEqual(w.sandbox.requests().map((r) => r.method), ['GET', 'PATCH'], 'exactly the conflict check and the write');
      assert.deepStrictEqual(w.sandbox.requests()[1]?.body, { interval: last });
      assert.strictEqual(asRecord(w.sandbox.getResource('devicePostureIntegrations', accountId, id)).interval, last);
      assert.strictEqual(w.api.services.pending.isPending(reopened.document.uri), false, 'no longer marked');
      assert.doesNotMatch(String(row(w, 'devicePostureIntegrations', id).description), /edits not applied/);
      assert.deepStrictEqual(shown.info, [`Applied to "${String(posture.name)}": interval.`]);
    });
  }

  test('a dirty editor closed with Save keeps the edits as not applied and sends nothing', async () => {
    const { w, accountId } = signedIn;
    const risk = seeded(w, accountId, 'riskScoringIntegrations');
    const editor = await open(w, 'riskScoringIntegrations', String(risk.id));
    const shown = recordMessages(w);
    w.sandbox.clearRequests();
    await replaceText(editor, editor.document.getText().replace(/"tenant_url": "[^"]*"/, '"tenant_url": "https://kept.okta.com"'));
    // What "Save" in VS Code's close dialog (or File > Save) does: a save, which only stores the text.
    assert.strictEqual(await editor.document.save(), true, 'the save never fails');
    await closeAllEditors();
    assert.deepStrictEqual(w.sandbox.requests(), []);
    assert.deepStrictEqual(shown.modal, []);
    const reopened = await open(w, 'riskScoringIntegrations', String(risk.id));
    assert.match(reopened.document.getText(), /https:\/\/kept\.okta\.com/);
    w.sandbox.clearRequests();
    assert.strictEqual(await vscode.commands.executeCommand('cloudflareZt.discardEdits', reopened.document.uri), true);
    assert.doesNotMatch(reopened.document.getText(), /kept\.okta\.com/, 'Discard shows the server copy again');
    assert.strictEqual(w.api.services.pending.isPending(reopened.document.uri), false);
    assert.deepStrictEqual(w.sandbox.requests(), [], 'discarding sends nothing');
  });
});

suite('Refusals are the extension\'s own messages, never a failed save', () => {
  const signedIn = signedInSuite();

  const cases: { name: string; edit: (text: string) => string; expect: RegExp }[] = [
    { name: 'invalid JSON', edit: (t) => t.replace('"active":', '"active" '), expect: /^Not applied: The document is not valid JSON/ },
    { name: 'a wrong type', edit: (t) => t.replace(/"active": (true|false)/, '"active": "yes"'), expect: /^Not applied: active must be true or false/ },
    { name: 'an unknown field', edit: (t) => t.replace('{', '{\n  "colour": "blue",'), expect: /^Not applied: Unknown field "colour"/ },
    { name: 'a changed read-only field', edit: (t) => t.replace(/"well_known_url": "[^"]*"/, '"well_known_url": "https://evil.example"'), expect: /^Not applied: "well_known_url" is read-only/ },
  ];
  for (const { name, edit, expect } of cases) {
    test(`${name}: the save succeeds (stored), Apply names the problem in plain words, nothing is sent, the text is kept`, async () => {
      const { w, accountId } = signedIn;
      const risk = seeded(w, accountId, 'riskScoringIntegrations');
      const editor = await open(w, 'riskScoringIntegrations', String(risk.id));
      const shown = recordMessages(w);
      w.sandbox.clearRequests();
      const text = edit(editor.document.getText());
      await replaceText(editor, text);
      assert.strictEqual(await editor.document.save(), true, 'a save never fails, whatever the text holds');
      const outcome = await applyDocument(editor.document);
      assert.strictEqual(outcome.kind, 'problems');
      assert.strictEqual(shown.error.length, 1, shown.error.join(' | '));
      assert.match(shown.error[0] ?? '', expect);
      assert.match(shown.error[0] ?? '', /Nothing was sent; your edits are kept\.$/);
      assert.doesNotMatch(shown.error[0] ?? '', /Unable to write file|NoPermissions|Too small|Invalid input/);
      assert.strictEqual(editor.document.getText(), text, 'the text is kept');
      assert.deepStrictEqual(w.sandbox.requests(), [], 'nothing was sent');
    });
  }

  test('a 200,000-character name is refused with its limit, and the dialog title is cut', async () => {
    const { w, accountId } = signedIn;
    const posture = seeded(w, accountId, 'devicePostureIntegrations');
    const editor = await open(w, 'devicePostureIntegrations', String(posture.id));
    const shown = recordMessages(w);
    w.sandbox.clearRequests();
    await replaceText(editor, editor.document.getText().replace(/"name": "[^"]*"/, `"name": "${'n'.repeat(200_000)}"`));
    assert.strictEqual((await applyDocument(editor.document)).kind, 'problems');
    assert.match(shown.error[0] ?? '', /^Not applied: name is too long: at most 255 characters/);
    assert.deepStrictEqual(w.sandbox.requests(), []);
  });

  test('interval in the wrong form: one message a person wrote, and no second diagnostic beside the schema check\'s', async () => {
    const { w, accountId } = signedIn;
    const posture = seeded(w, accountId, 'devicePostureIntegrations');
    const editor = await open(w, 'devicePostureIntegrations', String(posture.id));
    const shown = recordMessages(w);
    await replaceText(editor, editor.document.getText().replace(/"interval": "[^"]*"/, '"interval": "soon"'));
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('"interval": "soon"'));
    // VS Code's live check (the generated JSON Schema) marks it with the field's own message.
    await eventually('the schema check to mark interval', () => vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.range.start.line === line && d.source !== 'Cloudflare ZT'));
    assert.strictEqual((await applyDocument(editor.document)).kind, 'problems');
    assert.match(shown.error[0] ?? '', /^Not applied: interval must be a duration such as 10m, 6h or 24h/);
    const onLine = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.range.start.line === line);
    assert.strictEqual(onLine.length, 1, `one diagnostic on the interval line: ${onLine.map((d) => `${d.source}: ${d.message}`).join(' | ')}`);
    assert.match(onLine[0]?.message ?? '', /interval must be a duration such as 10m, 6h or 24h/);
  });

  test('a server error names Cloudflare\'s code and offers Retry; the edits stay', async () => {
    const { w, accountId } = signedIn;
    const risk = seeded(w, accountId, 'riskScoringIntegrations');
    const editor = await open(w, 'riskScoringIntegrations', String(risk.id));
    const shown = recordMessages(w);
    w.sandbox.addFault({ method: 'PUT', path: '/accounts/*/zt_risk_scoring/integrations/*', kind: 'status', status: 400, times: 1 });
    const text = editor.document.getText().replace(/"tenant_url": "[^"]*"/, '"tenant_url": "https://changed.okta.com"');
    await replaceText(editor, text);
    const outcome = await applyDocument(editor.document);
    assert.strictEqual(outcome.kind, 'failed');
    assert.match(shown.error[0] ?? '', /\d{3,}: .*Your edits are kept\.$/);
    assert.doesNotMatch(shown.error[0] ?? '', /Unable to write file|NoPermissions/);
    assert.strictEqual(editor.document.getText(), text);
    assert.strictEqual(w.api.services.pending.isPending(editor.document.uri), true);
  });
});

suite('Conflicts: Compare is a choice, Overwrite overwrites, the tree shows the newer copy', () => {
  const signedIn = signedInSuite();

  test('another admin changed name and interval; the user changed interval and chose Overwrite → the server equals the document', async () => {
    const { w, accountId } = signedIn;
    const posture = seeded(w, accountId, 'devicePostureIntegrations', (p) => p.type === 'kolide');
    const id = String(posture.id);
    const editor = await open(w, 'devicePostureIntegrations', id);
    const myName = String(posture.name);
    w.sandbox.mutate('devicePostureIntegrations', accountId, id, { name: 'Renamed by another admin', interval: '2h' });
    let rowDuringDialog = '';
    const shown = recordMessages(w, () => {
      rowDuringDialog = String(row(w, 'devicePostureIntegrations', id).label);
      return 'Overwrite';
    });
    await replaceText(editor, editor.document.getText().replace(/"interval": "[^"]*"/, '"interval": "7h"'));
    w.sandbox.clearRequests();
    const outcome = await applyDocument(editor.document);
    assert.strictEqual(outcome.kind, 'applied');
    assert.strictEqual(rowDuringDialog, 'Renamed by another admin', 'the tree showed the newer copy before the user chose');
    assert.match(shown.modal[0]?.message ?? '', /changed on Cloudflare since you opened it/);
    assert.deepStrictEqual(shown.modal[0]?.actions, ['Compare', 'Overwrite', 'Discard and reload'], 'the choice that changes nothing comes first');
    const stored = asRecord(w.sandbox.getResource('devicePostureIntegrations', accountId, id));
    assert.strictEqual(stored.name, myName, 'the other admin\'s name was overwritten by the document\'s');
    assert.strictEqual(stored.interval, '7h');
    assert.deepStrictEqual(w.sandbox.requests().find((r) => r.method === 'PATCH')?.body, { name: myName, interval: '7h' });
  });

  test('Compare opens the diff, reports a choice (no failure), keeps the edits; resolving closes the diff', async () => {
    const { w, accountId } = signedIn;
    const risk = seeded(w, accountId, 'riskScoringIntegrations');
    const id = String(risk.id);
    const editor = await open(w, 'riskScoringIntegrations', id);
    w.sandbox.mutate('riskScoringIntegrations', accountId, id, { tenant_url: 'https://someone-else.okta.com' });
    const shown = recordMessages(w, () => 'Compare');
    const text = editor.document.getText().replace(/"active": (true|false)/, (_m, v: string) => `"active": ${v === 'true' ? 'false' : 'true'}`);
    await replaceText(editor, text);
    w.sandbox.clearRequests();
    assert.strictEqual((await applyDocument(editor.document)).kind, 'compare');
    assert.deepStrictEqual(shown.error, [], 'no failure notification');
    assert.match(shown.info[0] ?? '', /changed on Cloudflare\. Your edits are kept and not applied/);
    const diffOpen = (): boolean => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === editor.document.uri.toString());
    assert.ok(diffOpen(), 'the diff is open');
    // The conflict check, and the audit log look-up that names who changed it (10-used-by-history.test.ts).
    assert.deepStrictEqual(w.sandbox.requests().filter((r) => !r.path.includes('/logs/audit')).map((r) => r.method), ['GET']);
    assert.strictEqual(editor.document.getText(), text);

    recordMessages(w, () => 'Discard and reload');
    assert.strictEqual((await applyDocument(editor.document)).kind, 'discarded');
    assert.ok(!diffOpen(), 'the diff closed once the conflict was resolved');
    assert.match(editor.document.getText(), /someone-else\.okta\.com/);
    assert.strictEqual(editor.document.isDirty, false);
  });
});

suite('What the extension does not know never breaks a list', () => {
  const signedIn = signedInSuite();

  test('a device posture type added later (and fields Cloudflare adds) is listed and opens read-only; Apply sends nothing', async () => {
    const { w, accountId } = signedIn;
    const inserted = w.sandbox.insert('devicePostureIntegrations', accountId, {
      id: 'f0000000-0000-4000-8000-00000000cafe', name: 'iVerify (a newer type)', type: 'iverify_s2s', interval: '10m',
      config: { api_url: 'https://api.iverify.example' }, identifier: '', schema: {}, test_results: {}, risk_tier: 'low',
    });
    try {
      await cacheOf(w, 'devicePostureIntegrations').reload();
      const item = row(w, 'devicePostureIntegrations', String(inserted.id));
      assert.strictEqual(item.label, 'iVerify (a newer type)');
      const editor = await open(w, 'devicePostureIntegrations', String(inserted.id));
      const stat = await vscode.workspace.fs.stat(editor.document.uri);
      assert.strictEqual(stat.permissions, vscode.FilePermission.Readonly, 'opened read-only');
      const shown = recordMessages(w);
      w.sandbox.clearRequests();
      assert.strictEqual((await applyDocument(editor.document)).kind, 'refused');
      assert.match(shown.warning[0] ?? '', /cannot be edited here safely: the extension does not know its type/);
      assert.deepStrictEqual(w.sandbox.requests(), []);
    } finally {
      w.sandbox.remove('devicePostureIntegrations', accountId, String(inserted.id));
    }
  });
});

suite('Drafts: one create per draft', () => {
  const signedIn = signedInSuite();

  test('applying a draft twice creates once; the second Apply says so and sends nothing', async () => {
    const { w, accountId } = signedIn;
    const draft = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.newRiskScoringIntegration');
    assert.ok(draft);
    const draftDocument = draft.document;
    const shown = recordMessages(w);
    await replaceText(draft, draftDocument.getText().replace('REPLACE_WITH_YOUR_TENANT', 'once-only'));
    w.sandbox.clearRequests();
    const [first, second] = await Promise.all([applyDocument(draftDocument), applyDocument(draftDocument)]);
    assert.deepStrictEqual([first.kind, second.kind].sort(), ['created', 'refused']);
    assert.strictEqual(w.sandbox.requests().filter((r) => r.method === 'POST').length, 1);
    assert.strictEqual((await applyDocument(draftDocument)).kind, 'refused', 'a created draft is not sent again');
    assert.strictEqual(w.sandbox.requests().filter((r) => r.method === 'POST').length, 1);
    assert.ok(shown.warning.some((m) => /already created as "once-only\.okta\.com"; nothing was sent again/.test(m)), shown.warning.join(' | '));
    const created = (w.sandbox.list('riskScoringIntegrations', accountId) as Record<string, unknown>[]).filter((r) => r.tenant_url === 'https://once-only.okta.com');
    assert.strictEqual(created.length, 1);
  });
});
