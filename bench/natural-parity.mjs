// Proof that dropping `natural` changed no token and no stem: compares the
// tokenizer's contraction splitter (src/text/contractions.ts) with natural's
// Treebank word tokenizer on every Latin run the pipeline feeds it, and the
// `stemmer` package with natural's PorterStemmer on every distinct word the
// sentiment features stem, over all dev data (English and Chinese) (../shared, read at run time).
// natural is no longer a dependency; install it without saving to run this:
//   npm install --no-save natural@8.1.1 && npm run build && node bench/natural-parity.mjs
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { stemmer } from 'stemmer';
import { Tokenizer, jiebaSegmenter, normalizeText } from '../dist/extend.js';
import { devDataDir, readDev } from './lib.mjs';

const require = createRequire(import.meta.url);
let natural;
try {
  natural = {
    Treebank: require('natural/lib/natural/tokenizers/treebank_word_tokenizer.js'),
    Porter: require('natural/lib/natural/stemmers/porter_stemmer.js'),
  };
} catch {
  console.log('(skipped: natural is not installed; run `npm install --no-save natural@8.1.1` first)');
  process.exit(0);
}
const dir = devDataDir();
if (!dir) {
  console.log('(skipped: ../shared/data/dev not found)');
  process.exit(0);
}

const treebank = new natural.Treebank();
const tokenizer = new Tokenizer(jiebaSegmenter());
// Record what the pipeline feeds the splitter: the runs with an apostrophe.
const runs = new Map(); // run -> count
const latinPieces = Object.getPrototypeOf(tokenizer).latinPieces;
Object.getPrototypeOf(tokenizer).latinPieces = function (run) {
  const straight = run.replaceAll('’', "'");
  if (straight.includes("'")) runs.set(straight, (runs.get(straight) ?? 0) + 1);
  return latinPieces.call(this, run);
};
const words = new Set();
// Chinese reviews hold Latin runs too: every dev file.
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
let texts = 0;
for (const f of files) {
  for (const row of readDev(f)) {
    if (typeof row.text !== 'string') continue;
    texts++;
    for (const t of tokenizer.tokenize(normalizeText(row.text, null).text)) {
      for (const w of [t.norm, t.alt]) if (w && /^[a-z]+$/.test(w)) words.add(w);
    }
  }
}

/** The pieces pushPieces would place: those found in order in the run. */
function placed(run, pieces) {
  const out = [];
  let pos = 0;
  for (const p of pieces) {
    if (!p) continue;
    const at = run.indexOf(p, pos);
    if (at < 0) continue;
    out.push(`${at}:${p}`);
    pos = at + p.length;
  }
  return out.join(' ');
}

let sameRuns = 0;
let sameOccurrences = 0;
let occurrences = 0;
const differences = [];
for (const [run, count] of runs) {
  occurrences += count;
  const mine = placed(run, Object.getPrototypeOf(tokenizer).latinPieces.call(tokenizer, run));
  const theirs = placed(run, treebank.tokenize(run));
  if (mine === theirs) {
    sameRuns++;
    sameOccurrences += count;
  } else differences.push({ run, count, mine, theirs });
}
let sameStems = 0;
const stemDiffs = [];
for (const w of words) {
  const a = stemmer(w);
  const b = natural.Porter.stem(w);
  if (a === b) sameStems++;
  else stemDiffs.push(`${w}: stemmer ${a}, natural ${b}`);
}
console.log(`dev files: ${files.join(', ')} (${texts} texts)`);
console.log(`contraction splitter vs natural Treebank: ${sameRuns}/${runs.size} distinct runs with an apostrophe identical (${sameOccurrences}/${occurrences} occurrences)`);
for (const d of differences.slice(0, 30)) console.log(`  differs (${d.count}x): ${d.run}: ours [${d.mine}] natural [${d.theirs}]`);
console.log(`stemmer vs natural PorterStemmer: ${sameStems}/${words.size} distinct words identical`);
for (const d of stemDiffs.slice(0, 30)) console.log(`  differs: ${d}`);
process.exit(differences.length || stemDiffs.length ? 1 : 0);
