// Layer rule: the API client and the models must not depend on VS Code, so they stay testable in plain
// Node and reusable by a CLI. This fails the build when a file in those layers imports `vscode`,
// or imports a module from a higher layer that does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PURE_LAYERS = ['src/api', 'src/families', 'src/models'];
const UI_LAYERS = ['src/tree', 'src/editor', 'src/commands', 'src/auth', 'src/ui', 'src/extension'];

function files(dir) {
  let entries;
  try { entries = readdirSync(dir); } catch { return []; }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const importPattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];
for (const layer of PURE_LAYERS) {
  for (const file of files(layer)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const spec = match[1] ?? match[2] ?? match[3];
      if (spec === 'vscode') problems.push(`${file}: imports 'vscode' (the ${layer} layer must stay plain Node)`);
      if (spec.startsWith('.') && UI_LAYERS.some((ui) => join(file, '..', spec).startsWith(ui))) {
        problems.push(`${file}: imports '${spec}' from a VS Code layer`);
      }
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`lint: ${problems.length} layer violation(s)`);
  process.exit(1);
}
console.log(`lint: ${PURE_LAYERS.join(', ')} are free of vscode imports`);
