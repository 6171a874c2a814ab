// The packaged extension, seen as a user sees it: one person's path through the real workbench (code-server) in
// headless chromium, against the sandbox Cloudflare API. One test per user step, in order: each builds on the one
// before, so the first failure skips the rest. After each step the page and the sandbox (its control API: what it
// holds, what it was sent) are checked, and a screenshot goes to test-results/e2e/NN-slug.png (fixtures.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT, SECOND_ACCOUNT, test } from './fixtures';
import { DLP, exact, FIRST_PAINT_TIMEOUT_MS, POSTURE, POSTURE_RULES, RISK } from './workbench';

const TOKEN = 'sandbox-user-token';
const POSTURE_TO_EDIT = 'CrowdStrike Falcon (Acme Corp)';
const DLP_TO_TOGGLE = 'General';
const NEW_POSTURE_NAME = 'E2E CrowdStrike';
/** How a device posture row names its vendor (the raw type shows in the hover). */
const VENDORS: Record<string, string> = {
  workspace_one: 'Workspace ONE', crowdstrike_s2s: 'CrowdStrike', uptycs: 'Uptycs', intune: 'Microsoft Intune',
  kolide: 'Kolide', tanium_s2s: 'Tanium', sentinelone_s2s: 'SentinelOne', custom_s2s: 'Custom service provider',
};

/** `value`, or a failure naming what was missing. */
function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`not found: ${what}`);
  return value;
}

test.describe.configure({ mode: 'serial' });

test('01 sign-in: welcome view → "Sign in with an API token" → token → both accounts the token reaches, as rows', async ({ workbench: wb, control }) => {
  const { page } = wb;
  const container = page.locator('.activitybar [aria-label^="Cloudflare Zero Trust"]').first();
  await container.waitFor({ timeout: FIRST_PAINT_TIMEOUT_MS });
  await container.click();
  for (const view of [DLP, RISK, POSTURE]) await wb.pane(view).getByText('No Cloudflare account is signed in.').waitFor();
  // A wider side bar, so names and states fit (drag the sash as a person would).
  const sidebar = page.locator('.part.sidebar');
  const right = async () => {
    const box = found((await sidebar.boundingBox()) ?? undefined, 'the side bar');
    return box.x + box.width;
  };
  const edge = await right();
  await page.mouse.move(edge + 2, 400);
  await page.mouse.down();
  await page.mouse.move(edge + 120, 400, { steps: 6 });
  await page.mouse.up();
  await wb.waitFor('a wider side bar', async () => (await right()) > edge + 60);
  await wb.parkMouse();
  await wb.screenshot('01-sign-in-welcome.png');
  const seq = await control.lastSeq();
  await wb.pane(DLP).getByRole('button', { name: 'Sign in with an API token' }).click();
  const password = wb.quickInput().locator('input[type="password"]');
  await password.waitFor();
  await page.keyboard.type(TOKEN);
  await page.keyboard.press('Enter');
  // No "which account?" question: every account the token reaches is there.
  await wb.quickInput().waitFor({ state: 'hidden' });
  for (const view of [DLP, RISK, POSTURE]) await wb.pane(view).getByText('No Cloudflare account is signed in.').waitFor({ state: 'hidden' });
  const sent = await control.requestsSince(seq);
  if (!sent.some((r) => r.path === '/user/tokens/verify' && r.status === 200 && r.authKind === 'token')) throw new Error('the token was not verified with the sandbox');
  for (const view of [DLP, RISK, POSTURE]) {
    await wb.row(view, ACCOUNT).waitFor();
    await wb.row(view, SECOND_ACCOUNT).waitFor();
    await wb.waitFor(`"2 accounts" in the ${view} title`, async () => (await wb.pane(view).locator('.pane-header').innerText()).includes('2 accounts'));
  }
  await wb.waitFor('2 accounts in the status bar', async () => (await wb.statusBar().innerText()).includes('2 accounts'));
  await wb.toast(/Signed in to Acme Corp and Acme Labs \(2 accounts\)/).first().waitFor();
  // Nothing of either account was fetched yet: only the token check and the accounts page.
  const before = (await control.requestsSince(seq)).filter((r) => r.path.startsWith('/accounts/'));
  if (before.length > 0) throw new Error(`fetched before any account was opened: ${before.map((r) => r.path).join(', ')}`);
  await wb.clearNotifications();
});

