// Advertising benchmark: disguised ads written for this bench (bench/ad-disguises.mjs: digit scripts,
// separators, cue spellings, links and lures campaigns.mjs never plants) mixed into real shopping reviews,
// and the real chat-ads corpus (game trading chat, QQ group chat) on its held-back 20% (ids hashing to
// 0 mod 5, scripts/lib/split.mjs): the rules and the ad model were written and fitted on the other 80%.
// Run alone after `npm run build`: node bench/ads.bench.mjs [--quick]
import { createAnalyzer } from '../dist/index.js';
import { isHeldOut } from '../scripts/lib/split.mjs';
import { disguisedAds } from './ad-disguises.mjs';
import { pct, printTable, readDev } from './lib.mjs';

const quick = process.argv.includes('--quick');
const analyzer = createAnalyzer();
const isAd = (text) => analyzer.analyze(text).spam.kinds.includes('advertising');
const prf = (tp, fp, fn) => {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

// 1. Disguised ads among real reviews (2,000 ads and 20,000 reviews: one ad in eleven rows).
const shopping = readDev('zh_shopping_reviews.jsonl');
if (shopping) {
  const ads = disguisedAds(quick ? 600 : 2000, 17);
  const reviews = shopping.filter((_, i) => i % (quick ? 5 : 1) === 0).slice(0, 20000);
  const by = new Map();
  const add = (key, hit) => {
    const c = by.get(key) ?? { n: 0, hit: 0 };
    c.n++;
    if (hit) c.hit++;
    by.set(key, c);
  };
  let tp = 0;
  for (const ad of ads) {
    const hit = isAd(ad.text);
    if (hit) tp++;
    add(`kind ${ad.kind}`, hit);
    if (ad.script) add(`digits ${ad.script}`, hit);
    if (ad.kind !== 'url' && ad.kind !== 'slang') add(`separator ${JSON.stringify(ad.sep)}`, hit);
    if (ad.kind === 'url') add(`link ${ad.sep}`, hit);
  }
  let fp = 0;
  for (const r of reviews) if (isAd(r.text)) fp++;
  const s = prf(tp, fp, ads.length - tp);
  printTable(
    `Disguised advertising written for this bench, among real shopping reviews (${ads.length} ads, ${reviews.length} reviews; targets: precision >= 98%, recall >= 95%)`,
    ['ads', 'reviews', 'precision', 'recall', 'F1', 'reviews called ads'],
    [[ads.length, reviews.length, pct(s.p), pct(s.r), pct(s.f1), fp]],
  );
  printTable('Recall by disguise', ['disguise', 'ads', 'recall'], [...by].sort().map(([k, c]) => [k, c.n, pct(c.hit / c.n)]));
}

// 2. Real chat ads, held-back 20%, per source (labels are noisy: some clear ads are labelled ham).
const chat = readDev('zh_chat_ads.jsonl');
if (chat) {
  const held = chat.filter((r) => isHeldOut(r.id)).filter((_, i) => !quick || i % 4 === 0);
  const groups = new Map();
  for (const r of held) {
    const src = r.id.startsWith('gamead') ? 'game trading chat' : 'QQ group chat';
    const g = groups.get(src) ?? { tp: 0, fp: 0, fn: 0, n: 0 };
    const said = isAd(r.text);
    const truth = r.label === 'advertising';
    g.n++;
    if (said && truth) g.tp++;
    else if (said) g.fp++;
    else if (truth) g.fn++;
    groups.set(src, g);
  }
  printTable(
    'Real chat ads (zh_chat_ads.jsonl), held-back 20% (target F1 >= 85%)',
    ['source', 'rows', 'ads', 'precision', 'recall', 'F1'],
    [...groups].map(([src, g]) => {
      const s = prf(g.tp, g.fp, g.fn);
      return [src, g.n, g.tp + g.fn, pct(s.p), pct(s.r), pct(s.f1)];
    }),
  );
}
