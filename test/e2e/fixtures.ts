// What the e2e steps share, as Playwright fixtures scoped to the worker. The scenario runs serially in one worker,
// so every step sees the same sandbox, code-server and page: set up once, in that order, before the first step,
// and torn down in the reverse order whichever way the run ends (a failed step, the global timeout, Ctrl+C).
// The state lives in the fixtures, never in module variables.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { format } from 'node:util';
import { test as base } from '@playwright/test';
import { launchSandbox, type SandboxEndpoints } from '../../scripts/lib/sandbox-launcher.mjs';
import { SandboxControl } from '../sandbox/control-client';
import type { RequestLogEntry } from '../sandbox/request-log';
import type { ActiveFault, Fault } from '../sandbox/faults';
import type { DlpProfileSummary, FamilyName, FamilyRecords } from '../sandbox/types';
import { loadVscodeHost, loadVsixPath, ROOT, type CodeServer, type HostState } from './host';
import { FIRST_PAINT_TIMEOUT_MS, UI_TIMEOUT_MS, Workbench } from './workbench';

/** The sandbox account the scenario works in after step 01b narrows the views to it. */
export const ACCOUNT = 'Acme Corp';
/** The token reaches this one too: step 01b browses it and toggles a resource in it without switching. */
export const SECOND_ACCOUNT = 'Acme Labs';

/** VERBOSE=1: the browser console (workbench and extension-host logs) in the output. */
const VERBOSE = Boolean(process.env.VERBOSE);
/** KEEP_STATE=1: keep the code-server state dir after a pass (it is always kept after a failure). */
const KEEP_STATE = Boolean(process.env.KEEP_STATE);

/** The sandbox's control client as the steps use it: bound to the scenario's account. */
export class AccountControl {
  constructor(
    private readonly client: SandboxControl,
    readonly accountId: string,
  ) {}

  /** What the sandbox holds in one family, as stored. */
  list<F extends FamilyName>(family: F): Promise<FamilyRecords[F][]> {
    return this.client.list(family, this.accountId);
  }

  /** One record as stored; undefined when there is none. */
  getResource<F extends FamilyName>(family: F, id: string): Promise<FamilyRecords[F] | undefined> {
    return this.client.getResource(family, this.accountId, id);
  }

  profiles(): Promise<DlpProfileSummary[]> {
    return this.client.profiles(this.accountId);
  }

  addFault(fault: Fault): Promise<ActiveFault> {
    return this.client.addFault(fault);
  }

  clearFaults(): Promise<void> {
    return this.client.clearFaults();
  }

  /** The requests the sandbox received after the one numbered `seq`. */
  async requestsSince(seq: number): Promise<RequestLogEntry[]> {
    return (await this.client.requests()).filter((r) => r.seq > seq);
  }

  /** The same control, bound to another account of the sandbox (by name). */
  async inAccount(name: string): Promise<AccountControl> {
    const accountId = (await this.client.info()).accounts.find((a) => a.name === name)?.id;
    if (!accountId) throw new Error(`the sandbox has no account "${name}"`);
    return new AccountControl(this.client, accountId);
  }

  /** The number of the last request received (0 when none). */
  async lastSeq(): Promise<number> {
    return (await this.client.requests()).at(-1)?.seq ?? 0;
  }
}

export interface CodeServerFixture {
  readonly state: HostState;
  readonly server: CodeServer;
  /** The (empty) folder the workbench opens; its name shows in the title bar. */
  readonly workspace: string;
}

interface WorkerFixtures {
  /** Set when a step or a fixture of this worker failed: the VS Code state is then kept for a look. */
  outcome: { failed: boolean };
  /** The sandbox Cloudflare API: out/sandbox/cli.js, a child process on a free port. */
  sandbox: SandboxEndpoints;
  /** The sandbox's control client, for what it holds and what it was sent. */
  control: AccountControl;
  /** code-server with the packaged .vsix installed and cloudflareZt.apiBaseUrl pointed at the sandbox. */
  codeServer: CodeServerFixture;
  /** The workbench rendered in headless Debian chromium. */
  workbench: Workbench;
}

interface TestFixtures {
  /** Automatic: closes every step with a screenshot, NN-slug.png, or NN-slug-failure.png when the step failed. */
  stepScreenshot: void;
}

