// Installs what the project needs on a fresh machine, and nothing when it is already there:
// the npm dependencies (npm ci, when node_modules is missing or older than the lock file) and, when asked
// for with --vscode-host, the headless VS Code host (Debian chromium; Node 24 and code-server, installed once
// per machine into a shared cache by scripts/setup-vscode-host.sh, which prints its own progress).
// Each install prints a line when it starts and one with the elapsed time when it is done; npm ci's own
// output streams through.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

export function ensureNodeModules() {
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return false;
  const started = Date.now();
  console.log('setup: installing npm dependencies (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
  console.log(`setup: … npm dependencies done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

export function ensureVscodeHost() {
  execFileSync('bash', [join(root, 'scripts', 'setup-vscode-host.sh')], { cwd: root, stdio: 'inherit' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureNodeModules();
  if (process.argv.includes('--vscode-host')) ensureVscodeHost();
}
