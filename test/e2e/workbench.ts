// The VS Code workbench as the e2e steps see it: locators for the parts they look at and the acts a person does
// (F1 and a command, a double-click on a word, Ctrl+S…). Waits are for concrete workbench states, never sleeps.
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

/** One UI state; the workbench is slow on 2 cores, never this slow. */
export const UI_TIMEOUT_MS = 30_000;
/** The first paint of the workbench, and of our activity bar entry. */
export const FIRST_PAINT_TIMEOUT_MS = 90_000;

export const DLP = 'DLP Integration Entries';
export const RISK = 'Risk Scoring Integrations';
export const POSTURE = 'Device Posture Integrations';
export const POSTURE_RULES = 'Device Posture Rules';

const esc = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const exact = (text: string): RegExp => new RegExp(`^${esc(text)}$`);

/**
 * The few DOM members the in-page code of selectInEditor uses. The project compiles without the DOM library
 * (the extension runs in Node), so they are spelled out here instead of being `any`.
 */
interface DomTextNode {
  readonly nodeType: number;
  readonly textContent: string | null;
}
interface DomRange {
  setStart(node: DomTextNode, offset: number): void;
  setEnd(node: DomTextNode, offset: number): void;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
}
interface DomElement {
  readonly childNodes: ArrayLike<DomTextNode>;
  readonly ownerDocument: { createRange(): DomRange };
}

export class Workbench {
  constructor(
    readonly page: Page,
    /** Where the step screenshots go (test-results/e2e/). */
    private readonly resultsDir: string,
  ) {}

