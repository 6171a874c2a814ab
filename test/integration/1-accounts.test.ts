import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { showAccounts, allCaches, getWorld, signInAs, signOutAll, eventually, type World } from './harness';

suite('Accounts: sign in, SecretStorage, sign out', () => {
  let w: World;
  suiteSetup(async () => {
    w = await getWorld();
    await signOutAll(w);
  });

  test('with no account the views are empty so the welcome (sign-in) content shows', async () => {
    assert.strictEqual(w.api.services.session.soleAccount(), undefined);
    for (const provider of w.api.services.providers.values()) assert.deepStrictEqual(provider.getChildren(), []);
  });

  test('sign-in verifies the token, stores every account it reaches without asking which, and keeps the token only in SecretStorage', async () => {
    const token = w.sandbox.credentials.userToken;
    const asked: vscode.InputBoxOptions[] = [];
    const picks: string[] = [];
    const infos: string[] = [];
    w.api.prompts.override({
      inputBox: async (options) => { asked.push(options); return token; },
      pickOne: async (_items, options) => { picks.push(options.title ?? '?'); return undefined; },
      info: async (m) => { infos.push(m); return undefined; },
    });
    try {
      await vscode.commands.executeCommand('cloudflareZt.signIn');
    } finally {
      w.api.prompts.restore();
    }
    assert.strictEqual(asked[0]?.password, true, 'the token box must mask input');
    assert.deepStrictEqual(picks, [], 'nothing asks which account to use');
    const accounts = w.api.services.session.accounts();
    assert.deepStrictEqual(accounts.map((a) => a.name).sort(), ['Acme Corp', 'Acme Labs']);
    assert.deepStrictEqual(infos, ['Signed in to Acme Corp and Acme Labs (2 accounts).']);
    // One secret for the token, shared by both accounts.
    assert.strictEqual(new Set(accounts.map((a) => a.credentialId)).size, 1);
    for (const account of accounts) {
      assert.strictEqual(account.tokenScope, 'user');
      assert.deepStrictEqual((await w.api.services.session.context(account)).credential, { kind: 'token', token });
    }
    assert.strictEqual(w.api.services.session.soleAccount(), undefined, 'both accounts are shown');
    const verifies = w.sandbox.requests().filter((r) => r.path.endsWith('/user/tokens/verify'));
    assert.ok(verifies.length >= 1, 'the token was not verified before it was stored');

    // Nowhere else: not in any setting, not in globalState.
    const settings = JSON.stringify(vscode.workspace.getConfiguration().inspect('cloudflareZt'));
    assert.ok(!settings.includes(token));
    for (const key of w.api.globalState.keys()) assert.ok(!JSON.stringify(w.api.globalState.get(key)).includes(token), `token found in globalState ${key}`);
  });

  test('a rejected token does not get stored', async () => {
    const before = w.api.services.session.accounts().length;
    w.api.prompts.override({ inputBox: async () => 'not-a-real-token', pickOne: async (items) => items[0], error: async () => undefined });
    try {
      await vscode.commands.executeCommand('cloudflareZt.signIn');
    } finally {
      w.api.prompts.restore();
    }
    assert.strictEqual(w.api.services.session.accounts().length, before);
  });

  test('an account-owned token is verified at /accounts/{id}/tokens/verify', async () => {
    await signInAs(w, w.sandbox.credentials.accountToken);
    const account = w.api.services.session.soleAccount();
    assert.strictEqual(account?.id, w.sandbox.accounts[0]?.id);
    assert.strictEqual(account?.tokenScope, 'account');
    assert.ok(w.sandbox.requests().some((r) => r.path.endsWith(`/accounts/${w.sandbox.accounts[0]?.id}/tokens/verify`) && r.status === 200));
  });

  test('"Choose accounts shown" narrows the views to one account and back to all', async () => {
    await signInAs(w, w.sandbox.credentials.userToken);
    await showAccounts(w);
    const [first, second] = w.api.services.session.accounts();
    assert.ok(first && second, 'two stored accounts expected');
    const offered: { label: string; picked: boolean }[] = [];
    w.api.prompts.override({
      pickMany: async (items) => {
        offered.push(...items.map((i) => ({ label: i.label, picked: i.picked === true })));
        return items.filter((i) => i.label === second.name);
      },
    });
    try {
      await vscode.commands.executeCommand('cloudflareZt.chooseAccounts');
    } finally {
      w.api.prompts.restore();
    }
    assert.deepStrictEqual(offered.map((o) => o.label).sort(), [first.name, second.name].sort());
    assert.ok(offered.every((o) => o.picked), 'every account starts ticked (all are shown)');
    assert.strictEqual(w.api.services.session.soleAccount()?.id, second.id);
    assert.strictEqual(w.api.services.views.get('riskScoringIntegrations')?.description, second.name);

    w.api.prompts.override({ pickMany: async (items) => items });
    try {
      await vscode.commands.executeCommand('cloudflareZt.chooseAccounts');
    } finally {
      w.api.prompts.restore();
    }
    assert.strictEqual(w.api.services.views.get('riskScoringIntegrations')?.description, '2 accounts');
    const roots = w.api.services.providers.get('riskScoringIntegrations')?.getChildren() ?? [];
    assert.deepStrictEqual(roots.map((n) => n.kind), ['account', 'account']);
  });

  test('a 401 marks the account "token rejected" once, not once per request', async () => {
    await signOutAll(w);
    await signInAs(w, w.sandbox.credentials.userToken, w.sandbox.accounts[0]?.name);
    const warnings: string[] = [];
    w.api.prompts.override({ warning: async (m) => { warnings.push(m); return undefined; }, error: async () => undefined });
    w.sandbox.addFault({ path: '/accounts/*/**', kind: 'status', status: 401, times: 0 });
    try {
      await Promise.all(allCaches(w).map((c) => c.reload()));
      await Promise.all(allCaches(w).map((c) => c.reload()));
      await eventually('the rejection warning', () => warnings.length > 0);
      assert.strictEqual(warnings.length, 1, `expected one warning, got ${warnings.length}`);
      assert.match(warnings[0] ?? '', /rejected/);
      assert.match(w.api.services.views.get('dlpIntegrationEntries')?.description ?? '', /token rejected/);
      const row = w.api.services.providers.get('riskScoringIntegrations')?.getChildren()[0];
      assert.strictEqual(row?.kind, 'message');
    } finally {
      w.sandbox.clearFaults();
      w.api.prompts.restore();
    }
  });

  test('sign out asks first, naming the account, then removes the token from SecretStorage', async () => {
    const account = w.api.services.session.soleAccount();
    assert.ok(account);
    const modals: string[] = [];
    w.api.prompts.override({ modal: async (m, d) => { modals.push(`${m}\n${d}`); return undefined; } });
    try {
      await vscode.commands.executeCommand('cloudflareZt.signOut');
      assert.ok(w.api.services.session.accountById(account.id), 'dismissing the question signs out of nothing');
      w.api.prompts.override({ modal: async (m, d, ...actions) => { modals.push(`${m}\n${d}`); return actions[0]; }, info: async () => undefined });
      await vscode.commands.executeCommand('cloudflareZt.signOut');
    } finally {
      w.api.prompts.restore();
    }
    assert.match(modals[0] ?? '', new RegExp(`^Sign out of .*${account.name}`));
    assert.match(modals[0] ?? '', /secret storage/);
    assert.ok(!w.api.services.session.accounts().some((a) => a.id === account.id));
    assert.strictEqual(await w.api.services.session.store.credentialFor(account), undefined, 'the secret is still in SecretStorage');
  });
});
