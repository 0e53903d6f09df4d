#!/usr/bin/env node
// Renders assets/icon.svg → assets/icon.png (512×512, what electron-builder turns into .icns/.ico and the Linux
// icon) and assets/tray.svg → assets/tray.png (32×32). Chromium is the renderer we already depend on for E2E, so
// no image library is needed.   node scripts/render-icons.mjs   (CHROMIUM_PATH overrides /usr/bin/chromium)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jobs = [
  { svg: 'assets/icon.svg', png: 'assets/icon.png', size: 512 },
  { svg: 'assets/tray.svg', png: 'assets/tray.png', size: 32 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  for (const job of jobs) {
    const page = await browser.newPage({ viewport: { width: job.size, height: job.size }, deviceScaleFactor: 1 });
    const svg = fs.readFileSync(path.join(root, job.svg), 'utf8');
    const html = `<!doctype html><html><body style="margin:0;background:transparent">
      <img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${job.size}" height="${job.size}" style="display:block">
      </body></html>`;
    await page.setContent(html, { waitUntil: 'load' });
    await page.screenshot({
      path: path.join(root, job.png),
      omitBackground: true,
      clip: { x: 0, y: 0, width: job.size, height: job.size },
    });
    await page.close();
    console.log(`${job.png} (${job.size}×${job.size})`);
  }
} finally {
  await browser.close();
}
