import { TokenFlag, type Clause, type Token } from '../kernel/doc.js';
import { PhraseMatcher } from '../lexicon/matcher.js';

/** What a structure word does; one term may do several things (不 is a negator and a filler). */
interface Role {
  /** > 0: a negator reaching this many tokens. */
  negatorScope: number;
  contrast: boolean;
  filler: boolean;
}

export interface StructureWords {
  /** Negator terms with their scope in tokens. */
  negators: Iterable<{ term: string; scope?: number | undefined }>;
  contrast: Iterable<{ term: string }>;
  fillers: Iterable<{ term: string }>;
}

/** Default reach of a negator without a `scope` (the negators lexicon's documented default). */
export const DEFAULT_NEGATOR_SCOPE = 3;

/** Bits 8..11 of Token.flags: tokens from the nearest negator (1 = right after it), 0 outside any scope. */
const DISTANCE_SHIFT = 8;
const DISTANCE_MASK = 0xf << DISTANCE_SHIFT;

/** Tokens from the negator that reaches this token (1 = right after it), or 0 when none does. */
export function negationDistance(token: Token): number {
  return (token.flags & DISTANCE_MASK) >> DISTANCE_SHIFT;
}

/** Punctuation that ends a sentence (after NFKC, full-width forms are ASCII) and line breaks. */
const SENTENCE_END = new Set(['.', '!', '?', '。', '…', '\n']);
/** Punctuation inside a clause that ends nothing: quotes, brackets, joiners. */
const INSIDE_CLAUSE = new Set(['"', "'", '“', '”', '‘', '’', '(', ')', '（', '）', '[', ']', '【', '】', '《', '》', '-', '—', '/', '·', '&', '*', '#', '@', '%', '+', '=']);

/**
 * The structure pass: computed once per review after tokenisation, so no
 * later stage re-derives it. Sets Token.flags (negators and the tokens in
 * their scope with the distance, contrast markers, clause and sentence ends,
 * fillers) and returns the clauses. Negation reaches `scope` tokens and
 * stops at punctuation; clauses end at punctuation, emoji and before a
 * contrast marker. One pass over the tokens plus one lexicon match: linear.
 */
export class StructureMarker {
  private readonly words: PhraseMatcher<Role>;

  constructor(tokenizeTerm: (term: string) => readonly Token[], words: StructureWords) {
    const roles = new Map<string, Role>();
    const role = (term: string): Role => {
      let r = roles.get(term);
      if (!r) roles.set(term, (r = { negatorScope: 0, contrast: false, filler: false }));
      return r;
    };
    for (const e of words.negators) role(e.term).negatorScope = e.scope ?? DEFAULT_NEGATOR_SCOPE;
    for (const e of words.contrast) role(e.term).contrast = true;
    for (const e of words.fillers) role(e.term).filler = true;
    this.words = new PhraseMatcher(tokenizeTerm, [...roles].map(([term, payload]) => ({ term, payload })));
  }

  /** Marks `tokens` in place and returns their clauses. */
  mark(tokens: Token[]): Clause[] {
    for (const m of this.words.match(tokens)) {
      const r = m.payload;
      let bits = 0;
      if (r.negatorScope > 0) bits |= TokenFlag.NEGATOR;
      if (r.contrast) bits |= TokenFlag.CONTRAST;
      if (r.filler) bits |= TokenFlag.FILLER;
      for (let k = m.from; k < m.to; k++) tokens[k]!.flags |= bits;
      if (r.negatorScope > 0) this.negate(tokens, m.to, r.negatorScope);
    }
    return this.clauses(tokens);
  }

  /** Flags the tokens after a negator as negated, with their distance, up to its scope or the next punctuation. */
  private negate(tokens: Token[], from: number, scope: number): void {
    for (let k = from, d = 1; k < tokens.length && d <= scope; k++, d++) {
      const t = tokens[k]!;
      if (t.type === 'punct' || t.type === 'emoji') break;
      if (t.flags & TokenFlag.NEGATOR) break; // a later negator starts its own scope
      t.flags = (t.flags & ~DISTANCE_MASK) | TokenFlag.NEGATED | (Math.min(d, 15) << DISTANCE_SHIFT);
    }
  }

  private clauses(tokens: Token[]): Clause[] {
    const out: Clause[] = [];
    let from = 0;
    let sentence = 0;
    let afterContrast = false;
    const close = (to: number, endsSentence: boolean): void => {
      if (to > from) out.push({ from, to, sentence, afterContrast, beforeContrast: false });
      from = to;
      afterContrast = false;
      if (endsSentence) sentence++;
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.flags & TokenFlag.CONTRAST && !(t.flags & TokenFlag.NEGATED)) {
        close(i, false);
        afterContrast = true;
        continue;
      }
      if (t.type === 'emoji' || (t.type === 'punct' && !INSIDE_CLAUSE.has(t.text))) {
        const ends = t.type === 'punct' && SENTENCE_END.has(t.text);
        t.flags |= ends ? TokenFlag.CLAUSE_END | TokenFlag.SENTENCE_END : TokenFlag.CLAUSE_END;
        close(i + 1, ends);
      }
    }
    close(tokens.length, true);
    // A clause followed by a contrast in the same sentence is a concession.
    for (let c = 0; c + 1 < out.length; c++) if (out[c + 1]!.afterContrast && out[c + 1]!.sentence === out[c]!.sentence) out[c]!.beforeContrast = true;
    return out;
  }
}
