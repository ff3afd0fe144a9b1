import type { Token } from '../kernel/doc.js';
import type { CueHit } from './cues.js';

/**
 * Clause structure of one review, for aspect scope: a topic word counts only
 * where the writer is complaining ("物流很快，但质量太差" is about quality).
 *
 * Clauses end at punctuation, emoji and contrast words; sentences end at
 * 。！？.!?;… and at spaces between Chinese words (a common sentence break in
 * reviews). Polarity comes from the sentiment lexicon (with negators) plus
 * the problem cues themselves.
 */
export interface ClauseInfo {
  /** Clause index of each hit (parallel to the hits array). */
  hitClause: number[];
  /** Whether each hit is in the scope of a preceding negator. */
  hitNegated: number[];
  /** Resolved sign per clause: -1 complaint, +1 praise, 0 no opinion anywhere in its sentence. */
  sign: number[];
  /** Raw polarity per clause (before sentence-level resolution), for extras. */
  polarity: number[];
  count: number;
}

const SENTENCE_END = new Set(['。', '!', '?', '！', '？', '.', ';', '；', '…', '\n', '~', '～']);
/** Punctuation inside a clause that does not end it (quotes, brackets, joiners). */
const INLINE_PUNCT = new Set(['"', "'", '“', '”', '‘', '’', '《', '》', '(', ')', '（', '）', '【', '】', '[', ']', '-', '/', '*', '#', '@', '&', '+', '%', '$', '¥', '￥']);

/** How much a clause before a contrast word leans positive (a concession), and the one after negative. */
const CONCESSION_BIAS = 0.75;
const STRESS_BIAS = -0.5;
/** A negated problem cue is a mild positive statement ("没有色差"). */
const NEGATED_PROBLEM = 0.5;

export function analyzeClauses(tokens: Token[], hits: CueHit[]): ClauseInfo {
  const nHits = hits.length;
  // Plain arrays: per-doc typed arrays cost more to allocate than they save here.
  const hitClause: number[] = new Array<number>(nHits).fill(0);
  const hitNegated: number[] = new Array<number>(nHits).fill(0);
  const clauseSentence: number[] = [];
  const polarity: number[] = [];
  const afterContrast: boolean[] = [];

  let clause = 0;
  let sentence = 0;
  let clauseHasContent = false;
  clauseSentence.push(0);
  polarity.push(0);
  afterContrast.push(false);
  const newClause = (endSentence: boolean): void => {
    if (endSentence) sentence++;
    if (!clauseHasContent) {
      clauseSentence[clause] = sentence; // reuse the empty clause
      return;
    }
    clause++;
    clauseSentence.push(sentence);
    polarity.push(0);
    afterContrast.push(false);
    clauseHasContent = false;
  };

  let h = 0;
  let negUntil = -1; // token index (exclusive) up to which a negator reaches
  let negEnd = -1; // text offset right after the last negator
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const mark = t.type === 'punct' || t.type === 'emoji' || t.type === 'emoticon';
    if (mark && !(t.type === 'punct' && INLINE_PUNCT.has(t.text))) {
      newClause(t.type === 'punct' && SENTENCE_END.has(t.text));
      negUntil = -1;
    } else if (i > 0 && t.type === 'han' && tokens[i - 1]!.type === 'han' && t.nStart > tokens[i - 1]!.nEnd) {
      newClause(true);
      negUntil = -1;
    }
    // Hits are in token order; several sub-token hits may share token i.
    while (h < nHits && hits[h]!.from === i) {
      const hit = hits[h]!;
      const r = hit.roles;
      if (r.contrast && hit.to - hit.from <= 2) {
        newClause(false);
        afterContrast[clause] = true;
        negUntil = -1;
      }
      // Negators reach praise and problem cues within their scope, but a negative opinion word only right after them
      // ("不正常垃圾" is still 垃圾; "不差" would be listed whole); a phrase starting inside the negator is not negated by it.
      const negated = i < negUntil && hit.nStart >= negEnd && (r.polarity >= 0 || r.problem || hit.nStart === negEnd);
      hitClause[h] = clause;
      hitNegated[h] = negated ? 1 : 0;
      if (r.polarity !== 0) polarity[clause]! += negated ? -r.polarity : r.polarity;
      if (r.problem && r.polarity === 0) polarity[clause]! += negated ? NEGATED_PROBLEM : -1;
      if (r.negatorScope > 0) {
        negEnd = hit.nEnd;
        negUntil = hit.to + r.negatorScope;
      }
      h++;
    }
    if (!mark) clauseHasContent = true;
  }
  const count = clause + 1;

  // Contrast: what comes before "但/but" in the same sentence is usually a concession. One backward pass.
  let contrastLater = false;
  for (let c = count - 1; c >= 0; c--) {
    if (c < count - 1 && clauseSentence[c + 1] !== clauseSentence[c]) contrastLater = false;
    if (contrastLater) polarity[c]! += CONCESSION_BIAS;
    if (afterContrast[c]) {
      polarity[c]! += STRESS_BIAS;
      contrastLater = true;
    }
  }

  // A clause with no opinion of its own ("收到快递，箱子烂了") takes the nearest opinion in its
  // sentence, the next one first: a backward pass finds the next, a forward pass the previous.
  const sign: number[] = new Array<number>(count).fill(0);
  const next: number[] = new Array<number>(count).fill(0);
  for (let c = count - 1, s = 0; c >= 0; c--) {
    if (c < count - 1 && clauseSentence[c + 1] !== clauseSentence[c]) s = 0;
    next[c] = s;
    if (polarity[c] !== 0) s = Math.sign(polarity[c]!);
  }
  for (let c = 0, s = 0; c < count; c++) {
    if (c > 0 && clauseSentence[c - 1] !== clauseSentence[c]) s = 0;
    const own = Math.sign(polarity[c]!);
    sign[c] = own !== 0 ? own : next[c] !== 0 ? next[c]! : s;
    if (own !== 0) s = own;
  }
  return { hitClause, hitNegated, sign, polarity, count };
}
