// Runs bench/host/index.ts (built to out/bench/host/index.js) in the real VS Code extension host, headless,
// through the project's own harness (scripts/test-in-code-server.mjs: code-server + chromium), with the
// extension of this folder (dist/extension.js) under development. A sandbox runs beside it in its own process;
// the extension reaches it through CLOUDFLARE_ZT_DEV_API_BASE_URL (and the user setting), with the account
// from CLOUDFLARE_API_TOKEN / CLOUDFLARE_ACCOUNT_ID, so the views load as soon as they are shown.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchSandbox } from '../scripts/lib/sandbox-launcher.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SANDBOX_TOKEN = 'sandbox-user-token';
export const SANDBOX_ACCOUNT = '4f8a2c6e1b3d5f7a9c0e2b4d6f8a1c3e';

/**
 * One extension-host run. mode: 'activation' | 'full' | 'accounts'. Returns the JSON the host side wrote, plus the
 * wall time of the whole run. Throws (with the harness output) when the run failed.
 * 'accounts': a sandbox of `accounts` accounts, nobody signed in (the host side signs in), `expands` = [accounts
 * expanded one at a time, of them with a CPU profiler].
 */
export async function runHost({ mode, items, accounts, expands = [9, 5] }) {
  // out/sandbox/cli.js on a free port, with `items` per family (else the default seed) and `accounts` accounts.
  const sandboxArgs = [...(items === undefined ? [] : ['--items', String(items)]), ...(accounts === undefined ? [] : ['--accounts', String(accounts)])];
  const sandbox = launchSandbox({ root: ROOT, args: sandboxArgs });
  const { baseUrl, controlUrl } = await sandbox.ready;
  const dir = mkdtempSync(join(tmpdir(), 'cfzt-bench-'));
  const output = join(dir, 'host.json');
  const started = Date.now();
  try {
    const env = {
      ...process.env,
      BENCH_HOST_MODE: mode,
      BENCH_HOST_OUTPUT: output,
      BENCH_SANDBOX_CONTROL: controlUrl,
      // The extension under development reads its base URL from here (src/ui/settings.ts): code-server
      // delivers user settings to the extension host asynchronously, and a view opened before they arrive would
      // call api.cloudflare.com. The user setting is written too, as a user would have it.
      CLOUDFLARE_ZT_DEV_API_BASE_URL: baseUrl,
      // With many accounts nobody is signed in at the start: the host side signs in with the user token.
      ...(mode === 'accounts'
        ? { CLOUDFLARE_API_TOKEN: '', CLOUDFLARE_ACCOUNT_ID: '', BENCH_SANDBOX_TOKEN: SANDBOX_TOKEN, BENCH_HOST_EXPANDS: expands.join(',') }
        : { CLOUDFLARE_API_TOKEN: SANDBOX_TOKEN, CLOUDFLARE_ACCOUNT_ID: SANDBOX_ACCOUNT }),
      VSCODE_HOST_SETTINGS: JSON.stringify({ 'cloudflareZt.apiBaseUrl': baseUrl, 'files.autoSave': 'off' }),
      TEST_TIMEOUT_S: '180',
    };
    const args = [
      join(ROOT, 'scripts/test-in-code-server.mjs'),
      `--extensionDevelopmentPath=${ROOT}`,
      `--extensionTestsPath=${join(ROOT, 'out/bench/host/index.js')}`,
    ];
    const { code, log } = await new Promise((res) => {
      const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      child.stdout.on('data', (d) => (log += d));
      child.stderr.on('data', (d) => (log += d));
      child.on('close', (c) => res({ code: c, log }));
    });
    let result;
    try {
      result = JSON.parse(readFileSync(output, 'utf8'));
    } catch {
      throw new Error(`extension host run (${mode}) wrote no result (exit ${code}):\n${log}`);
    }
    if (result.error) throw new Error(`extension host run (${mode}) failed: ${result.error}\nprobe: ${JSON.stringify(result.probe)}\n${log}`);
    return { ...result, runWallMs: Date.now() - started, itemsPerFamily: items ?? 'default seed', ...(accounts === undefined ? {} : { accountCount: accounts }) };
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // node bench/host-run.mjs [full|activation [items]] | [accounts [accounts [items [timed,profiled]]]]
  const mode = process.argv[2] ?? 'full';
  const result = mode === 'accounts'
    ? await runHost({ mode, accounts: Number(process.argv[3] ?? 100), items: Number(process.argv[4] ?? 100), expands: (process.argv[5] ?? '9,5').split(',').map(Number) })
    : await runHost({ mode, items: process.argv[3] === undefined ? 1000 : Number(process.argv[3]) });
  console.log(JSON.stringify(result, null, 2));
}
