// Makes docs/report.png: the first screen of the report of examples/reviews.jsonl (zh locale,
// UTC+8), in Debian's chromium through playwright-core. After `npm run build`:
//   node scripts/report-screenshot.mjs [--locale en]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createAnalyzer, renderReport } from '../dist/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const locale = process.argv.includes('--locale') ? process.argv[process.argv.indexOf('--locale') + 1] : 'en';
const inputs = fs
  .readFileSync(path.join(root, 'examples', 'reviews.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const utcOffsetMinutes = 480;
const result = createAnalyzer().analyzeBatch(inputs, { summary: { utcOffsetMinutes }, alerts: { utcOffsetMinutes } });
// A fixed "now" (the morning after the example's last day) so the picture does not change between runs.
const html = renderReport(result, { inputs, locale, utcOffsetMinutes, now: Date.parse('2026-03-11T00:30:00Z') });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-shot-'));
const file = path.join(tmp, 'report.html');
fs.writeFileSync(file, html);
const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1100, height: 900 },
});
try {
  const page = await context.newPage();
  await page.goto('file://' + file);
  const out = path.join(root, 'docs', 'report.png');
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  await context.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