test(`01b two-accounts: expand ${ACCOUNT} and ${SECOND_ACCOUNT}; toggle an entry in ${SECOND_ACCOUNT} from the palette without switching; filter; then show ${ACCOUNT} only`, async ({ workbench: wb, control }) => {
  const { page } = wb;
  const labs = await control.inAccount(SECOND_ACCOUNT);
  await wb.foldView(POSTURE_RULES);
  await wb.showRows(DLP, 9);
  // The second account first: expanding the first would push its row out of the view (a tree draws only rows in view).
  await wb.expand(wb.row(DLP, SECOND_ACCOUNT), SECOND_ACCOUNT);
  // Its DLP profiles are its own rows; its entries read from its own data.
  const labsProfiles = (await labs.profiles()).filter((p) => p.type === 'integration');
  const labsEntries = await labs.list('dlpIntegrationEntries');
  // The first entry of its first profile (the tree sorts both by name): the top row under the account, in view.
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const profile = found([...labsProfiles].sort(byName)[0], `a DLP profile in ${SECOND_ACCOUNT}`);
  const target = found(labsEntries.filter((e) => e.profile_id === profile.id).sort(byName)[0], `an entry of ${profile.name}`);
  const group = wb.row(DLP, profile.name).first();
  await group.waitFor();
  if ((await group.getAttribute('aria-expanded')) !== 'true') await group.click();
  const entryRow = wb.row(DLP, target.name).first();
  await entryRow.waitFor();
  // Opening the account loads its four lists; the other views repaint as each arrives. Act once they all have.
  for (const view of [RISK, POSTURE]) {
    await wb.waitFor(`${SECOND_ACCOUNT} loaded in ${view}`, async () => /^(\d+|not available)$/.test((await wb.rowDescription(wb.row(view, SECOND_ACCOUNT)).innerText()).trim()));
  }
  const want = target.enabled ? 'disabled' : 'enabled';
  const seq = await control.lastSeq();
  // F1 → Toggle enabled…: the picker names each entry's account and profile; typing the profile's name narrows it.
  await wb.runCommand('Cloudflare ZT: Toggle enabled…');
  await wb.quickRows().first().waitFor();
  await wb.quickInput().locator('input.input').first().fill(profile.name);
  // The label is the state icon and the name, nothing before it ("Highly Confidential" must not match "Confidential").
  const pick = wb.quickRows()
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
    .filter({ hasText: `${SECOND_ACCOUNT} · DLP profile: ${profile.name}` });
  await wb.waitFor('the entry, named with its account and profile', async () => (await pick.count()) === 1);
  await pick.locator('.quick-input-list-checkbox, input[type="checkbox"], .monaco-checkbox').first().click();
  await wb.quickInput().getByRole('button', { name: 'OK' }).click();
  await wb.quickInput().waitFor({ state: 'hidden' });
  await wb.waitFor(`"${target.name}" ${want} in ${SECOND_ACCOUNT} at the sandbox`, async () => (await labs.getResource('dlpIntegrationEntries', target.id))?.enabled === !target.enabled);
  await wb.waitFor(`"${target.name}" ${want} in the tree`, async () => (await wb.rowDescription(wb.row(DLP, target.name).first()).innerText()).trim() === want);
  const writes = (await control.requestsSince(seq)).filter((r) => r.method !== 'GET');
  if (writes.length !== 1 || writes[0]?.accountId !== labs.accountId) throw new Error(`expected one write to ${SECOND_ACCOUNT}: ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  // Still two accounts: nothing switched.
  if (!(await wb.pane(DLP).locator('.pane-header').innerText()).includes('2 accounts')) throw new Error('the views no longer show both accounts');
  await wb.expand(wb.row(DLP, ACCOUNT), ACCOUNT);
  // Its rows are drawn under it: its count beside its name, and its first profile (by name) right below.
  const corpEntries = await control.list('dlpIntegrationEntries');
  await wb.waitFor(`${ACCOUNT}'s count`, async () => (await wb.rowDescription(wb.row(DLP, ACCOUNT)).innerText()).trim() === String(corpEntries.length));
  const corpFirstProfile = found((await control.profiles()).filter((p) => p.type === 'integration').sort((a, b) => a.name.localeCompare(b.name))[0], `a DLP profile in ${ACCOUNT}`);
  await wb.row(DLP, corpFirstProfile.name).waitFor();
  await wb.parkMouse();
  await wb.screenshot('01b-two-accounts-expanded.png');

  // Filter… in the device posture view: only the CrowdStrike rows stay, and the title says what is filtered.
  for (const account of [ACCOUNT, SECOND_ACCOUNT]) await wb.expand(wb.row(POSTURE, account), `${account} in ${POSTURE}`);
  await wb.pane(POSTURE).locator('.pane-header').hover();
  await wb.pane(POSTURE).locator('.pane-header .action-label[aria-label^="Filter Device Posture Integrations"]').click();
  const input = wb.quickInput().locator('input.input').first();
  await input.waitFor();
  await page.keyboard.type('crowdstrike');
  await page.keyboard.press('Enter');
  await wb.waitFor('the filter in the view title', async () => (await wb.pane(POSTURE).locator('.pane-header').innerText()).includes('filter: "crowdstrike"'));
  for (const account of [ACCOUNT, SECOND_ACCOUNT]) await wb.expand(wb.row(POSTURE, account), `${account} in ${POSTURE}, filtered`);
  const crowdstrike = [...(await control.list('devicePostureIntegrations')), ...(await labs.list('devicePostureIntegrations'))].filter((p) => p.type === 'crowdstrike_s2s');
  await wb.waitFor(`${crowdstrike.length} CrowdStrike rows and the account rows`, async () => (await wb.rows(POSTURE).count()) === crowdstrike.length + 2);
  for (const p of crowdstrike) await wb.row(POSTURE, p.name).first().waitFor();
  await wb.parkMouse();
  await wb.screenshot('01b-filter.png');
  await wb.pane(POSTURE).locator('.pane-header').hover();
  await wb.pane(POSTURE).locator('.pane-header .action-label[aria-label^="Clear the filter"]').click();
  await wb.waitFor('the filter cleared', async () => !(await wb.pane(POSTURE).locator('.pane-header').innerText()).includes('filter:'));

  // The rest of the scenario works in one account: Choose accounts shown… → untick the second.
  await wb.runCommand('Cloudflare ZT: Choose accounts shown…');
  await wb.quickRow(SECOND_ACCOUNT).waitFor();
  await wb.quickRow(SECOND_ACCOUNT).locator('.quick-input-list-checkbox, input[type="checkbox"], .monaco-checkbox').first().click();
  await wb.quickInput().getByRole('button', { name: 'OK' }).click();
  await wb.quickInput().waitFor({ state: 'hidden' });
  for (const view of [DLP, RISK, POSTURE]) {
    await wb.waitFor(`${ACCOUNT} in the ${view} title`, async () => (await wb.pane(view).locator('.pane-header').innerText()).includes(ACCOUNT));
  }
  await wb.waitFor(`${ACCOUNT} in the status bar`, async () => (await wb.statusBar().innerText()).includes(ACCOUNT));
  await wb.parkMouse();
});

test('02 tree: the three views list the seeded items; the DLP profiles expand; states match the sandbox', async ({ workbench: wb, control }) => {
  const { page } = wb;
  const profiles = (await control.profiles()).filter((p) => p.type === 'integration');
  const entries = await control.list('dlpIntegrationEntries');
  const risk = await control.list('riskScoringIntegrations');
  const posture = await control.list('devicePostureIntegrations');
  for (const p of profiles) await wb.row(DLP, p.name).waitFor();
  // The scenario follows the three integration families: the device posture rules view is folded away (step 01b), and
  // the DLP view shows nine rows, the room the steps and the pictures count on (a tree draws only the rows in view).
  await wb.foldView(POSTURE_RULES);
  await wb.showRows(DLP, 9);
  await wb.waitFor(`${risk.length} risk scoring rows`, async () => (await wb.rows(RISK).count()) === risk.length);
  await wb.waitFor(`${posture.length} device posture rows`, async () => (await wb.rows(POSTURE).count()) === posture.length);
  for (const p of posture) {
    const description = await wb.rowDescription(wb.row(POSTURE, p.name)).innerText();
    if (description.trim() !== `${VENDORS[p.type] ?? p.type} · every ${p.interval}`) throw new Error(`${p.name}: "${description}"`);
  }
  for (const r of risk) {
    const states = await wb.rows(RISK).filter({ hasText: new URL(r.tenant_url).host }).locator('.label-description').allInnerTexts();
    if (!states.some((s) => s.startsWith(r.active ? 'active' : 'inactive'))) throw new Error(`${r.tenant_url}: ${states.join(' | ')}`);
  }
  // Each profile, collapsed then expanded by a click on its row: its entries and their states read correctly.
  for (const profile of profiles) {
    for (const other of profiles.filter((p) => p !== profile)) {
      if ((await wb.row(DLP, other.name).getAttribute('aria-expanded')) === 'true') await wb.row(DLP, other.name).click();
    }
    const group = wb.row(DLP, profile.name);
    if ((await group.getAttribute('aria-expanded')) === 'true') await group.click();
    await wb.waitFor(`${profile.name} collapsed`, async () => (await group.getAttribute('aria-expanded')) === 'false');
    await group.click();
    await wb.waitFor(`${profile.name} expanded`, async () => (await group.getAttribute('aria-expanded')) === 'true');
    const mine = entries.filter((e) => e.profile_id === profile.id);
    await wb.waitFor(`the ${mine.length} entries of ${profile.name}`, async () => (await wb.rows(DLP).count()) === profiles.length + mine.length);
    for (const e of mine) {
      const state = e.enabled ? 'enabled' : 'disabled';
      const count = await wb
        .rows(DLP)
        .filter({ has: page.locator('.label-name', { hasText: exact(e.name) }) })
        .filter({ has: page.locator('.label-description', { hasText: exact(state) }) })
        .count();
      if (count < 1) throw new Error(`no row "${e.name}, ${state}" under ${profile.name}`);
    }
  }
  for (const p of profiles) if ((await wb.row(DLP, p.name).getAttribute('aria-expanded')) !== 'true') await wb.row(DLP, p.name).click();
  await wb.waitFor('all DLP rows', async () => (await wb.rows(DLP).count()) >= Math.min(profiles.length + entries.length, 9));
  await wb.parkMouse();
});

test(`03 edit-interval: open "${POSTURE_TO_EDIT}", change its interval; auto save sends nothing and marks it; Ctrl+S → applied`, async ({ workbench: wb, control }) => {
  const { page } = wb;
  const before = found((await control.list('devicePostureIntegrations')).find((p) => p.name === POSTURE_TO_EDIT), POSTURE_TO_EDIT);
  const next = before.interval === '12h' ? '24h' : '12h';
  await wb.row(POSTURE, POSTURE_TO_EDIT).click();
  const tabName = `${POSTURE_TO_EDIT}.device-posture.json`;
  await wb.tab(tabName).waitFor();
  await wb.waitFor('the document text', async () => (await wb.editorText()).includes(`"interval": "${before.interval}"`));
  const seq = await control.lastSeq();
  await wb.replaceInEditor(before.interval, next);
  await wb.waitFor('the edited interval', async () => (await wb.editorText()).includes(`"interval": "${next}"`));
  // Auto save stores the edit (the tab turns clean) and sends nothing: the edit waits, marked as not applied.
  await wb.waitFor('auto save to store the edit', async () => !(await wb.isDirty(wb.tab(tabName))));
  await wb.editor().getByText('Edits not applied to Cloudflare').first().waitFor();
  await wb.rowDescription(wb.row(POSTURE, POSTURE_TO_EDIT)).filter({ hasText: 'edits not applied' }).waitFor();
  const early = (await control.requestsSince(seq)).filter((r) => r.method !== 'GET');
  if (early.length) throw new Error(`typing and auto save sent ${early.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  if (await page.locator('.monaco-dialog-box').count()) throw new Error('a dialog opened while typing');
  await wb.parkMouse();
  await wb.screenshot('03-pending-edit.png');
  await wb.editor().locator('.view-lines').click();
  await page.keyboard.press('Control+s');
  await wb.toast(/Applied to "CrowdStrike Falcon/).first().waitFor();
  await wb.waitFor('the new interval at the sandbox', async () => (await control.getResource('devicePostureIntegrations', before.id))?.interval === next);
  const patch = (await control.requestsSince(seq)).find((r) => r.method === 'PATCH');
  if (!patch || JSON.stringify(patch.body) !== JSON.stringify({ interval: next })) throw new Error(`expected one PATCH {interval}, got ${JSON.stringify(patch?.body)}`);
  await wb.waitFor('the row shows the new interval', async () => {
    const description = await wb.rowDescription(wb.row(POSTURE, POSTURE_TO_EDIT)).innerText();
    return description.includes(next) && !description.includes('edits not applied');
  });
  await wb.assertNoFailedSave();
  await wb.clearNotifications();
  await wb.parkMouse();
});

test('04 invalid-json: type invalid JSON, Ctrl+S → the extension\'s own message and a problem, no "Failed to save", nothing sent, the text kept', async ({ workbench: wb, control }) => {
  const { page } = wb;
  const tabName = `${POSTURE_TO_EDIT}.device-posture.json`;
  await wb.editor().locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('oops');
  const seq = await control.lastSeq();
  await page.keyboard.press('Control+s');
  await wb.toast(/Not applied: The document is not valid JSON.*Nothing was sent; your edits are kept\./).first().waitFor();
  await wb.assertNoFailedSave();
  await wb.editor().locator('.squiggly-error').first().waitFor();
  const problems = page.locator('.statusbar-item[id="status.problems"]');
  await wb.waitFor('an error count in the status bar', async () => /^[1-9]/.test((await problems.innerText()).trim()));
  // The Problems panel lists it (and the screenshot shows it).
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row').first().waitFor();
  if (!(await wb.editorText()).includes('oops')) throw new Error('the typed text was lost');
  const sent = await control.requestsSince(seq);
  if (sent.length) throw new Error(`nothing should reach the sandbox, got ${sent.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  await wb.parkMouse();
  await wb.screenshot('04-invalid-json-problem.png');
  // Back to a clean state for the next steps: close the panel and revert the buffer.
  await wb.runCommand('View: Toggle Panel Visibility');
  await page.locator('.markers-panel').waitFor({ state: 'hidden' });
  await wb.runCommand('Cloudflare ZT: Discard edits not applied');
  await wb.waitFor('the edit discarded', async () => !(await wb.editorText()).includes('oops') && !(await wb.isDirty(wb.tab(tabName))));
  await wb.assertNoFailedSave();
  await wb.clearNotifications();
});

test(`05 palette-toggle: F1 → "Toggle enabled…" → pick "${DLP_TO_TOGGLE}" → flipped in the tree and at the sandbox`, async ({ workbench: wb, control }) => {
  const { page } = wb;
  const entry = found((await control.list('dlpIntegrationEntries')).find((e) => e.name === DLP_TO_TOGGLE), DLP_TO_TOGGLE);
  const want = entry.enabled ? 'disabled' : 'enabled';
  await wb.runCommand('Cloudflare ZT: Toggle enabled…');
  await wb.quickInput().locator('input.input').first().waitFor();
  await wb.quickRows().first().waitFor();
  // Tick it in the full list when it is in view (the picture shows every entry); else filter by typing its name.
  if (!(await wb.quickRow(DLP_TO_TOGGLE).first().isVisible())) {
    await page.keyboard.type(DLP_TO_TOGGLE);
    await wb.waitFor('the list filtered to one entry', async () => (await wb.quickRows().count()) === 1);
  }
  await wb.quickRow(DLP_TO_TOGGLE).locator('.quick-input-list-checkbox, input[type="checkbox"], .monaco-checkbox').first().click();
  await wb.waitFor(
    'the entry ticked',
    async () =>
      /checked="true"|aria-checked="true"/.test(await wb.quickRow(DLP_TO_TOGGLE).first().innerHTML()) ||
      (await wb.quickRow(DLP_TO_TOGGLE).first().getAttribute('aria-checked')) === 'true',
  );
  await wb.parkMouse();
  await wb.screenshot('05-palette-toggle-pick.png');
  const seq = await control.lastSeq();
  await wb.quickInput().getByRole('button', { name: 'OK' }).click();
  await wb.quickInput().waitFor({ state: 'hidden' });
  if (entry.enabled) {
    // A Gateway rule matches its profile: switching it off asks first, naming the profile and the rule (issue 14).
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.getByText(`Disable DLP integration entry "${DLP_TO_TOGGLE}" in ${ACCOUNT}?`).waitFor();
    await dialog.getByText(/1 Gateway rule matches those profiles: "Block uploads of labelled documents"/).waitFor();
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
  await wb.waitFor(`"${DLP_TO_TOGGLE}" ${want} at the sandbox`, async () => (await control.getResource('dlpIntegrationEntries', entry.id))?.enabled === !entry.enabled);
  await wb.waitFor(`"${DLP_TO_TOGGLE}" ${want} in the tree`, async () => (await wb.rowDescription(wb.row(DLP, DLP_TO_TOGGLE)).innerText()).trim() === want);
  const writes = (await control.requestsSince(seq)).filter((r) => r.method !== 'GET');
  if (writes.length !== 1) throw new Error(`expected one write, got ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`);
});

test('06 create: New device posture integration → crowdstrike_s2s → fill the draft → Ctrl+S → in the tree', async ({ workbench: wb, control }) => {
  const { page } = wb;
  await test.step('a crowdstrike_s2s draft from the template', async () => {
    await wb.runCommand('Cloudflare ZT: New device posture integration');
    // The providers are listed by name, each with its type id as the description.
    await wb.quickRowDescribed('crowdstrike_s2s').waitFor();
    await wb.quickRowDescribed('crowdstrike_s2s').click();
    await wb.tab('-draft.json').waitFor();
    await wb.waitFor('the draft template', async () => (await wb.editorText()).includes('REPLACE_WITH_CLIENT_SECRET'));
  });
  const suggest = page.locator('.editor-widget.suggest-widget.visible');
  await test.step('IntelliSense offers the schema examples', async () => {
    // The cursor at the start of the interval value, Ctrl+Space offers the schema's examples.
    await wb.selectInEditor('10m');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Space');
    await suggest.locator('.monaco-list-row').filter({ hasText: '24h' }).first().waitFor();
    await wb.parkMouse();
    await wb.screenshot('06-create-intellisense.png');
    await page.keyboard.press('Escape');
    await suggest.waitFor({ state: 'hidden' });
  });
  await test.step("a field's hover shows its description from the schema", async () => {
    // Here: the secret is write-only.
    const key = wb.editor().locator('.view-line span span').filter({ hasText: /"client_secret"/ }).first();
    await key.hover();
    await page.locator('.monaco-hover').filter({ hasText: 'Write-only' }).first().waitFor();
    await wb.screenshot('06-create-hover.png');
    await wb.parkMouse();
    await page.locator('.monaco-hover').filter({ hasText: 'Write-only' }).first().waitFor({ state: 'hidden' });
  });
  await test.step("Ctrl+S with the template's placeholders is refused, a problem on each, nothing sent", async () => {
    const seq = await control.lastSeq();
    await page.keyboard.press('Control+s');
    await wb.toast(/problem/).first().waitFor();
    await wb.waitFor(
      'four placeholder problems',
      async () => (await page.locator('.statusbar-item[id="status.problems"]').innerText()).trim().startsWith('5') || (await wb.editor().locator('.squiggly-error').count()) >= 4,
    );
    if ((await control.requestsSince(seq)).length) throw new Error('a draft with placeholders reached the sandbox');
    await wb.screenshot('06-create-placeholders.png');
    await wb.clearNotifications();
  });
  // Every placeholder the template has, and a name of its own.
  const values = {
    REPLACE_WITH_API_URL: 'https://api.us-2.crowdstrike.com',
    REPLACE_WITH_CUSTOMER_ID: 'E2E0C1D2E3F4A5B6C7D8E9F0A1B2C3D4',
    REPLACE_WITH_CLIENT_ID: 'e2e-client-id',
    REPLACE_WITH_CLIENT_SECRET: 'e2e-client-secret',
  };
  const valueOf = new Map<string, string>(Object.entries(values));
  await test.step('fill the draft', async () => {
    const placeholders = [...new Set((await wb.editorText()).match(/REPLACE_WITH_[A-Z_]+/g))];
    for (const p of placeholders) {
      const value = valueOf.get(p);
      if (value === undefined) throw new Error(`unexpected placeholder ${p} in the template`);
      await wb.replaceInEditor(p, value);
    }
    await wb.replaceInEditor('CrowdStrike', NEW_POSTURE_NAME);
    await wb.waitFor('a filled draft', async () => {
      const text = await wb.editorText();
      return !text.includes('REPLACE_WITH_') && text.includes(NEW_POSTURE_NAME);
    });
  });
  await test.step('Ctrl+S creates it: in the tree and at the sandbox', async () => {
    const seq = await control.lastSeq();
    await page.keyboard.press('Control+s');
    // The draft is swapped for the live document without asking anything: a "save changes?" prompt here would
    // offer to save the draft again, i.e. to create a second integration.
    const createdToast = wb.toast(/Created device posture integration/).first();
    const savePrompt = page.locator('.monaco-dialog-box').filter({ hasText: 'Do you want to save' });
    await createdToast.or(savePrompt).first().waitFor();
    if (await savePrompt.isVisible()) throw new Error('closing the saved draft asked "Do you want to save the changes…?" (the tab was closed before VS Code marked the draft saved)');
    await wb.row(POSTURE, NEW_POSTURE_NAME).waitFor();
    await wb.tab(`${NEW_POSTURE_NAME}.device-posture.json`).waitFor();
    const created = (await control.list('devicePostureIntegrations')).find((p) => p.name === NEW_POSTURE_NAME);
    const want = { api_url: values.REPLACE_WITH_API_URL, customer_id: values.REPLACE_WITH_CUSTOMER_ID, client_id: values.REPLACE_WITH_CLIENT_ID, client_secret: values.REPLACE_WITH_CLIENT_SECRET };
    if (created?.type !== 'crowdstrike_s2s' || created.interval !== '10m' || JSON.stringify(created.config) !== JSON.stringify(want)) {
      throw new Error(`the sandbox holds ${JSON.stringify(created)}`);
    }
    const posts = (await control.requestsSince(seq)).filter((r) => r.method === 'POST');
    if (posts.length !== 1) throw new Error(`expected one create, got ${posts.length}`);
    await wb.parkMouse();
  });
});

test(`07 delete: context menu "Delete…" on "${NEW_POSTURE_NAME}" → confirm → gone from tree and sandbox`, async ({ workbench: wb, control }) => {
  const { page } = wb;
  const target = found((await control.list('devicePostureIntegrations')).find((p) => p.name === NEW_POSTURE_NAME), NEW_POSTURE_NAME);
  await wb.row(POSTURE, NEW_POSTURE_NAME).click({ button: 'right' });
  const menuItem = page.locator('.context-view .monaco-menu .action-item').filter({ hasText: /^Delete…/ });
  await menuItem.first().waitFor();
  await wb.chooseFromMenu(menuItem.first());
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.getByText(`Delete device posture integration "${NEW_POSTURE_NAME}" from ${ACCOUNT}?`).waitFor();
  await wb.parkMouse();
  await wb.screenshot('07-delete-confirm.png');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await wb.row(POSTURE, NEW_POSTURE_NAME).waitFor({ state: 'detached' });
  await wb.waitFor('gone at the sandbox', async () => (await control.getResource('devicePostureIntegrations', target.id)) === undefined);
  await wb.toast(/Deleted device posture integration/).first().waitFor();
});

test('08 error-node: a 403 (missing permission) on the risk scoring list → only that view explains it; the others, the status bar and the token state are untouched', async ({ workbench: wb, control }) => {
  const { page } = wb;
  await wb.clearNotifications();
  const docs = 'https://developers.cloudflare.com/api/resources/zero_trust/subresources/risk_scoring/subresources/integrations/methods/list/';
  await control.addFault({ method: 'GET', path: '/accounts/*/zt_risk_scoring/integrations', kind: 'status', status: 403, code: 10000, message: 'Forbidden', documentationUrl: docs, times: 0 });
  try {
    const seq = await control.lastSeq();
    await wb.runCommand('Cloudflare ZT: Refresh all');
    const errorRow = wb.rows(RISK).filter({ hasText: 'Missing permission "Zero Trust Read"' });
    await errorRow.first().waitFor();
    await wb.waitFor('one error row only', async () => (await wb.rows(RISK).count()) === 1);
    const failed = (await control.requestsSince(seq)).filter((r) => r.path.endsWith('/zt_risk_scoring/integrations'));
    if (!failed.length || failed.some((r) => r.status !== 403)) throw new Error('the risk scoring list did not get the injected 403');
    const status = page.locator('.statusbar-item').filter({ hasText: ACCOUNT }).first();
    await status.waitFor();
    if (await status.locator('.codicon-warning').count()) throw new Error('the status bar warns about the token for a missing permission');
    if (await page.locator('.pane-header').filter({ hasText: 'token rejected' }).count()) throw new Error('a view says the token was rejected');
    if (await wb.toast(/token/i).count()) throw new Error('a notification speaks of the token');
    const posture = await control.list('devicePostureIntegrations');
    await wb.waitFor('device posture still lists', async () => (await wb.rows(POSTURE).count()) === posture.length);
    await wb.waitFor('DLP still lists', async () => (await wb.rows(DLP).filter({ hasText: DLP_TO_TOGGLE }).count()) === 1);
    await wb.editor().click({ position: { x: 400, y: 500 } }); // focus off the tab strip (a focused tab shows its tooltip)
    await wb.parkMouse();
  } finally {
    await control.clearFaults();
  }
});

test(`09 terraform-export: right-click "${POSTURE_TO_EDIT}" → Export to Terraform… → HCL with its import block and the secret as a sensitive variable`, async ({ workbench: wb, control }) => {
  const { page } = wb;
  const posture = found((await control.list('devicePostureIntegrations')).find((p) => p.name === POSTURE_TO_EDIT), POSTURE_TO_EDIT);
  // Step 08's permission fault is gone: the views list again.
  await wb.runCommand('Cloudflare ZT: Refresh all');
  await wb.waitFor('risk scoring lists again', async () => (await wb.rows(RISK).filter({ hasText: 'Missing permission' }).count()) === 0);
  const seq = await control.lastSeq();
  await wb.row(POSTURE, POSTURE_TO_EDIT).click({ button: 'right' });
  const menuItem = page.locator('.context-view .monaco-menu .action-item').filter({ hasText: /^Export to Terraform…/ });
  await menuItem.first().waitFor();
  await wb.chooseFromMenu(menuItem.first());
  await wb.quickRow('Open as a new untitled document').click();
  await wb.waitFor('the HCL in an editor', async () => (await wb.editorText()).includes('cloudflare_zero_trust_device_posture_integration'));
  await wb.toast(/Exported 1 resource with import blocks; 1 write-only secret is a variable/).first().waitFor();
  await wb.parkMouse();
  await wb.screenshot('09-terraform-export-hcl.png');
  // The editor draws only the lines in view: read the top, then the end.
  const top = await wb.editorText();
  await wb.editor().click({ position: { x: 300, y: 100 } });
  await page.keyboard.press('Control+End');
  await wb.waitFor('the end of the export', async () => (await wb.editorText()) !== top);
  const text = `${top}\n${await wb.editorText()}`.replace(/\s+/g, ' ');
  for (const wanted of ['resource "cloudflare_zero_trust_device_posture_integration"', `id = "${control.accountId}/${posture.id}"`, 'source = "cloudflare/cloudflare"']) {
    if (!text.includes(wanted)) throw new Error(`not in the export: ${wanted}\n${text}`);
  }
  if (!/client_secret = var\.\w+/.test(text)) throw new Error(`the secret is not a variable reference: ${text}`);
  if (!/sensitive = true/.test(text)) throw new Error(`no sensitive variable: ${text}`);
  const secret = (posture.config as Record<string, unknown> | undefined)?.client_secret;
  if (typeof secret === 'string' && text.includes(secret)) throw new Error('the secret itself is in the export');
  const writes = (await control.requestsSince(seq)).filter((r) => r.method !== 'GET');
  if (writes.length > 0) throw new Error(`an export wrote to Cloudflare: ${writes.map((r) => r.path).join(', ')}`);
  await wb.clearNotifications();
});

test('10 terraform-drift: a hand-written .tf with another interval → Compare with Terraform → the diff; the row says it differs', async ({ workbench: wb, control, codeServer }) => {
  const { page } = wb;
  const posture = found((await control.list('devicePostureIntegrations')).find((p) => p.name === POSTURE_TO_EDIT), POSTURE_TO_EDIT);
  const config = (posture.config ?? {}) as Record<string, unknown>;
  const drifted = posture.interval === '12h' ? '24h' : '12h';
  // What an admin keeps in their repository: the integration, its import block, its secrets as variables.
  writeFileSync(join(codeServer.workspace, 'zero-trust.tf'), [
    'resource "cloudflare_zero_trust_device_posture_integration" "crowdstrike" {',
    `  account_id = "${control.accountId}"`,
    `  name       = ${JSON.stringify(posture.name)}`,
    `  type       = "${posture.type}"`,
    `  interval   = "${drifted}"`,
    '  config = {',
    `    api_url       = ${JSON.stringify(config.api_url)}`,
    `    client_id     = ${JSON.stringify(config.client_id)}`,
    '    client_secret = var.crowdstrike_client_secret',
    '    customer_id   = var.crowdstrike_customer_id',
    '  }',
    '}',
    '',
    'import {',
    '  to = cloudflare_zero_trust_device_posture_integration.crowdstrike',
    `  id = "${control.accountId}/${posture.id}"`,
    '}',
    '',
  ].join('\n'));
  await wb.runCommand('Cloudflare ZT: Compare with Terraform');
  const row = wb.quickRows().filter({ hasText: 'differs' }).first();
  await row.waitFor();
  await wb.screenshot('10-terraform-drift-pick.png');
  await page.keyboard.press('Enter');
  await wb.waitFor('the drift diff', async () => ((await page.locator('.tabs-container .tab.active').getAttribute('aria-label')) ?? '').includes('Terraform (zero-trust.tf:1)'));
  await wb.waitFor('the row marked', async () => (await wb.rowDescription(wb.row(POSTURE, POSTURE_TO_EDIT)).innerText()).includes('differs from Terraform'));
  const diff = async () => (await page.locator('.monaco-diff-editor').innerText()).replace(/\u00a0/g, ' ');
  await wb.waitFor('both intervals in the diff', async () => { const text = await diff(); return text.includes(`interval = "${drifted}"`) && text.includes(`interval = "${posture.interval}"`); });
  await wb.parkMouse();
  await wb.screenshot('10-terraform-drift-diff.png');
});

test(`11 used-by: expand "${POSTURE_TO_EDIT}" → the two posture rules that read it; context menu "Delete…" → the dialog names both rules and what requires them → Cancel`, async ({ workbench: wb, control }) => {
  const { page } = wb;
  const posture = found((await control.list('devicePostureIntegrations')).find((p) => p.name === POSTURE_TO_EDIT), POSTURE_TO_EDIT);
  const readers = (await control.list('devicePostureRules')).filter((r) => (r.input as Record<string, unknown> | undefined)?.connection_id === posture.id).map((r) => String(r.name));
  if (readers.length !== 2) throw new Error(`the seed should have two rules reading ${POSTURE_TO_EDIT}, has ${readers.length}`);
  // Expanding the row is what looks its users up (the twistie: a click on the label opens the JSON).
  await wb.row(POSTURE, POSTURE_TO_EDIT).locator('.monaco-tl-twistie').click();
  for (const name of readers) await wb.rows(POSTURE).filter({ hasText: name }).first().waitFor();
  await wb.parkMouse();
  await wb.screenshot('11-used-by-rows.png');
  const seq = await control.lastSeq();
  await wb.row(POSTURE, POSTURE_TO_EDIT).click({ button: 'right' });
  const menuItem = page.locator('.context-view .monaco-menu .action-item').filter({ hasText: /^Delete…/ });
  await menuItem.first().waitFor();
  await wb.chooseFromMenu(menuItem.first());
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.getByText(`Delete device posture integration "${POSTURE_TO_EDIT}" from ${ACCOUNT}?`).waitFor();
  await dialog.getByText(/2 posture rules read this integration/).waitFor();
  const text = (await dialog.innerText()).replace(/\s+/g, ' ');
  for (const name of readers) if (!text.includes(`"${name}"`)) throw new Error(`the dialog does not name "${name}": ${text}`);
  if (!/Access polic(y|ies) requires? them/.test(text)) throw new Error(`the dialog does not name the Access policies: ${text}`);
  if (!text.includes('Access application policies are not checked')) throw new Error(`the dialog implies the application policies were checked: ${text}`);
  await wb.parkMouse();
  await wb.screenshot('11-used-by-delete-confirm.png');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  if (!(await control.getResource('devicePostureIntegrations', posture.id))) throw new Error('Cancel deleted the integration');
  const writes = (await control.requestsSince(seq)).filter((r) => r.method !== 'GET');
  if (writes.length > 0) throw new Error(`a cancelled delete wrote to Cloudflare: ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`);
});
