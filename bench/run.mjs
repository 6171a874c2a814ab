#!/usr/bin/env node
// `npm run bench`: the extension side by side with the floor and the official SDK, requests per user action,
// activation in the real extension host, bundle size, and heap growth over many refreshes. Figures only: no
// assertion on any time. Writes bench/results/latest.json and bench/results/latest.md and prints the table.
//
//   npm run bench                 everything (about 6 minutes on a 2-core machine)
//   npm run bench -- --quick      fewer repetitions and refreshes (a smoke run; results marked as quick)
//   npm run bench -- --no-host    skip the extension-host parts (activation, requests per action)
//   npm run bench -- --out DIR    write the results elsewhere (default bench/results)
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSize } from '../scripts/bundle-size.mjs';
import { ensureNodeModules, ensureVscodeHost } from '../scripts/ensure-deps.mjs';
import { buildBench } from './build.mjs';
import { runHost } from './host-run.mjs';
import { renderMarkdown } from './report.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const withHost = !args.includes('--no-host');
const outIndex = args.indexOf('--out');
const outDir = resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : join(ROOT, 'bench/results'));

const started = Date.now();
const step = (text) => console.log(`\n[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${text}`);
/** The 1-minute load average when each part starts and at the end: other work on the machine skews the figures. */
const load = {};
const noteLoad = (part) => (load[part] = Math.round(loadavg()[0] * 100) / 100);

/** Runs a command with its output streamed; rejects on a non-zero exit. */
function run(cmd, cmdArgs, options = {}) {
  return new Promise((res, rej) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...options });
    child.on('close', (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${cmdArgs.join(' ')} exited ${code}`))));
  });
}

/** The plain-Node benchmark in its own process (--expose-gc), returning what it wrote. */
async function nodeBench(mode, extra) {
  const dir = mkdtempSync(join(tmpdir(), 'cfzt-bench-'));
  const out = join(dir, `${mode}.json`);
  try {
    await run(process.execPath, ['--expose-gc', join(ROOT, 'out/bench/node/main.js'), mode, out, ...extra]);
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    freeMemoryGiBAtStart: Math.round((freemem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}

ensureNodeModules();
const versionOf = (pkg) => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
/** The commit measured, and whether the working tree had changes on top of it (they are measured too). */
function revision() {
  const git = (...gitArgs) => execFileSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    const changed = git('status', '--porcelain', '--untracked-files=no', '--', 'src', 'package.json', 'esbuild.mjs', 'bench', 'test/sandbox');
    return { commit: git('rev-parse', '--short', 'HEAD'), changedFiles: changed ? changed.split('\n').length : 0 };
  } catch {
    return undefined;
  }
}

const result = {
  date: new Date().toISOString(),
  quick,
  revision: revision(),
  machine: machine(),
  versions: { cloudflare: versionOf('cloudflare'), undici: versionOf('undici'), zod: versionOf('zod') },
};

step('building: the production extension bundle (node esbuild.mjs --production), the sandbox and the bench bundles');
await run(process.execPath, ['esbuild.mjs', '--production']);
await buildBench();

step('bundle size (dist/meta.json)');
result.bundle = bundleSize(join(ROOT, 'dist/meta.json'));
console.log(`  dist/extension.js: ${(result.bundle.bytes / 1024).toFixed(1)} KiB minified`);

noteLoad('refresh');
step('refresh of all three families: extension vs floor vs SDK (alternating; sandbox in its own process)');
result.refresh = await nodeBench('refresh', quick ? ['10,1000,10000', '5,3,2'] : ['10,1000,10000', '30,15,9']);

noteLoad('memory');
step(`memory: heap used after ${quick ? 100 : 500} refreshes of 1,000 items per family vs after the first`);
result.memory = await nodeBench('memory', ['1000', quick ? '100' : '500']);

if (withHost) {
  noteLoad('host');
  step('extension host (code-server): activation, first items, requests per user action');
  ensureVscodeHost();
  const runs = [];
  // The first run also counts requests per action; the others repeat the activation figures (one per host start).
  runs.push(await runHost({ mode: 'full', items: 1000 }));
  for (let i = 1; i < (quick ? 2 : 5); i++) runs.push(await runHost({ mode: 'activation', items: 1000 }));
  result.host = {
    vscodeVersion: runs[0]?.vscodeVersion,
    hostNode: runs[0]?.node,
    itemsPerFamily: 1000,
    activation: runs.map((r) => r.activation),
    paintedRefresh: runs[0]?.paintedRefresh,
    requests: runs[0]?.requests,
  };

  noteLoad('accounts');
  step('extension host, 100 accounts × 100 items per family: sign-in, the roots, one account expanded, fifty at once');
  const many = await runHost({ mode: 'accounts', accounts: 100, items: 100, expands: quick ? [3, 2] : [9, 5] });
  result.host.accounts = { accountCount: many.accountCount, itemsPerFamily: many.itemsPerFamily, ...many.accounts };
  const one = many.accounts.expandOne;
  const fifty = many.accounts.expandFifty;
  console.log(`  first rows of an expanded account: ${one.firstRowsMs.median} ms (median of ${one.samples.length}), process CPU ${one.firstRowsCpuMs.median} ms;` +
    ` one round trip ${many.accounts.roundTrip.oneList.median} ms; fifty at once: ${fifty.loopback.totalMs} ms on loopback,` +
    ` ${fifty.latency20ms.totalMs} ms with 20 ms answers (peak ${fifty.latency20ms.peakInFlight} in flight, ${fifty.latency20ms.requests} requests)`);
}

result.durationS = Math.round((Date.now() - started) / 1000);
noteLoad('end');
result.loadAverage = load;
mkdirSync(outDir, { recursive: true });
const markdown = renderMarkdown(result);
writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(outDir, 'latest.md'), markdown);
step(`done in ${result.durationS} s: ${join(outDir, 'latest.md')} and latest.json\n`);
console.log(markdown);
