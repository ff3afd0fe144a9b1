/// <reference lib="dom" />
// (DOM types for the functions that run inside the page.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport, type BatchResult } from '../src/index.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

// The report is checked in a real browser: Debian's chromium driven by playwright-core.
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[review-triage tests] ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk): the report browser tests are skipped.`);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Playwright = typeof import('playwright-core');
type Context = Awaited<ReturnType<Playwright['chromium']['launchPersistentContext']>>;

interface PageRun {
  consoleErrors: string[];
  failedRequests: string[];
  /** Every URL the page asked for (the file itself should be the only one). */
  requests: string[];
}

describe.skipIf(!haveChromium)('report in a real browser (chromium)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-report-browser-'));
  let context: Context;
  let result: BatchResult;
  const files = { en: path.join(tmp, 'en.html'), zh: path.join(tmp, 'zh.html') };

  beforeAll(async () => {
    const inputs = fs
      .readFileSync(path.resolve(__dirname, '..', 'examples', 'reviews.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string });
    result = defaultAnalyzer().analyzeBatch(inputs, { summary: { utcOffsetMinutes: 480 }, alerts: { utcOffsetMinutes: 480 } });
    // The whole queue, so the example's hostile review (markup in its text) is on the page whatever its rank.
    fs.writeFileSync(files.en, renderReport(result, { inputs, utcOffsetMinutes: 480, locale: 'en', maxQueue: 1000 }));
    fs.writeFileSync(files.zh, renderReport(result, { inputs, utcOffsetMinutes: 480, locale: 'zh' }));
    const { chromium } = (await import('playwright-core')) as Playwright;
    // A fresh profile each run, so no cache or extension changes what is seen.
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1100, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function open(file: string) {
    const page = await context.newPage();
    const run: PageRun = { consoleErrors: [], failedRequests: [], requests: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') run.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => run.consoleErrors.push(String(e)));
    page.on('requestfailed', (r) => run.failedRequests.push(r.url()));
    page.on('request', (r) => run.requests.push(r.url()));
    await page.goto('file://' + file, { waitUntil: 'load' });
    return { page, run };
  }

  it('loads with no console error, no failed request and no request but the file itself', async () => {
    const { page, run } = await open(files.en);
    expect(run.consoleErrors).toEqual([]);
    expect(run.failedRequests).toEqual([]);
    expect(run.requests).toEqual(['file://' + files.en]);
    await page.close();
  });

  // ECharts tags the shapes it draws for series data with ecmeta_ssr_type="chart" (legend shapes say "legend").
  it('every chart container holds a rendered, visible SVG with data marks', async () => {
    const { page } = await open(files.en);
    const charts = await page.$$eval('figure.chart', (figs) =>
      figs.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return { name: f.getAttribute('data-chart'), width: box?.width ?? 0, height: box?.height ?? 0, marks: svg ? svg.querySelectorAll('[ecmeta_ssr_type="chart"]').length : 0 };
      }),
    );
    const names = charts.map((c) => c.name);
    for (const expected of ['daily-volume', 'daily-negative-rate', 'daily-rating', 'nature', 'topics', 'severity', 'heatmap-platform', 'spam-kinds']) expect(names).toContain(expected);
    expect(names.some((n) => n?.startsWith('timeline-'))).toBe(true);
    for (const c of charts) {
      expect(c.width, `${c.name} width`).toBeGreaterThan(100);
      expect(c.height, `${c.name} height`).toBeGreaterThan(40);
      expect(c.marks, `${c.name} data marks`).toBeGreaterThan(0);
    }
    await page.close();
  });

  it('the queue starts with the batch queue\'s first entry, its text shown with highlighted evidence', async () => {
    const { page } = await open(files.en);
    const first = result.queue![0]!;
    const firstItem = result.items.find((a) => a.id === first.id)!;
    const shown = await page.$eval('ol.queue > li', (li) => ({ id: li.getAttribute('data-id'), text: li.querySelector('blockquote')?.textContent ?? '', marks: li.querySelectorAll('mark').length, badge: li.querySelector('.badge')?.textContent }));
    expect(shown.id).toBe(first.id);
    expect(shown.text).toBe(firstItem.text);
    expect(shown.marks).toBeGreaterThan(0);
    expect(shown.badge).toBe(first.level);
    // The example's hostile review shows its markup as text, and added no element.
    expect(await page.locator('text=<script>alert("x")</script>').count()).toBeGreaterThan(0);
    expect(await page.$$eval('script', (s) => s.length)).toBe(0);
    await page.close();
  });

  it('the zh report renders Chinese headings with a CJK font', async () => {
    const { page, run } = await open(files.zh);
    const headings = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
    expect(headings).toEqual(expect.arrayContaining(['核心指标', '每日趋势', '待处理队列', '水军活动与系统性问题']));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // Without a CJK font every Chinese character draws as the same empty box: draw two in the
    // headings' font and compare pixels. Two unassigned private-use characters show the check can tell.
    const glyphs = await page.evaluate(() => {
      const font = `32px ${getComputedStyle(document.querySelector('h2')!).fontFamily}`;
      const draw = (ch: string) => {
        const c = document.createElement('canvas');
        c.width = c.height = 40;
        const g = c.getContext('2d')!;
        g.font = font;
        g.fillText(ch, 2, 32);
        return Array.from(g.getImageData(0, 0, 40, 40).data).join(',');
      };
      return { differentCjk: draw('核') !== draw('心'), sameBoxes: draw('\u{F0001}') === draw('\u{F0002}') };
    });
    expect(glyphs.sameBoxes).toBe(true);
    expect(glyphs.differentCjk).toBe(true);
    expect(run.consoleErrors).toEqual([]);
    await page.close();
  });

  it('prints: an A4 PDF of several pages, with nothing wider than the paper', async () => {
    const { page } = await open(files.en);
    await page.emulateMedia({ media: 'print' });
    // A4 at 96 dpi minus the 14 mm margins is about 687 px wide.
    await page.setViewportSize({ width: 687, height: 1000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.close();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('a screenshot of the first screen is not blank', async () => {
    const { page } = await open(files.en);
    const png = await page.screenshot();
    await page.close();
    // Decode the PNG in a blank page's canvas and measure the grey-level variance.
    const probe = await context.newPage();
    const stats = await probe.evaluate(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, img.width, img.height).data;
      let sum = 0;
      let sq = 0;
      let dark = 0;
      const n = d.length / 4;
      for (let i = 0; i < d.length; i += 4) {
        const y = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
        sum += y;
        sq += y * y;
        if (y < 128) dark++;
      }
      const mean = sum / n;
      return { variance: sq / n - mean * mean, darkShare: dark / n, width: img.width };
    }, png.toString('base64'));
    await probe.close();
    expect(stats.width).toBe(1100);
    expect(stats.variance).toBeGreaterThan(200);
    expect(stats.darkShare).toBeGreaterThan(0.01);
  });
});
