// Once before the steps, in the runner's process: the packaged .vsix (packaged first when it is missing or older
// than what it is built from; the dev build in dist/ is restored after) and the sandbox CLI, out/sandbox/cli.js.
// What a fresh machine lacks (npm ci, code-server, chromium) is installed before the runner starts: see the
// "test:e2e" script in package.json.
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { loadVsixPath, ROOT } from './host';

export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, ['scripts/package-vsix.mjs', '--if-stale', '--restore-dev-build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  console.log(`package ready: ${relative(ROOT, await loadVsixPath())}`);
  execFileSync(process.execPath, ['esbuild.mjs', '--sandbox-only'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
