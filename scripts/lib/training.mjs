// What every training script needs: the dev data folder, JSONL rows, a reproducible shuffle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** ../shared/data/dev beside the repo (or $REVIEW_TRIAGE_SHARED/data/dev), or null when absent. */
export function devDataDir() {
  const shared = process.env.REVIEW_TRIAGE_SHARED ?? path.resolve(repo, '..', 'shared');
  const dir = path.join(shared, 'data', 'dev');
  return fs.existsSync(dir) ? dir : null;
}

export function readJsonl(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Deterministic in-place shuffle (mulberry32) so two runs write the same model. */
export function shuffle(a, seed = 42) {
  let s = seed;
  const rnd = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
