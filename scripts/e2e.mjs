// `npm run test:e2e`: the packaged extension, seen as a user sees it. Installs dist/cloudflare-zt-integrations.vsix
// (packaged first when missing or stale) into a fresh code-server, points it at the sandbox Cloudflare API (started
// here as a child on a free port) and drives the real workbench in headless Debian chromium through one scenario a
// person would follow. After each step it checks what the page shows and what the sandbox holds (its control API)
// and saves a screenshot to test-results/e2e/NN-step.png (on failure NN-step-failure.png).
//
//   node scripts/e2e.mjs                 run it; last count line: "e2e: N passed, N failed[, N skipped]"
//   node scripts/e2e.mjs --screenshots   also refresh the curated README pictures in docs/images/ (npm run screenshots)
//   KEEP_STATE=1                         keep the code-server state dir after a pass (always kept after a failure)
//   VERBOSE=1                            echo the browser console (workbench and extension-host logs) and time sub-steps
//   E2E_TIMEOUT_S=600                    whole-run watchdog
//
// Everything it starts (sandbox, code-server and its extension host, chromium) is stopped at the end, also on failure,
// on a timeout and on Ctrl+C. Nothing here reaches the network: loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { ensureNodeModules, ensureVscodeHost } from './ensure-deps.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'test-results', 'e2e');
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const log = (message) => console.log(`[${seconds().padStart(5)} s] ${message}`);
const args = new Set(process.argv.slice(2));
const SCREENSHOTS = args.has('--screenshots');

/** The screenshots that become the README pictures with --screenshots (docs/images name ← test-results/e2e name). */
const CURATED = {
  'tree.png': '02-tree.png', // the three views filled, DLP entries grouped by profile
  'editor-problems.png': '04-invalid-json-problem.png', // a refused save: squiggle, Problems panel, "nothing was sent"
  'palette-toggle.png': '05-palette-toggle-pick.png', // "Toggle enabled…" with one entry ticked
  'editor-hover.png': '06-create-hover.png', // a device posture draft, a field's description from the schema
  'error-node.png': '08-error-node.png', // one view missing a permission, the others listing
  'pending-edit.png': '03-pending-edit.png', // an auto-saved edit not applied yet: badge, CodeLens, row note
};

const TOKEN = 'sandbox-user-token';
const ACCOUNT = 'Acme Corp';
const POSTURE_TO_EDIT = 'CrowdStrike Falcon (Acme Corp)';
const DLP_TO_TOGGLE = 'General';
const NEW_POSTURE_NAME = 'E2E CrowdStrike';
const UI_TIMEOUT_MS = 30_000; // one UI state; the workbench is slow on 2 cores, never this slow
const FIRST_PAINT_TIMEOUT_MS = 90_000;

// ---------------------------------------------------------------------------------------------------------------
// Setup: dependencies, the package, the sandbox CLI and a control client for it.

