import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { getWorld, signInAs, signOutAll, eventually, type World } from './harness';

suite('Accounts: sign in, SecretStorage, sign out', () => {
  let w: World;
  suiteSetup(async () => {
    w = await getWorld();
    await signOutAll(w);
  });

  test('with no account the views are empty so the welcome (sign-in) content shows', async () => {
    assert.strictEqual(w.api.services.session.account(), undefined);
    for (const provider of w.api.services.providers.values()) assert.deepStrictEqual(provider.getChildren(), []);
  });

  test('sign-in verifies the token, lets the user pick the account, and keeps the token only in SecretStorage', async () => {
    const token = w.sandbox.credentials.userToken;
    const asked: vscode.InputBoxOptions[] = [];
    const offered: string[] = [];
    w.api.prompts.override({
      inputBox: async (options) => { asked.push(options); return token; },
      pickOne: async (items) => { offered.push(...items.map((i) => i.label)); return items.find((i) => i.label === w.sandbox.accounts[1]?.name); },
    });
    try {
      await vscode.commands.executeCommand('cloudflareZt.signIn');
    } finally {
      w.api.prompts.restore();
    }
    assert.strictEqual(asked[0]?.password, true, 'the token box must mask input');
    assert.deepStrictEqual(offered.sort(), w.sandbox.accounts.map((a) => a.name).sort());
    const account = w.api.services.session.account();
    assert.strictEqual(account?.id, w.sandbox.accounts[1]?.id);
    assert.strictEqual(account?.tokenScope, 'user');
    const credential = (await w.api.services.session.context()).credential;
    assert.deepStrictEqual(credential, { kind: 'token', token });
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
    const account = w.api.services.session.account();
    assert.strictEqual(account?.id, w.sandbox.accounts[0]?.id);
    assert.strictEqual(account?.tokenScope, 'account');
    assert.ok(w.sandbox.requests().some((r) => r.path.endsWith(`/accounts/${w.sandbox.accounts[0]?.id}/tokens/verify`) && r.status === 200));
  });

  test('switch account changes the active account and the views', async () => {
    const [first, second] = w.api.services.session.accounts();
    assert.ok(first && second, 'two stored accounts expected');
    const target = w.api.services.session.account()?.id === first.id ? second : first;
    w.api.prompts.override({ pickOne: async (items) => items.find((i) => i.label === target.name) });
    try {
      await vscode.commands.executeCommand('cloudflareZt.switchAccount');
    } finally {
      w.api.prompts.restore();
    }
    assert.strictEqual(w.api.services.session.account()?.id, target.id);
    assert.strictEqual(w.api.services.views.get('riskScoringIntegrations')?.description, target.name);
  });

  test('a 401 marks the account "token rejected" once, not once per request', async () => {
    await signOutAll(w);
    await signInAs(w, w.sandbox.credentials.userToken, w.sandbox.accounts[0]?.name);
    const warnings: string[] = [];
    w.api.prompts.override({ warning: async (m) => { warnings.push(m); return undefined; }, error: async () => undefined });
    w.sandbox.addFault({ path: '/accounts/*/**', kind: 'status', status: 401, times: 0 });
    try {
      await Promise.all([...w.api.services.caches.values()].map((c) => c.reload()));
      await Promise.all([...w.api.services.caches.values()].map((c) => c.reload()));
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

  test('sign out removes the token from SecretStorage', async () => {
    const account = w.api.services.session.account();
    assert.ok(account);
    await vscode.commands.executeCommand('cloudflareZt.signOut');
    assert.ok(!w.api.services.session.accounts().some((a) => a.id === account.id));
    assert.strictEqual(await w.api.services.session.store.credentialFor(account), undefined, 'the secret is still in SecretStorage');
  });
});
