// `npm run package`: a production build (node esbuild.mjs --production) and the installable extension,
// dist/cloudflare-zt-integrations.vsix, made by @vscode/vsce without network or prompts.
// vsce runs in a staging copy of just the shipped files; .vscodeignore (an allowlist) decides again there, as it
// would for `vsce` run in the repository. test/unit/vsix.test.ts checks the exact contents and a size budget.
//
//   node scripts/package-vsix.mjs                      build + package
//   node scripts/package-vsix.mjs --if-stale           only when the .vsix is missing or older than its inputs
//   node scripts/package-vsix.mjs --restore-dev-build  afterwards put back the development bundle (with source
//                                                      maps) that dist/ held before, for callers inside `npm test`
//
// README images: vsce rewrites relative links in README.md to absolute ones and refuses to guess them for a
// repository that is not on GitHub/GitLab, so the base URLs are derived from package.json `repository.url`
// (<repo>/raw/HEAD/ for images, <repo>/blob/HEAD/ for links). Nothing is fetched.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { thirdPartyNotices } from './third-party-notices.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const VSIX = join(ROOT, 'dist', 'cloudflare-zt-integrations.vsix');

/** Files and folders whose change makes the .vsix out of date. */
const INPUTS = ['src', 'media', 'package.json', 'package-lock.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore',
  'esbuild.mjs', 'scripts/gen-schemas.ts', 'scripts/package-vsix.mjs', 'scripts/third-party-notices.mjs', 'tsconfig.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), st.mtimeMs);
}

/** Whether dist/cloudflare-zt-integrations.vsix exists and is newer than everything it is made from. */
export function vsixIsFresh() {
  if (!existsSync(VSIX)) return false;
  const inputs = Math.max(...INPUTS.map((p) => newestMtime(join(ROOT, p))));
  return statSync(VSIX).mtimeMs >= inputs;
}

/** Base URLs for README links from `repository` (a string or { url }); git+ and .git are dropped. */
function readmeBaseUrls(pkg) {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!raw) throw new Error('package.json has no repository URL: vsce needs one to rewrite the README image links');
  const repo = raw.replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  return { images: `${repo}/raw/HEAD/`, content: `${repo}/blob/HEAD/` };
}

/** Entries of a zip file (name, sizes) from its central directory; enough to check a .vsix without unzip. */
export function zipEntries(bytes) {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = bytes.readUInt16LE(eocd + 10);
  const entries = [];
  for (let i = 0, at = bytes.readUInt32LE(eocd + 16); i < count; i++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** What the staging folder gets; .vscodeignore (an allowlist) then decides again, as it would in the repository. */
const STAGED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'media', 'dist/extension.js', 'dist/hcl2json'];

export function packageVsix({ restoreDevBuild = false } = {}) {
  const t0 = Date.now();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  // The production build empties dist/; keep the development bundle to put back when asked.
  const devFiles = ['extension.js', 'extension.js.map', 'meta.json', 'hcl2json-meta.json'].map((n) => join(ROOT, 'dist', n));
  const saved = restoreDevBuild && existsSync(devFiles[1]) ? devFiles.filter((f) => existsSync(f)).map((f) => [f, readFileSync(f)]) : [];
  // vsce runs in a staging copy: it sees exactly the files above (not node_modules or .vscode-test, which makes it
  // slow), and a build started meanwhile in the working tree cannot swap the bundle under it.
  const stage = mkdtempSync(join(tmpdir(), 'cfzt-vsix-'));
  try {
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
    for (const item of STAGED) cpSync(join(ROOT, item), join(stage, item), { recursive: true });
    // The licences of the packages bundled in, from the metafiles of the build just made.
    writeFileSync(join(stage, 'THIRD-PARTY-NOTICES.md'), thirdPartyNotices());
    const bundle = statSync(join(stage, 'dist/extension.js')).size;
    const base = readmeBaseUrls(pkg);
    const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    mkdirSync(dirname(VSIX), { recursive: true });
    // stdin closed: vsce asks (y/N) only about a missing LICENSE or repository, and both exist; a prompt would fail here.
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', VSIX,
      '--baseImagesUrl', base.images, '--baseContentUrl', base.content], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
    const packed = zipEntries(readFileSync(VSIX)).find((e) => e.name === 'extension/dist/extension.js');
    if (packed?.size !== bundle) throw new Error(`the .vsix does not hold the production bundle (${packed?.size} ≠ ${bundle} bytes)`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
    if (saved.length) {
      mkdirSync(join(ROOT, 'dist'), { recursive: true });
      for (const [file, bytes] of saved) writeFileSync(file, bytes);
      console.log('package: put back the development bundle in dist/ (the .vsix holds the production one)');
    }
  }
  const kib = (statSync(VSIX).size / 1024).toFixed(1);
  console.log(`package: ${relative(ROOT, VSIX)} ${kib} KiB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return VSIX;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = new Set(process.argv.slice(2));
  if (args.has('--if-stale') && vsixIsFresh()) {
    console.log(`package: ${relative(ROOT, VSIX)} is up to date`);
  } else {
    packageVsix({ restoreDevBuild: args.has('--restore-dev-build') });
  }
}