  /** Saves a screenshot of the page as <resultsDir>/<name>. */
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(this.resultsDir, name) });
  }

  /** Polls `probe` every 100 ms until it returns something truthy (errors count as "not yet"); returns that. */
  async waitFor<T>(what: string, probe: () => Promise<T>, timeoutMs = UI_TIMEOUT_MS): Promise<T> {
    const t0 = Date.now();
    let last: unknown;
    while (Date.now() - t0 < timeoutMs) {
      try {
        const value = await probe();
        if (value) return value;
      } catch (error) {
        last = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const detail = last instanceof Error ? `: ${last.message}` : '';
    throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${detail}`);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Where things are.

  /** The section (pane) of one of our views in the Cloudflare Zero Trust container. */
  pane(title: string): Locator {
    return this.page.locator('.pane').filter({ has: this.page.locator('.pane-header h3.title', { hasText: exact(title) }) });
  }

  /** Rows of a view's tree, by their accessible label ("<name>, <state>" for resources, the label for others). */
  rows(title: string): Locator {
    return this.pane(title).locator('.monaco-list-row[role="treeitem"]');
  }

  row(title: string, label: string): Locator {
    return this.rows(title).filter({ has: this.page.locator('.label-name', { hasText: exact(label) }) });
  }

  rowDescription(row: Locator): Locator {
    return row.locator('.label-description').first();
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  quickRows(): Locator {
    return this.quickInput().locator('.quick-input-list .monaco-list-row');
  }

  /** A label may start with a state icon ($(pass-filled) General): match the text after it. */
  quickRow(label: string): Locator {
    return this.quickRows().filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`(^|\\s)${esc(label)}$`) }) });
  }

  /** A row by its description, the grey text after the label (a template picker's variant id, say). */
  quickRowDescribed(description: string): Locator {
    return this.quickRows().filter({ has: this.page.locator('.label-description', { hasText: exact(description) }) });
  }

  toast(text: RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-list-item').filter({ hasText: text });
  }

  tab(name: string): Locator {
    return this.page.locator('.tabs-container .tab').filter({ hasText: name });
  }

  editor(): Locator {
    return this.page.locator('.editor-instance .monaco-editor').first();
  }

  async editorText(): Promise<string> {
    return (await this.editor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  statusBar(): Locator {
    return this.page.locator('.statusbar');
  }

  async isDirty(tab: Locator): Promise<boolean> {
    return ((await tab.getAttribute('class')) ?? '').split(/\s+/).includes('dirty');
  }

  // -------------------------------------------------------------------------------------------------------------
  // What a person does.

  /** Moves the pointer off anything with a hover, so screenshots show no stray tooltip. */
  async parkMouse(): Promise<void> {
    await this.page.mouse.move(1000, 640);
  }

  /** Folds a view of the container away (a click on its header), leaving only its title. */
  async foldView(title: string): Promise<void> {
    const header = this.pane(title).locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    await this.waitFor(`the ${title} view folded`, async () => (await header.getAttribute('aria-expanded')) === 'false');
  }

  /**
   * Makes a view tall enough to show `rows` rows and a half, by dragging the sash under it down as a person would
   * (a tree draws only the rows in view). Nothing when it is tall enough already.
   */
  async showRows(title: string, rows: number): Promise<void> {
    const body = this.pane(title).locator('.pane-body');
    const box = async () => {
      const found = await body.boundingBox();
      if (!found) throw new Error(`the ${title} view is not shown`);
      return found;
    };
    const row = await this.rows(title).first().boundingBox();
    if (!row) throw new Error(`the ${title} view shows no row`);
    const want = Math.ceil((rows + 0.5) * row.height);
    const before = await box();
    if (before.height >= want) return;
    const x = before.x + before.width / 2;
    const sash = before.y + before.height; // between this view and the next
    await this.page.mouse.move(x, sash);
    await this.page.mouse.down();
    await this.page.mouse.move(x, sash + want - before.height, { steps: 6 });
    await this.page.mouse.up();
    await this.waitFor(`room for ${rows} rows in the ${title} view`, async () => (await box()).height >= want - 2);
  }

  /**
   * Expands a tree row by a click, as a person does. A click can land while the rows above it are still being drawn
   * (an account's children arriving) and select the row without expanding it; then the row is clicked again.
   */
  async expand(row: Locator, what: string): Promise<void> {
    const expanded = async () => (await row.getAttribute('aria-expanded')) === 'true';
    for (let attempt = 1; !(await expanded()); attempt++) {
      await row.click();
      try {
        await this.waitFor(`${what} expanded`, expanded, 3000);
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** F1, the command's title, pick it from the list. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input.input').first();
    await input.waitFor();
    await input.fill(`>${title.replace(/…$/, '')}`);
    const entry = this.quickRows().filter({ hasText: title }).first();
    await entry.waitFor();
    await entry.click();
  }

  /**
   * Runs an entry of the open context menu by a click on it. On a loaded machine the click can reach the menu before
   * it takes input (seen once: the entry highlighted, nothing run, the menu still open); then it is clicked again.
   */
  async chooseFromMenu(item: Locator): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    for (let attempt = 1; ; attempt++) {
      await item.click();
      try {
        await menu.waitFor({ state: 'hidden', timeout: 3000 });
        return;
      } catch (error) {
        if (!(await menu.isVisible())) return; // it closed just after the wait
        if (attempt === 3) throw error;
      }
    }
  }

  /** Selects `word` in the editor as a person would: a double-click on it (the first occurrence on screen). */
  async selectInEditor(word: string): Promise<void> {
    // The status bar counts the selected characters: the double-click took exactly the word. On a loaded machine two
    // clicks can arrive too far apart to count as one double-click, or the text can move; then it is simply done again.
    // The word's place is measured again before each try: a CodeLens line appearing above it moves it down.
    const selected = async () => (await this.statusBar().innerText()).includes(`(${word.length} selected)`);
    for (let attempt = 1; ; attempt++) {
      const span = this.editor().locator('.view-line span span').filter({ hasText: new RegExp(esc(word)) }).first();
      await span.waitFor();
      const point = await span.evaluate((el: DomElement, w: string) => {
        const text = (node: DomTextNode) => (node.textContent ?? '').replace(/\u00a0/g, ' ');
        const node = Array.from(el.childNodes).find((n) => n.nodeType === 3 && text(n).includes(w));
        if (!node) throw new Error(`"${w}" is not in one text node`);
        const at = text(node).indexOf(w);
        const range = el.ownerDocument.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + w.length);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }, word);
      await this.page.mouse.dblclick(point.x, point.y);
      try {
        await this.waitFor(`"${word}" selected`, selected, 3000);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** Replaces `word` by typing; Escape then closes any suggestion list the typing opened, so nothing is accepted. */
  async replaceInEditor(word: string, replacement: string): Promise<void> {
    await this.selectInEditor(word);
    await this.page.keyboard.type(replacement);
    await this.page.keyboard.press('Escape');
    await this.page.locator('.editor-widget.suggest-widget.visible').waitFor({ state: 'hidden' });
    await this.waitFor(`"${replacement}" typed`, async () => (await this.editorText()).includes(replacement), 5000);
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.waitFor('notifications gone', async () => (await this.page.locator('.notifications-toasts .notification-list-item').count()) === 0);
  }

  /** VS Code's own save-failure notification must never appear: applying is never a file save. */
  async assertNoFailedSave(): Promise<void> {
    const failures = this.page
      .locator('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')
      .filter({ hasText: /Failed to save|Unable to write file|NoPermissions/ });
    if (await failures.count()) throw new Error(`VS Code showed a failed save: ${await failures.first().innerText()}`);
  }
}
