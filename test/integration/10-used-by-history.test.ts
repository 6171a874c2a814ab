import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { FamilyId } from '../../src/families/registry';
import type { TreeNode, UsedByNode } from '../../src/tree/nodes';
import { applyDocument, cacheOf, eventually, getWorld, recordMessages, replaceText, resourceNode, signedInSuite, signInAs, signOutAll, type World } from './harness';

// Issue 14: what uses an integration (rows under it, and every disable and delete confirmation names them), and who
// changed it (Show history, the conflict dialog). Against the sandbox's seeded links: the CrowdStrike integration is
// read by two posture rules, which Access policies require and Gateway rules check; the first risk scoring
// integration's reference_id is the Okta identity provider; the first MIP profile is matched by a Gateway rule.

interface Named { id: string; name: string }
interface Integration extends Named { type: string }
interface Risk extends Named { reference_id?: string; active: boolean; tenant_url: string }
interface Entry extends Named { enabled: boolean; profile_id?: string }

const CORP = 'Corp laptops — CrowdStrike ZTA ≥ 60';
const CONTRACTORS = 'Contractors — CrowdStrike sensor online';

/** The used-by rows under a resource row, once they have loaded (the first ask starts the load). */
async function usedByRowsOf(w: World, familyId: FamilyId, id: string): Promise<UsedByNode[]> {
  const provider = w.api.services.providers.get(familyId);
  assert.ok(provider);
  const node = resourceNode(w, familyId, id);
  assert.strictEqual(provider.getTreeItem(node).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'a row that can have users expands');
  return eventually(`the used-by rows of ${id}`, () => {
    const rows = provider.getChildren(node).filter((n: TreeNode): n is UsedByNode => n.kind === 'usedBy');
    return rows.length > 0 && rows.every((r) => r.tone !== 'loading') && rows;
  });
}

function labelsOf(w: World, familyId: FamilyId, rows: readonly UsedByNode[]): string[] {
  const provider = w.api.services.providers.get(familyId);
  return rows.map((row) => `${String(provider?.getTreeItem(row).label)} [${row.description ?? row.tone}]`);
}

