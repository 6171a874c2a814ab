// The one way the support scripts run the sandbox Cloudflare API (out/sandbox/cli.js) beside them: `npm start`
// (scripts/start.mjs), the browser e2e (test/e2e/), the contract check (scripts/contract-check.mjs) and both
// benchmarks (bench/host-run.mjs, and bench/node/sandboxProcess.ts, which esbuild bundles with this file).
// Types: sandbox-launcher.d.mts.
//
//   const sandbox = launchSandbox({ root, port: 0, args: ['--items', '1000'] });
//   const { baseUrl, controlUrl } = await sandbox.ready;
//   …
//   await sandbox.stop();
//
// - The CLI runs in its own process group, so a terminal's Ctrl+C reaches only the script, which stops it in order,
//   and stop() signals the whole group.
// - Its stdin is a pipe from this process. When this process ends, however it ends (an uncaught error, a watchdog,
//   SIGKILL), the pipe closes and the sandbox stops itself (EXIT_WITH_PARENT): it never outlives what started it.
// - `ready` resolves with the base URL read from the line the CLI prints first,
//   "Sandbox Cloudflare API listening on http://127.0.0.1:PORT/client/v4".
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** @typedef {import('./sandbox-launcher.mjs').SandboxLaunchOptions} SandboxLaunchOptions */
/** @typedef {import('./sandbox-launcher.mjs').SandboxEndpoints} SandboxEndpoints */
/** @typedef {import('./sandbox-launcher.mjs').SandboxProcess} SandboxProcess */

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)/;
const KEPT_OUTPUT = 16 * 1024;
const STOP_GRACE_MS = 5000;

/**
 * Loaded into the sandbox process ahead of the CLI (node --import): the end of its stdin means the process that
 * started it is gone, and the sandbox then stops as on SIGTERM (the CLI closes its server and exits).
 */
const EXIT_WITH_PARENT = "data:text/javascript,process.stdin.on('end',()=>process.kill(process.pid,'SIGTERM')).on('error',()=>{}).resume()";

/**
 * Starts the sandbox CLI on 127.0.0.1 (`port`, default 0: a free one) with the given flags, as a child in its own
 * process group. Returns at once; `ready` tells when (and where) it listens.
 * @param {SandboxLaunchOptions} options
 * @returns {SandboxProcess}
 */
export function launchSandbox({ root, port = 0, args = [], echo = 'errors', startTimeoutMs = 60_000 }) {
  const child = spawn(process.execPath, ['--import', EXIT_WITH_PARENT, join(root, 'out/sandbox/cli.js'), '--port', String(port), ...args], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  /** @type {Promise<number | string>} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const running = () => child.exitCode === null && child.signalCode === null;
  /** @param {NodeJS.Signals} signal */
  const signalGroup = (signal) => {
    if (child.pid === undefined || !running()) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // ESRCH: gone in the meantime
    }
  };

  /** @type {Promise<void> | undefined} */
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      signalGroup('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
      signalGroup('SIGKILL');
    })();
    return stopping;
  };

  // Both streams are read for the whole run (a full pipe would stall the sandbox); the end of it is kept.
  let kept = '';
  const keep = (/** @type {string} */ text) => {
    kept = (kept + text).slice(-KEPT_OUTPUT);
  };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (/** @type {string} */ text) => {
    keep(text);
    if (echo !== 'none') process.stderr.write(text);
  });

  /** @type {Promise<SandboxEndpoints>} */
  const ready = new Promise((resolve, reject) => {
    /** @type {string | null} stdout until the listening line has been seen */
    let head = '';
    const fail = (/** @type {string} */ why) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox ${why}${kept.trim() ? `; its output:\n${kept.trimEnd()}` : ''}`));
    };
    const timer = setTimeout(() => {
      fail(`did not listen within ${startTimeoutMs / 1000} s`);
      void stop();
    }, startTimeoutMs);
    child.stdout.on('data', (/** @type {string} */ text) => {
      keep(text);
      if (echo === 'all') process.stdout.write(text);
      if (head === null) return;
      head += text;
      const match = LISTENING.exec(head);
      if (!match?.[1]) return;
      head = null;
      clearTimeout(timer);
      resolve({ baseUrl: match[1], controlUrl: match[1].replace(/\/client\/v4$/, '/__sandbox') });
    });
    child.once('error', (error) => fail(`could not be started: ${error.message}`));
    void exited.then((code) => fail(`exited (${code}) before listening`)); // no effect once it listens
  });

  return { pid: child.pid ?? 0, ready, exited, stop };
}
