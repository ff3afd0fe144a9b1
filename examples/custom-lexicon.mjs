// A shop teaches the analyzer its own vocabulary, checks the lexicon for
// mistakes, and asserts the labels it expects on a small table of reviews.
// Run from the repository root after `npm run build`: node examples/custom-lexicon.mjs
import { createAnalyzer } from 'review-triage';
import { checkLexicon, checkLabels } from 'review-triage/testing';

// The shop's courier and its own slang, as lexicon objects (JSON files work the same: pass their paths).
const shopTopics = {
  kind: 'topics',
  lang: 'zh',
  description: "our courier's name and our product's parts",
  entries: [
    { term: '闪电侠快运', topic: 'logistics' },
    { term: '表带', topic: 'quality' },
  ],
};
const shopSlang = {
  kind: 'sentiment',
  lang: 'zh',
  entries: [
    { term: '拉胯', weight: -2 },
    { term: '拉胯', weight: -1 }, // a mistake checkLexicon will point at
  ],
};

for (const lexicon of [shopTopics, shopSlang]) {
  const report = checkLexicon(lexicon);
  console.log(`${lexicon.lang}/${lexicon.kind}: ${report.ok ? 'ok' : 'problems'}`);
  for (const p of report.problems) console.log(`  entry #${p.entry}: [${p.kind}] ${p.message}`);
}

const analyzer = createAnalyzer({ lexicons: [shopTopics, { ...shopSlang, entries: shopSlang.entries.slice(0, 1) }] });

const misses = checkLabels(analyzer, [
  { text: '闪电侠快运五天才送到，太慢了', sentiment: 'negative', topics: ['logistics'] },
  { text: '表带戴了两天就断了，太拉胯了', sentiment: 'negative', topics: ['quality'] },
  { text: '手表很好看，物流也快', sentiment: 'positive', nature: null },
]);
console.log(misses.length === 0 ? 'all label expectations hold' : misses);
