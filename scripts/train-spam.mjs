#!/usr/bin/env node
// Builds data/models/spam-han.json: the Han characters common in real reviews,
// used by the spam stage to spot random-character gibberish (a text whose Han
// characters are mostly outside this set). Rebuild after the dev data changes:
//   node scripts/train-spam.mjs [--top 3500]
// Reads ../shared/data/dev/zh_shopping_reviews.jsonl (or $REVIEW_TRIAGE_SHARED).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.REVIEW_TRIAGE_SHARED ?? path.resolve(repoRoot, '..', 'shared');
const source = path.join(shared, 'data', 'dev', 'zh_shopping_reviews.jsonl');
const topArg = process.argv.indexOf('--top');
const top = topArg > 0 ? Number(process.argv[topArg + 1]) : 3500;

if (!fs.existsSync(source)) {
  console.error(`train-spam: ${source} not found; set REVIEW_TRIAGE_SHARED to the shared folder.`);
  process.exit(1);
}

const counts = new Map();
const lines = fs.readFileSync(source, 'utf8').split('\n');
for (const line of lines) {
  if (!line.trim()) continue;
  const { text } = JSON.parse(line);
  for (const ch of text) if (/\p{Script=Han}/u.test(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
}
// Most frequent first; ties by code point so the file is reproducible.
const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].codePointAt(0) - b[0].codePointAt(0));
const chars = ranked.slice(0, top).map(([ch]) => ch).sort().join('');
const covered = ranked.slice(0, top).reduce((s, [, n]) => s + n, 0) / ranked.reduce((s, [, n]) => s + n, 0);
const model = {
  description: 'Common Han characters of real reviews (spam stage, random-character gibberish check). Built by scripts/train-spam.mjs.',
  source: 'zh_shopping_reviews.jsonl',
  top,
  coverage: Math.round(covered * 10000) / 10000,
  chars,
};
const out = path.join(repoRoot, 'data', 'models', 'spam-han.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(model) + '\n');
console.log(`train-spam: wrote ${out}: ${chars.length} characters covering ${(covered * 100).toFixed(2)}% of Han characters in ${source}`);
