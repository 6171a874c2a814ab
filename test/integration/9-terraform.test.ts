import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cacheOf, eventually, recordMessages, resourceNode, signedInSuite } from './harness';

// Issue 13 in the real extension host: Export to Terraform (a row, an account), Copy as Terraform, and Compare with
// Terraform against a .tf file in the workspace, as a user runs them.

interface Posture { id: string; name: string; type: string; interval: string; config?: Record<string, unknown> }

suite('Terraform: export with import blocks, copy, and drift against the workspace', () => {
  const signedIn = signedInSuite();

  const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length;

  async function exportRow(familyId: 'devicePostureIntegrations', id: string): Promise<vscode.TextDocument> {
    const { w } = signedIn;
    await cacheOf(w, familyId).reload();
    const offered: string[] = [];
    w.api.prompts.override({ pickOne: async (items) => { offered.push(...items.map((i) => i.label)); return items[0]; } });
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('cloudflareZt.exportTerraform', resourceNode(w, familyId, id));
    w.api.prompts.restore();
    assert.deepStrictEqual(offered, ['Open as a new untitled document', 'Save to a file in the workspace…']);
    assert.ok(document, 'no document');
    return document;
  }

  test('Export to Terraform on a device posture row: an untitled document with the provider, the resource, its import block and its secret as a sensitive variable', async () => {
    const { w, accountId } = signedIn;
    const crowdstrike = (w.sandbox.list('devicePostureIntegrations', accountId) as unknown as Posture[]).find((p) => p.type === 'crowdstrike_s2s');
    assert.ok(crowdstrike);
    const shown = recordMessages(w);
    const document = await exportRow('devicePostureIntegrations', crowdstrike.id);
    const text = document.getText();
    assert.strictEqual(document.isUntitled, true, 'nothing written to disk');
    assert.match(text, /required_providers\s*\{\s*cloudflare\s*=\s*\{\s*source\s*=\s*"cloudflare\/cloudflare"\s*version\s*=\s*"~> 5"/);
    assert.match(text, /resource "cloudflare_zero_trust_device_posture_integration" "[a-z_][a-z0-9_-]*" \{/);
    assert.ok(text.includes(`id = "${accountId}/${crowdstrike.id}"`), 'the import block names the account and the integration');
    assert.match(text, /to\s*=\s*cloudflare_zero_trust_device_posture_integration\.[a-z_]/);
    assert.match(text, new RegExp(`interval\\s*=\\s*"${crowdstrike.interval}"`));
    assert.match(text, /client_secret\s*=\s*var\.[a-z0-9_]+/);
    assert.match(text, /variable "[a-z0-9_]+" \{[^}]*sensitive\s*=\s*true/s);
    const secret = crowdstrike.config?.client_secret;
    assert.ok(typeof secret === 'string' && secret.length > 0, 'the sandbox holds a secret for it');
    assert.ok(!text.includes(secret), 'the secret itself is never in the export');
    assert.strictEqual(count(text, /^import \{/gm), 1);
    assert.deepStrictEqual(shown.info, ['Exported 1 resource with import blocks; 1 write-only secret is a variable to set (TF_VAR_…), never written in the file.']);
  });

  test('Export to Terraform on an account row: every resource of the four families, each with an import block', async () => {
    const { w, accountId } = signedIn;
    const expected = ['dlpIntegrationEntries', 'riskScoringIntegrations', 'devicePostureIntegrations', 'devicePostureRules'] as const;
    const total = expected.reduce((n, f) => n + w.sandbox.list(f, accountId).length, 0);
    w.api.prompts.override({ pickOne: async (items) => items[0], info: async () => undefined });
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('cloudflareZt.exportTerraform', { kind: 'account', familyId: 'dlpIntegrationEntries', accountId });
    w.api.prompts.restore();
    assert.ok(document);
    const text = document.getText();
    assert.strictEqual(count(text, /^import \{/gm), total, 'one import block per live resource');
    for (const type of ['dlp_integration_entry', 'risk_scoring_integration', 'device_posture_integration', 'device_posture_rule']) {
      assert.ok(text.includes(`resource "cloudflare_zero_trust_${type}"`), type);
    }
  });

  test('Copy as Terraform: the block and its import block on the clipboard, without the provider block', async () => {
    const { w, accountId } = signedIn;
    const [first] = w.sandbox.list('devicePostureIntegrations', accountId) as unknown as Posture[];
    assert.ok(first);
    await cacheOf(w, 'devicePostureIntegrations').reload();
    const shown = recordMessages(w);
    await vscode.commands.executeCommand('cloudflareZt.copyAsTerraform', resourceNode(w, 'devicePostureIntegrations', first.id));
    const text = await vscode.env.clipboard.readText();
    assert.ok(text.includes(`id = "${accountId}/${first.id}"`));
    assert.ok(!text.includes('required_providers'));
    assert.strictEqual(shown.info.length, 1);
    assert.match(shown.info[0] ?? '', /^Copied it as Terraform/);
  });

  test('Compare with Terraform: a changed interval marks the row, its hover names the file and line, and the diff opens', async () => {
    const { w, accountId } = signedIn;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host tests run with a workspace folder');
    const posture = (w.sandbox.list('devicePostureIntegrations', accountId) as unknown as Posture[]).find((p) => p.type === 'kolide');
    assert.ok(posture);
    const exported = (await exportRow('devicePostureIntegrations', posture.id)).getText();
    const changedInterval = posture.interval === '3h' ? '4h' : '3h';
    const file = path.join(folder.uri.fsPath, 'zt-drift.tf');
    fs.writeFileSync(file, exported.replace(new RegExp(`(interval\\s*=\\s*)"${posture.interval}"`), `$1"${changedInterval}"`));
    const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('resource "cloudflare_zero_trust_device_posture_integration"')) + 1;
    try {
      const offered: vscode.QuickPickItem[] = [];
      w.api.prompts.override({ pickOne: async (items) => { offered.push(...items); return items[0]; } });
      await vscode.commands.executeCommand('cloudflareZt.compareWithTerraform');
      w.api.prompts.restore();
      assert.strictEqual(offered.length, 1, offered.map((i) => i.label).join(', '));
      assert.strictEqual(offered[0]?.description, '$(diff) differs');
      assert.strictEqual(offered[0]?.detail, `zt-drift.tf:${line}`);
      const provider = w.api.services.providers.get('devicePostureIntegrations');
      assert.ok(provider);
      const node = resourceNode(w, 'devicePostureIntegrations', posture.id);
      const item = provider.getTreeItem(node);
      assert.match(String(item.description), /· differs from Terraform$/);
      const tooltip = provider.resolveTreeItem(item, node) as vscode.TreeItem;
      // The hover as a person reads it: Markdown's escapes and non-breaking spaces undone.
      const hover = (tooltip.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
      assert.ok(hover.includes(`zt-drift.tf:${line}`), hover);
      assert.ok(hover.includes(`interval: "${changedInterval}" in Terraform, "${posture.interval}" live`), hover);
      const tab = await eventually('the drift diff', () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff && vscode.window.tabGroups.activeTabGroup.activeTab);
      assert.match(tab.label, /: Terraform \(zt-drift\.tf:\d+\) ↔ Cloudflare$/);
      // The other rows carry no mark: nothing else is declared.
      const others = (w.sandbox.list('devicePostureIntegrations', accountId) as unknown as Posture[]).filter((p) => p.id !== posture.id);
      for (const other of others) assert.ok(!String(provider.getTreeItem(resourceNode(w, 'devicePostureIntegrations', other.id)).description).includes('Terraform'));
      // Nothing was written to Cloudflare by a comparison.
      assert.deepStrictEqual(w.sandbox.requests().filter((r) => r.method !== 'GET').map((r) => r.path), []);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
