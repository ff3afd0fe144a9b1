import type { Token } from '../../pipeline/doc.js';

export interface CueMatch<P> {
  from: number;
  to: number;
  term: string;
  payload: P;
}

interface Entry<P> {
  norms: string[];
  term: string;
  payload: P;
}

/**
 * Leftmost-longest matching of lexicon cues over tokens, indexed by the
 * first token: one Map lookup per token and no string building, since most
 * tokens start no cue. Same matching rules as the shared PhraseMatcher
 * (token norms, with the elongation-folded `alt` form as a fallback).
 */
export class CueMatcher<P> {
  private readonly byFirst = new Map<string, Entry<P>[]>();

  /** @param entries terms already split into token norms (by the analyzer's tokenizer) */
  constructor(entries: Iterable<{ norms: string[]; term: string; payload: P }>) {
    for (const e of entries) {
      if (e.norms.length === 0) continue;
      const list = this.byFirst.get(e.norms[0]!);
      if (list) list.push(e);
      else this.byFirst.set(e.norms[0]!, [e]);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.norms.length - a.norms.length);
  }

  match(tokens: Token[]): CueMatch<P>[] {
    let out: CueMatch<P>[] | null = null;
    for (let i = 0; i < tokens.length; ) {
      const t = tokens[i]!;
      const list = this.byFirst.get(t.norm) ?? (t.alt !== undefined ? this.byFirst.get(t.alt) : undefined);
      let hit: Entry<P> | null = null;
      if (list) {
        for (const e of list) {
          if (e.norms.length > 1 && !followsAt(tokens, i, e.norms)) continue;
          hit = e;
          break;
        }
      }
      if (hit) {
        (out ??= []).push({ from: i, to: i + hit.norms.length, term: hit.term, payload: hit.payload });
        i += hit.norms.length;
      } else i++;
    }
    return out ?? NONE;
  }
}

const NONE: never[] = [];

function followsAt(tokens: Token[], i: number, norms: string[]): boolean {
  if (i + norms.length > tokens.length) return false;
  for (let k = 1; k < norms.length; k++) {
    const t = tokens[i + k]!;
    if (t.norm !== norms[k] && t.alt !== norms[k]) return false;
  }
  return true;
}
