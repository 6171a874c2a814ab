// Output for extension-host tests that print figures (the fault matrix, counts). In the headless host the
// extension host's console only reaches the browser console, so lines also go to the file the harness mirrors
// (EXTENSION_TESTS_OUTPUT, set by scripts/test-in-code-server.mjs), which it prints as the tests run.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function report(...lines: string[]): void {
  const text = lines.join('\n');
  const file = process.env.EXTENSION_TESTS_OUTPUT;
  if (file) fs.appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
  console.log(text);
}

/** The project root: the test bundles live in <root>/out/test/integration (process.cwd() is not the root in the host). */
export function projectRoot(): string {
  return path.resolve(__dirname, '..', '..', '..');
}

/** Writes a JSON result file under <root>/test-results/ and returns its path. */
export function writeResult(name: string, value: unknown): string {
  const dir = path.join(projectRoot(), 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}
