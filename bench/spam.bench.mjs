// Spam and water-army benchmark: campaign clustering (pairwise P/R/F1) and
// disguised advertising (P/R) on campaigns.mjs streams, English comment spam
// (P/R/F1), and the speed of the batch stages (cluster + flood) on 100k/200k
// reviews. Run alone after `npm run build`: node bench/spam.bench.mjs [--quick] [--no-speed]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAnalyzer } from '../dist/index.js';
import { TriageDoc } from '../dist/extend.js';
import { timestampMs } from '../dist/index.js';
import { pct, printTable, readDev, sharedToolsDir, timeIt } from './lib.mjs';

const quick = process.argv.includes('--quick');
const tools = sharedToolsDir();
const campaigns = tools ? await import(pathToFileURL(path.join(tools, 'campaigns.mjs')).href) : null;
if (!campaigns) console.log('(skipped campaign streams: ../shared/tools/campaigns.mjs not found)');

const analyzer = createAnalyzer();
const ALNUM = /[\p{L}\p{N}]/gu;
const alnumCount = (s) => (s.match(ALNUM) ?? []).length;
const pairs = (n) => (n * (n - 1)) / 2;

/** Pairwise precision/recall of predicted clusters against truth.campaign, rows with < 6 letters/digits left out. */
function pairwise(rows, clusterOf) {
  const truth = new Map();
  const pred = new Map();
  const cell = new Map();
  for (let i = 0; i < rows.length; i++) {
    if (alnumCount(rows[i].text) < 6) continue;
    const t = rows[i].truth.campaign;
    const p = clusterOf(i);
    if (t) truth.set(t, (truth.get(t) ?? 0) + 1);
    if (p) pred.set(p, (pred.get(p) ?? 0) + 1);
    if (t && p) cell.set(`${t}\u0000${p}`, (cell.get(`${t}\u0000${p}`) ?? 0) + 1);
  }
  let tp = 0, tpairs = 0, ppairs = 0;
  for (const n of cell.values()) tp += pairs(n);
  for (const n of truth.values()) tpairs += pairs(n);
  for (const n of pred.values()) ppairs += pairs(n);
  const p = ppairs ? tp / ppairs : 1;
  const r = tpairs ? tp / tpairs : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

function prf(tp, fp, fn) {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

// Edits beyond the tool's, written for this bench: traditional script, zero-width and spaced characters,
// clause swaps, other prefixes and punctuation runs. Applied on top of the tool's own edits.
async function extraEdits(base) {
  const OpenCC = await import('opencc-js');
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
  return [
    ...base,
    (r, t) => toTraditional(t),
    (r, t) => [...t].map((c) => (r() < 0.15 ? c + '\u200b' : c)).join(''),
    (r, t) => [...t].map((c) => (/\p{Script=Han}/u.test(c) && r() < 0.2 ? c + ' ' : c)).join(''),
    (r, t) => {
      const parts = t.split(/(?<=[，。！？,.!?])/);
      if (parts.length < 2) return t;
      const i = Math.floor(r() * (parts.length - 1));
      [parts[i], parts[i + 1]] = [parts[i + 1], parts[i]];
      return parts.join('');
    },
    (r, t) => t + pick(r, ['！！！', '。。。', '~~', '😡😡', '👎👎👎']),
    (r, t) => pick(r, ['【避雷】', '真心提醒：', '亲们，', '说实话，', '#避雷#']) + t,
    (r, t) => t.replace(/[，。]/g, () => pick(r, ['，', '...', ' ', '!', '～'])),
  ];
}

const input = (row) => ({ id: row.id, text: row.text, authorId: row.authorId, ip: row.ip, timestamp: row.timestamp, rating: row.rating, likes: row.likes });

// 1. Campaign streams: the tool's default seed and other seeds (different base reviews, campaigns and ads).
if (campaigns) {
  const rowsOut = [];
  const verdictRows = [];
  const adRows = [];
  const floodRows = [];
  const extra = await extraEdits(campaigns.PERTURB);
  const streams = [[7, 'tool'], [11, 'tool'], [23, 'tool'], [7, 'extra'], [31, 'extra']].filter(([seed, edits]) => !quick || (seed === 7 && edits === 'tool'));
  for (const [seed, edits] of streams) {
    const rows = campaigns.build({ n: 20000, seed, ...(edits === 'extra' ? { perturb: extra } : {}) });
    const result = analyzer.analyzeBatch(rows.map(input));
    const items = result.items;
    const exact = new Map();
    const exactOf = (i) => {
      const key = rows[i].text;
      return exact.get(key) > 1 ? key : null;
    };
    for (const r of rows) if (alnumCount(r.text) >= 6) exact.set(r.text, (exact.get(r.text) ?? 0) + 1);
    const ours = pairwise(rows, (i) => items[i].spam.cluster);
    const base = pairwise(rows, exactOf);
    rowsOut.push([seed, edits, pct(ours.p), pct(ours.r), ours.f1.toFixed(3), base.f1.toFixed(3), result.groups?.length ?? 0]);
    // The campaign verdict: reviews a campaign group names as coordinated (all its members on builds without evidence),
    // against the planted campaigns only (truth ids c*; natural repeats are not campaigns).
    const campaignOf = new Map();
    for (const g of result.groups ?? []) if (g.campaign) for (const id of g.evidence?.coordinated ?? g.members) campaignOf.set(id, g.id);
    const planted = rows.map((r) => ({ ...r, truth: { ...r.truth, campaign: r.truth.campaign?.startsWith('c') ? r.truth.campaign : null } }));
    const verdict = pairwise(planted, (i) => campaignOf.get(rows[i].id) ?? null);
    const systemic = (result.groups ?? []).filter((g) => g.verdict === 'systemic_issue');
    const plantedIn = systemic.reduce((n, g) => n + g.members.filter((id) => planted[Number(id.slice(1))]?.truth.campaign).length, 0);
    // Planted rows left out of the campaign: the tool's copies, or base rows that carry the copied text (the originals).
    let missedCopies = 0, missedOriginals = 0;
    for (const r of planted) if (r.truth.campaign && alnumCount(r.text) >= 6 && !campaignOf.has(r.id)) r.authorId.startsWith('c') ? missedCopies++ : missedOriginals++;
    verdictRows.push([seed, edits, pct(verdict.p), pct(verdict.r), verdict.f1.toFixed(3), `${missedCopies} / ${missedOriginals}`, systemic.length, systemic.reduce((n, g) => n + g.size, 0), plantedIn]);
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < rows.length; i++) {
      const truth = rows[i].truth.spam.includes('advertising');
      const said = items[i].spam.kinds.includes('advertising');
      if (truth && said) tp++;
      else if (said) fp++;
      else if (truth) fn++;
    }
    const ad = prf(tp, fp, fn);
    adRows.push([seed, edits, tp + fn, pct(ad.p), pct(ad.r), fp, fn]);
    let ftp = 0, ffp = 0, ffn = 0;
    for (let i = 0; i < rows.length; i++) {
      const truth = rows[i].truth.spam.includes('flood');
      const said = items[i].spam.kinds.includes('flood');
      if (truth && said) ftp++;
      else if (said) ffp++;
      else if (truth) ffn++;
    }
    const fl = prf(ftp, ffp, ffn);
    floodRows.push([seed, edits, ftp + ffn, pct(fl.p), pct(fl.r)]);
  }
  printTable('Campaign clustering, pairwise over truth.campaign (20,000-review campaigns.mjs streams: the tool edits, or those plus extra edits; target F1 >= 0.98)', ['seed', 'edits', 'precision', 'recall', 'F1', 'exact-text F1', 'groups'], rowsOut);
  printTable('Campaign verdict, pairwise over the planted campaigns (coordinated members of campaign groups; systemic issues found in the same stream, and planted campaign rows inside them)', ['seed', 'edits', 'precision', 'recall', 'F1', 'left out: copies / originals', 'systemic groups', 'their members', 'planted rows in them'], verdictRows);
  printTable('Disguised advertising (targets: precision >= 98%, recall >= 95%)', ['seed', 'edits', 'ads', 'precision', 'recall', 'false pos.', 'missed'], adRows);
  printTable('Flood vs truth "flood" (same-network campaigns only; bursts of other campaigns are floods by design, so precision here is a floor)', ['seed', 'edits', 'flood rows', 'precision', 'recall'], floodRows);
}

// 2. English comment spam (UCI YouTube spam, Psy video). The rules were tuned looking at even-numbered rows; odd rows are the held-out half.
const comments = readDev('en_comment_spam.jsonl');
if (comments) {
  const score = (rows) => {
    let tp = 0, fp = 0, fn = 0;
    for (const row of rows) {
      const said = analyzer.analyze(row.text).spam.isSpam;
      const truth = row.label === 'spam';
      if (truth && said) tp++;
      else if (said) fp++;
      else if (truth) fn++;
    }
    return prf(tp, fp, fn);
  };
  const held = comments.filter((_, i) => i % 2 === 1);
  const tuned = comments.filter((_, i) => i % 2 === 0);
  const table = [
    ['held-out (odd rows)', held.length, score(held)],
    ['tuning (even rows)', tuned.length, score(tuned)],
    ['all', comments.length, score(comments)],
  ].map(([name, n, s]) => [name, n, pct(s.p), pct(s.r), pct(s.f1)]);
  printTable('English comment spam, isSpam (target F1 >= 93%; naive Bayes 78%, link/subscribe rules 85%)', ['split', 'comments', 'precision', 'recall', 'F1'], table);
}

// 2b. Comment spam per video: the cue weights were tuned on the Psy video's even rows only, so the LMFAO and
// Eminem videos are left out of all fitting (a per-video table is leave-one-video-out for hand-set rules).
const more = readDev('en_comment_spam_more.jsonl');
if (comments && more) {
  const videos = [['Psy (rules tuned on its even rows)', comments], ['LMFAO', more.filter((r) => r.id.startsWith('yt-lmfao'))], ['Eminem', more.filter((r) => r.id.startsWith('yt-eminem'))]];
  const rows = videos.map(([name, rs]) => {
    let tp = 0, fp = 0, fn = 0;
    for (const row of rs) {
      const said = analyzer.analyze(row.text).spam.isSpam;
      const truth = row.label === 'spam';
      if (truth && said) tp++;
      else if (said) fp++;
      else if (truth) fn++;
    }
    const s = prf(tp, fp, fn);
    return [name, rs.length, pct(s.p), pct(s.r), pct(s.f1)];
  });
  printTable('English comment spam per video (target F1 >= 93% each)', ['video', 'comments', 'precision', 'recall', 'F1'], rows);
}

// 3. Cost of the per-review spam stage alone, against nodejieba.cut on the same texts (budget ~0.25x jieba).
const zh = readDev('zh_shopping_reviews.jsonl');
if (zh) {
  const { default: jieba } = await import('nodejieba');
  const texts = zh.slice(0, quick ? 3000 : 10000).map((r) => r.text);
  const stages = analyzer.pipeline.list();
  const at = stages.findIndex((s) => s.name === 'spam');
  const docs = texts.map((text, i) => {
    const doc = new TriageDoc({ id: String(i), text }, 1_000_000);
    for (const s of stages.slice(0, at)) s.run(doc);
    return doc;
  });
  const spam = stages[at];
  const spamMs = timeIt(() => {
    for (const d of docs) spam.run(d);
  });
  const jiebaMs = timeIt(() => {
    for (const t of texts) jieba.cut(t);
  });
  const avg = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  printTable(
    'Per-review spam stage cost (zh_shopping_reviews; budget about 0.25x nodejieba.cut)',
    ['reviews', 'avg chars', 'spam stage µs/review', 'nodejieba.cut µs/review', 'ratio'],
    [[texts.length, Math.round(avg), (1000 * spamMs) / texts.length, (1000 * jiebaMs) / texts.length, (spamMs / jiebaMs).toFixed(2)]],
  );
}

// 4. Speed of the batch stages alone (cluster + flood) on prepared docs, one core.
if (campaigns && !process.argv.includes('--no-speed')) {
  const normalize = analyzer.pipeline.get('normalize');
  const cluster = analyzer.batchPipeline.get('cluster');
  const flood = analyzer.batchPipeline.get('flood');
  const prepare = (rows) => {
    const docs = rows.map((row) => {
      const doc = new TriageDoc({ id: row.id, text: row.text, authorId: row.authorId, ip: row.ip, timestamp: row.timestamp }, 1_000_000);
      normalize.run(doc);
      return doc;
    });
    return { reviews: docs.map((d) => d.review), docs, times: docs.map((d) => timestampMs(d.review.timestamp)), result: { items: [] }, options: {} };
  };
  // The batch stages only write facts (GROUP, FLOOD) and the result: fresh docs each repetition.
  const reset = (state) => {
    state.docs = state.docs.map((d) => {
      const doc = new TriageDoc(d.review, 1_000_000);
      doc.normalized = d.normalized;
      doc.offsetMap = d.offsetMap;
      return doc;
    });
    state.result = { items: [] };
  };
  const cpuMs = (u) => (u.user + u.system) / 1000;
  // Best of 3 runs: wall time (shared machine, other processes compete) and this process's CPU time (one core).
  const timeBatch = (n, seed) => {
    const rows = campaigns.build({ n, campaigns: Math.round(n / 330), ads: Math.round(n / 50), seed });
    const state = prepare(rows);
    let best = null;
    for (let rep = 0; rep < 3; rep++) {
      reset(state);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      cluster.run(state);
      const c1 = process.cpuUsage(c0);
      const t1 = performance.now();
      flood.run(state);
      const c2 = process.cpuUsage(c0);
      const t2 = performance.now();
      const r = { cluster: t1 - t0, flood: t2 - t1, total: t2 - t0, cpu: cpuMs(c2), clusterCpu: cpuMs(c1), groups: state.result.groups.length };
      if (!best || r.cpu < best.cpu) best = r;
    }
    return best;
  };
  timeBatch(20000, 3); // warm-up (JIT)
  const sizes = quick ? [100000] : [100000, 200000];
  const results = sizes.map((n) => [n, timeBatch(n, 5)]);
  const base = results[0][1].cpu;
  printTable(
    'Batch stages speed (cluster + flood, ms; targets: 100k <= 3000 ms, 200k <= 2.3x the 100k time)',
    ['reviews', 'cluster CPU ms', 'flood CPU ms', 'total CPU ms', 'x 100k (CPU)', 'total wall ms', 'groups'],
    results.map(([n, r]) => [n, Math.round(r.clusterCpu), Math.round(r.cpu - r.clusterCpu), Math.round(r.cpu), (r.cpu / base).toFixed(2), Math.round(r.total), r.groups]),
  );
}
