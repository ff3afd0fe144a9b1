import type { Token } from '../kernel/doc.js';
import { bitmap, popcount, setBit, shapeKey } from '../util/bits.js';
import { fnv1a } from '../util/hash.js';

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
 * Built for the hot path of every stage. Terms are grouped by a 16-bit key
 * of their first token (its length, first and last UTF-16 unit), and a
 * bitmap of the keys in use rejects most review tokens. A token whose key is
 * set finds its group by the key's rank in the bitmap, and the group's
 * entries (longest first) are compared as strings: no string is hashed and
 * no Map is probed, which mattered because review tokens are fresh strings
 * and the Map's table did not stay in cache. Matching allocates nothing
 * unless something matches.
 */
export class PhraseMatcher<P> {
  /** 2^16 bits, one per first-token key in use: 8 KiB. */
  private readonly startBits = bitmap(1 << 16);
  /** Set bits before each 32-bit word of startBits: a key's rank is its group's index. */
  private readonly rankBefore = new Uint32Array(this.startBits.length);
  /**
   * Entries grouped by key in key order (so a key's rank is its group's
   * index), longest first within a group; different first tokens may share a
   * key. Group r is entries[groupStart[r] .. groupStart[r + 1]). The hash of
   * each entry's first token and its token count sit in typed arrays, so a
   * candidate is rejected without touching the entry object.
   */
  private readonly entries: PhraseEntry<P>[] = [];
  private readonly groupStart: Int32Array;
  private readonly entryHash: Int32Array;
  private readonly entryLength: Int32Array;
  /** Hash of each entry's second token (0 for one-token entries): most multi-token candidates fail here. */
  private readonly entrySecondHash: Int32Array;
  /** Each entry's first token, beside the hashes: confirming a hash match reads one string, not the entry. */
  private readonly entryFirst: string[] = [];
  /** Terms that tokenise to nothing (pure punctuation or spaces): never matched; checkLexicon reports them. */
  readonly unmatchable: string[] = [];
  readonly size: number;

  /** Later entries whose tokens equal an earlier entry's replace it (user lexicons come last). */
  /** `tokenizeTerm`: how the analyzer tokenises a term (its text service), so terms split as reviews do. */
  constructor(tokenizeTerm: (term: string) => readonly Token[], entries: Iterable<{ term: string; payload: P }>) {
    const byKey = new Map<string, PhraseEntry<P>>();
    for (const { term, payload } of entries) {
      const norms = tokenizeTerm(term).map((t) => t.norm);
      if (norms.length === 0) this.unmatchable.push(term);
      else byKey.set(norms.join('\u0001'), { norms, term, payload });
    }
    const byStartKey = new Map<number, PhraseEntry<P>[]>();
    for (const e of byKey.values()) {
      const key = shapeKey(e.norms[0]!);
      const list = byStartKey.get(key);
      if (list) list.push(e);
      else byStartKey.set(key, [e]);
      setBit(this.startBits, key);
    }
    let rank = 0;
    for (let w = 0; w < this.startBits.length; w++) {
      this.rankBefore[w] = rank;
      rank += popcount(this.startBits[w]!);
    }
    const groups = [...byStartKey].sort((a, b) => a[0] - b[0]);
    this.groupStart = new Int32Array(groups.length + 1);
    this.entryHash = new Int32Array(byKey.size);
    this.entryLength = new Int32Array(byKey.size);
    this.entrySecondHash = new Int32Array(byKey.size);
    groups.forEach(([, list], r) => {
      this.groupStart[r] = this.entries.length;
      // Longest first; among equal lengths, the order entries came in.
      for (const e of list.sort((a, b) => b.norms.length - a.norms.length)) {
        this.entryHash[this.entries.length] = hashNorm(e.norms[0]!);
        this.entryLength[this.entries.length] = e.norms.length;
        if (e.norms.length > 1) this.entrySecondHash[this.entries.length] = hashNorm(e.norms[1]!);
        this.entryFirst.push(e.norms[0]!);
        this.entries.push(e);
      }
    });
    this.groupStart[groups.length] = this.entries.length;
    this.size = byKey.size;
  }

  /** The longest term starting at token `i`, or undefined. */
  longestAt(tokens: readonly Token[], i: number): PhraseEntry<P> | undefined {
    const t = tokens[i]!;
    const found = this.longestFrom(tokens, i, t.norm);
    return found !== undefined || t.alt === undefined ? found : this.longestFrom(tokens, i, t.alt);
  }

  /** The longest term whose first token is `first` and whose other tokens follow token `i`. */
  private longestFrom(tokens: readonly Token[], i: number, first: string): PhraseEntry<P> | undefined {
    const key = shapeKey(first);
    const word = key >>> 5;
    const bit = 1 << (key & 31);
    const bits = this.startBits[word]!;
    if ((bits & bit) === 0) return undefined;
    const rank = this.rankBefore[word]! + popcount(bits & (bit - 1));
    const h = hashNorm(first);
    // Hashes of the next token's forms, computed when a multi-token candidate first needs them.
    let next = 0;
    let nextAlt = 0;
    let nextKnown = false;
    outer: for (let g = this.groupStart[rank]!, end = this.groupStart[rank + 1]!; g < end; g++) {
      const n = this.entryLength[g]!;
      if (this.entryHash[g] !== h || i + n > tokens.length) continue;
      if (n > 1) {
        if (!nextKnown) {
          const u = tokens[i + 1]!;
          next = hashNorm(u.norm);
          nextAlt = u.alt === undefined ? next : hashNorm(u.alt);
          nextKnown = true;
        }
        const second = this.entrySecondHash[g]!;
        if (second !== next && second !== nextAlt) continue;
      }
      if (this.entryFirst[g] !== first) continue;
      const e = this.entries[g]!;
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

}

/** A 32-bit FNV-1a hash of a token's norm (its UTF-16 units). */
function hashNorm(norm: string): number {
  return fnv1a(norm);
}
