import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { parseDocumentUri } from '../../src/editor/uris';
import { allCaches, asRecord, eventually, replaceText, resourceNode, signedInSuite, applyDocument, type World } from './harness';

suite('Create, delete and quick toggles', () => {
  const signedIn = signedInSuite();
  let w: World;
  let accountId: string;
  suiteSetup(() => {
    ({ w, accountId } = signedIn);
  });
  setup(async () => {
    await Promise.all(allCaches(w).map((c) => c.reload()));
    w.sandbox.clearRequests();
  });

  test('a device posture draft (type picked first) creates the integration, which appears in the tree and opens live', async () => {
    const picked: string[] = [];
    w.api.prompts.override({ pickOne: async (items) => { picked.push(...items.map((i) => `${i.label} (${i.description ?? ''})`)); return items.find((i) => i.description === 'kolide'); } });
    const draft = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.newDevicePostureIntegration');
    assert.ok(draft);
    assert.strictEqual(picked.length, 8, 'all eight types offered');
    assert.ok(picked.includes('Kolide (kolide)') && picked.includes('Microsoft Intune (intune)'), `vendor names, with the raw type beside them: ${picked.join(', ')}`);
    const template = JSON.parse(draft.document.getText()) as { type: string; config: Record<string, unknown> };
    assert.strictEqual(template.type, 'kolide');
    assert.deepStrictEqual(Object.keys(template.config).sort(), ['client_id', 'client_secret']);
    const body = { name: 'Kolide from VS Code', type: 'kolide', interval: '15m', config: { client_id: 'kolide-client', client_secret: 'kolide-secret' } };
    await replaceText(draft, JSON.stringify(body, null, 2));
    assert.strictEqual((await applyDocument(draft.document)).kind, 'created');
    const created = await eventually('the created integration in the sandbox', () =>
      (w.sandbox.list('devicePostureIntegrations', accountId) as Record<string, unknown>[]).find((p) => p.name === body.name));
    assert.deepStrictEqual(w.sandbox.requests().filter((r) => r.method === 'POST').length, 1);
    const labels = (w.api.services.providers.get('devicePostureIntegrations')?.getChildren() ?? []).map((n) => String(w.api.services.providers.get('devicePostureIntegrations')?.getTreeItem(n).label));
    assert.ok(labels.includes(body.name), labels.join(', '));
    const live = await eventually('the live document', () => vscode.window.visibleTextEditors.find((e) => { const ref = parseDocumentUri(e.document.uri); return ref?.kind === 'live' && ref.resourceId === String(created.id); }));
    assert.ok(!live.document.getText().includes('kolide-secret'), 'the secret is never shown back');
  });

  test('a failed create keeps the draft dirty and is not retried', async () => {
    w.api.prompts.override({ error: async () => undefined });
    const draft = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.newRiskScoringIntegration');
    assert.ok(draft);
    const text = JSON.stringify({ integration_type: 'Okta', tenant_url: 'https://failing.okta.com', reference_id: 'ref-fail' }, null, 2);
    await replaceText(draft, text);
    w.sandbox.addFault({ method: 'POST', path: '/accounts/*/zt_risk_scoring/integrations', kind: 'status', status: 503, times: 0 });
    assert.strictEqual((await applyDocument(draft.document)).kind, 'failed');
    assert.strictEqual(draft.document.getText(), text);
    assert.strictEqual(w.api.services.pending.isPending(draft.document.uri), true, 'the draft is kept, not created');
    assert.strictEqual(w.sandbox.requests().filter((r) => r.method === 'POST').length, 1, 'a POST is never retried');
  });

  test('delete asks with a modal naming the resource and the account, then deletes', async () => {
    const target = (w.sandbox.list('riskScoringIntegrations', accountId) as Record<string, unknown>[])[0];
    assert.ok(target);
    const account = w.api.services.session.soleAccount();
    const modals: string[] = [];
    w.api.prompts.override({ modal: async (message, detail) => { modals.push(`${message} ${detail}`); return 'Delete'; } });
    const deleted = await vscode.commands.executeCommand('cloudflareZt.deleteResource', resourceNode(w, 'riskScoringIntegrations', String(target.id)));
    assert.strictEqual(deleted, true);
    assert.ok(modals[0]?.includes(account?.name ?? '?') && modals[0]?.includes(new URL(String(target.tenant_url)).host), modals[0]);
    assert.strictEqual(w.sandbox.getResource('riskScoringIntegrations', accountId, String(target.id)), undefined);
    assert.ok(!w.api.services.providers.get('riskScoringIntegrations')?.nodeFor(accountId, String(target.id)));
  });

  test('cancelling the delete modal deletes nothing', async () => {
    const target = (w.sandbox.list('devicePostureIntegrations', accountId) as Record<string, unknown>[])[0];
    assert.ok(target);
    w.api.prompts.override({ modal: async () => undefined });
    await vscode.commands.executeCommand('cloudflareZt.deleteResource', resourceNode(w, 'devicePostureIntegrations', String(target.id)));
    assert.ok(w.sandbox.getResource('devicePostureIntegrations', accountId, String(target.id)));
    assert.deepStrictEqual(w.sandbox.requests().filter((r) => r.method === 'DELETE'), []);
  });

  test('DLP entries cannot be deleted: the UI says so and offers disable instead', async () => {
    const entry = (w.sandbox.list('dlpIntegrationEntries', accountId) as Record<string, unknown>[]).find((e) => e.enabled === true);
    assert.ok(entry);
    const modals: string[] = [];
    w.api.prompts.override({ modal: async (m, _d, ...actions) => { modals.push(`${m} [${actions.join('|')}]`); return 'Disable'; } });
    await vscode.commands.executeCommand('cloudflareZt.deleteResource', resourceNode(w, 'dlpIntegrationEntries', String(entry.id)));
    assert.match(modals[0] ?? '', /does not delete.*\[Disable\]/);
    // The dialog first reads what uses the entry (its profiles, the Gateway rules): reads only, then the one write.
    assert.deepStrictEqual(w.sandbox.requests().filter((r) => r.method !== 'GET').map((r) => r.method), ['PUT']);
    assert.strictEqual(asRecord(w.sandbox.getResource('dlpIntegrationEntries', accountId, String(entry.id))).enabled, false);
  });

  test('"Toggle enabled…" lists every toggleable resource with its state and flips the picked ones with one request each', async () => {
    const entries = w.sandbox.list('dlpIntegrationEntries', accountId) as Record<string, unknown>[];
    const risks = w.sandbox.list('riskScoringIntegrations', accountId) as Record<string, unknown>[];
    const entry = entries[0];
    const risk = risks[0];
    assert.ok(entry && risk);
    let offered = 0;
    w.api.prompts.override({
      pickMany: async (items) => {
        offered = items.length;
        return items.filter((i) => {
          const id = (i as unknown as { resource: { id: string } }).resource.id;
          return id === entry.id || id === risk.id;
        });
      },
    });
    await vscode.commands.executeCommand('cloudflareZt.toggleEnabled');
    assert.strictEqual(offered, entries.length + risks.length, 'DLP entries and risk scoring integrations, no device posture');
    assert.strictEqual(asRecord(w.sandbox.getResource('dlpIntegrationEntries', accountId, String(entry.id))).enabled, !entry.enabled);
    const riskAfter = asRecord(w.sandbox.getResource('riskScoringIntegrations', accountId, String(risk.id)));
    assert.strictEqual(riskAfter.active, !risk.active);
    assert.strictEqual(riskAfter.tenant_url, risk.tenant_url, 'toggle echoes tenant_url');
    assert.strictEqual(riskAfter.reference_id, risk.reference_id, 'toggle echoes reference_id');
    assert.deepStrictEqual(w.sandbox.requests().map((r) => r.method).sort(), ['PUT', 'PUT'], 'one request per toggle, no re-list');
    const item = w.api.services.providers.get('dlpIntegrationEntries')?.getTreeItem(resourceNode(w, 'dlpIntegrationEntries', String(entry.id)));
    assert.strictEqual(item?.description, entry.enabled ? 'disabled' : 'enabled', 'the row shows the server\'s answer');
  });

  test('the inline toggle on a row flips that resource', async () => {
    const entry = (w.sandbox.list('dlpIntegrationEntries', accountId) as Record<string, unknown>[])[1];
    assert.ok(entry);
    // Switching off an entry a Gateway rule depends on asks first (test/integration/10-used-by-history.test.ts).
    w.api.prompts.override({ modal: async (_m, _d, ...actions) => (actions.includes('Disable') ? 'Disable' : undefined) });
    await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, 'dlpIntegrationEntries', String(entry.id)));
    assert.strictEqual(asRecord(w.sandbox.getResource('dlpIntegrationEntries', accountId, String(entry.id))).enabled, !entry.enabled);
  });

  test('find risk scoring integration by reference ID opens it', async () => {
    const risk = (w.sandbox.list('riskScoringIntegrations', accountId) as Record<string, unknown>[]).find((r) => typeof r.reference_id === 'string' && r.reference_id);
    assert.ok(risk);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.findRiskScoringByReferenceId', String(risk.reference_id));
    assert.ok(editor);
    assert.strictEqual((JSON.parse(editor.document.getText()) as { id: string }).id, risk.id);
    assert.ok(w.sandbox.requests().some((r) => r.path.includes(`/reference_id/${encodeURIComponent(String(risk.reference_id))}`)));
  });
});
