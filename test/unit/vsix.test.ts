// The packaged extension (dist/cloudflare-zt-integrations.vsix, `npm run package`): exactly the files the installed
// extension needs, under a size budget, and every file the manifest points at is inside. Packages first when the
// .vsix is missing or older than its inputs (a production build and vsce: about ten seconds).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';

const ROOT = resolve(__dirname, '../../..');
const VSIX = join(ROOT, 'dist/cloudflare-zt-integrations.vsix');
/**
 * The whole .vsix, compressed. The bundle is about 1 MB minified, ~300 KB zipped; the HCL parser adds its chunk
 * (~70 KB minified) and its WebAssembly file, 1.7 MB already gzipped (zip cannot shrink it further).
 */
const BUDGET_BYTES = 2600 * 1024;

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** A zip's central directory (no zip64, no multi-disk: vsce writes neither for a file this small). */
function zipEntries(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip file: no end-of-central-directory record');
  const entries: ZipEntry[] = [];
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, `central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function readEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const start = entry.localOffset + 30 + zip.readUInt16LE(entry.localOffset + 26) + zip.readUInt16LE(entry.localOffset + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  assert.equal(entry.method, 8, `${entry.name}: unexpected compression method ${entry.method}`);
  return inflateRawSync(data);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(ROOT, path).split('\\').join('/')];
  });
}

describe('the packaged .vsix', () => {
  let zip: Buffer;
  let entries: ZipEntry[];
  const entry = (name: string): ZipEntry => {
    const found = entries.find((e) => e.name === name);
    assert.ok(found, `${name} is not in the .vsix`);
    return found;
  };

  before(() => {
    // --restore-dev-build: the development bundle (with source maps) stays in dist/ for the later test stages.
    execFileSync(process.execPath, [join(ROOT, 'scripts/package-vsix.mjs'), '--if-stale', '--restore-dev-build'], {
      cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 180_000,
    });
    zip = readFileSync(VSIX);
    entries = zipEntries(zip);
  });

  test('holds exactly the bundle, media/, the manifest, README, CHANGELOG, LICENSE and the third-party notices', () => {
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/THIRD-PARTY-NOTICES.md',
      'extension/dist/extension.js',
      'extension/dist/hcl2json/lib/index.js',
      'extension/dist/hcl2json/main.wasm.gz',
      ...filesUnder(join(ROOT, 'media')).map((p) => `extension/${p}`),
    ].sort();
    assert.deepEqual(entries.map((e) => e.name).sort(), expected);
    for (const name of entries.map((e) => e.name)) assert.doesNotMatch(name, /\.map$|meta\.json$|\.vsix$|(^|\/)(src|test|out|scripts|node_modules|docs)\//);
  });

  test('names every package bundled in, with its version, licence and the licence file it ships, word for word', () => {
    const notices = readEntry(zip, entry('extension/THIRD-PARTY-NOTICES.md')).toString('utf8');
    // The packages whose code is in dist/extension.js and dist/hcl2json/lib/index.js: a new one must be named here.
    const bundled: Record<string, string> = {
      '@cdktf/hcl2json': 'MPL-2.0', 'fast-deep-equal': 'MIT', 'fs-extra': 'MIT', 'graceful-fs': 'BlueOak-1.0.0', 'jsonc-parser': 'MIT',
      jsonfile: 'MIT', undici: 'MIT', universalify: 'MIT', zod: 'MIT',
    };
    // Headings outside the fenced licence texts (a licence may have headings of its own).
    const outside = notices.replace(/^(`{3,})text\n[\s\S]*?^\1$/gm, '');
    const headings = [...outside.matchAll(/^## (\S+) (\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, Object.keys(bundled).sort((a, b) => a.localeCompare(b, 'en')));
    // Read apart from the notices' generator: every node_modules package among the build's inputs is one of them.
    for (const metafile of ['dist/meta.json', 'dist/hcl2json-meta.json']) {
      const inputs = Object.values((JSON.parse(readFileSync(join(ROOT, metafile), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> }).outputs)
        .flatMap((output) => Object.keys(output.inputs));
      for (const input of inputs) {
        const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input)?.[1];
        if (name) assert.ok(name in bundled, `${name} (from ${input}) is bundled but not expected`);
      }
    }
    for (const [name, licence] of Object.entries(bundled)) {
      // As Node resolves them for the parser: its own node_modules first.
      const dir = [join(ROOT, 'node_modules/@cdktf/hcl2json/node_modules', name), join(ROOT, 'node_modules', name)].find((d) => statSync(d, { throwIfNoEntry: false }));
      assert.ok(dir, name);
      const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
      const start = notices.indexOf(`\n## ${name} ${version}\n`);
      const next = headings.indexOf(name) + 1 < headings.length ? notices.indexOf(`\n## ${headings[headings.indexOf(name) + 1] ?? ''} `, start + 1) : notices.length;
      const section = start < 0 ? undefined : notices.slice(start + 4, next);
      assert.ok(section, `${name} ${version} has a section`);
      assert.match(section, new RegExp(`Licence: ${licence.replace(/[.-]/g, '\\$&')}\\. Source: https://`));
      const files = readdirSync(dir).filter((f) => /^licen[cs]e/i.test(f));
      for (const file of files) assert.ok(section.includes(readFileSync(join(dir, file), 'utf8').trimEnd()), `${name}: ${file} word for word`);
      if (files.length === 0) assert.match(section, /ships no licence file.*source code is at the address above/);
    }
    assert.match(notices, /## @cdktf\/hcl2json 0\.21\.0\n\nLicence: MPL-2\.0\. Source: https:\/\/github\.com\/hashicorp\/terraform-cdk, folder packages\/@cdktf\/hcl2json\./);
  });

  test(`stays under the size budget (${BUDGET_BYTES / 1024} KiB)`, () => {
    const size = statSync(VSIX).size;
    assert.ok(size < BUDGET_BYTES, `${(size / 1024).toFixed(1)} KiB`);
  });

  test('carries the production bundle: minified, no source map reference', () => {
    const bundle = readEntry(zip, entry('extension/dist/extension.js')).toString('utf8');
    assert.doesNotMatch(bundle, /sourceMappingURL/);
    const perLine = bundle.length / bundle.split('\n').length;
    assert.ok(perLine > 1000, `a minified bundle has long lines; these average ${perLine.toFixed(0)} characters`);
  });

  test('carries the HCL parser: its chunk, and the WebAssembly file the chunk reads from beside it', () => {
    // The package reads `${__dirname}/../main.wasm.gz`, so the two must keep this layout.
    const wasm = readEntry(zip, entry('extension/dist/hcl2json/main.wasm.gz'));
    assert.equal(wasm.readUInt16BE(0), 0x1f8b, 'main.wasm.gz is gzip data');
    assert.ok(wasm.length > 1_000_000, `main.wasm.gz is ${wasm.length} bytes`);
    const chunk = readEntry(zip, entry('extension/dist/hcl2json/lib/index.js')).toString('utf8');
    assert.match(chunk, /main\.wasm\.gz/);
    // The extension reaches the parser only through the chunk, never a package it would not find once installed.
    const bundle = readEntry(zip, entry('extension/dist/extension.js')).toString('utf8');
    assert.doesNotMatch(bundle, /require\(["']@cdktf\/hcl2json["']\)/);
  });

  test('the shipped HCL parser parses, from a folder with no node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfzt-hcl2json-'));
    try {
      for (const name of ['dist/hcl2json/lib/index.js', 'dist/hcl2json/main.wasm.gz']) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), readEntry(zip, entry(`extension/${name}`)));
      }
      const script = 'require("./dist/hcl2json/lib/index.js").parse("a.tf", "resource \\"t\\" \\"n\\" {\\n  x = var.y\\n}\\n").then((r) => console.log(JSON.stringify(r)))';
      const output = execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.deepEqual(JSON.parse(output), { resource: { t: { n: [{ x: '${var.y}' }] } } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('every file the manifest points at is inside', () => {
    const manifest = JSON.parse(readEntry(zip, entry('extension/package.json')).toString('utf8'));
    const local = (p: string) => `extension/${p.replace(/^\.\//, '')}`;
    const referenced: string[] = [manifest.main, manifest.icon];
    for (const c of manifest.contributes.viewsContainers.activitybar) referenced.push(c.icon);
    for (const v of Object.values<{ icon?: string }[]>(manifest.contributes.views).flat()) if (v.icon) referenced.push(v.icon);
    for (const j of manifest.contributes.jsonValidation) referenced.push(j.url);
    assert.ok(manifest.contributes.walkthroughs?.length > 0, 'a walkthrough is contributed');
    for (const w of manifest.contributes.walkthroughs) {
      for (const step of w.steps) referenced.push(step.media.markdown ?? step.media.image ?? step.media.svg);
    }
    for (const path of referenced) {
      assert.equal(typeof path, 'string');
      entry(local(path));
    }
  });

  test('the icon is a 128×128 PNG', () => {
    const manifest = JSON.parse(readEntry(zip, entry('extension/package.json')).toString('utf8'));
    const png = readEntry(zip, entry(`extension/${manifest.icon}`));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  test('the marketplace fields are filled in', () => {
    const manifest = JSON.parse(readEntry(zip, entry('extension/package.json')).toString('utf8'));
    for (const field of ['name', 'displayName', 'description', 'publisher', 'version', 'license', 'icon']) {
      assert.ok(typeof manifest[field] === 'string' && manifest[field].length > 0, field);
    }
    assert.ok(manifest.categories?.length > 0 && manifest.keywords?.length > 0);
    assert.match(manifest.repository?.url ?? '', /^https:\/\//);
    // The vsixmanifest names the icon, so the Extensions view shows it.
    assert.match(readEntry(zip, entry('extension.vsixmanifest')).toString('utf8'), /Microsoft\.VisualStudio\.Services\.Icons\.Default/);
  });
});
