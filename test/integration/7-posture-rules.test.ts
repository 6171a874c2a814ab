import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { cacheOf, applyDocument, asRecord, eventually, recordMessages, replaceText, resourceNode, signedInSuite } from './harness';

// The fourth family, added as one descriptor file: it lists, opens, edits, creates from a per-type template and
// deletes like the others, and a rule's row names the device posture integration it reads.

interface Rule { id: string; name: string; type: string; input?: { connection_id?: string } }
interface Integration { id: string; name: string; type: string }

suite('Device posture rules: the fourth family', () => {
  const signedIn = signedInSuite();

  function rules(accountId: string): Rule[] {
    return signedIn.w.sandbox.list('devicePostureRules', accountId) as unknown as Rule[];
  }

  test('the view lists every rule; a rule that reads an integration names it on its row', async () => {
    const { w, accountId } = signedIn;
    await Promise.all([cacheOf(w, 'devicePostureIntegrations').reload(), cacheOf(w, 'devicePostureRules').reload()]);
    const provider = w.api.services.providers.get('devicePostureRules');
    assert.ok(provider);
    const rows = provider.getChildren().map((node) => provider.getTreeItem(node));
    assert.strictEqual(rows.length, rules(accountId).length);
    const integrations = w.sandbox.list('devicePostureIntegrations', accountId) as unknown as Integration[];
    const reading = rules(accountId).find((r) => r.input?.connection_id);
    assert.ok(reading, 'the seed has a rule that reads an integration');
    const integration = integrations.find((i) => i.id === reading.input?.connection_id);
    assert.ok(integration);
    const row = rows.find((r) => r.label === reading.name);
    assert.match(String(row?.description), new RegExp(`reads ${integration.name.replace(/[()]/g, '\\$&')}`));
  });

  test('open, rename, apply: one PUT with the whole rule; the row follows', async () => {
    const { w, accountId } = signedIn;
    const rule = rules(accountId).find((r) => r.input?.connection_id);
    assert.ok(rule);
    await cacheOf(w, 'devicePostureRules').reload();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.openResource', resourceNode(w, 'devicePostureRules', rule.id));
    assert.ok(editor);
    const renamed = `${rule.name} (renamed)`;
    await replaceText(editor, editor.document.getText().replace(JSON.stringify(rule.name), JSON.stringify(renamed)));
    w.sandbox.clearRequests();
    recordMessages(w);
    assert.strictEqual((await applyDocument(editor.document)).kind, 'applied');
    const put = w.sandbox.requests().find((r) => r.method === 'PUT');
    assert.strictEqual((put?.body as Rule | undefined)?.name, renamed);
    assert.strictEqual((put?.body as Rule | undefined)?.input?.connection_id, rule.input?.connection_id, 'PUT replaces the whole rule: its input goes along');
    assert.strictEqual(asRecord(w.sandbox.getResource('devicePostureRules', accountId, rule.id) as never).name, renamed);
    const provider = w.api.services.providers.get('devicePostureRules');
    assert.strictEqual(provider?.getTreeItem(resourceNode(w, 'devicePostureRules', rule.id)).label, renamed);
    // The tab title and the breadcrumbs (the path) follow the rename and read as names, never ids.
    const account = w.api.services.session.accountById(accountId)?.name ?? '?';
    const tab = await eventually('the renamed tab', () => vscode.window.tabGroups.activeTabGroup.activeTab?.label === `${renamed}.posture-rule.json` && vscode.window.tabGroups.activeTabGroup.activeTab);
    assert.ok(tab.input instanceof vscode.TabInputText);
    assert.strictEqual(tab.input.uri.path, `/${account}/Device Posture Rules/${renamed}.posture-rule.json`);
    assert.ok(!tab.input.uri.path.includes(rule.id) && !tab.input.uri.path.includes(accountId), 'no id in what the user reads');
    const titles = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    assert.ok(!titles.includes(`${rule.name}.posture-rule.json`), `the old title is gone: ${titles.join(', ')}`);
  });

  test('create from the CrowdStrike template: the placeholder is refused, the real integration id creates it; then delete', async () => {
    const { w, accountId } = signedIn;
    const crowdstrike = (w.sandbox.list('devicePostureIntegrations', accountId) as unknown as Integration[]).find((i) => i.type === 'crowdstrike_s2s');
    assert.ok(crowdstrike);
    const draft = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.newDevicePostureRule', 'crowdstrike_s2s');
    assert.ok(draft);
    const shown = recordMessages(w, () => 'Delete');
    w.sandbox.clearRequests();
    assert.strictEqual((await applyDocument(draft.document)).kind, 'problems');
    assert.match(shown.error[0] ?? '', /Replace the placeholder "REPLACE_WITH_DEVICE_POSTURE_INTEGRATION_ID"/);
    assert.deepStrictEqual(w.sandbox.requests(), []);
    const name = 'Rule from the template';
    await replaceText(draft, draft.document.getText().replace('REPLACE_WITH_DEVICE_POSTURE_INTEGRATION_ID', crowdstrike.id).replace(/"name": "[^"]*"/, `"name": "${name}"`));
    const outcome = await applyDocument(draft.document);
    assert.strictEqual(outcome.kind, 'created');
    const created = rules(accountId).find((r) => r.name === name);
    assert.ok(created);
    assert.strictEqual(created.input?.connection_id, crowdstrike.id);
    await eventually('the created rule in the view', () => cacheOf(w, 'devicePostureRules').get(created.id));
    await vscode.commands.executeCommand('cloudflareZt.deleteResource', resourceNode(w, 'devicePostureRules', created.id));
    assert.match(shown.modal[0]?.message ?? '', /^Delete device posture rule "Rule from the template" from Acme Corp\?$/);
    assert.strictEqual(w.sandbox.getResource('devicePostureRules', accountId, created.id), undefined);
  });
});
