import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { allFamilies, type FamilyId } from '../../src/families/registry';
import type { TreeNode } from '../../src/tree/nodes';
import { allCaches, cacheOf, getWorld, loadedRows, signInAs, signOutAll, type World } from './harness';

/** Every registered family: a new one is covered here without an edit. */
const FAMILIES = allFamilies.map((f) => f.id) as FamilyId[];

suite('Sidebar trees', () => {
  let w: World;
  suiteSetup(async () => {
    w = await getWorld();
    await signOutAll(w);
    await signInAs(w, w.sandbox.credentials.userToken, w.sandbox.accounts[0]?.name);
  });
  teardown(() => w.sandbox.clearFaults());

  for (const familyId of FAMILIES) {
    test(`the ${familyId} view lists the seeded items of the active account by name`, async () => {
      const accountId = w.api.services.session.soleAccount()?.id ?? '';
      const rows = await loadedRows(w, familyId);
      const expected = w.sandbox.list(familyId, accountId).map((r) => String((r as { name?: unknown; tenant_url?: unknown }).name ?? '')).filter(Boolean);
      const labels = rows.map((r) => String(r.item.label));
      assert.ok(rows.every((r) => r.node.kind === 'resource'), 'every row is a resource row');
      assert.strictEqual(rows.length, w.sandbox.list(familyId, accountId).length);
      for (const name of expected) assert.ok(labels.includes(name), `${name} missing from ${labels.join(', ')}`);
      for (const row of rows) {
        assert.ok(row.item.id?.startsWith(`${accountId}/${familyId}/`), 'stable id per account and family');
        assert.match(String(row.item.contextValue), /\bresource\b/);
        assert.strictEqual(row.item.tooltip, undefined, 'rows carry no tooltip until hovered');
        const tooltip = w.api.services.providers.get(familyId)?.resolveTreeItem(row.item, row.node).tooltip;
        assert.ok(tooltip instanceof vscode.MarkdownString && !tooltip.isTrusted, 'tooltip is untrusted Markdown');
      }
    });
  }

  test('DLP entries are grouped under their profile names and show enabled / disabled', async () => {
    const provider = w.api.services.providers.get('dlpIntegrationEntries');
    assert.ok(provider);
    await cacheOf(w, 'dlpIntegrationEntries').reload();
    const groups = provider.getChildren();
    assert.ok(groups.length >= 2, 'at least two integration profiles');
    const accountId = w.api.services.session.soleAccount()?.id ?? '';
    const profileNames = w.sandbox.profiles(accountId).map((p) => p.name);
    for (const group of groups) {
      assert.strictEqual(group.kind, 'group');
      assert.ok(profileNames.includes(String(provider.getTreeItem(group).label)), 'group label is the profile name, not its id');
      const children: TreeNode[] = provider.getChildren(group);
      for (const child of children) {
        const item = provider.getTreeItem(child);
        const entry = child.kind === 'resource' ? w.sandbox.getResource('dlpIntegrationEntries', accountId, child.resourceId) : undefined;
        assert.strictEqual(item.description, entry?.enabled ? 'enabled' : 'disabled');
        assert.match(String(item.contextValue), /\btoggleable\b/);
      }
    }
  });

  test('risk scoring rows lead with the tenant and say active / inactive; device posture rows show the vendor and interval', async () => {
    const accountId = w.api.services.session.soleAccount()?.id ?? '';
    for (const row of await loadedRows(w, 'riskScoringIntegrations')) {
      const r = row.node.kind === 'resource' ? w.sandbox.getResource('riskScoringIntegrations', accountId, row.node.resourceId) as { active: boolean } : undefined;
      assert.match(String(row.item.description), r?.active ? /^active/ : /^inactive/);
      const tenant = row.node.kind === 'resource' ? new URL(String((w.sandbox.getResource('riskScoringIntegrations', accountId, row.node.resourceId) as { tenant_url: string }).tenant_url)).host : '?';
      assert.strictEqual(row.item.label, tenant);
    }
    const vendors: Record<string, string> = { workspace_one: 'Workspace ONE', crowdstrike_s2s: 'CrowdStrike', uptycs: 'Uptycs', intune: 'Microsoft Intune', kolide: 'Kolide', tanium_s2s: 'Tanium', sentinelone_s2s: 'SentinelOne', custom_s2s: 'Custom service provider' };
    for (const row of await loadedRows(w, 'devicePostureIntegrations')) {
      const p = row.node.kind === 'resource' ? w.sandbox.getResource('devicePostureIntegrations', accountId, row.node.resourceId) as { type: string; interval: string } : undefined;
      assert.strictEqual(row.item.description, `${vendors[p?.type ?? ''] ?? '?'} · every ${p?.interval ?? '?'}`);
    }
  });

  test('one failing family shows an error node with Cloudflare\'s message while the others still list', async () => {
    w.sandbox.addFault({ method: 'GET', path: '/accounts/*/zt_risk_scoring/integrations', kind: 'status', status: 500, times: 0 });
    await Promise.all(allCaches(w).map((c) => c.reload()));
    const risk = w.api.services.providers.get('riskScoringIntegrations')?.getChildren() ?? [];
    assert.strictEqual(risk.length, 1);
    assert.strictEqual(risk[0]?.kind, 'message');
    const item = w.api.services.providers.get('riskScoringIntegrations')?.getTreeItem(risk[0]!);
    assert.match(String(item?.label), /^Could not load: \d+: /, 'names the Cloudflare code and message');
    assert.strictEqual(item?.command?.command, 'cloudflareZt.showLog');
    for (const other of ['dlpIntegrationEntries', 'devicePostureIntegrations'] as const) {
      const rows = w.api.services.providers.get(other)?.getChildren() ?? [];
      assert.ok(rows.length > 0 && rows.every((n) => n.kind !== 'message'), `${other} still lists`);
    }
  });

  test('refresh of all four views costs four requests (the four lists; the DLP profile names are kept) and one accounts page; expanding costs none', async () => {
    await cacheOf(w, 'dlpIntegrationEntries').settled();
    w.sandbox.clearRequests();
    await vscode.commands.executeCommand('cloudflareZt.refreshAll');
    const accountId = w.api.services.session.soleAccount()?.id ?? '';
    const requests = w.sandbox.requests().map((r) => `${r.method} ${r.path}`).sort();
    // "Refresh all" also asks which accounts the token reaches now (one page here), so a new account shows.
    assert.deepStrictEqual(requests, ['GET /accounts', ...['dlp/entries', 'zt_risk_scoring/integrations', 'devices/posture/integration', 'devices/posture'].map((p) => `GET /accounts/${accountId}/${p}`)].sort());
    w.sandbox.clearRequests();
    const provider = w.api.services.providers.get('dlpIntegrationEntries');
    for (const group of provider?.getChildren() ?? []) provider?.getChildren(group);
    assert.strictEqual(w.sandbox.requests().length, 0);
  });

  test('DLP profile names are kept: a rename shows after Refresh DLP Profile Names; an entry of a new profile reads them again', async () => {
    const accountId = w.api.services.session.soleAccount()?.id ?? '';
    const provider = w.api.services.providers.get('dlpIntegrationEntries');
    assert.ok(provider);
    await vscode.commands.executeCommand('cloudflareZt.refreshAll');
    const groupLabels = (): string[] => provider.getChildren().map((group) => String(provider.getTreeItem(group).label));
    const dlpRequests = (): string[] => w.sandbox.requests().filter((r) => r.path.includes('/dlp/')).map((r) => `${r.method} ${r.path}`).sort();
    const [profile] = w.sandbox.profiles(accountId).filter((p) => p.type === 'integration' && groupLabels().includes(p.name));
    assert.ok(profile, 'an integration profile names a group');
    let added: string | undefined;
    try {
      // Renamed in the dashboard: a refresh reads the entries only, and the group keeps the name it had.
      w.sandbox.putProfile(accountId, { id: profile.id, name: 'Purview labels (renamed)' });
      w.sandbox.clearRequests();
      await vscode.commands.executeCommand('cloudflareZt.refreshAll');
      assert.deepStrictEqual(dlpRequests(), [`GET /accounts/${accountId}/dlp/entries`]);
      assert.ok(groupLabels().includes(profile.name) && !groupLabels().includes('Purview labels (renamed)'), groupLabels().join(', '));
      // The explicit refresh of the names: one request, the rows stay, the group shows the new name.
      w.sandbox.clearRequests();
      await vscode.commands.executeCommand('cloudflareZt.refreshGroups.dlpIntegrationEntries');
      assert.deepStrictEqual(dlpRequests(), [`GET /accounts/${accountId}/dlp/profiles`]);
      assert.ok(groupLabels().includes('Purview labels (renamed)'), groupLabels().join(', '));
      // A new CASB tenant: its entry names a profile the kept names lack, so the refresh reads them again, once.
      const newProfile = w.sandbox.putProfile(accountId, { name: 'Second tenant labels' });
      added = w.sandbox.insert('dlpIntegrationEntries', accountId, {
        type: 'integration', name: 'Confidential / Board', enabled: true, profile_id: newProfile,
        created_at: '2026-11-30T00:00:00Z', updated_at: '2026-11-30T00:00:00Z', upload_status: 'complete',
      }).id;
      w.sandbox.clearRequests();
      await vscode.commands.executeCommand('cloudflareZt.refreshAll');
      assert.deepStrictEqual(dlpRequests(), [`GET /accounts/${accountId}/dlp/entries`, `GET /accounts/${accountId}/dlp/profiles`]);
      const group = provider.getChildren().find((g) => provider.getTreeItem(g).label === 'Second tenant labels');
      assert.ok(group, `the new profile is a group: ${groupLabels().join(', ')}`);
      assert.deepStrictEqual(provider.getChildren(group).map((row) => provider.getTreeItem(row).label), ['Confidential / Board']);
    } finally {
      if (added) w.sandbox.remove('dlpIntegrationEntries', accountId, added);
      w.sandbox.putProfile(accountId, { id: profile.id, name: profile.name });
      await vscode.commands.executeCommand('cloudflareZt.refreshGroups.dlpIntegrationEntries');
      await vscode.commands.executeCommand('cloudflareZt.refreshAll');
    }
  });

  test('untrusted names render as text in tooltips (no command links run)', async () => {
    const accountId = w.api.services.session.soleAccount()?.id ?? '';
    const [first] = w.sandbox.list('devicePostureIntegrations', accountId) as { id: string }[];
    assert.ok(first);
    w.sandbox.mutate('devicePostureIntegrations', accountId, first.id, { name: '[click](command:cloudflareZt.signOut) **bold**' });
    await cacheOf(w, 'devicePostureIntegrations').reload();
    const provider = w.api.services.providers.get('devicePostureIntegrations');
    const node = provider?.nodeFor(accountId, first.id);
    assert.ok(provider && node);
    const tooltip = provider.resolveTreeItem(provider.getTreeItem(node), node).tooltip as vscode.MarkdownString;
    assert.ok(!tooltip.isTrusted);
    assert.ok(tooltip.value.includes('\\[click\\]'), `link syntax must be escaped: ${tooltip.value}`);
  });
});
