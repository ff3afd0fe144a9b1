import type { Token } from '../../pipeline/doc.js';
import type { TriageDoc } from '../../pipeline/doc.js';
import type { Topic } from '../../types.js';
import { isNegative } from './docs.js';
import type { ThemeTerm } from './types.js';

/**
 * Function words that carry no complaint theme. Short on purpose: words
 * common in positive reviews are discounted by the IDF anyway.
 */
const STOPWORDS = new Set(
  (
    '我们 你们 他们 自己 一个 这个 那个 这些 那些 什么 怎么 这么 那么 就是 还是 但是 可是 而且 因为 所以 如果 虽然 然后 已经 还有 没有 不是 可以 一下 一些 觉得 感觉 知道 真的 非常 比较 时候 东西 现在 之前 之后 以后 以前 一直 其他 还是 这样 那样 或者 只是 只有 一样 的话 不过 ' +
    'the and for that this with was were are but not have has had you your they them their its his her our out all any can could would should there here what when which who will just than then too very also been from into about more most some such only over really'
  ).split(' '),
);

export interface ThemeOptions {
  topK: number;
  /** A term must appear in at least this many negative reviews of the topic. */
  minReviews: number;
}

/** A token that can name a theme: a Chinese word of 2+ characters or a Latin word of 3+ letters, not a function word. */
function themeTerm(t: Token): string | null {
  if (t.type === 'han') return t.norm.length >= 2 && !STOPWORDS.has(t.norm) ? t.norm : null;
  if (t.type === 'word') return t.norm.length >= 3 && !STOPWORDS.has(t.norm) ? t.norm : null;
  return null;
}

/**
 * Distinctive terms of negative reviews per topic: document frequency in
 * the topic's negative reviews times a smoothed IDF over the positive
 * reviews (ln((P + 1) / (df_pos + 1)) + 1), so words praise uses as often
 * as complaints sink. One pass over the tokens; then a sort per topic.
 */
export function complaintThemes(docs: readonly TriageDoc[], o: ThemeOptions): Partial<Record<Topic | 'all', ThemeTerm[]>> {
  const posDf = new Map<string, number>();
  const negDf = new Map<Topic | 'all', Map<string, number>>();
  const seen = new Map<string, number>(); // term -> last doc index counted, so a term counts once per review
  let positives = 0;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    const positive = doc.sentiment.label === 'positive';
    const negative = !positive && isNegative(doc);
    if (!positive && !negative) continue;
    if (positive) positives++;
    const buckets: Array<Map<string, number>> = [];
    if (negative) {
      buckets.push(bucket(negDf, 'all'));
      for (const topic of doc.negative?.topics ?? []) buckets.push(bucket(negDf, topic));
    }
    for (const tok of doc.tokens) {
      const term = themeTerm(tok);
      if (term === null || seen.get(term) === i) continue;
      seen.set(term, i);
      if (positive) posDf.set(term, (posDf.get(term) ?? 0) + 1);
      else for (const b of buckets) b.set(term, (b.get(term) ?? 0) + 1);
    }
  }
  const out: Partial<Record<Topic | 'all', ThemeTerm[]>> = {};
  for (const [topic, df] of negDf) {
    const ranked: ThemeTerm[] = [];
    for (const [term, n] of df) {
      if (n < o.minReviews) continue;
      const idf = Math.log((positives + 1) / ((posDf.get(term) ?? 0) + 1)) + 1;
      ranked.push({ term, score: Math.round(n * idf * 1000) / 1000, reviews: n });
    }
    ranked.sort((a, b) => b.score - a.score || b.reviews - a.reviews || (a.term < b.term ? -1 : 1));
    if (ranked.length) out[topic] = ranked.slice(0, o.topK);
  }
  return out;
}

function bucket<K>(m: Map<K, Map<string, number>>, key: K): Map<string, number> {
  let b = m.get(key);
  if (!b) m.set(key, (b = new Map()));
  return b;
}
