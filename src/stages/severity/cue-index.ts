import type { Token } from '../../pipeline/doc.js';
import type { AnalyzerContext } from '../../pipeline/context.js';

export interface Cue<P> {
  /** The term's token norms, as the analyzer's tokenizer splits it. */
  norms: string[];
  term: string;
  payload: P;
}

/**
 * Lexicon terms indexed by their first token's norm, longest first: a
 * review token that starts no term costs one Map lookup. Same semantics as
 * PhraseMatcher (leftmost-longest, norm or elongation-folded alt form), built
 * for the hot path of severity and alerts.
 */
export class CueIndex<P> {
  private readonly byFirst = new Map<string, Array<Cue<P>>>();
  /** Terms that tokenise to nothing (pure punctuation): never matched. */
  readonly unmatchable: string[] = [];
  readonly size: number;

  /** Later entries with the same tokens replace earlier ones. */
  constructor(ctx: AnalyzerContext, entries: Iterable<{ term: string; payload: P }>) {
    const byKey = new Map<string, Cue<P>>();
    for (const { term, payload } of entries) {
      const norms = ctx.tokenizeTerm(term).map((t) => t.norm);
      if (norms.length === 0) this.unmatchable.push(term);
      else byKey.set(norms.join('\u0001'), { norms, term, payload });
    }
    for (const c of byKey.values()) {
      const list = this.byFirst.get(c.norms[0]!) ?? [];
      list.push(c);
      this.byFirst.set(c.norms[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.norms.length - a.norms.length);
    this.size = byKey.size;
  }

  /** The longest term starting at token `at`, or undefined. */
  at(tokens: readonly Token[], at: number): Cue<P> | undefined {
    const t = tokens[at]!;
    const list = this.byFirst.get(t.norm) ?? (t.alt === undefined ? undefined : this.byFirst.get(t.alt));
    if (list === undefined) return undefined;
    outer: for (const c of list) {
      if (at + c.norms.length > tokens.length) continue;
      for (let k = 1; k < c.norms.length; k++) {
        const u = tokens[at + k]!;
        if (u.norm !== c.norms[k] && u.alt !== c.norms[k]) continue outer;
      }
      return c;
    }
    return undefined;
  }

  /** Non-overlapping leftmost-longest matches, with the term of each when `terms` is given. Allocation-free otherwise. */
  count(tokens: readonly Token[], terms?: string[]): number {
    let hits = 0;
    for (let i = 0; i < tokens.length; ) {
      const c = tokens[i]!.type === 'punct' ? undefined : this.at(tokens, i);
      if (c === undefined) i++;
      else {
        hits++;
        terms?.push(c.term);
        i += c.norms.length;
      }
    }
    return hits;
  }
}
