import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** ../shared/data/dev beside the repo (or $REVIEW_TRIAGE_SHARED/data/dev), or null. */
export function devDataDir(): string | null {
  const shared = process.env.REVIEW_TRIAGE_SHARED ?? path.resolve(repoRoot, '..', 'shared');
  const dir = path.join(shared, 'data', 'dev');
  return fs.existsSync(dir) ? dir : null;
}

/** Rows of a dev JSONL file, or null when absent (callers skip with `describe.skipIf`). */
export function readDev<T = Record<string, unknown>>(file: string): T[] | null {
  const dir = devDataDir();
  if (!dir || !fs.existsSync(path.join(dir, file))) {
    console.warn(`[review-triage tests] ../shared/data/dev/${file} not found: dev-data tests are skipped.`);
    return null;
  }
  return fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
