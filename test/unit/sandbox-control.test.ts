// Driving the sandbox from another process (control HTTP API and SandboxControl), reset, deterministic
// seeding, the `items` scale option and the CLI.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SandboxControl, SandboxControlError } from '../sandbox/control-client';
import { cfRequest } from '../sandbox/fetch-json';
import { FAMILIES, startSandbox, type Sandbox } from '../sandbox/index';
import { isoTime } from '../sandbox/seed/timestamps';

describe('sandbox control over HTTP', () => {
  let sb: Sandbox;
  let control: SandboxControl;
  let acct: string;

  before(async () => {
    sb = await startSandbox();
    control = SandboxControl.fromBaseUrl(sb.baseUrl);
    acct = sb.accounts[0]?.id ?? '';
  });
  after(() => sb.close());

  it('finds the control URL from the API base URL and reports the sandbox info', async () => {
    assert.equal(control.controlUrl, sb.controlUrl);
    const info = await control.info();
    assert.deepEqual([info.baseUrl, info.credentials, info.accounts], [sb.baseUrl, sb.credentials, sb.accounts]);
  });

  it('adds, lists and clears faults; an invalid fault is refused', async () => {
    const fault = await control.addFault({ method: 'GET', path: '/user/tokens/verify', kind: 'status', status: 500, times: 0 });
    assert.equal(fault.remaining, null);
    assert.deepEqual((await control.faults()).map((f) => f.id), [fault.id]);
    const hit = await cfRequest(sb.baseUrl, 'GET', '/user/tokens/verify', { auth: { bearer: sb.credentials.userToken } });
    assert.equal(hit.status, 500);
    await control.clearFaults();
    assert.deepEqual(await control.faults(), []);
    await assert.rejects(control.addFault({ path: 'no-slash', kind: 'status' }), (error: unknown) => error instanceof SandboxControlError && error.status === 400);
    await assert.rejects(control.addFault(JSON.parse('{"path":"/x","kind":"explode"}')), /kind must be one of/);
  });

  it('reads and clears the request log', async () => {
    await control.clearRequests();
    await cfRequest(sb.baseUrl, 'GET', `/accounts/${acct}/dlp/entries`, { auth: { bearer: sb.credentials.userToken } });
    const log = await control.requests();
    assert.deepEqual(log.map((r) => [r.method, r.path, r.status]), [['GET', `/accounts/${acct}/dlp/entries`, 200]]);
    await control.clearRequests();
    assert.deepEqual(await control.requests(), []);
  });

  it('reads, mutates and removes state; reset brings the seed back', async () => {
    const families = await Promise.all(FAMILIES.map((f) => control.state.list(f, acct)));
    assert.deepEqual(families.map((list) => list.length), FAMILIES.map((f) => sb.list(f, acct).length));
    const risk = (await control.list('riskScoringIntegrations', acct))[0];
    assert.ok(risk);
    const changed = await control.mutate('riskScoringIntegrations', acct, risk.id, { tenant_url: 'https://someone-else.okta.com' });
    assert.equal(changed.tenant_url, 'https://someone-else.okta.com');
    const api = await cfRequest<{ tenant_url: string }>(sb.baseUrl, 'GET', `/accounts/${acct}/zt_risk_scoring/integrations/${risk.id}`, { auth: { bearer: sb.credentials.userToken } });
    assert.equal(api.body.result.tenant_url, 'https://someone-else.okta.com', 'the API serves the mutated record');
    const entry = sb.list('dlpIntegrationEntries', acct)[0];
    const mutated = await control.state.mutate('dlpIntegrationEntries', acct, entry?.id ?? '', { enabled: !entry?.enabled });
    assert.ok(Date.parse(mutated.updated_at) > Date.parse(entry?.updated_at ?? ''), 'a mutation moves updated_at');
    assert.equal(await control.remove('riskScoringIntegrations', acct, risk.id), true);
    assert.equal(await control.getResource('riskScoringIntegrations', acct, risk.id), undefined);
    assert.equal(await control.remove('riskScoringIntegrations', acct, risk.id), false);
    assert.ok((await control.profiles(acct)).some((p) => p.type === 'integration' && p.name.startsWith('MIP Sensitivity Labels')));
    await assert.rejects(control.state.list('riskScoringIntegrations', 'f'.repeat(32)), /not found/);
    await control.addFault({ path: '/**', kind: 'hang' });
    await control.reset();
    assert.deepEqual(await control.faults(), []);
    assert.deepEqual(await control.requests(), []);
    assert.equal((await control.getResource('riskScoringIntegrations', acct, risk.id))?.tenant_url, risk.tenant_url);
  });
});