suite('Used by: what an integration breaks, in rows and in every confirmation', () => {
  const signedIn = signedInSuite();
  const list = <T>(family: string, accountId: string): T[] => signedIn.w.sandbox.list(family as never, accountId) as unknown as T[];
  const crowdstrike = (accountId: string): Integration => {
    const found = list<Integration>('devicePostureIntegrations', accountId).find((i) => i.type === 'crowdstrike_s2s');
    assert.ok(found, 'the seed has a CrowdStrike integration');
    return found;
  };

  /** The first MIP profile, the DLP entries, and an entry of that profile (a Gateway rule depends on it), switched on. */
  const enabledEntryOfProfile = async () => {
    const { w, accountId } = signedIn;
    const mip = w.sandbox.profiles(accountId).find((p) => p.type === 'integration');
    assert.ok(mip);
    const entries = list<Entry>('dlpIntegrationEntries', accountId);
    const used = entries.find((e) => mip.entry_ids.includes(e.id));
    assert.ok(used, 'an entry a Gateway rule depends on');
    if (!used.enabled) w.sandbox.mutate('dlpIntegrationEntries', accountId, used.id, { enabled: true } as never);
    await cacheOf(w, 'dlpIntegrationEntries').reload();
    return { mip, entries, used };
  };

  suiteSetup(async () => {
    await signedIn.w.api.services.caches.load(signedIn.accountId);
  });

  test('device posture integration: the two rules that read it, each expanding to the policies and Gateway rules that use it; two requests, once', async () => {
    const { w, accountId } = signedIn;
    // Fresh lists: the related lists are dropped with them and read again on first need.
    await cacheOf(w, 'devicePostureRules').reload();
    w.sandbox.clearRequests();
    const rows = await usedByRowsOf(w, 'devicePostureIntegrations', crowdstrike(accountId).id);
    const labels = labelsOf(w, 'devicePostureIntegrations', rows);
    assert.ok(labels.some((l) => l.startsWith(`${CORP} [posture rule · reads this integration`)), labels.join('\n'));
    assert.ok(labels.some((l) => l.startsWith(`${CONTRACTORS} [posture rule`)), labels.join('\n'));
    assert.ok(labels.some((l) => l.startsWith('Access application policies are not checked: the API fragment has no endpoint for them')), labels.join('\n'));
    const corp = rows.find((r) => r.label === CORP);
    const under = labelsOf(w, 'devicePostureIntegrations', corp?.children ?? []);
    assert.deepStrictEqual(under.sort(), ['Employees on corp laptops [Access policy · requires them · require]', 'Finance apps: corp laptops only [Gateway rule · checks them]']);
    const requests = w.sandbox.requests().map((r) => `${r.method} ${r.path.replace(/^(\/client\/v4)?\/accounts\/[^/]+/, '')}`);
    assert.deepStrictEqual(requests.sort(), ['GET /access/policies', 'GET /gateway/rules'], 'opening used-by reads the two related lists (the rules are loaded with the account)');
    w.sandbox.clearRequests();
    await usedByRowsOf(w, 'devicePostureIntegrations', crowdstrike(accountId).id);
    await usedByRowsOf(w, 'devicePostureRules', list<Named>('devicePostureRules', accountId).find((r) => r.name === CORP)?.id ?? '');
    assert.deepStrictEqual(w.sandbox.requests(), [], 'kept with the account: a second look costs nothing');
  });

  test('posture rule, risk scoring integration and DLP entry: their users', async () => {
    const { w, accountId } = signedIn;
    const contractors = list<Named>('devicePostureRules', accountId).find((r) => r.name === CONTRACTORS);
    assert.ok(contractors);
    const ruleRows = labelsOf(w, 'devicePostureRules', await usedByRowsOf(w, 'devicePostureRules', contractors.id));
    assert.ok(ruleRows.includes('Contractors on managed devices [Access policy · requires this rule · require]'), ruleRows.join('\n'));
    assert.ok(ruleRows.includes('SSH for contractors on managed devices [Gateway rule · checks this rule]'), ruleRows.join('\n'));

    const risk = list<Risk>('riskScoringIntegrations', accountId).find((r) => r.reference_id);
    assert.ok(risk, 'the seed ties a risk scoring integration to an identity provider');
    const riskRows = labelsOf(w, 'riskScoringIntegrations', await usedByRowsOf(w, 'riskScoringIntegrations', risk.id));
    assert.deepStrictEqual(riskRows, ['Acme Corp Okta [Access identity provider · is tied to it by reference_id · okta]']);

    const mip = w.sandbox.profiles(accountId).find((p) => p.type === 'integration');
    assert.ok(mip);
    const entryId = mip.entry_ids[0] ?? '';
    const entryRows = await usedByRowsOf(w, 'dlpIntegrationEntries', entryId);
    const profileRow = entryRows.find((r) => r.label === mip.name);
    assert.ok(profileRow, labelsOf(w, 'dlpIntegrationEntries', entryRows).join('\n'));
    assert.strictEqual(profileRow.description, 'DLP profile · holds this entry');
    assert.deepStrictEqual(labelsOf(w, 'dlpIntegrationEntries', profileRow.children ?? []), ['Block uploads of labelled documents [Gateway rule · matches those profiles]']);

    // Refreshing the profile names reads the profiles only: the rows' users already read stay (Gateway rules not again).
    w.sandbox.clearRequests();
    await vscode.commands.executeCommand('cloudflareZt.refreshGroups.dlpIntegrationEntries');
    const again = await usedByRowsOf(w, 'dlpIntegrationEntries', entryId);
    assert.ok(again.some((r) => r.label === mip.name), labelsOf(w, 'dlpIntegrationEntries', again).join('\n'));
    const requests = w.sandbox.requests().map((r) => `${r.method} ${r.path.replace(/^(\/client\/v4)?\/accounts\/[^/]+/, '')}`);
    assert.deepStrictEqual(requests, ['GET /dlp/profiles']);
  });

  test('delete a device posture integration: the modal names both rules and the policies and Gateway rules that require them; Cancel keeps it', async () => {
    const { w, accountId } = signedIn;
    const integration = crowdstrike(accountId);
    const shown = recordMessages(w);
    await vscode.commands.executeCommand('cloudflareZt.deleteResource', resourceNode(w, 'devicePostureIntegrations', integration.id));
    const modal = shown.modal[0];
    assert.ok(modal, 'a confirmation was shown');
    assert.deepStrictEqual(modal.actions, ['Delete'], 'one action; dismissing (Cancel) is the safe choice');
    assert.match(modal.detail, new RegExp(`^2 posture rules read this integration: "(${CORP}|${CONTRACTORS})", "(${CORP}|${CONTRACTORS})"\\.`));
    assert.match(modal.detail, /\d Access policies require them: .*"Employees on corp laptops" \(require\).*"Contractors on managed devices" \(require\)/);
    assert.match(modal.detail, /\d Gateway rules check them: .*"Finance apps: corp laptops only"/);
    assert.match(modal.detail, /Access application policies are not checked: the API fragment has no endpoint for them/);
    assert.match(modal.detail, /This cannot be undone\.$/);
    assert.ok(w.sandbox.getResource('devicePostureIntegrations', accountId, integration.id), 'cancelled: nothing deleted');
  });

  test('disable (toggle off) a DLP entry a Gateway rule depends on asks first, naming the profile and the rule; an entry nothing depends on flips with one request', async () => {
    const { w, accountId } = signedIn;
    const { mip, entries, used } = await enabledEntryOfProfile();
    const shown = recordMessages(w);
    w.sandbox.clearRequests();
    await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, 'dlpIntegrationEntries', used.id));
    const modal = shown.modal[0];
    assert.ok(modal, 'a confirmation was shown');
    assert.match(modal.message, /^Disable DLP integration entry ".*" in Acme Corp\?$/);
    assert.match(modal.detail, new RegExp(`1 DLP profile holds this entry: "${mip.name}"\\. 1 Gateway rule matches those profiles: "Block uploads of labelled documents"\\.`));
    assert.deepStrictEqual(modal.actions, ['Disable']);
    assert.ok(!w.sandbox.requests().some((r) => r.method !== 'GET'), 'cancelled: nothing written');

    // An entry in a profile no Gateway rule matches: no question, the one PUT of a toggle.
    const other = entries.find((e) => e.enabled && !mip.entry_ids.includes(e.id) && e.profile_id !== mip.id && !w.sandbox.profiles(accountId).some((p) => p.entry_ids.includes(e.id) && p.id === mip.id));
    if (other) {
      await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, 'dlpIntegrationEntries', other.id));
      w.sandbox.clearRequests();
      shown.modal.length = 0;
      await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, 'dlpIntegrationEntries', other.id));
      await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, 'dlpIntegrationEntries', other.id));
      assert.deepStrictEqual(shown.modal, [], 'nothing depends on it: no question');
      assert.deepStrictEqual(w.sandbox.requests().map((r) => r.method), ['PUT', 'PUT'], 'one request per toggle (what uses it is already known)');
    }
  });

  test('Toggle enabled… with an entry others depend on asks once, naming it and its users; "Keep Those On" flips only the others', async () => {
    const { w, accountId } = signedIn;
    const { mip, entries, used } = await enabledEntryOfProfile();
    const other = entries.find((e) => !w.sandbox.profiles(accountId).some((p) => p.id === mip.id && p.entry_ids.includes(e.id)) && e.profile_id !== mip.id);
    assert.ok(other, 'an entry nothing depends on');
    const otherBefore = (w.sandbox.getResource('dlpIntegrationEntries', accountId, other.id) as unknown as Entry).enabled;
    const shown = recordMessages(w, () => 'Keep Those On');
    w.api.prompts.override({ pickMany: async (items) => items.filter((i) => [used.id, other.id].includes((i as unknown as { resource: { id: string } }).resource.id)) });
    w.sandbox.clearRequests();
    await vscode.commands.executeCommand('cloudflareZt.toggleEnabled');
    w.api.prompts.restore();
    assert.strictEqual(shown.modal.length, 1, 'one question for the whole pick');
    assert.strictEqual(shown.modal[0]?.message, 'Toggle 2 picked? One of them would be switched off while others depend on it.');
    assert.ok((shown.modal[0]?.detail ?? '').includes(`(Acme Corp): 1 DLP profile holds this entry: "${mip.name}". 1 Gateway rule matches those profiles: "Block uploads of labelled documents".`), shown.modal[0]?.detail);
    assert.deepStrictEqual(shown.modal[0]?.actions, ['Disable', 'Keep Those On']);
    const writes = w.sandbox.requests().filter((r) => r.method !== 'GET');
    assert.deepStrictEqual(writes.map((r) => r.path.endsWith(`/${other.id}`)), [true], 'only the entry nothing depends on was written');
    assert.strictEqual((w.sandbox.getResource('dlpIntegrationEntries', accountId, used.id) as unknown as Entry).enabled, true, 'kept on');
    assert.strictEqual((w.sandbox.getResource('dlpIntegrationEntries', accountId, other.id) as unknown as Entry).enabled, !otherBefore, 'flipped');
  });

  test('disable a risk scoring integration tied to the Okta provider names the provider; Disable flips it', async () => {
    const { w, accountId } = signedIn;
    const risk = list<Risk>('riskScoringIntegrations', accountId).find((r) => r.reference_id);
    assert.ok(risk);
    if (!risk.active) w.sandbox.mutate('riskScoringIntegrations', accountId, risk.id, { active: true } as never);
    await cacheOf(w, 'riskScoringIntegrations').reload();
    const shown = recordMessages(w, () => 'Disable');
    await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, 'riskScoringIntegrations', risk.id));
    assert.match(shown.modal[0]?.detail ?? '', /^1 Access identity provider is tied to it by reference_id: "Acme Corp Okta" \(okta\)\.$/);
    assert.strictEqual((w.sandbox.getResource('riskScoringIntegrations', accountId, risk.id) as unknown as Risk).active, false);
    w.sandbox.mutate('riskScoringIntegrations', accountId, risk.id, { active: true } as never);
  });

  test('a used-by list that cannot be read never blocks the delete: the dialog says what was not checked and why', async () => {
    const { w, accountId } = signedIn;
    // A refresh drops the related lists; the next question reads them again, and the policies fail.
    await cacheOf(w, 'devicePostureRules').reload();
    w.sandbox.addFault({ method: 'GET', path: '/accounts/*/access/policies', kind: 'status', status: 403, code: 10000, message: 'Forbidden', times: 0 });
    const shown = recordMessages(w);
    await vscode.commands.executeCommand('cloudflareZt.deleteResource', resourceNode(w, 'devicePostureIntegrations', crowdstrike(accountId).id));
    const detail = shown.modal[0]?.detail ?? '';
    assert.match(detail, /^2 posture rules read this integration/);
    assert.match(detail, /Gateway rules check them/);
    assert.doesNotMatch(detail, /Access policies require/);
    assert.match(detail, /Access policies could not be checked, so something may use it: Reading Access policies is not allowed: the token for Acme Corp lacks "Access: Apps and Policies Read".*10000: Forbidden/);
    assert.deepStrictEqual(shown.modal[0]?.actions, ['Delete'], 'the delete is still offered');
    assert.deepStrictEqual(shown.error, [], 'no error message besides the dialog');
    w.sandbox.clearFaults();
    await cacheOf(w, 'devicePostureRules').reload();
  });

  test('Refresh all shows what changed elsewhere and keeps the rest; a row hovered before it is described afresh (its users are no longer claimed once dropped)', async () => {
    const { w, accountId } = signedIn;
    const provider = w.api.services.providers.get('devicePostureIntegrations');
    assert.ok(provider);
    const integration = crowdstrike(accountId);
    const other = list<Integration & { interval: string }>('devicePostureIntegrations', accountId).find((i) => i.id !== integration.id && i.type !== 'crowdstrike_s2s');
    assert.ok(other, 'the seed has another posture integration');
    const node = resourceNode(w, 'devicePostureIntegrations', integration.id);
    const tooltipOf = (): string => {
      const tooltip = provider.resolveTreeItem(provider.getTreeItem(node), node).tooltip;
      // As the hover reads: appendText writes spaces as &nbsp; and escapes Markdown.
      return (tooltip instanceof vscode.MarkdownString ? tooltip.value : String(tooltip)).replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    };
    await usedByRowsOf(w, 'devicePostureIntegrations', integration.id);
    const hovered = tooltipOf();
    assert.match(hovered, /\*\*Used by\*\*[\s\S]*Corp laptops — CrowdStrike ZTA ≥ 60/, `the hover names the rules once they are known: ${hovered}`);
    const before = provider.getTreeItem(node);
    const descriptionBefore = before.description;
    try {
      w.sandbox.mutate('devicePostureIntegrations', accountId, other.id, { interval: '23h' } as never);
      w.sandbox.clearRequests();
      await vscode.commands.executeCommand('cloudflareZt.refreshAll');
      const otherRow = provider.getTreeItem(resourceNode(w, 'devicePostureIntegrations', other.id));
      assert.match(String(otherRow.description), /· every 23h$/, 'the change made elsewhere shows on its row');
      const after = provider.getTreeItem(node);
      assert.strictEqual(after.label, before.label);
      assert.strictEqual(after.description, descriptionBefore, 'the unchanged row says what it said');
      assert.strictEqual(after.tooltip, undefined, 'no tooltip from before the refresh is carried over');
      // The refresh dropped what was read about the rows' users: the hover no longer claims them until read again.
      assert.doesNotMatch(tooltipOf(), /Used by/);
      const requests = w.sandbox.requests().map((r) => `${r.method} ${r.path.replace(/^(\/client\/v4)?\/accounts\/[^/]+/, '')}`).sort();
      assert.deepStrictEqual(requests, ['GET /accounts', 'GET /devices/posture', 'GET /devices/posture/integration', 'GET /dlp/entries', 'GET /zt_risk_scoring/integrations']);
    } finally {
      w.sandbox.mutate('devicePostureIntegrations', accountId, other.id, { interval: other.interval } as never);
    }
  });
});

