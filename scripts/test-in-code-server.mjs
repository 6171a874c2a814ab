#!/usr/bin/env node
// Runs extension integration tests in a real VS Code extension host, headless, with no VS Code download:
// code-server (VS Code 1.139 server) + Debian chromium opening the workbench with a smoke-test payload.
// Takes VS Code CLI-style arguments, so it also works as `vscodeExecutablePath` for @vscode/test-electron:
//   test-in-code-server.mjs --extensionDevelopmentPath=<dir> --extensionTestsPath=<file.js> [workspace-folder]
// Other VS Code flags (--no-sandbox, --user-data-dir=..., ...) are accepted and ignored: every run gets its own
// fresh state dir. Exit code: 0 pass, 1 tests failed, 124 timeout, 130 interrupted, 2 harness error.
//
// Environment: TEST_TIMEOUT_S (default 600), VERBOSE=1 (echo the browser console, where all workbench and
// extension-host logs go), KEEP_STATE=1 (keep the state dir after a pass; it is always kept otherwise),
// VSCODE_HOST_SETTINGS='{"key": value}' (extra user settings). Every variable set here reaches the
// extension host's process.env, plus EXTENSION_TESTS_OUTPUT (a file the test entry mirrors its report to).
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchChromium, makeState, startCodeServer } from './vscode-host.mjs';

const started = Date.now();

function parseArgs(argv) {
  const opts = { dev: [], tests: undefined, folder: undefined };
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) {
      opts.folder ??= resolve(argv[i]);
      continue;
    }
    let [key, value] = argv[i].slice(2).split(/=(.*)/s);
    if (valued.has(key) && value === undefined) value = argv[++i];
    if (key === 'extensionDevelopmentPath' && value) opts.dev.push(resolve(value));
    if (key === 'extensionTestsPath' && value) opts.tests = resolve(value);
  }
  return opts;
}

function parseSettings() {
  const raw = process.env.VSCODE_HOST_SETTINGS;
  if (!raw) return {};
  const parsed = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('VSCODE_HOST_SETTINGS must be a JSON object');
  return parsed;
}

/** Streams what the test entry appends to `file` to our stdout while the tests run. */
function tailFile(file) {
  let offset = 0;
  const buf = Buffer.alloc(64 * 1024);
  const flush = () => {
    let fd;
    try {
      fd = openSync(file, 'r');
    } catch {
      return; // not written yet
    }
    try {
      for (let n; (n = readSync(fd, buf, 0, buf.length, offset)) > 0; offset += n) process.stdout.write(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  };
  const timer = setInterval(flush, 250);
  return {
    stop: () => { clearInterval(timer); flush(); },
    printedAnything: () => offset > 0,
  };
}

const opts = parseArgs(process.argv.slice(2));
if (!opts.tests || opts.dev.length === 0) {
  console.error('usage: test-in-code-server.mjs --extensionDevelopmentPath=<dir> --extensionTestsPath=<file.js> [workspace-folder]');
  process.exit(2);
}

let s;
try {
  s = makeState({ settings: parseSettings() });
} catch (e) {
  console.error(`harness error: ${e.message}`);
  process.exit(2);
}
const folder = opts.folder ?? join(s.state, 'workspace');
const output = join(s.state, 'extension-tests-output.log');
const tail = tailFile(output);

// The first outcome wins: test result, timeout, signal, or a dead server/browser/page.
let result, resolveDone;
const done = new Promise((r) => (resolveDone = r));
const finish = (c) => { if (result === undefined) { result = c; resolveDone(c); } };
const onSignal = () => finish(130);
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

let server, browser, code = 2;
try {
  server = await startCodeServer(s, { folder, smokeDriver: true, env: { EXTENSION_TESTS_OUTPUT: output } });
  server.exited.then((c) => {
    if (result === undefined) console.error(`harness error: code-server exited (${c}) during the run`);
    finish(2);
  });
  // Paths in the payload are server paths; the authority must equal the host:port the page is loaded from.
  const remote = (p) => `vscode-remote://${server.authority}${p}`;
  const payload = [
    ...opts.dev.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(opts.tests)],
  ];
  browser = await launchChromium(s);
  browser.on('disconnected', () => finish(2));
  const page = await browser.newPage();
  page.on('crash', () => {
    if (result === undefined) console.error('harness error: the workbench page crashed');
    finish(2);
  });
  // The only trustworthy result: the workbench calls this when the test runner's run() settles
  // (the extension-host process itself exits 0 even when tests failed).
  await page.exposeFunction('codeAutomationExit', (c) => finish(c === 0 ? 0 : 1));
  if (process.env.VERBOSE) {
    page.on('console', async (m) => {
      const v = await Promise.all(m.args().map((h) => h.jsonValue().catch(() => String(h))));
      // VS Code logs as ('%c INFO', 'color: ...', fmt, ...args); drop the styling pair.
      console.log('[browser]', typeof v[0] === 'string' && v[0].startsWith('%c') ? format(...v.slice(2)) : m.text());
    });
  }
  const timer = setTimeout(() => finish(124), Number(process.env.TEST_TIMEOUT_S ?? 600) * 1000);
  await page.goto(`http://${server.authority}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  code = await done;
  clearTimeout(timer);
} catch (e) {
  console.error(`harness error: ${e.message}`);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  tail.stop();
}

if (!tail.printedAnything() && code !== 0) console.error(`no test output captured (rerun with VERBOSE=1; server log: ${s.log})`);
const why = { 0: 'passed', 1: 'tests failed', 2: 'harness error', 124: 'timeout', 130: 'interrupted' }[code];
console.log(`extension host tests exit code: ${code} (${why}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (code === 0 && !process.env.KEEP_STATE) rmSync(s.state, { recursive: true, force: true });
else console.log(`state kept in ${s.state} (code-server log: ${s.log})`);
process.exit(code);
