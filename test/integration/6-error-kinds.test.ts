import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { MessageNode } from '../../src/tree/nodes';
import { cacheOf, applyDocument, discardAllPending, closeAllEditors, eventually, getWorld, recordMessages, replaceText, resourceNode, signInAs, signOutAll, type ShownMessages, type World } from './harness';

// The error kinds of Cloudflare's answers, each shown where it belongs (issue: errors that tell the truth):
// 401 → the account's token state; 403 → that view or action, naming the permission; 403/3314 → that view, calm;
// 400/2046 → the save or create, naming the provider fields. Only a 401 ever touches the credential state.

/** The families these fault cells are written for (each has its own paths and edits below). */
type FaultFamily = 'dlpIntegrationEntries' | 'riskScoringIntegrations' | 'devicePostureIntegrations';
const FAMILIES: FaultFamily[] = ['dlpIntegrationEntries', 'riskScoringIntegrations', 'devicePostureIntegrations'];
const ROUTE: Record<FaultFamily, string> = {
  dlpIntegrationEntries: '/accounts/*/dlp/**',
  riskScoringIntegrations: '/accounts/*/zt_risk_scoring/**',
  devicePostureIntegrations: '/accounts/*/devices/posture/**',
};
const DOCS = 'https://developers.cloudflare.com/api/resources/zero_trust/';

interface Cell { readonly name: string; readonly problems: string[] }

function rootMessage(w: World, familyId: FaultFamily): MessageNode | undefined {
  const provider = w.api.services.providers.get(familyId);
  const [first] = provider?.getChildren() ?? [];
  return first?.kind === 'message' ? first : undefined;
}

function rowsListed(w: World, familyId: FaultFamily): boolean {
  const roots = w.api.services.providers.get(familyId)?.getChildren() ?? [];
  return roots.length > 0 && roots.every((n) => n.kind !== 'message');
}

async function openFirst(w: World, familyId: FaultFamily, accountId: string, where: (r: Record<string, unknown>) => boolean = () => true): Promise<vscode.TextEditor> {
  const resource = (w.sandbox.list(familyId, accountId) as Record<string, unknown>[]).find(where);
  assert.ok(resource, `no ${familyId} in ${accountId}`);
  await cacheOf(w, familyId).reload();
  const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.openResource', resourceNode(w, familyId, String(resource.id)));
  assert.ok(editor);
  return editor;
}

/** A change each family's editor accepts: DLP enabled, risk scoring tenant, posture interval. */
function editOf(familyId: FaultFamily, text: string): string {
  if (familyId === 'dlpIntegrationEntries') return text.replace(/"enabled": (true|false)/, (_m, v: string) => `"enabled": ${v === 'true' ? 'false' : 'true'}`);
  if (familyId === 'riskScoringIntegrations') return text.replace(/"tenant_url": "[^"]*"/, '"tenant_url": "https://kinds.okta.com"');
  return text.replace(/"interval": "[^"]*"/, '"interval": "33m"');
}

function only(shown: ShownMessages): string[] {
  return [...shown.info, ...shown.warning, ...shown.error];
}