suite('History: who changed a resource, newest first; the conflict dialog names them', () => {
  const signedIn = signedInSuite();
  const ruleNamed = (accountId: string, name: string): Named => {
    const found = (signedIn.w.sandbox.list('devicePostureRules', accountId) as unknown as Named[]).find((r) => r.name === name);
    assert.ok(found, `the seed has the rule "${name}"`);
    return found;
  };

  /** Opens a rule and renames it in the editor (not applied yet). */
  async function renameInEditor(w: World, id: string, from: string, to: string): Promise<vscode.TextEditor> {
    await cacheOf(w, 'devicePostureRules').reload();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.openResource', resourceNode(w, 'devicePostureRules', id));
    assert.ok(editor);
    await replaceText(editor, editor.document.getText().replace(JSON.stringify(from), JSON.stringify(to)));
    return editor;
  }

  test('after an apply here and a change by another admin in the dashboard: both, newest first, with who, when and how; no views; a change opens its diff', async () => {
    const { w, accountId } = signedIn;
    const rule = ruleNamed(accountId, 'Windows 11 or later');
    const editor = await renameInEditor(w, rule.id, rule.name, 'Windows 11 or later (mine)');
    recordMessages(w);
    assert.strictEqual((await applyDocument(editor.document)).kind, 'applied');
    w.sandbox.mutate('devicePostureRules', accountId, rule.id, { name: 'Windows 11 or later (theirs)' } as never);
    await cacheOf(w, 'devicePostureRules').reload();
    let offered: readonly vscode.QuickPickItem[] = [];
    w.api.prompts.override({ pickOne: async (items) => { offered = items; return items[0]; } });
    w.sandbox.clearRequests();
    await vscode.commands.executeCommand('cloudflareZt.showHistory', resourceNode(w, 'devicePostureRules', rule.id));
    const [newest, previous] = offered;
    assert.strictEqual(newest?.label, 'update by another.admin@example.com');
    assert.match(newest?.description ?? '', /^(just now|\d+ seconds ago) · /);
    assert.match(newest?.detail ?? '', /^through the dashboard · Update device posture rule · choose to see the change$/);
    assert.strictEqual(previous?.label, 'update by admin@example.com');
    assert.match(previous?.detail ?? '', /^through the API \(token "Sandbox user token"\) · Update device posture rule/);
    assert.ok(!offered.some((i) => i.label.startsWith('view')), 'views are left out');
    const audits = w.sandbox.requests().filter((r) => r.path.includes('/logs/audit'));
    assert.strictEqual(audits.length, 1, 'one request for the history');
    const diff = await eventually('the diff of the newest change', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.label.includes('update by another.admin@example.com')));
    assert.ok(diff.input instanceof vscode.TabInputTextDiff);
    const [before, after] = await Promise.all([diff.input.original, diff.input.modified].map((uri) => vscode.workspace.openTextDocument(uri)));
    assert.match(before?.getText() ?? '', /Windows 11 or later \(mine\)/, 'before: what the apply from the extension left');
    assert.match(after?.getText() ?? '', /Windows 11 or later \(theirs\)/, 'after: what the other admin made it');
  });

  test('the conflict dialog of an apply names who changed the resource and when', async () => {
    const { w, accountId } = signedIn;
    const rule = ruleNamed(accountId, 'Disk encryption on');
    const editor = await renameInEditor(w, rule.id, rule.name, 'Disk encryption on (mine)');
    w.sandbox.mutate('devicePostureRules', accountId, rule.id, { schedule: '1h' } as never);
    const shown = recordMessages(w);
    assert.strictEqual((await applyDocument(editor.document)).kind, 'cancelled');
    assert.match(shown.modal[0]?.detail ?? '', /^Changed by another\.admin@example\.com through the dashboard, (just now|\d+ seconds ago) \(.+\), says the audit log\.\n\nCompare shows/);
    assert.deepStrictEqual(shown.modal[0]?.actions, ['Compare', 'Overwrite', 'Discard and reload']);
  });
});

