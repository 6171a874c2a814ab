// The browser e2e (npm run test:e2e): test/e2e/scenario.spec.ts, one test per user step.
//
// Runner: @playwright/test rather than node:test, because the scenario needs what it has built in: fixtures scoped
// to the worker (one sandbox, code-server and page shared by the serial steps, set up once and torn down in order
// whichever way the run ends), serial mode (a failed step skips the steps that build on it), a global timeout (the
// watchdog), steps inside a test, and TypeScript test files that load the sandbox's typed control client as they
// are. It drives the same playwright-core as the rest of the project, against Debian's chromium
// (scripts/vscode-host.mjs): it uses no browser of its own and downloads none.
//
// Environment: VERBOSE=1 the browser console and each test's inner steps; KEEP_STATE=1 keep the code-server state
// after a pass (always kept after a failure); E2E_TIMEOUT_S=600 the whole-run watchdog; E2E_SCREENSHOTS=1 refresh
// the README pictures in docs/images/ after a pass (npm run screenshots).
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { ROOT } from './host';

export default defineConfig({
  testDir: __dirname,
  testMatch: '*.spec.ts',
  // The screenshots go here too; the runner empties it when a run starts.
  outputDir: join(ROOT, 'test-results', 'e2e'),
  globalSetup: join(__dirname, 'global-setup.ts'),
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // One step; the shared fixtures have their own (fixtures.ts).
  timeout: 180_000,
  globalTimeout: Number(process.env.E2E_TIMEOUT_S ?? 600) * 1000,
  reporter: [['list', { printSteps: Boolean(process.env.VERBOSE) }], [join(__dirname, 'summary-reporter.ts')]],
});