/** "01 sign-in: …" → "01-sign-in": a step's title starts with its number and a slug, its screenshot's name. */
function stepName(title: string): string {
  const match = /^(\d{2}[a-z]?) ([a-z][a-z-]*):/.exec(title);
  if (!match) throw new Error(`a step's title starts with "NN slug:", not "${title}"`);
  return `${match[1]}-${match[2]}`;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  outcome: [
    // (Playwright reads what a fixture needs from this pattern: nothing)
    async ({}, use) => {
      await use({ failed: false });
    },
    { scope: 'worker' },
  ],

  sandbox: [
    async ({}, use) => {
      const sandbox = launchSandbox({ root: ROOT });
      try {
        const endpoints = await sandbox.ready;
        console.log(`sandbox ${endpoints.baseUrl}`);
        await use(endpoints);
      } finally {
        await sandbox.stop();
      }
    },
    { scope: 'worker' },
  ],

  control: [
    async ({ sandbox }, use) => {
      const control = new SandboxControl(sandbox.controlUrl);
      const accountId = (await control.info()).accounts.find((a) => a.name === ACCOUNT)?.id;
      if (!accountId) throw new Error(`the sandbox has no account "${ACCOUNT}"`);
      await use(new AccountControl(control, accountId));
    },
    { scope: 'worker' },
  ],

  codeServer: [
    async ({ sandbox, outcome }, use) => {
      const host = await loadVscodeHost();
      const state = host.makeState({
        settings: {
          'cloudflareZt.apiBaseUrl': sandbox.baseUrl,
          // Auto save on, as code-server starts: typing and auto save must never send anything; only Ctrl+S applies.
          'files.autoSave': 'afterDelay',
          'files.autoSaveDelay': 500,
          // Suggestions only when asked for (Ctrl+Space): typing at full speed must never accept one by accident.
          // (VS Code's JSON support turns them on for strings by default, hence the [json] entry too.)
          'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
          '[json]': { 'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' } },
          'editor.suggestOnTriggerCharacters': false,
        },
      });
      const workspaceRoot = mkdtempSync(join(tmpdir(), 'cfzt-e2e-'));
      let server: CodeServer | undefined;
      try {
        // The workbench is a remote window: `machine`-scoped settings (apiBaseUrl) are read from the server's machine
        // settings, not from the user settings above, which the extension host would ignore for them.
        mkdirSync(join(state.userData, 'Machine'), { recursive: true });
        writeFileSync(join(state.userData, 'Machine', 'settings.json'), JSON.stringify({ 'cloudflareZt.apiBaseUrl': sandbox.baseUrl }, null, 2));
        host.installVsix(state, await loadVsixPath());
        const workspace = join(workspaceRoot, 'zero-trust'); // an empty folder; its name shows in the title bar
        server = await host.startCodeServer(state, { folder: workspace }); // no smoke driver: notifications must show
        console.log(`code-server ${server.authority} (log: ${state.log})`);
        await use({ state, server, workspace });
      } catch (error) {
        outcome.failed = true;
        throw error;
      } finally {
        await server?.stop();
        rmSync(workspaceRoot, { recursive: true, force: true });
        if (outcome.failed) console.log(`state kept in ${state.state} (code-server log: ${state.log})`);
        else if (!KEEP_STATE) rmSync(state.state, { recursive: true, force: true });
      }
    },
    // code-server on 2 busy cores: the extension install and the server start take a while
    { scope: 'worker', timeout: 120_000 },
  ],

  workbench: [
    async ({ codeServer, outcome }, use, workerInfo) => {
      const host = await loadVscodeHost();
      const browser = await host.launchChromium(codeServer.state);
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        page.setDefaultTimeout(UI_TIMEOUT_MS);
        page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
        if (VERBOSE) {
          page.on('console', async (message) => {
            const values: unknown[] = await Promise.all(message.args().map((h) => h.jsonValue().catch(() => String(h))));
            const first = values[0];
            console.log('[browser]', typeof first === 'string' && first.startsWith('%c') ? format(...values.slice(2)) : message.text());
          });
        }
        const workbench = new Workbench(page, workerInfo.project.outputDir);
        try {
          await page.goto(`http://${codeServer.server.authority}/?folder=${encodeURIComponent(codeServer.workspace)}`);
          await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: FIRST_PAINT_TIMEOUT_MS });
        } catch (error) {
          outcome.failed = true;
          await workbench.screenshot('00-setup-failure.png').catch(() => {});
          throw error;
        }
        console.log('workbench rendered');
        await use(workbench);
      } finally {
        await browser.close().catch(() => {});
      }
    },
    { scope: 'worker', timeout: FIRST_PAINT_TIMEOUT_MS + 30_000 },
  ],

  stepScreenshot: [
    async ({ workbench, outcome }, use, testInfo) => {
      await use();
      const failed = testInfo.status !== testInfo.expectedStatus;
      const name = `${stepName(testInfo.title)}${failed ? '-failure' : ''}.png`;
      const path = join(testInfo.project.outputDir, name);
      if (!failed) {
        await workbench.screenshot(name);
        return;
      }
      outcome.failed = true;
      const taken = await workbench.screenshot(name).then(
        () => true,
        () => false,
      );
      if (taken) {
        testInfo.attachments.push({ name: 'screenshot', path, contentType: 'image/png' });
        console.log(`screenshot: ${relative(ROOT, path)}`);
      }
    },
    { auto: true },
  ],
});