suite('History without Account Settings Read (the no-audit token)', () => {
  let w: World;
  suiteSetup(async () => {
    w = await getWorld();
    await signOutAll(w);
    await signInAs(w, w.sandbox.credentials.noAuditToken, w.sandbox.accounts[0]?.name);
  });
  suiteTeardown(async () => {
    w.api.prompts.restore();
    await signOutAll(w);
  });

  test('one message naming the permission; no error; the conflict dialog still shows, as before', async () => {
    const accountId = w.api.services.session.soleAccount()?.id ?? '';
    await w.api.services.caches.load(accountId);
    const rule = (w.sandbox.list('devicePostureRules', accountId) as unknown as Named[])[0];
    assert.ok(rule);
    const shown = recordMessages(w);
    const entries = await vscode.commands.executeCommand<unknown[]>('cloudflareZt.showHistory', resourceNode(w, 'devicePostureRules', rule.id));
    assert.deepStrictEqual(entries, []);
    assert.strictEqual(shown.warning.length, 1, shown.warning.join('\n'));
    assert.match(shown.warning[0] ?? '', /needs "Account Settings Read"\. Reading the audit log of Acme Corp is not allowed: the token for Acme Corp lacks "Account Settings Read".*10000: Forbidden/);
    assert.deepStrictEqual(shown.error, []);
  });
});
