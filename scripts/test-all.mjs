// `npm test`: sets up what is missing, then runs every test layer in order and prints one closing line.
// Each stage's own output streams through; the counts are read from each runner's summary.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules, ensureVscodeHost } from './ensure-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

/** Stages run in this order; `counts` reads passed/failed from the stage's output, or undefined for a plain step. */
const stages = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'lint (ESLint: type-checked rules and the layer order of src/)', cmd: ['npx', 'eslint', 'src'] },
  { name: 'build', cmd: ['node', 'esbuild.mjs'] },
  // Directories are resolved after the build stage has produced them.
  { name: 'unit + API tests (Node, sandbox over loopback)', cmd: () => ['node', '--test', '--test-reporter=spec', ...['out/test/unit/', 'out/test/api/'].filter((d) => existsSync(d))], counts: nodeTestCounts },
  { name: 'contract check (API tests through prism proxy)', cmd: ['node', 'scripts/contract-check.mjs'], counts: plainCounts, optional: 'scripts/contract-check.mjs' },
  { name: 'extension host tests (real VS Code)', cmd: ['node', 'scripts/run-extension-tests.mjs'], counts: plainCounts, optional: 'scripts/run-extension-tests.mjs', needsHost: true },
  // test/e2e/ under @playwright/test: packages the .vsix first when it is missing or stale, then drives the workbench
  // in headless chromium; its last line is "e2e: N passed, N failed[, N skipped]".
  { name: 'browser e2e (packaged .vsix in code-server + chromium)', cmd: ['npx', 'playwright', 'test', '--config', 'test/e2e/playwright.config.ts'], counts: plainCounts, optional: 'test/e2e/playwright.config.ts', needsHost: true },
];

function nodeTestCounts(output) {
  const pass = /ℹ pass (\d+)/.exec(output);
  const fail = /ℹ fail (\d+)/.exec(output);
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : undefined;
}

function plainCounts(output) {
  const all = [...output.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)];
  const last = all.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const started = Date.now();
ensureNodeModules();
const summary = [];
let passed = 0;
let failed = 0;
let broken = false;
for (const stage of stages) {
  if (stage.optional && !existsSync(stage.optional)) continue;
  if (stage.needsHost) ensureVscodeHost();
  const cmd = typeof stage.cmd === 'function' ? stage.cmd() : stage.cmd;
  console.log(`\n=== ${stage.name} ===`);
  const t0 = Date.now();
  const { code, output } = await run(cmd);
  const counts = stage.counts?.(output);
  if (counts) { passed += counts.passed; failed += counts.failed; }
  const ok = code === 0 && (!counts || counts.failed === 0);
  if (!ok) broken = true;
  if (stage.counts && !counts) broken = true; // a runner that printed no summary did not really run
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${stage.name}${counts ? `: ${counts.passed} passed, ${counts.failed} failed` : ''} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (!ok && ['typecheck', 'build'].includes(stage.name)) break; // later stages would only repeat the failure
}
console.log(`\n=== summary (${((Date.now() - started) / 1000).toFixed(0)} s) ===`);
for (const line of summary) console.log(line);
if (broken && failed === 0) failed = 1; // a failed step without test counts still fails the run
console.log(`${passed} passed, ${failed} failed`);
process.exit(broken ? 1 : 0);
