// The e2e's closing lines, after Playwright's own list of steps: the duration, the copies of the README pictures
// (with E2E_SCREENSHOTS=1, `npm run screenshots`, after a full pass only) and last the count line that `npm test`
// (scripts/test-all.mjs) and CI read: "e2e: N passed, N failed[, N skipped]".
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite } from '@playwright/test/reporter';
import { ROOT } from './host';

/** The screenshots that become the README pictures (docs/images name ← test-results/e2e name). */
const CURATED: Readonly<Record<string, string>> = {
  'tree.png': '02-tree.png', // the three views filled, DLP entries grouped by profile
  'editor-problems.png': '04-invalid-json-problem.png', // a refused save: squiggle, Problems panel, "nothing was sent"
  'palette-toggle.png': '05-palette-toggle-pick.png', // "Toggle enabled…" with one entry ticked
  'editor-hover.png': '06-create-hover.png', // a device posture draft, a field's description from the schema
  'error-node.png': '08-error-node.png', // one view missing a permission, the others listing
  'pending-edit.png': '03-pending-edit.png', // an auto-saved edit not applied yet: badge, CodeLens, row note
  'two-accounts.png': '01b-two-accounts-expanded.png', // one sign-in, two accounts expanded, an entry toggled in the second
  'filter.png': '01b-filter.png', // the device posture view filtered to CrowdStrike across both accounts
  'terraform-export.png': '09-terraform-export-hcl.png', // Export to Terraform: the HCL with its import block
  'terraform-drift.png': '10-terraform-drift-diff.png', // Compare with Terraform: the diff and the marked row
  'used-by-rows.png': '11-used-by-rows.png', // a device posture integration expanded: the posture rules that read it
  'used-by-delete.png': '11-used-by-delete-confirm.png', // Delete… names the rules and the policies that require them
};

export default class SummaryReporter implements Reporter {
  private readonly started = Date.now();
  private suite: Suite | undefined;
  private resultsDir = join(ROOT, 'test-results', 'e2e');

  onBegin(config: FullConfig, suite: Suite): void {
    this.suite = suite;
    const outputDir = config.projects[0]?.outputDir;
    if (outputDir) this.resultsDir = outputDir;
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of this.suite?.allTests() ?? []) {
      const status = test.results.at(-1)?.status;
      if (status === 'passed') passed++;
      else if (status === 'failed' || status === 'timedOut' || status === 'interrupted') failed++;
      else skipped++;
    }
    // A run that did not pass failed, even when no step did (the setup, the global timeout, Ctrl+C).
    if (result.status !== 'passed' && failed === 0) failed = 1;
    const shown = relative(ROOT, this.resultsDir);
    if (failed === 0 && process.env.E2E_SCREENSHOTS) {
      mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
      for (const [name, shot] of Object.entries(CURATED)) {
        copyFileSync(join(this.resultsDir, shot), join(ROOT, 'docs/images', name));
        console.log(`docs/images/${name} ← ${shown}/${shot}`);
      }
    }
    console.log(`e2e duration: ${((Date.now() - this.started) / 1000).toFixed(1)} s; screenshots in ${shown}/`);
    console.log(`e2e: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  }
}
