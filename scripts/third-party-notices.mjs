// THIRD-PARTY-NOTICES.md for the .vsix: every npm package whose code the production build put in the extension's
// bundle or the HCL parser's chunk, found in esbuild's metafiles (dist/meta.json, dist/hcl2json-meta.json), with its
// version, licence and source, and the licence file the package ships, word for word. The MIT licences ask for their
// notice in every copy; MPL-2.0 asks that whoever receives the compiled form be told where its source is.
// `npm run package` writes it into the .vsix; test/unit/vsix.test.ts checks it names every bundled package.
//
//   node scripts/third-party-notices.mjs        prints it, from the metafiles of the last build
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const METAFILES = ['dist/meta.json', 'dist/hcl2json-meta.json'];

/** The package directory of a bundled input ("node_modules/a/node_modules/@s/b/lib/x.js" → ".../@s/b"). */
function packageDirOf(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const rest = input.slice(at + 'node_modules/'.length).split('/');
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return name ? input.slice(0, at + 'node_modules/'.length) + name : undefined;
}

/** Every package directory whose files the metafiles' outputs contain, sorted by package name. */
export function bundledPackageDirs(root = ROOT, metafiles = METAFILES) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    const meta = JSON.parse(readFileSync(join(root, metafile), 'utf8'));
    for (const output of Object.values(meta.outputs)) {
      for (const input of Object.keys(output.inputs ?? {})) {
        const dir = packageDirOf(input);
        if (dir) dirs.add(dir);
      }
    }
  }
  return [...dirs].map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
    .sort((a, b) => a.pkg.name.localeCompare(b.pkg.name, 'en'));
}

/** The licence files a package ships (LICENSE, LICENSE.md, LICENCE, COPYING, NOTICE…). */
export function licenceFilesOf(root, dir) {
  return readdirSync(join(root, dir)).filter((name) => /^(licen[cs]e|copying|notice)(\.(md|txt))?$/i.test(name)).sort();
}

function sourceOf(pkg) {
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const url = repository?.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/^git@([^:]+):/, 'https://$1/').replace(/\.git$/, '');
  const directory = typeof pkg.repository === 'object' && pkg.repository.directory ? `, folder ${pkg.repository.directory}` : '';
  return url ? `${url}${directory}` : (pkg.homepage ?? `https://www.npmjs.com/package/${pkg.name}`);
}

/** The Markdown of THIRD-PARTY-NOTICES.md. */
export function thirdPartyNotices(root = ROOT, metafiles = METAFILES) {
  const packages = bundledPackageDirs(root, metafiles);
  const out = [
    '# Third-party notices',
    '',
    'The extension\'s bundle (`dist/extension.js`) and the HCL parser\'s chunk (`dist/hcl2json/`) contain code of the',
    'npm packages below. Each is listed with its version, licence and source, followed by the licence file it ships.',
    '',
  ];
  for (const { dir, pkg } of packages) {
    out.push(`## ${pkg.name} ${pkg.version}`, '', `Licence: ${pkg.license ?? 'not stated'}. Source: ${sourceOf(pkg)}.`, '');
    const files = licenceFilesOf(root, dir);
    if (files.length === 0) {
      out.push(`The package ships no licence file. Its licence is ${pkg.license} (https://spdx.org/licenses/${pkg.license}.html); its source code is at the address above.`);
      if (pkg.name === '@cdktf/hcl2json') {
        out.push('Its `main.wasm.gz` is compiled from the Go code in that folder and the Go modules it uses (HashiCorp\'s HCL, MPL-2.0, among them); their licences are in those modules.');
      }
      out.push('');
    }
    for (const file of files) {
      // Fenced so no licence text is read as Markdown; a fence longer than any backtick run inside it.
      const text = readFileSync(join(root, dir, file), 'utf8').trimEnd();
      const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
      out.push(`${file}:`, '', `${fence}text`, text, fence, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const missing = METAFILES.filter((m) => !existsSync(join(ROOT, m)));
  if (missing.length) throw new Error(`${missing.join(', ')} missing: run node esbuild.mjs first`);
  process.stdout.write(thirdPartyNotices());
}
