import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { parseDocumentUri } from '../../src/editor/uris';
import type { AccountNode, TreeNode } from '../../src/tree/nodes';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { closeAllEditors, eventually, getWorld, recordMessages, replaceText, signOutAll, type World } from './harness';

// Issue 12: one sign-in reaches every account; a hundred accounts cost only the pages that list them until one is
// opened; opening many at once stays within the request limit and honours a Retry-After for all of them.

const FAMILIES = ['dlpIntegrationEntries', 'riskScoringIntegrations', 'devicePostureIntegrations', 'devicePostureRules'] as const;
/** The extension's default `cloudflareZt.maxConcurrentRequests`. */
const LIMIT = 6;

suite('Every account in one tree (100 accounts × 100 items)', () => {
  let w: World;
  let big: Sandbox;

  suiteSetup(async function () {
    this.timeout(60_000);
    w = await getWorld();
    await signOutAll(w);
    big = await startSandbox({ port: 0, accountCount: 100, items: 100 });
    await vscode.workspace.getConfiguration('cloudflareZt').update('apiBaseUrl', big.baseUrl, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await closeAllEditors();
    await signOutAll(w);
    await vscode.workspace.getConfiguration('cloudflareZt').update('apiBaseUrl', w.sandbox.baseUrl, vscode.ConfigurationTarget.Global);
    await big.close();
  });

  const provider = (familyId: string) => {
    const found = w.api.services.providers.get(familyId);
    assert.ok(found, familyId);
    return found;
  };
  const accountRows = (familyId: string): AccountNode[] => provider(familyId).getChildren().filter((n): n is AccountNode => n.kind === 'account');
  const accountPaths = (accountId: string) => big.requests().filter((r) => r.path.startsWith(`/accounts/${accountId}/`));
  const labelsOf = (familyId: string, nodes: readonly TreeNode[]) => nodes.map((n) => String(provider(familyId).getTreeItem(n).label));

  test('one sign-in stores all 100 accounts (two accounts pages); the sidebar then costs nothing per account', async () => {
    big.clearRequests();
    const infos: string[] = [];
    w.api.prompts.override({ inputBox: async () => big.credentials.userToken, info: async (m) => { infos.push(m); return undefined; } });
    try {
      await vscode.commands.executeCommand('cloudflareZt.signIn');
    } finally {
      w.api.prompts.restore();
    }
    assert.strictEqual(w.api.services.session.accounts().length, 100);
    assert.deepStrictEqual(infos, ['Signed in to Acme Corp, Acme Labs and 98 more (100 accounts).']);
    for (const familyId of FAMILIES) {
      const roots = accountRows(familyId);
      assert.strictEqual(roots.length, 100, `${familyId} shows every account as a root`);
      assert.deepStrictEqual(labelsOf(familyId, roots).slice(0, 2), ['Acme Corp', 'Acme Labs']);
      assert.strictEqual(provider(familyId).getTreeItem(roots[0]!).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      assert.strictEqual(w.api.services.views.get(familyId)?.description, '100 accounts');
    }
    await w.api.services.session.discoverAccounts();
    const seen = big.requests().map((r) => `${r.method} ${r.path}${r.query.page ? ` page ${r.query.page}` : ''}`);
    assert.deepStrictEqual(seen, ['GET /user/tokens/verify', 'GET /accounts page 1', 'GET /accounts page 2'], 'only the token check and the accounts pages');
  });

  test('expanding one account costs its four lists and the DLP profile names, once for all four views', async () => {
    const target = big.accounts[9]; // an Enterprise account: it has risk scoring
    assert.ok(target);
    big.clearRequests();
    const node = accountRows('riskScoringIntegrations').find((n) => n.accountId === target.id);
    assert.ok(node);
    const first = provider('riskScoringIntegrations').getChildren(node);
    assert.deepStrictEqual(labelsOf('riskScoringIntegrations', first), ['Loading risk scoring integrations…']);
    await w.api.services.caches.load(target.id);
    const expected = ['devices/posture', 'devices/posture/integration', 'dlp/entries', 'dlp/profiles', 'zt_risk_scoring/integrations'].map((p) => `GET /accounts/${target.id}/${p}`);
    assert.deepStrictEqual(big.requests().map((r) => `${r.method} ${r.path}`).sort(), expected);
    // The other views have this account's rows already: expanding it there sends nothing.
    for (const familyId of FAMILIES) {
      const row: AccountNode | undefined = accountRows(familyId).find((n) => n.accountId === target.id);
      assert.ok(row);
      const children = provider(familyId).getChildren(row);
      assert.ok(children.length > 0 && children.every((c) => c.kind === 'resource' || c.kind === 'group'), `${familyId}: ${labelsOf(familyId, children).slice(0, 3).join(', ')}`);
      assert.strictEqual(provider(familyId).getTreeItem(row).description, String(big.list(familyId, target.id).length), 'the account row counts its rows');
    }
    assert.strictEqual(big.requests().length, 5);
    const risk = provider('riskScoringIntegrations').getChildren(node);
    const hosts = (big.list('riskScoringIntegrations', target.id) as { tenant_url: string }[]).map((r) => new URL(r.tenant_url).host).sort((a, b) => a.localeCompare(b));
    assert.deepStrictEqual(labelsOf('riskScoringIntegrations', risk), hosts);
  });

  test('expanding 50 accounts at once keeps at most the limit in flight, and a 429 with Retry-After holds every account back', async function () {
    this.timeout(60_000);
    const fifty = big.accounts.slice(20, 70);
    big.clearRequests();
    big.addFault({ method: 'GET', path: `/accounts/${fifty.find((a) => a.type === 'enterprise')?.id ?? ''}/zt_risk_scoring/integrations`, kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
    // Every list takes 20 ms to answer, so requests overlap as they would over a real network.
    big.addFault({ method: 'GET', path: '/accounts/*/**', kind: 'latency', latencyMs: 20, times: 0 });
    try {
      const nodes = accountRows('dlpIntegrationEntries').filter((n) => fifty.some((a) => a.id === n.accountId));
      assert.strictEqual(nodes.length, 50);
      for (const node of nodes) provider('dlpIntegrationEntries').getChildren(node);
      await Promise.all(fifty.map((a) => w.api.services.caches.load(a.id)));
    } finally {
      big.clearFaults();
    }
    const requests = big.requests();
    assert.strictEqual(requests.length, 50 * 5 + 1, 'five lists per account, and the one request that was told to wait, once more');
    const peak = Math.max(...requests.map((r) => r.inFlight));
    assert.strictEqual(peak, LIMIT, `at most ${LIMIT} requests in flight at once (peak ${peak})`);
    const limited = requests.filter((r) => r.status === 429);
    assert.strictEqual(limited.length, 1, 'no burst of 429s');
    const blockedAt = limited[0]?.answeredMs ?? 0;
    // Requests already on their way when the 429 was answered may still arrive; after that, nothing until the second is over.
    const duringBlock = requests.filter((r) => r.receivedMs > blockedAt + 100 && r.receivedMs < blockedAt + 990);
    assert.deepStrictEqual(duringBlock.map((r) => r.path), [], 'nothing was sent while Retry-After held the token back');
    assert.ok(requests.some((r) => r.receivedMs >= blockedAt + 990), 'the rest went out after the block');
    for (const account of fifty) {
      for (const familyId of FAMILIES) {
        // Risk scoring is an Enterprise feature: the other plans answer 403 / 3314, shown as "not available".
        const expected = familyId === 'riskScoringIntegrations' && account.type !== 'enterprise' ? 'error' : 'loaded';
        assert.strictEqual(w.api.services.caches.cache(account.id, familyId).state.status, expected, `${account.name} ${familyId}`);
      }
    }
  });

  test('Filter… keeps the rows whose name, vendor, state or account match, says so in the view description, and clears', async () => {
    const target = big.accounts[9]; // an Enterprise account: it has risk scoring
    assert.ok(target);
    const integrations = big.list('devicePostureIntegrations', target.id) as { id: string; name: string; type: string }[];
    const wanted = integrations.filter((i) => i.type === 'crowdstrike_s2s');
    assert.ok(wanted.length > 0 && wanted.length < integrations.length, 'the seed mixes vendors');
    w.api.prompts.override({ inputBox: async (options) => (options.title === 'Filter Device Posture Integrations' ? 'crowdSTRIKE' : undefined) });
    try {
      await vscode.commands.executeCommand('cloudflareZt.filter.devicePostureIntegrations');
    } finally {
      w.api.prompts.restore();
    }
    assert.strictEqual(w.api.services.views.get('devicePostureIntegrations')?.description, 'filter: "crowdSTRIKE" · 100 accounts');
    assert.strictEqual(w.api.services.views.get('riskScoringIntegrations')?.description, '100 accounts', 'other views keep their rows');
    const row = accountRows('devicePostureIntegrations').find((n) => n.accountId === target.id);
    assert.ok(row);
    const shown = provider('devicePostureIntegrations').getChildren(row);
    assert.deepStrictEqual(labelsOf('devicePostureIntegrations', shown).sort(), wanted.map((i) => i.name).sort());
    // An account whose name matches shows everything in it; the filter text matches the account name too.
    w.api.prompts.override({ inputBox: async () => target.name });
    try {
      await vscode.commands.executeCommand('cloudflareZt.filter.devicePostureIntegrations');
    } finally {
      w.api.prompts.restore();
    }
    const byName = accountRows('devicePostureIntegrations');
    assert.ok(byName.some((n) => n.accountId === target.id));
    assert.ok(!byName.some((n) => n.accountId === big.accounts[20]?.id), 'a loaded account with no match is hidden');
    assert.strictEqual(provider('devicePostureIntegrations').getChildren(byName.find((n) => n.accountId === target.id)).length, integrations.length);
    await vscode.commands.executeCommand('cloudflareZt.clearFilter.devicePostureIntegrations');
    assert.strictEqual(w.api.services.views.get('devicePostureIntegrations')?.description, '100 accounts');
    assert.strictEqual(accountRows('devicePostureIntegrations').length, 100);
  });

  test('pickers name the account and, for DLP entries, the profile', async () => {
    const target = big.accounts[9]; // an Enterprise account: it has risk scoring
    assert.ok(target);
    const offered: vscode.QuickPickItem[] = [];
    w.api.prompts.override({ pickMany: async (items) => { offered.push(...items); return undefined; }, error: async () => undefined });
    try {
      await vscode.commands.executeCommand('cloudflareZt.toggleEnabled');
    } finally {
      w.api.prompts.restore();
    }
    const profiles = new Map(big.profiles(target.id).map((p) => [p.id, p.name]));
    const entries = big.list('dlpIntegrationEntries', target.id) as { name: string; profile_id?: string | null }[];
    const entry = entries.find((e) => e.profile_id && profiles.has(e.profile_id));
    assert.ok(entry, 'an entry in a named profile');
    const item = offered.find((i) => i.label.endsWith(` ${entry.name}`) && i.detail?.startsWith(target.name));
    assert.strictEqual(item?.detail, `${target.name} · DLP profile: ${profiles.get(entry.profile_id ?? '') ?? '?'}`);
    const risk = offered.find((i) => i.description?.startsWith('risk scoring integration') && i.detail === target.name);
    assert.ok(risk, 'a risk scoring integration of the account, named by its account');
    // Only opened accounts are offered: 51 of them (one expanded, then fifty).
    assert.strictEqual(new Set(offered.map((i) => i.detail?.split(' · ')[0])).size, 51);
  });

  test('Go to resource… finds a resource in an account not opened yet, loading the rest with progress, and opens it', async function () {
    this.timeout(60_000);
    const target = big.accounts[95];
    assert.ok(target && !w.api.services.caches.isOpened(target.id));
    const wanted = (big.list('devicePostureIntegrations', target.id) as { id: string; name: string }[])[0];
    assert.ok(wanted);
    const rounds: string[][] = [];
    w.api.prompts.override({
      pickOne: async (items) => {
        rounds.push(items.map((i) => i.label));
        const load = items.find((i) => i.label.startsWith('$(cloud-download) Load '));
        if (rounds.length === 1) return load;
        return items.find((i) => i.label === wanted.name && i.detail === target.name && i.description?.startsWith('device posture integration'));
      },
    });
    try {
      await vscode.commands.executeCommand('cloudflareZt.goToResource');
    } finally {
      w.api.prompts.restore();
    }
    assert.strictEqual(rounds.length, 2);
    assert.ok(rounds[0]?.includes('$(cloud-download) Load 49 more accounts…'), rounds[0]?.filter((l) => l.startsWith('$(')).join());
    assert.ok(!rounds[1]?.some((l) => l.startsWith('$(cloud-download)')), 'everything is loaded the second time');
    const editor = await eventually('the opened resource', () => (() => { const editor = vscode.window.activeTextEditor; const ref = editor ? parseDocumentUri(editor.document.uri) : undefined; return ref?.kind === 'live' && ref.resourceId === wanted.id && ref.accountId === target.id && editor; })());
    assert.ok(editor.document.getText().includes(JSON.stringify(wanted.name)));
  });

  test('sign out asks, names the accounts and the documents it closes, warns about edits not applied, and switches nothing', async () => {
    const owner = big.accounts[95];
    assert.ok(owner);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    await replaceText(editor, editor.document.getText().replace(/"interval": "[^"]*"/, '"interval": "7h"'));
    const row = accountRows('riskScoringIntegrations').find((n) => n.accountId === owner.id);
    const shown = recordMessages(w, () => undefined);
    await vscode.commands.executeCommand('cloudflareZt.signOut', row);
    assert.strictEqual(w.api.services.session.accounts().length, 100, 'dismissed: still signed in');
    assert.ok(vscode.window.tabGroups.all.some((g) => g.tabs.length > 0), 'dismissed: the document stays open');
    const modal = shown.modal[0];
    assert.strictEqual(modal?.message, 'Sign out of Acme Corp, Acme Labs and 98 more? 1 document holds edits not applied to Cloudflare, which will be lost.');
    assert.strictEqual(modal?.detail, "The token is shared by 100 accounts (Acme Corp, Acme Labs and 98 more): it leaves VS Code's secret storage and all of them leave the views. 1 open document of these accounts will close.");
    assert.deepStrictEqual(modal?.actions, ['Sign Out and Discard Edits']);
    recordMessages(w, (_m, actions) => actions[0]);
    await vscode.commands.executeCommand('cloudflareZt.signOut', row);
    w.api.prompts.restore();
    assert.deepStrictEqual(w.api.services.session.accounts(), []);
    assert.deepStrictEqual(w.api.services.pending.all(), [], 'no edit is kept for an account that is gone');
    assert.ok(!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'cfzt')), 'its documents are closed');
    for (const familyId of FAMILIES) assert.deepStrictEqual(provider(familyId).getChildren(), [], 'the welcome view shows again');
  });
});