ensureNodeModules();
ensureVscodeHost();
execFileSync(process.execPath, [join(ROOT, 'scripts/package-vsix.mjs'), '--if-stale', '--restore-dev-build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
const { VSIX } = await import('./package-vsix.mjs');
const { build } = await import('esbuild');
// The sandbox CLI and its typed control client (test/sandbox/control-client.ts), bundled for this plain-Node script.
execFileSync(process.execPath, ['esbuild.mjs', '--sandbox-only'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
const controlModule = join(ROOT, 'out/e2e/control-client.mjs');
await build({ entryPoints: [join(ROOT, 'test/sandbox/control-client.ts')], outfile: controlModule, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
const { SandboxControl } = await import(controlModule);
const { installVsix, launchChromium, makeState, startCodeServer } = await import('./vscode-host.mjs');
log(`package ready: ${relative(ROOT, VSIX)}`);

// ---------------------------------------------------------------------------------------------------------------
// Processes, and stopping all of them whichever way the run ends.

/** The sandbox CLI in its own process group; resolves with its API base URL once it prints the listening line. */
function startSandbox() {
  const proc = spawn(process.execPath, [join(ROOT, 'out/sandbox/cli.js'), '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise((res) => proc.once('exit', (code, signal) => res(code ?? signal)));
  let output = '';
  proc.stderr.on('data', (d) => { output += d; });
  const ready = new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`the sandbox did not start within 30 s:\n${output}`)), 30_000);
    proc.stdout.on('data', (d) => {
      output += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)/.exec(output);
      if (m) { clearTimeout(timer); res(m[1]); }
    });
    exited.then((code) => { clearTimeout(timer); rej(new Error(`the sandbox exited (${code}) before listening:\n${output}`)); });
  });
  const signal = (sig) => { try { process.kill(-proc.pid, sig); } catch { /* gone */ } };
  const stop = async () => {
    signal('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    signal('SIGKILL');
  };
  process.once('exit', () => signal('SIGKILL'));
  return { ready, exited, stop };
}

let sandbox, server, browser, state, workspaceRoot, stopping;
async function stopAll() {
  stopping ??= (async () => {
    await browser?.close().catch(() => {});
    await Promise.all([server?.stop(), sandbox?.stop()]);
  })();
  return stopping;
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    console.error(`\ne2e: ${sig}, stopping everything…`);
    await stopAll();
    process.exit(130);
  });
}
const watchdog = setTimeout(async () => {
  console.error(`\ne2e: the whole run took longer than ${process.env.E2E_TIMEOUT_S ?? 600} s; stopping everything`);
  if (state) console.error(`code-server log: ${state.log}`);
  await stopAll();
  console.log('e2e: 0 passed, 1 failed');
  process.exit(124);
}, Number(process.env.E2E_TIMEOUT_S ?? 600) * 1000);
watchdog.unref();

// ---------------------------------------------------------------------------------------------------------------
// Page helpers: concrete workbench states, never sleeps.

let page;
let stepStarted = Date.now();
/** With VERBOSE=1, a line per sub-step with the time since the step began (to see where a slow step spends it). */
const lap = (what) => { if (process.env.VERBOSE) console.log(`         +${((Date.now() - stepStarted) / 1000).toFixed(1)} s ${what}`); };
const esc = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exact = (text) => new RegExp(`^${esc(text)}$`);

/** The section (pane) of one of our views in the Cloudflare Zero Trust container. */
const pane = (title) => page.locator('.pane').filter({ has: page.locator('.pane-header h3.title', { hasText: exact(title) }) });
const DLP = 'DLP Integration Entries';
const RISK = 'Risk Scoring Integrations';
const POSTURE = 'Device Posture Integrations';
/** Rows of a view's tree, by their accessible label ("<name>, <state>" for resources, the label for others). */
const rows = (title) => pane(title).locator('.monaco-list-row[role="treeitem"]');
const row = (title, label) => rows(title).filter({ has: page.locator('.label-name', { hasText: exact(label) }) });
const rowDescription = (locator) => locator.locator('.label-description').first();
const quickInput = () => page.locator('.quick-input-widget');
const quickRows = () => quickInput().locator('.quick-input-list .monaco-list-row');
// A label may start with a state icon ($(pass-filled) General): match the text after it.
const quickRow = (label) => quickRows().filter({ has: page.locator('.label-name', { hasText: new RegExp(`(^|\\s)${esc(label)}$`) }) });
const toast = (re) => page.locator('.notifications-toasts .notification-list-item').filter({ hasText: re });
const activeTab = () => page.locator('.tabs-container .tab.active');
const tab = (name) => page.locator('.tabs-container .tab').filter({ hasText: name });
const editor = () => page.locator('.editor-instance .monaco-editor').first();
const editorText = async () => (await editor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');

async function waitFor(what, probe, timeoutMs = UI_TIMEOUT_MS) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeoutMs) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** Moves the pointer off anything with a hover, so screenshots show no stray tooltip. */
const parkMouse = () => page.mouse.move(1000, 640);

/** F1, the command's title, pick it from the list. */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = quickInput().locator('input.input').first();
  await input.waitFor();
  await input.fill(`>${title.replace(/…$/, '')}`);
  const entry = quickRows().filter({ hasText: title }).first();
  await entry.waitFor();
  await entry.click();
}

