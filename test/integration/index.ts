// Mocha entry for the extension-host tests (the extensionTestsPath): VS Code requires this file inside the
// extension host and calls run(); resolving means exit code 0, rejecting means 1.
// Loads every *.test.js beside it (tdd UI: suite/test/setup/teardown). MOCHA_GREP=<text|/regex/> runs a subset.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Where the reporter output is mirrored; set by scripts/test-in-code-server.mjs. */
const outputFile = process.env.EXTENSION_TESTS_OUTPUT;

function mirror(text: string): void {
  if (outputFile) fs.appendFileSync(outputFile, text.endsWith('\n') ? text : `${text}\n`);
}

// In the headless host, the extension host's console only reaches the browser console (mixed with workbench
// logs), so the reporter's lines are also appended to a file that the harness prints.
function mirrorReporterOutput(): void {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const original = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => {
    mirror(format(...args));
    original(...args);
  };
}

/** "/re/flags" becomes a RegExp; anything else is matched as plain text, as mocha's --grep does. */
function grepPattern(raw: string): string | RegExp {
  const m = /^\/(.+)\/([a-z]*)$/.exec(raw);
  return m?.[1] !== undefined ? new RegExp(m[1], m[2]) : raw;
}

export function run(): Promise<void> {
  mirrorReporterOutput();
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 20_000 });
  const grep = process.env.MOCHA_GREP;
  if (grep) mocha.grep(grepPattern(grep));
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const { passes, failures } = runner.stats ?? { passes: 0, failures: 1 };
        // A run with nothing in it (no test files, or MOCHA_GREP matching nothing) must not look like a pass.
        const empty = passes === 0 && failures === 0 ? (grep ? `no test matches MOCHA_GREP=${grep}` : 'no tests found') : undefined;
        if (empty) mirror(empty);
        const summary = `${passes} passed, ${failures} failed`; // the closing line CI reads
        mirror(summary);
        console.log(summary);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (empty) reject(new Error(empty));
        else resolve();
      });
    } catch (e) {
      // A test file that throws while loading lands here; report it, or the run would end with no output.
      mirror(`failed to load the tests: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      mirror('0 passed, 1 failed');
      reject(e);
    }
  });
}
