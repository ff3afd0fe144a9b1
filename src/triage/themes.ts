import type { Token } from '../kernel/doc.js';
import { SENTIMENT } from '../sentiment/slots.js';
import { NEGATIVE } from '../classify/slots.js';
import type { TriageDoc } from '../kernel/doc.js';
import { TOPICS, type Topic } from '../types.js';
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
  /** Positive reviews read for the comparison rates (an even sample when there are more). */
  maxPositives: number;
}

/** The lookup form of a token that can name a theme (a Chinese word of 2+ characters, a Latin word of 3+ letters), else null. */
function candidate(t: Token): string | null {
  if (t.type === 'han') return t.norm.length >= 2 ? t.norm : null;
  if (t.type === 'word') return t.norm.length >= 3 ? t.norm : null;
  return null;
}

/** Per term: the last review that counted it, its positive-review count, and its negative-review count per topic (last slot: all). */
interface TermStat {
  /** A function word: never a theme (kept in the same Map so each token costs one lookup). */
  stop: boolean;
  last: number;
  pos: number;
  neg: Int32Array;
}

const ALL = TOPICS.length;
const TOPIC_INDEX = new Map<Topic, number>(TOPICS.map((t, i) => [t, i]));

/**
 * Distinctive terms of negative reviews per topic, scored by weighted
 * log-lift: reviews(term, topic) x ln(rate in the topic's complaints / rate
 * elsewhere), where "elsewhere" is the positive reviews (for `all`) or the
 * positives plus the other topics' complaints (per topic, so words every
 * complaint uses, like 差评, sink). Terms no more frequent than elsewhere
 * are dropped. One Map lookup per token (positives sampled down to
 * `maxPositives`); then a sort per topic.
 */
export function complaintThemes(docs: readonly TriageDoc[], o: ThemeOptions): Partial<Record<Topic | 'all', ThemeTerm[]>> {
  const stats = new Map<string, TermStat>();
  for (const w of STOPWORDS) stats.set(w, { stop: true, last: -1, pos: 0, neg: new Int32Array(0) });
  const topicReviews = new Int32Array(ALL + 1);
  const positiveDocs: number[] = [];
  const slots: number[] = [];
  // 1. Complaints: every term, per topic.
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    if (doc.get(SENTIMENT).label === 'positive') {
      positiveDocs.push(i);
      continue;
    }
    if (!isNegative(doc)) continue;
    slots.length = 0;
    slots.push(ALL);
    for (const topic of doc.get(NEGATIVE)?.topics ?? []) slots.push(TOPIC_INDEX.get(topic)!);
    for (const k of slots) topicReviews[k]!++;
    for (const tok of doc.tokens) {
      const term = candidate(tok);
      if (term === null) continue;
      let st = stats.get(term);
      if (st === undefined) stats.set(term, (st = { stop: false, last: -1, pos: 0, neg: new Int32Array(ALL + 1) }));
      if (st.stop || st.last === i) continue; // function words never count; a term counts once per review
      st.last = i;
      for (const k of slots) st.neg[k]!++;
    }
  }
  // 2. Praise, only for terms complaints use, on an even sample: rates need no more than `maxPositives` reviews.
  const stride = Math.max(1, Math.ceil(positiveDocs.length / o.maxPositives));
  let positives = 0;
  for (let j = 0; j < positiveDocs.length; j += stride) {
    const i = positiveDocs[j]!;
    positives++;
    for (const tok of docs[i]!.tokens) {
      const term = candidate(tok);
      const st = term === null ? undefined : stats.get(term);
      if (st === undefined || st.stop || st.last === i) continue;
      st.last = i;
      st.pos++;
    }
  }
  const out: Partial<Record<Topic | 'all', ThemeTerm[]>> = {};
  const negatives = topicReviews[ALL]!;
  for (let k = 0; k <= ALL; k++) {
    const inTopic = topicReviews[k]!;
    if (inTopic === 0) continue;
    // Compared with: the positives (for `all`), or the positives plus the other topics' complaints (per topic).
    const others = k === ALL ? positives : positives + negatives - inTopic;
    const ranked: ThemeTerm[] = [];
    for (const [term, st] of stats) {
      if (st.stop) continue;
      const n = st.neg[k]!;
      if (n < o.minReviews) continue;
      const outside = k === ALL ? st.pos : st.pos + st.neg[ALL]! - n;
      const lift = n / inTopic / ((outside + 1) / (others + 2));
      if (lift <= 1) continue;
      ranked.push({ term, score: Math.round(n * Math.log(lift) * 1000) / 1000, reviews: n });
    }
    ranked.sort((a, b) => b.score - a.score || b.reviews - a.reviews || (a.term < b.term ? -1 : 1));
    if (ranked.length) out[k === ALL ? 'all' : TOPICS[k]!] = ranked.slice(0, o.topK);
  }
  return out;
}