/** Selects `word` in the editor as a person would: a double-click on it (the first occurrence on screen). */
async function selectInEditor(word) {
  const span = editor().locator('.view-line span span').filter({ hasText: new RegExp(esc(word)) }).first();
  await span.waitFor();
  const point = await span.evaluate((el, w) => {
    const node = [...el.childNodes].find((n) => n.nodeType === 3 && n.textContent.replace(/\u00a0/g, ' ').includes(w));
    const at = node.textContent.replace(/\u00a0/g, ' ').indexOf(w);
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + w.length);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, word);
  // The status bar counts the selected characters: the double-click took exactly the word. On a loaded machine two
  // clicks can arrive too far apart to count as one double-click; then it is simply done again.
  const selected = async () => (await page.locator('.statusbar').innerText()).includes(`(${word.length} selected)`);
  for (let attempt = 1; ; attempt++) {
    await page.mouse.dblclick(point.x, point.y);
    try {
      return await waitFor(`"${word}" selected`, selected, 3000);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Replaces `word` by typing; Escape then closes any suggestion list the typing opened, so nothing is accepted. */
async function replaceInEditor(word, replacement) {
  await selectInEditor(word);
  await page.keyboard.type(replacement);
  await page.keyboard.press('Escape');
  await page.locator('.editor-widget.suggest-widget.visible').waitFor({ state: 'hidden' });
  await waitFor(`"${replacement}" typed`, async () => (await editorText()).includes(replacement), 5000);
}

async function clearNotifications() {
  await runCommand('Notifications: Clear All Notifications');
  await waitFor('notifications gone', async () => (await page.locator('.notifications-toasts .notification-list-item').count()) === 0);
}

/** VS Code's own save-failure notification must never appear: applying is never a file save. */
async function assertNoFailedSave() {
  const failures = page.locator('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item').filter({ hasText: /Failed to save|Unable to write file|NoPermissions/ });
  if (await failures.count()) throw new Error(`VS Code showed a failed save: ${await failures.first().innerText()}`);
}

async function isDirty(tabLocator) {
  return (await tabLocator.getAttribute('class')).split(/\s+/).includes('dirty');
}

// ---------------------------------------------------------------------------------------------------------------
// The scenario.

let control, accountId;
const requestsSince = async (seq) => (await control.requests()).filter((r) => r.seq > seq);
const lastSeq = async () => (await control.requests()).at(-1)?.seq ?? 0;
const dlpEntries = () => control.list('dlpIntegrationEntries', accountId);
const postureList = () => control.list('devicePostureIntegrations', accountId);

const steps = [
  ['sign-in', 'welcome view → "Sign in with an API token" → token → pick Acme Corp', async () => {
    const container = page.locator('.activitybar [aria-label^="Cloudflare Zero Trust"]').first();
    await container.waitFor({ timeout: FIRST_PAINT_TIMEOUT_MS });
    await container.click();
    for (const view of [DLP, RISK, POSTURE]) await pane(view).getByText('No Cloudflare account is signed in.').waitFor();
    // A wider side bar, so names and states fit (drag the sash as a person would).
    const sidebar = page.locator('.part.sidebar');
    const right = async () => { const b = await sidebar.boundingBox(); return b.x + b.width; };
    const edge = await right();
    await page.mouse.move(edge + 2, 400);
    await page.mouse.down();
    await page.mouse.move(edge + 120, 400, { steps: 6 });
    await page.mouse.up();
    await waitFor('a wider side bar', async () => (await right()) > edge + 60);
    await parkMouse();
    await page.screenshot({ path: join(RESULTS, '01-sign-in-welcome.png') });
    const seq = await lastSeq();
    await pane(DLP).getByRole('button', { name: 'Sign in with an API token' }).click();
    const password = quickInput().locator('input[type="password"]');
    await password.waitFor();
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await quickRow(ACCOUNT).waitFor();
    await quickRow(ACCOUNT).click();
    await quickInput().waitFor({ state: 'hidden' });
    for (const view of [DLP, RISK, POSTURE]) await pane(view).getByText('No Cloudflare account is signed in.').waitFor({ state: 'hidden' });
    const sent = await requestsSince(seq);
    if (!sent.some((r) => r.path === '/user/tokens/verify' && r.status === 200 && r.authKind === 'token')) throw new Error('the token was not verified with the sandbox');
    // The account shows in each view's title and in the status bar.
    for (const view of [DLP, RISK, POSTURE]) {
      await waitFor(`${ACCOUNT} in the ${view} title`, async () => (await pane(view).locator('.pane-header').innerText()).includes(ACCOUNT));
    }
    await waitFor(`${ACCOUNT} in the status bar`, async () => (await page.locator('.statusbar').innerText()).includes(ACCOUNT));
    await toast(/Signed in to Acme Corp/).first().waitFor();
    await clearNotifications();
  }],

  ['tree', 'the three views list the seeded items; the DLP profiles expand; states match the sandbox', async () => {
    const profiles = (await control.profiles(accountId)).filter((p) => p.type === 'integration');
    const entries = await dlpEntries();
    const risk = await control.list('riskScoringIntegrations', accountId);
    const posture = await postureList();
    for (const p of profiles) await row(DLP, p.name).waitFor();
    await waitFor(`${risk.length} risk scoring rows`, async () => (await rows(RISK).count()) === risk.length);
    await waitFor(`${posture.length} device posture rows`, async () => (await rows(POSTURE).count()) === posture.length);
    for (const p of posture) {
      const description = await rowDescription(row(POSTURE, p.name)).innerText();
      if (!description.includes(p.type) || !description.includes(p.interval)) throw new Error(`${p.name}: "${description}"`);
    }
    for (const r of risk) {
      const state = await rows(RISK).filter({ hasText: new URL(r.tenant_url).host }).locator('.label-description').allInnerTexts();
      if (!state.some((s) => s.startsWith(r.active ? 'active' : 'inactive'))) throw new Error(`${r.tenant_url}: ${state.join(' | ')}`);
    }
    // Each profile, collapsed then expanded by a click on its row: its entries and their states read correctly.
    for (const profile of profiles) {
      for (const other of profiles.filter((p) => p !== profile)) {
        if ((await row(DLP, other.name).getAttribute('aria-expanded')) === 'true') await row(DLP, other.name).click();
      }
      const group = row(DLP, profile.name);
      if ((await group.getAttribute('aria-expanded')) === 'true') await group.click();
      await waitFor(`${profile.name} collapsed`, async () => (await group.getAttribute('aria-expanded')) === 'false');
      await group.click();
      await waitFor(`${profile.name} expanded`, async () => (await group.getAttribute('aria-expanded')) === 'true');
      const mine = entries.filter((e) => e.profile_id === profile.id);
      await waitFor(`the ${mine.length} entries of ${profile.name}`, async () => (await rows(DLP).count()) === profiles.length + mine.length);
      for (const e of mine) {
        const want = `${e.name}, ${e.enabled ? 'enabled' : 'disabled'}`;
        const count = await rows(DLP).filter({ has: page.locator('.label-name', { hasText: exact(e.name) }) }).filter({ has: page.locator('.label-description', { hasText: exact(e.enabled ? 'enabled' : 'disabled') }) }).count();
        if (count < 1) throw new Error(`no row "${want}" under ${profile.name}`);
      }
    }
    for (const p of profiles) if ((await row(DLP, p.name).getAttribute('aria-expanded')) !== 'true') await row(DLP, p.name).click();
    await waitFor('all DLP rows', async () => (await rows(DLP).count()) >= Math.min(profiles.length + entries.length, 9));
    await parkMouse();
  }],

  ['edit-interval', `open "${POSTURE_TO_EDIT}", change its interval; auto save sends nothing and marks it; Ctrl+S → applied`, async () => {
    const before = (await postureList()).find((p) => p.name === POSTURE_TO_EDIT);
    const next = before.interval === '12h' ? '24h' : '12h';
    await row(POSTURE, POSTURE_TO_EDIT).click();
    const tabName = `${POSTURE_TO_EDIT}.device-posture.json`;
    await tab(tabName).waitFor();
    await waitFor('the document text', async () => (await editorText()).includes(`"interval": "${before.interval}"`));
    const seq = await lastSeq();
    await replaceInEditor(before.interval, next);
    await waitFor('the edited interval', async () => (await editorText()).includes(`"interval": "${next}"`));
    // Auto save stores the edit (the tab turns clean) and sends nothing: the edit waits, marked as not applied.
    await waitFor('auto save to store the edit', async () => !(await isDirty(tab(tabName))));
    await editor().getByText('Edits not applied to Cloudflare').first().waitFor();
    await rowDescription(row(POSTURE, POSTURE_TO_EDIT)).filter({ hasText: 'edits not applied' }).waitFor();
    const early = (await requestsSince(seq)).filter((r) => r.method !== 'GET');
    if (early.length) throw new Error(`typing and auto save sent ${early.map((r) => `${r.method} ${r.path}`).join(', ')}`);
    if (await page.locator('.monaco-dialog-box').count()) throw new Error('a dialog opened while typing');
    await parkMouse();
    await page.screenshot({ path: join(RESULTS, '03-pending-edit.png') });
    await editor().locator('.view-lines').click();
    await page.keyboard.press('Control+s');
    await toast(/Applied to "CrowdStrike Falcon/).first().waitFor();
    await waitFor('the new interval at the sandbox', async () => (await control.getResource('devicePostureIntegrations', accountId, before.id))?.interval === next);
    const patch = (await requestsSince(seq)).find((r) => r.method === 'PATCH');
    if (!patch || JSON.stringify(patch.body) !== JSON.stringify({ interval: next })) throw new Error(`expected one PATCH {interval}, got ${JSON.stringify(patch?.body)}`);
    await waitFor('the row shows the new interval', async () => {
      const description = await rowDescription(row(POSTURE, POSTURE_TO_EDIT)).innerText();
      return description.includes(next) && !description.includes('edits not applied');
    });
    await assertNoFailedSave();
    await clearNotifications();
    await parkMouse();
  }],

  ['invalid-json', 'type invalid JSON, Ctrl+S → the extension\'s own message and a problem, no "Failed to save", nothing sent, the text kept', async () => {
    const tabName = `${POSTURE_TO_EDIT}.device-posture.json`;
    await editor().locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('oops');
    const seq = await lastSeq();
    await page.keyboard.press('Control+s');
    await toast(/Not applied: The document is not valid JSON.*Nothing was sent; your edits are kept\./).first().waitFor();
    await assertNoFailedSave();
    await editor().locator('.squiggly-error').first().waitFor();
    const problems = page.locator('.statusbar-item[id="status.problems"]');
    await waitFor('an error count in the status bar', async () => /^[1-9]/.test((await problems.innerText()).trim()));
    // The Problems panel lists it (and the screenshot shows it).
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor();
    if (!(await editorText()).includes('oops')) throw new Error('the typed text was lost');
    const sent = await requestsSince(seq);
    if (sent.length) throw new Error(`nothing should reach the sandbox, got ${sent.map((r) => `${r.method} ${r.path}`).join(', ')}`);
    await parkMouse();
    await page.screenshot({ path: join(RESULTS, '04-invalid-json-problem.png') });
    // Back to a clean state for the next steps: close the panel and revert the buffer.
    await runCommand('View: Toggle Panel Visibility');
    await page.locator('.markers-panel').waitFor({ state: 'hidden' });
    await runCommand('Cloudflare ZT: Discard edits not applied');
    await waitFor('the edit discarded', async () => !(await editorText()).includes('oops') && !(await isDirty(tab(tabName))));
    await assertNoFailedSave();
    await clearNotifications();
  }],

  ['palette-toggle', `F1 → "Toggle enabled…" → pick "${DLP_TO_TOGGLE}" → flipped in the tree and at the sandbox`, async () => {
    const entry = (await dlpEntries()).find((e) => e.name === DLP_TO_TOGGLE);
    const want = entry.enabled ? 'disabled' : 'enabled';
    await runCommand('Cloudflare ZT: Toggle enabled…');
    await quickInput().locator('input.input').first().waitFor();
    await quickRows().first().waitFor();
    // Tick it in the full list when it is in view (the picture shows every entry); else filter by typing its name.
    if (!(await quickRow(DLP_TO_TOGGLE).first().isVisible())) {
      await page.keyboard.type(DLP_TO_TOGGLE);
      await waitFor('the list filtered to one entry', async () => (await quickRows().count()) === 1);
    }
    await quickRow(DLP_TO_TOGGLE).locator('.quick-input-list-checkbox, input[type="checkbox"], .monaco-checkbox').first().click();
    await waitFor('the entry ticked', async () => /checked="true"|aria-checked="true"/.test(await quickRow(DLP_TO_TOGGLE).first().innerHTML())
      || (await quickRow(DLP_TO_TOGGLE).first().getAttribute('aria-checked')) === 'true');
    await parkMouse();
    await page.screenshot({ path: join(RESULTS, '05-palette-toggle-pick.png') });
    const seq = await lastSeq();
    await quickInput().getByRole('button', { name: 'OK' }).click();
    await quickInput().waitFor({ state: 'hidden' });
    await waitFor(`"${DLP_TO_TOGGLE}" ${want} at the sandbox`, async () => (await control.getResource('dlpIntegrationEntries', accountId, entry.id))?.enabled === !entry.enabled);
    await waitFor(`"${DLP_TO_TOGGLE}" ${want} in the tree`, async () => (await rowDescription(row(DLP, DLP_TO_TOGGLE)).innerText()).trim() === want);
    const writes = (await requestsSince(seq)).filter((r) => r.method !== 'GET');
    if (writes.length !== 1) throw new Error(`expected one write, got ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  }],

  ['create', 'New device posture integration → crowdstrike_s2s → fill the draft → Ctrl+S → in the tree', async () => {
    await runCommand('Cloudflare ZT: New device posture integration');
    await quickRow('crowdstrike_s2s').waitFor();
    await quickRow('crowdstrike_s2s').click();
    await tab('-draft.json').waitFor();
    lap('draft open');
    await waitFor('the draft template', async () => (await editorText()).includes('REPLACE_WITH_CLIENT_SECRET'));
    // IntelliSense from the schema: the cursor at the start of the interval value, Ctrl+Space offers the schema's
    // examples.
    await selectInEditor('10m');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    await suggest.locator('.monaco-list-row').filter({ hasText: '24h' }).first().waitFor();
    await parkMouse();
    await page.screenshot({ path: join(RESULTS, '06-create-intellisense.png') });
    lap('completion shown');
    await page.keyboard.press('Escape');
    await suggest.waitFor({ state: 'hidden' });
    // Hovering a field shows its description from the schema (here: the secret is write-only).
    const key = editor().locator('.view-line span span').filter({ hasText: /"client_secret"/ }).first();
    await key.hover();
    await page.locator('.monaco-hover').filter({ hasText: 'Write-only' }).first().waitFor();
    await page.screenshot({ path: join(RESULTS, '06-create-hover.png') });
    lap('hover shown');
    await parkMouse();
    await page.locator('.monaco-hover').filter({ hasText: 'Write-only' }).first().waitFor({ state: 'hidden' });
    // Saving with the template's placeholders still in it is refused, with a problem on each, and nothing is sent.
    let seq = await lastSeq();
    await page.keyboard.press('Control+s');
    await toast(/problem/).first().waitFor();
    await waitFor('four placeholder problems', async () => (await page.locator('.statusbar-item[id="status.problems"]').innerText()).trim().startsWith('5')
      || (await editor().locator('.squiggly-error').count()) >= 4);
    if ((await requestsSince(seq)).length) throw new Error('a draft with placeholders reached the sandbox');
    await page.screenshot({ path: join(RESULTS, '06-create-placeholders.png') });
    await clearNotifications();
    lap('placeholders refused');
    // Fill every placeholder the template has, and give it a name of its own.
    const values = {
      REPLACE_WITH_API_URL: 'https://api.us-2.crowdstrike.com',
      REPLACE_WITH_CUSTOMER_ID: 'E2E0C1D2E3F4A5B6C7D8E9F0A1B2C3D4',
      REPLACE_WITH_CLIENT_ID: 'e2e-client-id',
      REPLACE_WITH_CLIENT_SECRET: 'e2e-client-secret',
    };
    const placeholders = [...new Set((await editorText()).match(/REPLACE_WITH_[A-Z_]+/g))];
    for (const p of placeholders) {
      if (!values[p]) throw new Error(`unexpected placeholder ${p} in the template`);
      await replaceInEditor(p, values[p]);
    }
    await replaceInEditor('CrowdStrike', NEW_POSTURE_NAME);
    lap('draft filled');
    await waitFor('a filled draft', async () => {
      const text = await editorText();
      return !text.includes('REPLACE_WITH_') && text.includes(NEW_POSTURE_NAME);
    });
    seq = await lastSeq();
    await page.keyboard.press('Control+s');
    // The draft is swapped for the live document without asking anything: a "save changes?" prompt here would
    // offer to save the draft again, i.e. to create a second integration.
    const createdToast = toast(/Created device posture integration/).first();
    const savePrompt = page.locator('.monaco-dialog-box').filter({ hasText: 'Do you want to save' });
    await createdToast.or(savePrompt).first().waitFor();
    lap('created');
    if (await savePrompt.isVisible()) throw new Error('closing the saved draft asked "Do you want to save the changes…?" (the tab was closed before VS Code marked the draft saved)');
    await row(POSTURE, NEW_POSTURE_NAME).waitFor();
    await tab(`${NEW_POSTURE_NAME}.device-posture.json`).waitFor();
    const created = (await postureList()).find((p) => p.name === NEW_POSTURE_NAME);
    const want = { api_url: values.REPLACE_WITH_API_URL, customer_id: values.REPLACE_WITH_CUSTOMER_ID, client_id: values.REPLACE_WITH_CLIENT_ID, client_secret: values.REPLACE_WITH_CLIENT_SECRET };
    if (created?.type !== 'crowdstrike_s2s' || created.interval !== '10m' || JSON.stringify(created.config) !== JSON.stringify(want)) {
      throw new Error(`the sandbox holds ${JSON.stringify(created)}`);
    }
    const posts = (await requestsSince(seq)).filter((r) => r.method === 'POST');
    if (posts.length !== 1) throw new Error(`expected one create, got ${posts.length}`);
    await parkMouse();
  }],

  ['delete', `context menu "Delete…" on "${NEW_POSTURE_NAME}" → confirm → gone from tree and sandbox`, async () => {
    const target = (await postureList()).find((p) => p.name === NEW_POSTURE_NAME);
    await row(POSTURE, NEW_POSTURE_NAME).click({ button: 'right' });
    const menuItem = page.locator('.context-view .monaco-menu .action-item').filter({ hasText: /^Delete…/ });
    await menuItem.first().waitFor();
    await menuItem.first().click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.getByText(`Delete device posture integration "${NEW_POSTURE_NAME}" from ${ACCOUNT}?`).waitFor();
    await parkMouse();
    await page.screenshot({ path: join(RESULTS, '07-delete-confirm.png') });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row(POSTURE, NEW_POSTURE_NAME).waitFor({ state: 'detached' });
    await waitFor('gone at the sandbox', async () => (await control.getResource('devicePostureIntegrations', accountId, target.id)) === undefined);
    await toast(/Deleted device posture integration/).first().waitFor();
  }],

  ['error-node', 'a 403 (missing permission) on the risk scoring list → only that view explains it; the others, the status bar and the token state are untouched', async () => {
    await clearNotifications();
    const docs = 'https://developers.cloudflare.com/api/resources/zero_trust/subresources/risk_scoring/subresources/integrations/methods/list/';
    await control.addFault({ method: 'GET', path: '/accounts/*/zt_risk_scoring/integrations', kind: 'status', status: 403, code: 10000, message: 'Forbidden', documentationUrl: docs, times: 0 });
    try {
      const seq = await lastSeq();
      await runCommand('Cloudflare ZT: Refresh all');
      const errorRow = rows(RISK).filter({ hasText: 'Missing permission "Zero Trust Read"' });
      await errorRow.first().waitFor();
      await waitFor('one error row only', async () => (await rows(RISK).count()) === 1);
      const failed = (await requestsSince(seq)).filter((r) => r.path.endsWith('/zt_risk_scoring/integrations'));
      if (!failed.length || failed.some((r) => r.status !== 403)) throw new Error('the risk scoring list did not get the injected 403');
      const status = page.locator('.statusbar-item').filter({ hasText: ACCOUNT }).first();
      await status.waitFor();
      if (await status.locator('.codicon-warning').count()) throw new Error('the status bar warns about the token for a missing permission');
      if (await page.locator('.pane-header').filter({ hasText: 'token rejected' }).count()) throw new Error('a view says the token was rejected');
      if (await toast(/token/i).count()) throw new Error('a notification speaks of the token');
      const posture = await postureList();
      await waitFor('device posture still lists', async () => (await rows(POSTURE).count()) === posture.length);
      await waitFor('DLP still lists', async () => (await rows(DLP).filter({ hasText: DLP_TO_TOGGLE }).count()) === 1);
      await editor().click({ position: { x: 400, y: 500 } }); // focus off the tab strip (a focused tab shows its tooltip)
      await parkMouse();
    } finally {
      await control.clearFaults();
    }
  }],
];

// ---------------------------------------------------------------------------------------------------------------
// Run.

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
let passed = 0;
let failed = 0;
let failure;
try {
  sandbox = startSandbox();
  const baseUrl = await sandbox.ready;
  control = SandboxControl.fromBaseUrl(baseUrl);
  accountId = (await control.info()).accounts.find((a) => a.name === ACCOUNT)?.id;
  if (!accountId) throw new Error(`the sandbox has no account "${ACCOUNT}"`);
  log(`sandbox ${baseUrl}`);

  state = makeState({
    settings: {
      'cloudflareZt.apiBaseUrl': baseUrl,
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
  // The workbench is a remote window: `machine`-scoped settings (apiBaseUrl) are read from the server's machine
  // settings, not from the user settings above, which the extension host would ignore for them.
  mkdirSync(join(state.userData, 'Machine'), { recursive: true });
  writeFileSync(join(state.userData, 'Machine', 'settings.json'), JSON.stringify({ 'cloudflareZt.apiBaseUrl': baseUrl }, null, 2));
  installVsix(state, VSIX);
  workspaceRoot = mkdtempSync(join(tmpdir(), 'cfzt-e2e-'));
  const workspace = join(workspaceRoot, 'zero-trust'); // an empty folder; its name shows in the title bar
  server = await startCodeServer(state, { folder: workspace }); // no smoke driver: notifications must show
  log(`code-server ${server.authority} (log: ${state.log})`);
  browser = await launchChromium(state);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  if (process.env.VERBOSE) {
    page.on('console', async (m) => {
      const v = await Promise.all(m.args().map((h) => h.jsonValue().catch(() => String(h))));
      console.log('[browser]', typeof v[0] === 'string' && v[0].startsWith('%c') ? format(...v.slice(2)) : m.text());
    });
  }
  await page.goto(`http://${server.authority}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: FIRST_PAINT_TIMEOUT_MS });
  log('workbench rendered');

  for (const [index, [slug, title, run]] of steps.entries()) {
    const n = String(index + 1).padStart(2, '0');
    const t0 = Date.now();
    stepStarted = t0;
    try {
      await run();
      await page.screenshot({ path: join(RESULTS, `${n}-${slug}.png`) });
      passed++;
      log(`ok   ${n} ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed++;
      failure = error;
      log(`FAIL ${n} ${title}\n       ${String(error.stack ?? error).split('\n').slice(0, 6).join('\n       ')}`);
      await page.screenshot({ path: join(RESULTS, `${n}-${slug}-failure.png`) }).catch(() => {});
      console.log(`       screenshot: ${relative(ROOT, join(RESULTS, `${n}-${slug}-failure.png`))}; code-server log: ${state.log}`);
      break; // each step builds on the one before
    }
  }
} catch (error) {
  failed++;
  failure = error;
  console.error(`e2e: setup failed: ${error.stack ?? error}`);
  await page?.screenshot({ path: join(RESULTS, '00-setup-failure.png') }).catch(() => {});
  if (state) console.error(`code-server log: ${state.log}`);
} finally {
  await stopAll();
  clearTimeout(watchdog);
}

const skipped = steps.length - passed - failed;
if (!failure) {
  if (SCREENSHOTS) {
    mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
    for (const [name, shot] of Object.entries(CURATED)) {
      copyFileSync(join(RESULTS, shot), join(ROOT, 'docs/images', name));
      console.log(`docs/images/${name} ← ${relative(ROOT, join(RESULTS, shot))}`);
    }
  }
  if (!process.env.KEEP_STATE && state) rmSync(state.state, { recursive: true, force: true });
} else if (state) {
  console.log(`state kept in ${state.state} (code-server log: ${state.log})`);
}
if (workspaceRoot) rmSync(workspaceRoot, { recursive: true, force: true });
console.log(`e2e duration: ${seconds()} s; screenshots in ${relative(ROOT, RESULTS)}/`);
console.log(`e2e: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failure ? 1 : 0);
