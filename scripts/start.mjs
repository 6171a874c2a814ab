// `npm start`: run the extension for real, without a Cloudflare account.
//   1. installs what is missing (npm ci; Debian chromium; Node 24 and code-server, once per machine, in a cache
//      shared by every clone: see scripts/setup-vscode-host.sh);
//   2. builds (node esbuild.mjs);
//   3. starts the sandbox Cloudflare API with seeded data (127.0.0.1:8788);
//   4. starts code-server (a real VS Code in the browser, 127.0.0.1:8080) with the extension installed and
//      cloudflareZt.apiBaseUrl pointed at the sandbox, and prints the URL to open.
// Ctrl+C (or SIGTERM) stops both; if either one dies, the other is stopped and the exit code is 1.
//
// Options: --port N (code-server, default 8080, 0 = a free one), --sandbox-port N (default 8788, 0 = a free
// one), --fresh (delete .vscode-test/start-state first).
// The server side of VS Code (user data and settings, extensions, the workspace folder) persists in
// .vscode-test/start-state. The account list and tokens live in the browser: code-server keeps secrets in the
// page's local storage, encrypted with a key from that state dir, and globalState in IndexedDB, both per URL
// origin. So a sign-in survives restarts on the same port; after --fresh the old tokens cannot be decrypted
// any more (sign in again, or use a private window for a clean slate).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules, ensureVscodeHost } from './ensure-deps.mjs';
import { launchSandbox } from './lib/sandbox-launcher.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STATE_DIR = join(ROOT, '.vscode-test', 'start-state');
const USAGE = 'usage: npm start -- [--port N (default 8080, 0 = free)] [--sandbox-port N (default 8788, 0 = free)] [--fresh (delete the saved VS Code state)]';
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

function fail(message, code = 1) {
  console.error(`start: ${message}`);
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { port: 8080, sandboxPort: 8788, fresh: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const number = () => {
      const value = inline ?? argv[++i];
      const n = Number(value);
      if (value === undefined || value === '' || !Number.isInteger(n) || n < 0 || n > 65535) fail(`${flag} needs a port number (0 = a free one)\n${USAGE}`, 2);
      return n;
    };
    if (flag === '--port') opts.port = number();
    else if (flag === '--sandbox-port') opts.sandboxPort = number();
    else if (flag === '--fresh') opts.fresh = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option ${argv[i]}\n${USAGE}`, 2);
  }
  return opts;
}

/** Whether 127.0.0.1:port can be bound now (port 0 always can). */
function portIsFree(port) {
  if (port === 0) return Promise.resolve(true);
  return new Promise((res) => {
    const probe = createServer();
    probe.once('error', () => res(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => res(true)));
  });
}

/** Runs a command to completion with inherited output; fails the start on a non-zero exit. */
function runStep(what, cmd, args) {
  return new Promise((res) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit' });
    child.once('exit', (code, signal) => (code === 0 ? res() : fail(`${what} failed (${code ?? signal})`)));
  });
}

/** Sends `signal` to a detached child's whole process group; false when it is already gone. */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs the built extension into code-server's extensions dir as <publisher>.<name>-<version> (a copy of
 * what the extension needs at run time, refreshed on every start) and registers it in extensions.json, the
 * list VS Code reads. Rewriting that file also makes VS Code drop its cached manifest, so contribution changes
 * show after a restart.
 */
function installExtension(extDir) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}`;
  const relativeLocation = `${id}-${pkg.version}`;
  const target = join(extDir, relativeLocation);
  for (const name of readdirSync(extDir)) {
    if (name.toLowerCase().startsWith(`${id.toLowerCase()}-`)) rmSync(join(extDir, name), { recursive: true, force: true });
  }
  mkdirSync(target);
  for (const item of ['package.json', 'dist', 'media', 'README.md', 'LICENSE']) {
    if (existsSync(join(ROOT, item))) cpSync(join(ROOT, item), join(target, item), { recursive: true });
  }

  const registry = join(extDir, 'extensions.json');
  let entries = [];
  try {
    entries = JSON.parse(readFileSync(registry, 'utf8'));
    if (!Array.isArray(entries)) entries = [];
  } catch {
    // missing or unreadable: start a new list
  }
  entries = entries.filter((e) => e?.identifier?.id?.toLowerCase() !== id.toLowerCase());
  entries.push({ identifier: { id }, version: pkg.version, location: { $mid: 1, path: target, scheme: 'file' }, relativeLocation });
  writeFileSync(registry, JSON.stringify(entries));

  // An uninstall from the Extensions view marks the folder obsolete; a new start installs it again.
  const obsolete = join(extDir, '.obsolete');
  if (existsSync(obsolete)) {
    try {
      const marks = JSON.parse(readFileSync(obsolete, 'utf8'));
      for (const key of Object.keys(marks)) if (key.toLowerCase().startsWith(`${id.toLowerCase()}-`)) delete marks[key];
      writeFileSync(obsolete, JSON.stringify(marks));
    } catch {
      rmSync(obsolete, { force: true });
    }
  }
  return `${id}@${pkg.version}`;
}

const opts = parseArgs(process.argv.slice(2));

// Both ports first, so a clash is one clear message, before any work and not a half-started pair.
if (!(await portIsFree(opts.sandboxPort))) {
  fail(`port ${opts.sandboxPort} on 127.0.0.1 (the sandbox API) is already in use. Stop whatever uses it, or pick another port: npm start -- --sandbox-port 8789 (0 = any free port)`);
}
if (!(await portIsFree(opts.port))) {
  fail(`port ${opts.port} on 127.0.0.1 (VS Code in the browser) is already in use. Stop whatever uses it, or pick another port: npm start -- --port 8081 (0 = any free port)`);
}

// 1. What a fresh machine lacks. vscode-host.mjs imports playwright-core, so it is loaded only after npm ci.
ensureNodeModules();
ensureVscodeHost();
const { makeState, startCodeServer } = await import('./vscode-host.mjs');

// 2. Build: dist/extension.js, media/schemas, out/sandbox/cli.js.
await runStep('the build (node esbuild.mjs)', process.execPath, ['esbuild.mjs']);

// Everything below is stopped by shutdown(), whichever way the run ends.
let sandbox, server, shortDir, stopping;
async function shutdown(code, why) {
  if (stopping) return stopping;
  stopping = (async () => {
    if (why) console.log(`\n${why}: stopping VS Code (code-server) and the sandbox…`);
    await Promise.all([server?.stop(), sandbox?.stop()]);
    if (shortDir) rmSync(shortDir, { recursive: true, force: true }); // the symlink inside goes, not its target
    if (why) console.log('stopped.');
    process.exit(code);
  })();
  return stopping;
}
let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // npm forwards the terminal's Ctrl+C too, so one keypress can arrive twice: only a later one forces.
    if (firstSignalAt && Date.now() - firstSignalAt > 1000) {
      for (const pid of [sandbox?.pid, server?.pid]) if (pid) signalGroup(pid, 'SIGKILL');
      process.exit(130);
    }
    firstSignalAt ||= Date.now();
    shutdown(0, signal === 'SIGINT' ? 'Ctrl+C' : signal);
  });
}

