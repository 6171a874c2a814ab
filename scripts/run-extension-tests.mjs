// `npm run test:ext`: runs the mocha suite (out/test/integration/*.test.js, built by `node esbuild.mjs`) in a
// real VS Code extension host through @vscode/test-electron's runTests(), with our headless code-server
// harness standing in for the VS Code executable (nothing is downloaded).
//
// Environment:
//   EXTENSION_ROOT        extension folder to test (default: this project); tests at <root>/out/test/integration/index.js
//   MOCHA_GREP            run only the tests whose full title matches
//   VSCODE_HOST_SETTINGS  JSON object of extra user settings, e.g. '{"cloudflareZt.apiBaseUrl":"http://127.0.0.1:8787"}'
//   TEST_TIMEOUT_S, VERBOSE, KEEP_STATE   see scripts/test-in-code-server.mjs
// Any other variable set by the caller (e.g. SANDBOX_URL) reaches the extension host's process.env.
// Exit code: 0 pass, 1 tests failed, 124 timeout, 2 harness error.
import testElectron from '@vscode/test-electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './vscode-host.mjs';

const { runTests, TestRunFailedError } = testElectron;
const extensionRoot = resolve(process.env.EXTENSION_ROOT ?? ROOT);
const extensionTestsPath = join(extensionRoot, 'out/test/integration/index.js');

if (!existsSync(extensionTestsPath)) {
  console.error(`missing ${extensionTestsPath}: build first (node esbuild.mjs)`);
  process.exit(2);
}

try {
  await runTests({
    vscodeExecutablePath: join(ROOT, 'scripts/test-in-code-server.mjs'), // executable, with a node shebang
    extensionDevelopmentPath: extensionRoot,
    extensionTestsPath,
    // (runTests also passes --user-data-dir/--extensions-dir under ./.vscode-test; the harness ignores them
    // and gives each run a fresh state dir.)
    // runTests merges this over process.env for the harness; code-server and then the extension host inherit
    // it. Passing the whole environment explicitly keeps that contract even if runTests stops merging.
    extensionTestsEnv: { ...process.env },
  });
} catch (e) {
  if (e instanceof TestRunFailedError) process.exit(typeof e.code === 'number' ? e.code : 1);
  console.error(`run-extension-tests: ${e.message}`);
  process.exit(2);
}
