import type { Token } from '../pipeline/doc.js';
import type { AnalyzerContext } from '../pipeline/context.js';

/** A compiled lexicon term: its token norms as the analyzer's tokenizer splits it. */
export interface PhraseEntry<P> {
  readonly norms: readonly string[];
  readonly term: string;
  readonly payload: P;
}

export interface PhraseMatch<P> {
  /** Index of the first and one past the last token matched. */
  from: number;
  to: number;
  /** The normalised term that matched. */
  term: string;
  payload: P;
}

const NO_MATCHES: never[] = [];

/**
 * Finds lexicon terms in a token sequence, leftmost-longest and
 * non-overlapping. Each term is tokenised once, at compile time, by the
 * analyzer's own tokenizer, so it matches exactly when a review tokenises
 * the same way; a token matches on its `norm` or, for elongated words, its
 * `alt` form.
 *
 * Built for the hot path of every stage: terms are indexed by their first
 * token (longest first), and a bitmap keyed by that token's length, first
 * and last UTF-16 unit rejects most review tokens before any string is
 * hashed (a Chinese lexicon covers most first characters, so first-unit
 * checks alone pass too much). Matching allocates nothing unless something
 * matches.
 */
export class PhraseMatcher<P> {
  private readonly byFirst = new Map<string, PhraseEntry<P>[]>();
  /** 2^18 bits: 32 KiB, small enough to stay in cache. */
  private readonly startBits = new Uint32Array(1 << 13);
  /** Terms that tokenise to nothing (pure punctuation or spaces): never matched; checkLexicon reports them. */
  readonly unmatchable: string[] = [];
  readonly size: number;

  /** Later entries whose tokens equal an earlier entry's replace it (user lexicons come last). */
  constructor(ctx: AnalyzerContext, entries: Iterable<{ term: string; payload: P }>) {
    const byKey = new Map<string, PhraseEntry<P>>();
    for (const { term, payload } of entries) {
      const norms = ctx.tokenizeTerm(term).map((t) => t.norm);
      if (norms.length === 0) this.unmatchable.push(term);
      else byKey.set(norms.join('\u0001'), { norms, term, payload });
    }
    for (const e of byKey.values()) {
      const first = e.norms[0]!;
      const list = this.byFirst.get(first);
      if (list) list.push(e);
      else this.byFirst.set(first, [e]);
      const bit = startKey(first);
      this.startBits[bit >>> 5]! |= 1 << (bit & 31);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.norms.length - a.norms.length);
    this.size = byKey.size;
  }

  /** The longest term starting at token `i`, or undefined. */
  longestAt(tokens: readonly Token[], i: number): PhraseEntry<P> | undefined {
    const t = tokens[i]!;
    let list = this.mayStart(t.norm) ? this.byFirst.get(t.norm) : undefined;
    if (list === undefined && t.alt !== undefined && this.mayStart(t.alt)) list = this.byFirst.get(t.alt);
    if (list === undefined) return undefined;
    outer: for (const e of list) {
      const n = e.norms.length;
      if (i + n > tokens.length) continue;
      for (let k = 1; k < n; k++) {
        const u = tokens[i + k]!;
        if (u.norm !== e.norms[k] && u.alt !== e.norms[k]) continue outer;
      }
      return e;
    }
    return undefined;
  }

  /** All non-overlapping leftmost-longest matches (a shared empty array when there are none). */
  match(tokens: readonly Token[]): PhraseMatch<P>[] {
    let out: PhraseMatch<P>[] | null = null;
    for (let i = 0; i < tokens.length; ) {
      const e = this.longestAt(tokens, i);
      if (e === undefined) {
        i++;
        continue;
      }
      (out ??= []).push({ from: i, to: i + e.norms.length, term: e.term, payload: e.payload });
      i += e.norms.length;
    }
    return out ?? NO_MATCHES;
  }

  /** How many non-overlapping matches, skipping punctuation; pushes each term into `terms` when given. */
  count(tokens: readonly Token[], terms?: string[]): number {
    let hits = 0;
    for (let i = 0; i < tokens.length; ) {
      const e = tokens[i]!.type === 'punct' ? undefined : this.longestAt(tokens, i);
      if (e === undefined) i++;
      else {
        hits++;
        terms?.push(e.term);
        i += e.norms.length;
      }
    }
    return hits;
  }

  private mayStart(norm: string): boolean {
    const bit = startKey(norm);
    return (this.startBits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }
}

/** An 18-bit hash of a token's length, first and last UTF-16 unit. */
function startKey(norm: string): number {
  const h = Math.imul(norm.charCodeAt(0), 0x9e3779b1) ^ Math.imul(norm.charCodeAt(norm.length - 1), 0x85ebca6b) ^ Math.imul(norm.length, 0xc2b2ae35);
  return (h ^ (h >>> 15)) & 0x3ffff;
}
