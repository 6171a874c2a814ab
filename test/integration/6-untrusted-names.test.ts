// Issue 6, bad input in the views: names come from the API, and anyone with write access to the account can set
// them. Markdown, command links, HTML and codicon syntax in a name must show as text: the row's label is the raw
// name, its tooltip is untrusted Markdown without HTML in which the name is escaped, and the notifications that
// quote a name (they turn `[label](command:…)` into a link that runs the command) get no link from it.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { allFamilies, type FamilyId } from '../../src/families/registry';
import type { TreeNode } from '../../src/tree/nodes';
import { cacheOf, closeAllEditors, getWorld, replaceText, resourceNode, signInAs, signOutAll, applyDocument, type World } from './harness';
import { report } from './report';

const HOSTILE = [
  '[x](command:cloudflareZt.signOut)',
  '<img src=x onerror=alert(1)>',
  '**b**',
  '$(alert)',
  '[docs](https://evil.example) <script>alert(1)</script> `code` _i_ # h',
];

/** A Markdown link (to a command, the web or a file) that is not escaped, i.e. one a renderer would make clickable. */
const LIVE_LINK = /(^|[^\\])\[[^\]]*(?<!\\)\]\((command|https?|file):/;

suite('Untrusted names in the views and messages (issue 6)', () => {
  let w: World;
  let accountId: string;
  const messages: string[] = [];

  suiteSetup(async () => {
    w = await getWorld();
    await signOutAll(w);
    await signInAs(w, w.sandbox.credentials.userToken, w.sandbox.accounts[0]?.name);
    accountId = w.api.services.session.soleAccount()?.id ?? '';
  });
  setup(() => {
    messages.length = 0;
    const keep = async (m: string) => { messages.push(m); return undefined; };
    w.api.prompts.override({ info: keep, warning: keep, error: keep });
  });
  teardown(async () => {
    w.api.prompts.restore();
    await closeAllEditors();
  });

  /** Puts the hostile names on resources of a family, behind the extension's back, and lists it again. */
  async function plant(familyId: FamilyId): Promise<{ id: string; label: string }[]> {
    const records = (w.sandbox.list(familyId, accountId) as Record<string, unknown>[]).slice(0, HOSTILE.length);
    assert.ok(records.length >= 2, `${familyId}: not enough seeded resources`);
    const planted = records.map((record, i) => {
      // Fewer resources than names: the last one gets all the names left.
      const hostile = i === records.length - 1 ? HOSTILE.slice(i).join(' ') : (HOSTILE[i] as string);
      const id = String(record.id);
      if (familyId === 'riskScoringIntegrations') {
        // The row of a risk scoring integration leads with the tenant host (its reference follows in the description); a
        // tenant URL that does not parse shows whole.
        const tenant = i % 2 === 0 ? hostile : String(record.tenant_url);
        w.sandbox.mutate(familyId, accountId, id, { tenant_url: tenant, reference_id: hostile });
        return { id, label: i % 2 === 0 ? hostile : new URL(String(record.tenant_url)).host };
      }
      w.sandbox.mutate(familyId, accountId, id, { name: hostile });
      return { id, label: hostile };
    });
    await cacheOf(w, familyId).reload();
    return planted;
  }

  function rowOf(familyId: FamilyId, id: string): { node: TreeNode; item: vscode.TreeItem } {
    const provider = w.api.services.providers.get(familyId);
    assert.ok(provider);
    const node = resourceNode(w, familyId, id);
    let item = provider.getTreeItem(node);
    // The tooltip may be left for resolveTreeItem (VS Code asks on hover); ask the way VS Code does.
    const resolver = (provider as vscode.TreeDataProvider<TreeNode>).resolveTreeItem;
    if (item.tooltip === undefined && resolver) item = (resolver.call(provider, item, node, new vscode.CancellationTokenSource().token) as vscode.TreeItem | undefined) ?? item;
    return { node, item };
  }

  for (const familyId of allFamilies.map((f) => f.id) as FamilyId[]) {
    test(`${familyId}: the label is the raw name; the tooltip is untrusted Markdown without HTML, the name escaped`, async () => {
      const planted = await plant(familyId);
      for (const { id, label } of planted) {
        const { item } = rowOf(familyId, id);
        const shown = typeof item.label === 'string' ? item.label : item.label?.label;
        assert.strictEqual(shown, label, 'the label is the name as it is');
        assert.ok(item.tooltip instanceof vscode.MarkdownString, `tooltip of ${label} is not a MarkdownString`);
        const md = item.tooltip;
        assert.notStrictEqual(md.isTrusted, true, 'the tooltip must not be trusted (no command links run)');
        assert.ok(!md.supportHtml, 'the tooltip must not render HTML');
        assert.ok(!md.supportThemeIcons, 'the tooltip must not render $(icon) syntax from a name');
        assert.ok(!LIVE_LINK.test(md.value), `an unescaped link in the tooltip: ${md.value}`);
        assert.ok(!/(^|[^\\])\*\*b(?<!\\)\*\*/.test(md.value.replace(/^\*\*.*?\*\*/, '')), `bold Markdown from the name is not escaped: ${md.value}`);
        assert.ok(md.value.includes('\\[x\\]') || !label.includes('[x]'), `link brackets are not escaped: ${md.value}`);
        assert.ok(!JSON.stringify(item.command?.arguments ?? []).includes('signOut'), 'the row command is ours');
        assert.strictEqual(item.command?.command, 'cloudflareZt.openResource');
      }
      report(`  untrusted names: ${planted.length} ${familyId} rows render their names as text`);
    });
  }

  test('messages that quote a hostile name carry no live link (notifications run command links on click)', async () => {
    const planted = await plant('devicePostureIntegrations');
    const target = planted[0];
    assert.ok(target);
    // "No changes": an info message with the name.
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.openResource', resourceNode(w, 'devicePostureIntegrations', target.id));
    assert.ok(editor);
    await replaceText(editor, `${editor.document.getText().trimEnd()}\n\n`);
    assert.strictEqual((await applyDocument(editor.document)).kind, 'unchanged');
    // A delete: an info message with the name.
    w.api.prompts.override({ modal: async () => 'Delete' });
    await vscode.commands.executeCommand('cloudflareZt.deleteResource', resourceNode(w, 'devicePostureIntegrations', target.id));
    assert.strictEqual(w.sandbox.getResource('devicePostureIntegrations', accountId, target.id), undefined, 'deleted');
    const quoting = messages.filter((m) => m.includes('command:cloudflareZt.signOut'));
    assert.ok(quoting.length >= 2, `the messages quote the name: ${messages.join(' | ')}`);
    for (const m of quoting) assert.ok(!LIVE_LINK.test(m), `a message turns the name into a live link: ${m}`);
    assert.ok(w.api.services.session.soleAccount(), 'still signed in');
  });
});