suite('Error kinds: each failure shown where it belongs, the token touched only by a 401', () => {
  let w: World;
  let acmeCorp: string;
  const cells: Cell[] = [];
  suiteSetup(async () => {
    w = await getWorld();
    await signOutAll(w);
    await signInAs(w, w.sandbox.credentials.userToken, w.sandbox.accounts[0]?.name);
    acmeCorp = w.api.services.session.soleAccount()?.id ?? '';
  });
  setup(() => {
    w.sandbox.clearFaults();
    w.sandbox.clearRequests();
  });
  teardown(async () => {
    w.sandbox.clearFaults();
    w.api.prompts.restore();
    await discardAllPending(w);
    await closeAllEditors();
  });
  suiteTeardown(() => {
    console.log(`  error-kind cells: ${cells.length} run, ${cells.filter((c) => c.problems.length === 0).length} as expected`);
  });

  function cell(name: string): Cell {
    const c = { name, problems: [] as string[] };
    cells.push(c);
    return c;
  }
  function expectTokenUntouched(c: Cell): void {
    if (w.api.services.session.isRejected(acmeCorp)) c.problems.push('the account was marked "token rejected"');
  }

  test('403 permission on one family\'s list: only that view explains it, naming the permission and linking the page; the others list; the token is untouched', async () => {
    for (const familyId of FAMILIES) {
      const c = cell(`403 permission list ${familyId}`);
      w.sandbox.addFault({ method: 'GET', path: ROUTE[familyId], kind: 'status', status: 403, code: 10000, message: 'Forbidden', documentationUrl: DOCS, times: 0 });
      const shown = recordMessages(w);
      await Promise.all(FAMILIES.map((f) => cacheOf(w, f).reload()));
      const row = rootMessage(w, familyId);
      if (!row || !/^Missing permission "Zero Trust Read" \(hover for details\)$/.test(row.label)) c.problems.push(`row: ${row?.label ?? 'none'}`);
      if (row?.docsUrl !== DOCS) c.problems.push('the row does not link the page Cloudflare sent');
      for (const other of FAMILIES.filter((f) => f !== familyId)) if (!rowsListed(w, other)) c.problems.push(`${other} stopped listing`);
      if (only(shown).length) c.problems.push(`notifications: ${only(shown).join(' | ')}`);
      expectTokenUntouched(c);
      w.sandbox.clearFaults();
      assert.deepStrictEqual(c.problems, [], c.name);
    }
  });

  test('403/3314 (feature not on the account): a calm row naming the feature and the account, with Learn more; not retried until the next refresh', async () => {
    const labs = w.sandbox.accounts[1];
    assert.ok(labs);
    await signInAs(w, w.sandbox.credentials.userToken, labs.name);
    try {
      const c = cell('3314 list risk (Acme Labs)');
      const shown = recordMessages(w);
      await Promise.all(FAMILIES.map((f) => cacheOf(w, f).reload()));
      const row = rootMessage(w, 'riskScoringIntegrations');
      if (row?.label !== `Risk scoring is not available on ${labs.name}`) c.problems.push(`row: ${row?.label ?? 'none'}`);
      if (row?.tone !== 'unavailable' || row.retryable) c.problems.push('not a calm, not-retried row');
      if (!row?.docsUrl?.startsWith('https://developers.cloudflare.com/')) c.problems.push('no Learn more');
      for (const other of FAMILIES.filter((f) => f !== 'riskScoringIntegrations')) if (!rowsListed(w, other)) c.problems.push(`${other} stopped listing`);
      if (only(shown).some((m) => /token|credential/i.test(m))) c.problems.push('a notification mentions the token');
      if (w.api.services.session.isRejected(labs.id)) c.problems.push('the account was marked "token rejected"');
      // Painting the view again does not ask Cloudflare again.
      w.sandbox.clearRequests();
      w.api.services.providers.get('riskScoringIntegrations')?.getChildren();
      if (w.sandbox.requests().length) c.problems.push('painting the row sent a request');
      assert.deepStrictEqual(c.problems, [], c.name);
    } finally {
      await w.api.services.session.setShown([acmeCorp]);
    }
  });

  test('403/3314 on writes (DLP without the add-on): the toggle says the feature is missing; the token is untouched', async () => {
    const c = cell('3314 toggle dlp');
    await cacheOf(w, 'dlpIntegrationEntries').reload();
    const entry = (w.sandbox.list('dlpIntegrationEntries', acmeCorp) as Record<string, unknown>[])[0];
    assert.ok(entry);
    w.sandbox.addFault({ method: 'PUT', path: ROUTE.dlpIntegrationEntries, kind: 'status', status: 403, code: 3314, message: 'Forbidden', times: 0 });
    // A toggle-off of an entry a Gateway rule depends on is confirmed first.
    const shown = recordMessages(w, (_m, actions) => (actions.includes('Disable') ? 'Disable' : undefined));
    await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, 'dlpIntegrationEntries', String(entry.id)));
    const text = shown.error[0] ?? '';
    if (!/^Data loss prevention is not available on Acme Corp: it needs the DLP add-on/.test(text)) c.problems.push(`message: ${text}`);
    expectTokenUntouched(c);
    assert.deepStrictEqual(c.problems, [], c.name);
  });

  test('a read-only token reads every family and gets 403 on every write: each action names "Zero Trust Write" and its page; the views and the token state are untouched', async () => {
    await signInAs(w, w.sandbox.credentials.readOnlyToken, w.sandbox.accounts[0]?.name);
    try {
      for (const familyId of FAMILIES) {
        await cacheOf(w, familyId).reload();
        assert.ok(rowsListed(w, familyId), `${familyId} lists with a read-only token`);
        // Save (Apply).
        const save = cell(`403 permission save ${familyId}`);
        const editor = await openFirst(w, familyId, acmeCorp);
        const text = editOf(familyId, editor.document.getText());
        await replaceText(editor, text);
        let shown = recordMessages(w);
        const outcome = await applyDocument(editor.document);
        if (outcome.kind !== 'failed') save.problems.push(`outcome ${outcome.kind}`);
        if (!/is not allowed: the token for Acme Corp lacks "Zero Trust Write", the permission Cloudflare lists for this/.test(shown.error[0] ?? '')) save.problems.push(`message: ${shown.error[0] ?? 'none'}`);
        if (editor.document.getText() !== text) save.problems.push('the edits were not kept');
        expectTokenUntouched(save);
        assert.deepStrictEqual(save.problems, [], save.name);
        // Toggle.
        if (familyId !== 'devicePostureIntegrations') {
          const toggle = cell(`403 permission toggle ${familyId}`);
          const target = (w.sandbox.list(familyId, acmeCorp) as Record<string, unknown>[])[1];
          assert.ok(target);
          shown = recordMessages(w, (_m, actions) => (actions.includes('Disable') ? 'Disable' : undefined));
          await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, familyId, String(target.id)));
          if (!/lacks "Zero Trust Write"/.test(shown.error[0] ?? '')) toggle.problems.push(`message: ${shown.error[0] ?? 'none'}`);
          expectTokenUntouched(toggle);
          assert.deepStrictEqual(toggle.problems, [], toggle.name);
        }
        if (!rowsListed(w, familyId)) assert.fail(`${familyId} stopped listing after a refused write`);
      }
      // Create (a draft applied).
      const create = cell('403 permission create risk');
      const draft = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.newRiskScoringIntegration');
      assert.ok(draft);
      await replaceText(draft, draft.document.getText().replace('REPLACE_WITH_YOUR_TENANT', 'read-only'));
      const shown = recordMessages(w);
      if ((await applyDocument(draft.document)).kind !== 'failed') create.problems.push('the create was not refused');
      if (!/lacks "Zero Trust Write"/.test(shown.error[0] ?? '')) create.problems.push(`message: ${shown.error[0] ?? 'none'}`);
      if (!w.api.services.pending.isPending(draft.document.uri)) create.problems.push('the draft was not kept');
      expectTokenUntouched(create);
      assert.deepStrictEqual(create.problems, [], create.name);
    } finally {
      await signInAs(w, w.sandbox.credentials.userToken, w.sandbox.accounts[0]?.name);
    }
  });

  test('400/2046 (provider credentials refused) on a device posture create and a config change: names the provider and the fields; the edits are kept', async () => {
    const create = cell('2046 create posture');
    const draft = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.newDevicePostureIntegration', 'kolide');
    assert.ok(draft);
    const body = { name: 'Kolide refused', type: 'kolide', interval: '10m', config: { client_id: 'kolide-client', client_secret: 'invalid-secret' } };
    await replaceText(draft, JSON.stringify(body, null, 2));
    let shown = recordMessages(w);
    if ((await applyDocument(draft.document)).kind !== 'failed') create.problems.push('not refused');
    if (!/failed: Kolide refused the credentials Cloudflare checked \(2046: .*\)\. Check config\.client_id and config\.client_secret\./.test(shown.error[0] ?? '')) create.problems.push(`message: ${shown.error[0] ?? 'none'}`);
    if (!w.api.services.pending.isPending(draft.document.uri)) create.problems.push('the draft was not kept');
    expectTokenUntouched(create);
    assert.deepStrictEqual(create.problems, [], create.name);

    const save = cell('2046 save posture');
    const editor = await openFirst(w, 'devicePostureIntegrations', acmeCorp, (p) => p.type === 'crowdstrike_s2s');
    const changed = JSON.parse(editor.document.getText()) as { config: Record<string, string> };
    changed.config.client_id = 'another-client';
    changed.config.client_secret = 'invalid-rotated';
    const text = `${JSON.stringify(changed, null, 2)}\n`;
    await replaceText(editor, text);
    shown = recordMessages(w);
    if ((await applyDocument(editor.document)).kind !== 'failed') save.problems.push('not refused');
    if (!/CrowdStrike refused the credentials Cloudflare checked \(2046: .*\)\. Check config\.api_url, config\.customer_id, config\.client_id and config\.client_secret\./.test(shown.error[0] ?? '')) save.problems.push(`message: ${shown.error[0] ?? 'none'}`);
    if (editor.document.getText() !== text) save.problems.push('the edits were not kept');
    expectTokenUntouched(save);
    assert.deepStrictEqual(save.problems, [], save.name);
  });

  test('401: the account shows "token rejected" once; the next request that succeeds clears it without re-entering the token', async () => {
    const c = cell('401 list, then success');
    const shown = recordMessages(w);
    w.sandbox.addFault({ path: '/accounts/*/**', kind: 'status', status: 401, times: 0 });
    await Promise.all(FAMILIES.map((f) => cacheOf(w, f).reload()));
    const row = rootMessage(w, 'devicePostureIntegrations');
    if (row?.label !== 'Token rejected (401): update it or sign out') c.problems.push(`row: ${row?.label ?? 'none'}`);
    // The credential check runs after the failed requests (once for all three): wait for its outcome.
    const marked = await eventually('the account to be marked', () => w.api.services.session.isRejected(acmeCorp) && shown.warning.length > 0).then(() => true, () => false);
    if (!marked) c.problems.push('the account was not marked');
    if (shown.warning.filter((m) => /^Cloudflare rejected the token for Acme Corp and Acme Labs \(401\)/.test(m)).length !== 1) c.problems.push(`warnings: ${shown.warning.join(' | ')}`);
    w.sandbox.clearFaults();
    await Promise.all(FAMILIES.map((f) => cacheOf(w, f).reload()));
    const cleared = await eventually('the rejection to clear', () => !w.api.services.session.isRejected(acmeCorp)).then(() => true, () => false);
    if (!cleared) c.problems.push('still marked after a success');
    for (const f of FAMILIES) if (!rowsListed(w, f)) c.problems.push(`${f} does not list after the success`);
    assert.deepStrictEqual(c.problems, [], c.name);
  });

  test('401 on an apply: the action says the token was rejected, the account is marked once, the edits are kept', async () => {
    const c = cell('401 save posture');
    const editor = await openFirst(w, 'devicePostureIntegrations', acmeCorp);
    const text = editOf('devicePostureIntegrations', editor.document.getText());
    await replaceText(editor, text);
    const shown = recordMessages(w);
    w.sandbox.addFault({ path: '/accounts/*/devices/posture/**', kind: 'status', status: 401, times: 0 });
    if ((await applyDocument(editor.document)).kind !== 'failed') c.problems.push('not refused');
    if (!/failed: Cloudflare rejected the token for Acme Corp \(1000: Invalid API Token, cf-ray [^)]+\)\. Update the token or sign out\./.test(shown.error[0] ?? '')) c.problems.push(`message: ${shown.error[0] ?? 'none'}`);
    const marked = await eventually('the account to be marked', () => w.api.services.session.isRejected(acmeCorp)).then(() => true, () => false);
    if (!marked) c.problems.push('the account was not marked');
    if (editor.document.getText() !== text) c.problems.push('the edits were not kept');
    w.sandbox.clearFaults();
    await cacheOf(w, 'devicePostureIntegrations').reload();
    await eventually('the rejection to clear', () => !w.api.services.session.isRejected(acmeCorp));
    assert.deepStrictEqual(c.problems, [], c.name);
  });

  test('get (Preview changes) under 403 permission, 403/3314 and 401, for every family: the message names the kind; only the 401 marks the account', async () => {
    const kinds = [
      { id: '403 permission', fault: { status: 403, code: 10000, message: 'Forbidden', documentationUrl: DOCS }, says: /is not allowed: the token for Acme Corp lacks "Zero Trust Read"/, marks: false },
      { id: '3314', fault: { status: 403, code: 3314, message: 'Forbidden' }, says: / is not available on Acme Corp: it needs /, marks: false },
      { id: '401', fault: { status: 401 }, says: /Cloudflare rejected the token for Acme Corp/, marks: true },
    ];
    for (const kind of kinds) {
      for (const familyId of FAMILIES) {
        const c = cell(`${kind.id} get ${familyId}`);
        const editor = await openFirst(w, familyId, acmeCorp);
        const shown = recordMessages(w);
        w.sandbox.addFault({ method: 'GET', path: `${ROUTE[familyId].replace('/**', '')}/**`, kind: 'status', times: 0, ...kind.fault });
        await vscode.commands.executeCommand('cloudflareZt.previewChanges', editor.document.uri);
        if (!kind.says.test(shown.error[0] ?? '')) c.problems.push(`message: ${shown.error[0] ?? 'none'}`);
        if (/rejected the token/.test(shown.error[0] ?? '') !== kind.marks) c.problems.push('the message says the token was rejected for a kind that is not about it (or the reverse)');
        w.sandbox.clearFaults();
        if (kind.marks) {
          const marked = await eventually('the account to be marked', () => w.api.services.session.isRejected(acmeCorp)).then(() => true, () => false);
          if (!marked) c.problems.push('a 401 did not mark the account');
          await cacheOf(w, familyId).reload();
          await eventually('the rejection to clear', () => !w.api.services.session.isRejected(acmeCorp));
        } else {
          expectTokenUntouched(c);
        }
        await closeAllEditors();
        assert.deepStrictEqual(c.problems, [], c.name);
      }
    }
  });

  test('a server error on a list is a row with Retry, never the token; Retry lists again', async () => {
    const c = cell('502 list posture, Retry');
    w.sandbox.addFault({ method: 'GET', path: ROUTE.devicePostureIntegrations, kind: 'html', status: 502, times: 0 });
    const shown = recordMessages(w);
    await cacheOf(w, 'devicePostureIntegrations').reload();
    const row = rootMessage(w, 'devicePostureIntegrations');
    if (!row?.label.startsWith('Could not load:') || /token/i.test(row.label)) c.problems.push(`row: ${row?.label ?? 'none'}`);
    if (!row?.retryable) c.problems.push('no Retry on the row');
    expectTokenUntouched(c);
    if (only(shown).some((m) => /token/i.test(m))) c.problems.push('a notification mentions the token');
    w.sandbox.clearFaults();
    await vscode.commands.executeCommand('cloudflareZt.retryLoad', row);
    if (!rowsListed(w, 'devicePostureIntegrations')) c.problems.push('Retry did not list again');
    assert.deepStrictEqual(c.problems, [], c.name);
  });
});
