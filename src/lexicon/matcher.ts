import type { Token } from '../pipeline/doc.js';
import type { AnalyzerContext } from '../pipeline/context.js';

export interface PhraseMatch<P> {
  /** Index of the first and one past the last token matched. */
  from: number;
  to: number;
  /** The normalised term that matched. */
  term: string;
  payload: P;
}

const SEP = '\u0001';

/**
 * Finds lexicon terms in a token sequence. Each term is tokenised once, at
 * compile time, by the analyzer's own tokenizer, so a term matches exactly
 * when the review tokenises the same way. Matching is leftmost-longest and
 * non-overlapping: O(tokens x longest term in tokens).
 */
export class PhraseMatcher<P> {
  private readonly table = new Map<string, { term: string; payload: P }>();
  private maxLen = 0;
  /** Terms that tokenise to nothing (pure punctuation/space); reported by checkLexicon. */
  readonly unmatchable: string[] = [];

  constructor(ctx: AnalyzerContext, entries: Iterable<{ term: string; payload: P }>) {
    for (const { term, payload } of entries) {
      const norms = ctx.tokenizeTerm(term).map((t) => t.norm);
      if (norms.length === 0) {
        this.unmatchable.push(term);
        continue;
      }
      this.table.set(norms.join(SEP), { term, payload });
      this.maxLen = Math.max(this.maxLen, norms.length);
    }
  }

  get size(): number {
    return this.table.size;
  }

  /** Whether a term (already normalised into token norms) is in the table. */
  hasNorms(norms: string[]): boolean {
    return this.table.has(norms.join(SEP));
  }

  match(tokens: Token[]): PhraseMatch<P>[] {
    const out: PhraseMatch<P>[] = [];
    for (let i = 0; i < tokens.length; ) {
      let hit: PhraseMatch<P> | null = null;
      let key = '';
      let altKey = '';
      for (let n = 1; n <= this.maxLen && i + n <= tokens.length; n++) {
        const t = tokens[i + n - 1]!;
        key = n === 1 ? t.norm : key + SEP + t.norm;
        altKey = n === 1 ? (t.alt ?? t.norm) : altKey + SEP + (t.alt ?? t.norm);
        const found = this.table.get(key) ?? (altKey !== key ? this.table.get(altKey) : undefined);
        if (found) hit = { from: i, to: i + n, term: found.term, payload: found.payload };
      }
      if (hit) {
        out.push(hit);
        i = hit.to;
      } else i++;
    }
    return out;
  }
}
