// Compares the labels of two builds on dev reviews, to show that a change meant to be
// behaviour-preserving (issue 13: linear-time regexes, spam padding view) is.
// Usage: node bench/label-diff.mjs OLD_DIST_DIR [NEW_DIST_DIR=dist] [ROWS_PER_FILE=3000]
// (build the old one first: git stash; npm run build; cp -r dist /somewhere/dist-old; git stash pop; npm run build)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { devDataDir, repoRoot } from './lib.mjs';

const [oldDir, newDir = path.join(repoRoot, 'dist'), perFile = '3000'] = process.argv.slice(2);
if (!oldDir) {
  console.error('usage: node bench/label-diff.mjs OLD_DIST_DIR [NEW_DIST_DIR] [ROWS_PER_FILE]');
  process.exit(2);
}
const dev = devDataDir();
if (!dev) {
  console.log('(skipped: ../shared/data/dev not found)');
  process.exit(0);
}
const load = async (dir) => (await import(pathToFileURL(path.resolve(dir, 'index.js')).href)).createAnalyzer();
const [before, after] = [await load(oldDir), await load(newDir)];

/** The labels a merchant sees, as one comparable record. */
const labels = (a) => ({
  sentiment: a.sentiment.label,
  nature: a.negative?.nature ?? null,
  topics: a.negative?.topics ?? [],
  isSpam: a.spam.isSpam,
  spamKinds: a.spam.kinds,
  severity: a.severity.level,
});

for (const file of ['zh_shopping_reviews.jsonl', 'en_amazon_multidomain.jsonl']) {
  const lines = fs.readFileSync(path.join(dev, file), 'utf8').split('\n').filter(Boolean);
  // Evenly spaced rows, so every domain / category of the file is sampled.
  const step = Math.max(1, Math.floor(lines.length / Number(perFile)));
  const rows = lines.filter((_, i) => i % step === 0).slice(0, Number(perFile)).map((l) => JSON.parse(l));
  const changed = {};
  let reviews = 0;
  let evidenceChanged = 0;
  for (const row of rows) {
    const x = before.analyze({ text: row.text });
    const y = after.analyze({ text: row.text });
    reviews++;
    const [lx, ly] = [labels(x), labels(y)];
    for (const k of Object.keys(lx)) if (JSON.stringify(lx[k]) !== JSON.stringify(ly[k])) changed[k] = (changed[k] ?? 0) + 1;
    if (JSON.stringify(x) !== JSON.stringify(y)) evidenceChanged++;
  }
  const total = Object.values(changed).reduce((s, v) => s + v, 0);
  console.log(`${file}: ${reviews} reviews, ${total} changed labels ${JSON.stringify(changed)}, ${evidenceChanged} outputs differ anywhere (evidence included)`);
}
