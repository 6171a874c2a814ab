// Builds the benchmark bundles into out/bench/ (never into dist/ or out/test/, which other builds own).
//   out/bench/node/main.js   plain Node: the real src/ (zod and undici bundled as in the extension), `vscode`
//                            aliased to bench/node/vscode-stub.ts, the `cloudflare` SDK left in node_modules.
//   out/bench/host/index.js  extensionTestsPath for the real extension host (`vscode` and mocha from the host).
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', sourcemap: true, absWorkingDir: ROOT };

export async function buildBench() {
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(ROOT, 'bench/node/main.ts')],
      outfile: join(ROOT, 'out/bench/node/main.js'),
      alias: { vscode: join(ROOT, 'bench/node/vscode-stub.ts') },
      external: ['cloudflare'],
      // As esbuild.mjs builds the extension: the module entries of zod and undici.
      mainFields: ['module', 'main'],
    }),
    build({
      ...common,
      entryPoints: [join(ROOT, 'bench/host/index.ts')],
      outfile: join(ROOT, 'out/bench/host/index.js'),
      external: ['vscode', 'mocha'],
    }),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBench();