describe('sandbox seeding', () => {
  it('is deterministic per seed, with fixed account ids', async () => {
    const [a, b, c] = await Promise.all([startSandbox({ seed: 7 }), startSandbox({ seed: 7 }), startSandbox({ seed: 8 })]);
    try {
      const acct = a.accounts[0]?.id ?? '';
      for (const family of FAMILIES) assert.deepEqual(a.list(family, acct), b.list(family, acct), family);
      assert.notDeepEqual(a.list('riskScoringIntegrations', acct).map((r) => r.id), c.list('riskScoringIntegrations', acct).map((r) => r.id));
      assert.deepEqual(a.accounts, c.accounts);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  // Speed is a benchmark figure (npm run bench), never a test assertion: this checks only what is seeded and served.
  it('seeds 10,000 per family per account and serves the list', async () => {
    const big = await startSandbox({ items: 10_000 });
    try {
      for (const account of big.accounts) {
        for (const family of FAMILIES) assert.equal(big.list(family, account.id).length, 10_000, `${family} in ${account.name}`);
      }
      const acct = big.accounts[0]?.id ?? '';
      const profiles = big.profiles(acct).filter((p) => p.type === 'integration');
      assert.deepEqual(profiles.map((p) => p.entry_ids.length), [5000, 5000]);
      const reply = await cfRequest<unknown[]>(big.baseUrl, 'GET', `/accounts/${acct}/devices/posture/integration`, { auth: { bearer: big.credentials.userToken } });
      assert.equal(reply.body.result.length, 10_000);
      assert.equal(reply.body.result_info?.total_count, 10_000);
    } finally {
      await big.close();
    }
  });

  it('formats seeded times exactly like Date#toISOString', () => {
    for (const ms of [Date.UTC(2025, 0, 1), Date.UTC(2025, 1, 28, 23, 59, 59, 999), Date.UTC(2025, 11, 31, 0, 0, 0, 7), Date.UTC(2025, 5, 15, 9, 5, 3, 45)]) {
      assert.equal(isoTime(ms), new Date(ms).toISOString());
    }
  });

  it('seeds empty families with items: 0', async () => {
    const empty = await startSandbox({ items: 0 });
    try {
      for (const family of FAMILIES) assert.deepEqual(empty.list(family, empty.accounts[0]?.id ?? ''), []);
    } finally {
      await empty.close();
    }
  });
});

describe('sandbox CLI', () => {
  const cli = join(__dirname, '../../sandbox/cli.js');

  it('prints its URL first, then accounts and credentials, and exits cleanly on SIGTERM', { skip: !existsSync(cli) && 'out/sandbox/cli.js not built' }, async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--items', '3', '--seed', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!output.includes('Global API Key')) await new Promise((r) => setTimeout(r, 20));
    const match = /^Sandbox Cloudflare API listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)\n/.exec(output);
    assert.ok(match, output);
    assert.match(output, /sandbox-user-token/);
    const reply = await cfRequest<unknown[]>(match[1] as string, 'GET', '/accounts/4f8a2c6e1b3d5f7a9c0e2b4d6f8a1c3e/zt_risk_scoring/integrations', { auth: { bearer: 'sandbox-user-token' } });
    assert.equal(reply.body.result.length, 3);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
