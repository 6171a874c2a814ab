// Driving the sandbox from another process (control HTTP API and SandboxControl), planting raw records,
// reset, deterministic seeding, timestamps, the `items` scale option and the CLI.
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

  it('inserts raw records the API lists as they are: an unknown posture type and an unknown field', async () => {
    await control.reset();
    const auth = { bearer: sb.credentials.userToken };
    const api = <R>(path: string, method = 'GET', body?: unknown) => cfRequest<R>(sb.baseUrl, method, `/accounts/${acct}${path}`, { auth, body });
    const planted = await control.insert('devicePostureIntegrations', acct, {
      name: 'iVerify',
      type: 'iverify_s2s',
      interval: '10m',
      config: { api_url: 'https://api.iverify.example', client_id: 'iv-id', client_secret: 'sbx-iverify-secret', region: 'eu' },
      x_new_field: { nested: [1, 2] },
    });
    assert.match(planted.id, /^[0-9a-f-]{36}$/, 'an id is generated when absent');
    assert.equal(planted.type, 'iverify_s2s');
    const list = await api<Record<string, unknown>[]>('/devices/posture/integration');
    assert.equal(list.status, 200);
    const listed = list.body.result.find((i) => i.id === planted.id);
    assert.deepEqual(listed, {
      id: planted.id,
      name: 'iVerify',
      type: 'iverify_s2s',
      interval: '10m',
      config: { api_url: 'https://api.iverify.example', client_id: 'iv-id', region: 'eu' },
      x_new_field: { nested: [1, 2] },
      identifier: '',
      schema: {},
      test_results: {},
    });
    assert.doesNotMatch(list.text, /sbx-iverify-secret/, 'a planted secret is still never returned');
    assert.equal(list.body.result_info?.total_count, list.body.result.length);
    assert.deepEqual((await api(`/devices/posture/integration/${planted.id}`)).body.result, listed);
    assert.equal((await control.state.getResource('devicePostureIntegrations', acct, planted.id))?.type, 'iverify_s2s' as never);
    // The API keeps working around it: a rename goes through, a config without a known type is a 400.
    assert.equal((await api(`/devices/posture/integration/${planted.id}`, 'PATCH', { name: 'iVerify (renamed)' })).status, 200);
    const config = await api(`/devices/posture/integration/${planted.id}`, 'PATCH', { config: { client_id: 'k', client_secret: 's' } });
    assert.deepEqual([config.status, config.body.errors.map((e) => e.source?.pointer)], [400, ['/type']]);
    assert.equal((await api(`/devices/posture/integration/${planted.id}`, 'DELETE')).status, 200);

    const minimal = await control.insert('devicePostureIntegrations', acct, { id: 'planted-1', name: 'no type, no config' });
    const withMinimal = await api<Record<string, unknown>[]>('/devices/posture/integration');
    assert.deepEqual(withMinimal.body.result.find((i) => i.id === minimal.id), { id: 'planted-1', name: 'no type, no config', identifier: '', schema: {}, test_results: {} });
    await assert.rejects(control.insert('devicePostureIntegrations', acct, { id: 'planted-1' }), (error: unknown) => error instanceof SandboxControlError && error.status === 409);
    await assert.rejects(control.insert('devicePostureIntegrations', acct, { id: 7 } as never), (error: unknown) => error instanceof SandboxControlError && error.status === 400);
    await assert.rejects(control.insert('devicePostureIntegrations', 'f'.repeat(32), { name: 'x' }), (error: unknown) => error instanceof SandboxControlError && error.status === 404);

    const risk = await control.state.insert('riskScoringIntegrations', acct, { ...(await control.list('riskScoringIntegrations', acct))[0], id: '22222222-2222-4222-8222-222222222222', reference_id: 'planted', x_extra: true });
    const risks = await api<Record<string, unknown>[]>('/zt_risk_scoring/integrations');
    assert.equal(risks.body.result.find((r) => r.id === risk.id)?.x_extra, true);

    const profile = (await control.profiles(acct)).find((p) => p.type === 'integration');
    const entry = await control.insert('dlpIntegrationEntries', acct, { type: 'integration', name: 'Planted label', enabled: true, profile_id: profile?.id, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z', x_extra: 1 });
    const topic = await control.insert('dlpIntegrationEntries', acct, { type: 'custom_prompt_topic', name: 'A type the sandbox never seeds', enabled: false });
    const entries = await api<Record<string, unknown>[]>('/dlp/entries');
    assert.deepEqual(entries.body.result.find((e) => e.id === entry.id), entry);
    assert.equal(entries.body.result.find((e) => e.id === topic.id)?.type, 'custom_prompt_topic');
    assert.ok((await control.list('dlpIntegrationEntries', acct)).some((e) => e.id === entry.id));
    assert.ok(!(await control.list('dlpIntegrationEntries', acct)).some((e) => e.id === topic.id), 'only integration entries are the family');
    assert.ok((await control.profiles(acct)).find((p) => p.id === profile?.id)?.entry_ids.includes(entry.id), 'joins its profile');
    await control.reset();
    assert.equal(await control.getResource('devicePostureIntegrations', acct, 'planted-1'), undefined, 'reset removes planted records');
  });

  it('inserts through the module API too', () => {
    const planted = sb.state.insert('devicePostureIntegrations', acct, { type: 'iverify_s2s', name: 'direct' });
    assert.equal(sb.insert, sb.state.insert);
    assert.equal(sb.getResource('devicePostureIntegrations', acct, planted.id)?.name, 'direct');
    assert.throws(() => sb.insert('devicePostureIntegrations', acct, { id: planted.id }), /already exists/);
    sb.reset();
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
        for (const family of FAMILIES) {
          // Risk scoring is seeded only where the plan has it (Enterprise): the standard account holds none.
          const expected = family === 'riskScoringIntegrations' && !account.features.includes('risk_scoring') ? 0 : 10_000;
          assert.equal(big.list(family, account.id).length, expected, `${family} in ${account.name}`);
        }
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

  it('formats seeded times like Cloudflare: Date#toISOString to the second, no milliseconds', () => {
    for (const ms of [Date.UTC(2025, 0, 1), Date.UTC(2025, 1, 28, 23, 59, 59, 999), Date.UTC(2025, 11, 31, 0, 0, 0, 7), Date.UTC(2025, 5, 15, 9, 5, 3, 45)]) {
      assert.equal(isoTime(ms), new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    }
    assert.equal(isoTime(Date.UTC(2025, 5, 15, 9, 5, 3, 45)), '2025-06-15T09:05:03Z');
  });

  it('gives every timestamp it makes whole seconds: seeded records, accounts, writes', async () => {
    const sb = await startSandbox({ accountCount: 3 });
    try {
      const SECONDS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
      const acct = sb.accounts[0]?.id ?? '';
      for (const account of sb.accounts) assert.match(account.created_on, SECONDS_Z);
      const times = [
        ...sb.list('dlpIntegrationEntries', acct).flatMap((e) => [e.created_at, e.updated_at]),
        ...sb.list('riskScoringIntegrations', acct).map((r) => r.created_at),
      ];
      for (const time of times) assert.match(time, SECONDS_Z);
      const auth = { bearer: sb.credentials.userToken };
      const entry = sb.list('dlpIntegrationEntries', acct)[0];
      const writes = [];
      for (let i = 0; i < 3; i++) {
        const reply = await cfRequest<{ updated_at: string }>(sb.baseUrl, 'PUT', `/accounts/${acct}/dlp/entries/integration/${entry?.id}`, { auth, body: { enabled: i % 2 === 0 } });
        writes.push(reply.body.result.updated_at);
      }
      for (const time of writes) assert.match(time, SECONDS_Z);
      assert.ok(Date.parse(writes[0] ?? '') < Date.parse(writes[1] ?? '') && Date.parse(writes[1] ?? '') < Date.parse(writes[2] ?? ''), 'fast writes still never share an updated_at');
      const risk = await cfRequest<{ created_at: string }>(sb.baseUrl, 'POST', `/accounts/${acct}/zt_risk_scoring/integrations`, { auth, body: { integration_type: 'Okta', tenant_url: 'https://t.okta.com' } });
      assert.match(risk.body.result.created_at, SECONDS_Z);
    } finally {
      await sb.close();
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
    assert.match(output, /read-only token: +sandbox-readonly-token/);
    assert.match(output, /Acme Labs \(standard, no risk scoring\)/);
    const reply = await cfRequest<unknown[]>(match[1] as string, 'GET', '/accounts/4f8a2c6e1b3d5f7a9c0e2b4d6f8a1c3e/zt_risk_scoring/integrations', { auth: { bearer: 'sandbox-user-token' } });
    assert.equal(reply.body.result.length, 3);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
