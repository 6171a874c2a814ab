// Renders media/icon.png (the 128×128 marketplace / Extensions view icon) from the activity-bar glyph in
// media/cloudflare.svg: the same cloud-and-shield strokes, white on an orange rounded square. Headless Debian
// chromium through playwright-core draws it, so the PNG is reproducible and nobody edits it by hand.
//   node scripts/make-icon.mjs            (commit the resulting media/icon.png)
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 128;
const chromiumPath = process.env.CHROMIUM_PATH ?? execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();

// The glyph's paths, restyled: the source draws them in currentColor on a 24×24 grid.
const glyph = readFileSync(join(ROOT, 'media/cloudflare.svg'), 'utf8')
  .replace(/<!--[\s\S]*?-->/g, '')
  .replace(/^[\s\S]*?<svg[^>]*>/, '')
  .replace(/<\/svg>\s*$/, '');

const html = `<!doctype html><html><body style="margin:0;background:transparent">
<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#fbad41"/>
      <stop offset="1" stop-color="#f38020"/>
    </linearGradient>
  </defs>
  <rect x="4" y="4" width="120" height="120" rx="26" fill="url(#bg)"/>
  <g transform="translate(10 8) scale(4.5)" style="color:#ffffff" stroke-linecap="round">${glyph}</g>
</svg></body></html>`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND'],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(html);
  const out = join(ROOT, 'media/icon.png');
  await page.locator('svg').first().screenshot({ path: out, omitBackground: true });
  console.log(`wrote media/icon.png (${SIZE}×${SIZE}, ${statSync(out).size} bytes)`);
} finally {
  await browser.close();
}
