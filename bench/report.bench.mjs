// Report benchmark: time to render the HTML report and the file's size, next to the analysis
// time, for batches built at run time from the dev reviews in ../shared/data/dev (skipped when
// absent). The report must stay <= 5 MB at 100k reviews. Run alone after `npm run build`:
//   node bench/report.bench.mjs [--quick]
import { createAnalyzer, renderReport } from '../dist/index.js';
import { printTable, readDev } from './lib.mjs';

const quick = process.argv.includes('--quick');
const sources = ['zh_shopping_reviews.jsonl', 'zh_jd_comments_5class.jsonl', 'en_amazon_multidomain.jsonl'];
const texts = [];
for (const f of sources) {
  const rows = readDev(f);
  if (rows) for (const r of rows) if (typeof r.text === 'string' && r.text.trim()) texts.push(r.text);
}
if (!texts.length) {
  console.log('(skipped: no dev reviews found)');
  process.exit(0);
}

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const PLATFORMS = ['tmall', 'jd', 'taobao', 'amazon', 'pdd'];
const start = Date.parse('2026-01-01T00:00:00Z');

/**
 * n reviews over 30 days: each dev text once, then pairs of texts joined (so the batch is not
 * mostly exact copies), with a time, a platform, an author and a rating (low for some).
 */
function build(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const text = i < texts.length ? texts[i] : `${texts[i % texts.length]} ${texts[(i * 7919) % texts.length]}`;
    out.push({
      id: `b${i}`,
      text,
      rating: 1 + Math.floor(rand() * 5),
      authorId: `u${Math.floor(rand() * n)}`,
      platform: PLATFORMS[Math.floor(rand() * PLATFORMS.length)],
      timestamp: new Date(start + Math.floor(rand() * 30 * 86_400_000)).toISOString(),
    });
  }
  return out;
}

const analyzer = createAnalyzer();
const table = [];
for (const n of quick ? [10_000] : [10_000, 100_000]) {
  const inputs = build(n);
  let t0 = performance.now();
  const result = analyzer.analyzeBatch(inputs);
  const analysisMs = performance.now() - t0;
  renderReport(result, { inputs }); // warm-up (ECharts first use)
  let best = Infinity;
  let html = '';
  for (let k = 0; k < 3; k++) {
    t0 = performance.now();
    html = renderReport(result, { inputs });
    best = Math.min(best, performance.now() - t0);
  }
  const bytes = Buffer.byteLength(html, 'utf8');
  table.push([n, Math.round(analysisMs), Math.round(best), `${((100 * best) / analysisMs).toFixed(1)}%`, (bytes / 1e6).toFixed(2), bytes <= 5e6 ? 'yes' : 'NO', result.queue?.length ?? 0, result.groups?.length ?? 0]);
}
printTable(
  'renderReport: time and size (one core; best of 3 renders after a warm-up; dev reviews, 30 days, 5 platforms)',
  ['reviews', 'analyzeBatch ms', 'renderReport ms', 'render / analysis', 'HTML MB', '<= 5 MB', 'queue entries', 'groups'],
  table,
);
