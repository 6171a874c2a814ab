#!/usr/bin/env node
// Bundle size from the esbuild metafile: the total of dist/extension.js and what each dependency puts in it.
//   node esbuild.mjs --production && node scripts/bundle-size.mjs          table
//   node scripts/bundle-size.mjs --json                                     the same as JSON
//   node scripts/bundle-size.mjs dist/meta.json                             another metafile
//   node scripts/bundle-size.mjs --detail undici                            one part, by folder (what it brings in)
// The per-input figures are esbuild's `bytesInOutput` (after minification when the build was --production);
// they add up to a little less than the file, the rest being esbuild's module wrappers.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** "node_modules/@scope/pkg/…" → "@scope/pkg"; "src/api/…" → "src/api"; esbuild's own helpers → "(esbuild runtime)". */
export function ownerOf(input) {
  const nm = input.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = input.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
  }
  if (input.startsWith('<')) return '(esbuild runtime)';
  const parts = input.split('/');
  return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : (parts[0] ?? input);
}

/** { file, bytes, minified, groups: [{ name, bytes, files }] } for the extension bundle in `metaPath`. */
export function bundleSize(metaPath = join(ROOT, 'dist/meta.json')) {
  const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
  const [file, output] = Object.entries(meta.outputs).find(([name]) => name.endsWith('.js')) ?? [];
  if (!file || !output) throw new Error(`no .js output in ${metaPath}`);
  const groups = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = ownerOf(input);
    const group = groups.get(name) ?? { name, bytes: 0, files: 0 };
    group.bytes += bytesInOutput;
    group.files += 1;
    groups.set(name, group);
  }
  const path = resolve(dirname(metaPath), '..', file);
  const bytes = existsSync(path) ? statSync(path).size : output.bytes;
  // A minified bundle has few, very long lines; a development one has many.
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const minified = text.length > 0 && text.split('\n').length < text.length / 2000;
  return { file, bytes, minified, groups: [...groups.values()].sort((a, b) => b.bytes - a.bytes) };
}

/** The inputs of one part (as ownerOf names it), grouped by folder two levels deep: "lib/web/fetch", "lib/llhttp". */
export function partDetail(metaPath, part) {
  const meta = JSON.parse(readFileSync(metaPath ?? join(ROOT, 'dist/meta.json'), 'utf8'));
  const output = Object.entries(meta.outputs).find(([name]) => name.endsWith('.js'))?.[1];
  if (!output) throw new Error(`no .js output in ${metaPath}`);
  const folders = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (ownerOf(input) !== part) continue;
    const nm = input.lastIndexOf(`node_modules/${part}/`);
    const inside = (nm >= 0 ? input.slice(nm + `node_modules/${part}/`.length) : input.slice(part.length + 1)).split('/');
    const name = inside.length > 1 ? inside.slice(0, Math.min(inside.length - 1, 3)).join('/') : inside[0];
    const folder = folders.get(name) ?? { name, bytes: 0, files: 0 };
    folder.bytes += bytesInOutput;
    folder.files += 1;
    folders.set(name, folder);
  }
  return [...folders.values()].sort((a, b) => b.bytes - a.bytes);
}

const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;

export function formatTable(size) {
  const lines = [
    `${size.file}: ${kib(size.bytes)} (${size.bytes} bytes, ${size.minified ? 'minified' : 'NOT minified: run node esbuild.mjs --production'})`,
    '',
    '| part | bytes in bundle | share | files |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const g of size.groups) lines.push(`| ${g.name} | ${kib(g.bytes)} | ${((g.bytes / size.bytes) * 100).toFixed(1)} % | ${g.files} |`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const detail = args.indexOf('--detail');
  if (detail >= 0) {
    const part = args[detail + 1];
    if (!part) throw new Error('--detail needs a part name, e.g. --detail undici');
    const metaPath = args.find((a, i) => !a.startsWith('--') && i !== detail + 1);
    const folders = partDetail(metaPath ? resolve(metaPath) : undefined, part);
    if (args.includes('--json')) console.log(JSON.stringify(folders, null, 2));
    else console.log(['| folder | bytes in bundle | files |', '| --- | ---: | ---: |', ...folders.map((f) => `| ${f.name} | ${kib(f.bytes)} | ${f.files} |`)].join('\n'));
  } else {
    const metaPath = args.find((a) => !a.startsWith('--'));
    const size = bundleSize(metaPath ? resolve(metaPath) : undefined);
    console.log(args.includes('--json') ? JSON.stringify(size, null, 2) : formatTable(size));
  }
}