// If whatever started this goes away without a signal reaching here (npm killed, say), do not outlive it.
// (process.ppid is read once at startup, so ask whether that process still exists.)
const parentPid = process.ppid;
const parentGone = () => {
  try {
    process.kill(parentPid, 0);
    return false;
  } catch (e) {
    return e.code === 'ESRCH';
  }
};
setInterval(() => parentGone() && shutdown(1, 'the parent process exited'), 1000).unref();

try {
  // 3. The sandbox, with seeded data.
  // Its output is passed through: the accounts and credentials it prints.
  sandbox = launchSandbox({ root: ROOT, port: opts.sandboxPort, echo: 'all' });
  const { baseUrl, controlUrl } = await sandbox.ready;
  sandbox.exited.then((code) => shutdown(1, `the sandbox exited (${code})`));
  const info = await (await fetch(`${controlUrl}/info`)).json();
  const userToken = info?.result?.credentials?.userToken ?? 'sandbox-user-token';

  // 4. code-server with the extension, pointed at the sandbox.
  if (opts.fresh) rmSync(STATE_DIR, { recursive: true, force: true });
  mkdirSync(STATE_DIR, { recursive: true });
  // VS Code and code-server put Unix sockets in $TMPDIR and the user data dir; a socket path must stay under
  // 108 bytes. TMPDIR goes to a short temporary dir; a deep checkout reaches the state through a short symlink.
  shortDir = mkdtempSync(join(tmpdir(), 'cfzt-start-'));
  let stateDir = STATE_DIR;
  if (join(STATE_DIR, 'user-data', 'code-server-ipc.sock').length > 100) {
    stateDir = join(shortDir, 'state');
    symlinkSync(STATE_DIR, stateDir);
  }
  const s = makeState({ dir: stateDir, settings: { 'cloudflareZt.apiBaseUrl': baseUrl } });
  s.tmp = join(shortDir, 'tmp');
  mkdirSync(s.tmp);
  writeFileSync(s.log, ''); // the log of this run only
  const extension = installExtension(s.extDir);
  const folder = join(STATE_DIR, 'workspace');
  server = await startCodeServer(s, { folder, port: opts.port });
  server.exited.then((code) => {
    if (!stopping) console.error(`\ncode-server exited (${code}); its log: ${join(STATE_DIR, 'code-server.log')}`);
    shutdown(1, 'code-server exited');
  });

  console.log(`
VS Code (code-server) with the extension: http://${server.authority}/
Sign in with the sandbox token: ${userToken}
  Open the URL, click the Cloudflare Zero Trust icon in the activity bar, choose "Sign in with an API token"
  and paste the token. Extension ${extension} uses cloudflareZt.apiBaseUrl = ${baseUrl}
  State: ${STATE_DIR} (npm start -- --fresh deletes it); code-server log: ${join(STATE_DIR, 'code-server.log')}
Ready in ${seconds()} s. Ctrl+C stops both.`);
} catch (e) {
  console.error(`start: ${e.message}`);
  await shutdown(1);
}
