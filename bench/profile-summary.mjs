// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time and total (inclusive) time per function.
//   node bench/profile-summary.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample counts → milliseconds per node.
const selfMs = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfMs.set(id, (selfMs.get(id) ?? 0) + (dt[i + 1] ?? dt[i] ?? 0) / 1000);
}
const label = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^.*\/(out|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
const self = new Map();
const total = new Map();
for (const [id, ms] of selfMs) {
  const n = byId.get(id);
  self.set(label(n), (self.get(label(n)) ?? 0) + ms);
  // Inclusive time: once per distinct label on the stack.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur));
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + ms);
  }
}
const all = [...selfMs.values()].reduce((a, b) => a + b, 0);
const print = (title, map) => {
  console.log(`\n${title} (of ${all.toFixed(0)} ms sampled)`);
  for (const [l, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${l}`);
};
print('self time', self);
print('total time', total);

// Optional third argument: a function name whose callers (inclusive time per calling label) are listed.
const callersOf = process.argv[4];
if (callersOf) {
  const callers = new Map();
  for (const [id, ms] of selfMs) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (n.callFrame.functionName === callersOf && parent.get(cur) !== undefined) {
        const l = label(byId.get(parent.get(cur)));
        if (!seen.has(l)) callers.set(l, (callers.get(l) ?? 0) + ms);
        seen.add(l);
      }
    }
  }
  print(`callers of ${callersOf}`, callers);
}
