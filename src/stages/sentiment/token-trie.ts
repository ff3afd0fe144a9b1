import type { AnalyzerContext } from '../../pipeline/context.js';
import type { Token } from '../../pipeline/doc.js';

interface Node<P> {
  payload?: P;
  term?: string;
  next?: Map<string, Node<P>>;
}

/**
 * Leftmost-longest lexicon lookup over tokens, as a trie keyed by token norm.
 * Unlike joining token norms into a key per candidate length, a token that
 * starts no term costs one Map lookup and no string is built, which keeps
 * the stage inside its per-review budget. Terms are tokenised once here by
 * the analyzer's own tokenizer, so they match exactly when a review
 * tokenises the same way.
 */
export class TokenTrie<P> {
  private readonly root = new Map<string, Node<P>>();
  /**
   * First / last UTF-16 unit of every token that can start a term: most
   * tokens fail these two array reads and never pay for hashing a string.
   */
  private readonly firstUnits = new Uint8Array(65536);
  private readonly lastUnits = new Uint8Array(65536);
  size = 0;

  constructor(ctx: AnalyzerContext, entries: Iterable<{ term: string; payload: P }>) {
    for (const { term, payload } of entries) {
      const norms = ctx.tokenizeTerm(term).map((t) => t.norm);
      if (norms.length === 0) continue;
      let level = this.root;
      let node: Node<P> | undefined;
      for (const norm of norms) {
        node = level.get(norm);
        if (!node) level.set(norm, (node = {}));
        level = node.next ??= new Map();
      }
      if (node!.payload === undefined) this.size++;
      node!.payload = payload;
      node!.term = term;
    }
    for (const key of this.root.keys()) {
      this.firstUnits[key.charCodeAt(0)] = 1;
      this.lastUnits[key.charCodeAt(key.length - 1)] = 1;
    }
  }

  private mayStart(norm: string): boolean {
    return this.firstUnits[norm.charCodeAt(0)] === 1 && this.lastUnits[norm.charCodeAt(norm.length - 1)] === 1;
  }

  /**
   * The longest term starting at token `i`, or null. Writes the end token
   * (exclusive) into `out.to`, so the caller allocates nothing per token.
   */
  longestAt(tokens: Token[], i: number, out: { to: number; term: string }): P | null {
    const first = tokens[i]!;
    if (!this.mayStart(first.norm) && (first.alt === undefined || !this.mayStart(first.alt))) return null;
    let level: Map<string, Node<P>> | undefined = this.root;
    let found: P | null = null;
    for (let k = i; k < tokens.length && level; k++) {
      const t = tokens[k]!;
      const node: Node<P> | undefined = level.get(t.norm) ?? (t.alt !== undefined ? level.get(t.alt) : undefined);
      if (!node) break;
      if (node.payload !== undefined) {
        found = node.payload;
        out.to = k + 1;
        out.term = node.term!;
      }
      level = node.next;
    }
    return found;
  }
}
