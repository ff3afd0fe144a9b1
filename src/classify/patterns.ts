import type { TriageDoc } from '../kernel/doc.js';
import { TOPICS, type Topic } from '../types.js';
import { PATTERN_TERM_PREFIX, PROBLEM_WEIGHT, type CueHit, type CueRoles } from './cues.js';

/**
 * Productive Chinese phrasing of a complaint that no phrase list can
 * enumerate (issue 12): elapsed and clock times, items left out, an order
 * note ignored, a price that dropped right after buying, a hedged doubt
 * that the goods are genuine. Each pattern is one rule a person can state,
 * and becomes a problem cue of its topic, so the rules and the learned
 * model read it like a lexicon cue (the model's cue features are keyed by
 * topic, not by term).
 *
 * Regexes run over the normalised text (NFKC, simplified script). Every gap
 * is a bounded run of one character class and no quantified group contains
 * another quantifier, so each scan is linear in the text's length.
 */
interface TopicPattern {
  /** Evidence rule name (`pattern:<id>`). */
  id: string;
  topic: Topic;
  regex: RegExp;
  /** A match whose text also matches this is not the complaint ("等了不到十分钟" is a short wait). */
  unless?: RegExp;
  /** Skip this pattern when the named one already fired (a delivery wait is not also a service wait). */
  after?: string;
}

/** A count: digits or Chinese numerals (一, 两, 半, 几, 十...). */
const COUNT = String.raw`(?:\d+|[一二两三四五六七八九十半几百]+)`;
/** Within one clause: no clause or sentence punctuation. */
const GAP = String.raw`[^，。！？；,.!?;\n]`;
/** Words that make a stated wait short or absent. */
const SHORT_WAIT = /不到|没等|不用等|只等|只用|就到|很快|马上|准时|提前/;

const PATTERNS: readonly TopicPattern[] = [
  // A wait measured in hours or minutes for a delivery: "外卖送了一个多小时", "骑手四十分钟还没到".
  { id: 'delivery wait', topic: 'logistics', regex: new RegExp(String.raw`(?:送|配送|派送|送餐|送达|送到|外卖|骑手|快递)${GAP}{0,8}?${COUNT}个?多?(?:小时|钟头|分钟)`), unless: SHORT_WAIT },
  // Days before anything arrived or left: "五天了还没发货", "一个星期才收到".
  { id: 'elapsed before arrival', topic: 'logistics', regex: new RegExp(String.raw`${COUNT}个?多?(?:小时|钟头|天|周|星期|礼拜)了?(?:才|还没|都没|还未|仍未)(?:到|送到|送达|收到|发货|发出|发|送)`) },
  // Two clock times and a "only then / still not": "十二点下单，两点才送到" written with digits.
  { id: 'clock times', topic: 'logistics', regex: new RegExp(String.raw`\d{1,2}(?:点|:)${GAP}{0,10}?\d{1,2}(?:点|:)${GAP}{0,4}?(?:才|还没|都没)`) },
  // A wait at the shop: "排队等了一个小时", "上菜等了四十分钟".
  { id: 'service wait', topic: 'service', regex: new RegExp(String.raw`(?:等|排队|上菜|出餐|催)了?${GAP}{0,6}?${COUNT}个?多?(?:小时|钟头|分钟)`), unless: SHORT_WAIT, after: 'delivery wait' },
  // Something left out of the order: "少给了一份米饭", "忘了放餐具", "漏发一只".
  { id: 'missing item', topic: 'mismatch', regex: new RegExp(String.raw`(?:没给|没有给|忘了给|忘记给|忘了放|忘记放|忘放|没放|漏放|少给|少放|少了|少发|漏发|缺了|没送|漏了|少送)(?:我|了)?${GAP}{0,6}?(?:一|个|份|双|只|瓶|盒|袋|件|餐具|筷子|勺|赠品|小菜|米饭|发票|配件|说明书|充电器|吸管|纸巾)`) },
  // A written instruction not followed: "备注了不要辣，结果还是放了".
  { id: 'note ignored', topic: 'service', regex: /(?:备注|注明|特意说|特地说|交代过?|要求过?)[^。！？!?\n]{0,16}?(?:还是|结果|却|依然|仍然|照样|也没)/ },
  // The price fell right after the purchase: "刚买就降价了", "收到第二天便宜了一百".
  { id: 'price dropped after buying', topic: 'price', regex: new RegExp(String.raw`(?:刚买|买了|买完|收到|到手)${GAP}{0,8}?(?:就|又)?(?:降价|便宜了|降了|打折)`) },
  // A doubt that the goods are genuine, hedged or asked: "怀疑是高仿", "这是正品吗".
  { id: 'hedged counterfeit doubt', topic: 'counterfeit', regex: /(?:是不是|是否|到底是不是|怀疑|疑似|不会是|该不会是)[^，。！？；,.!?;\n]{0,4}?(?:正品|真货|真的|原装|正版|假货|假的|仿的|高仿|山寨|翻新)|(?:正品|原装|正版)(?:吗|么|嘛)/ },
];

/** One roles object per pattern, built once: hits share it as lexicon hits share their term's roles. */
const ROLES: ReadonlyMap<string, CueRoles> = new Map(
  PATTERNS.map((p) => {
    const term = `${PATTERN_TERM_PREFIX}${p.id}`;
    const roles: CueRoles = {
      term,
      topics: [{ topic: p.topic, index: TOPICS.indexOf(p.topic), weight: PROBLEM_WEIGHT, problem: true, term }],
      natures: [],
      polarity: 0,
      problem: true,
      negatorScope: 0,
      pureNegator: false,
      aspectOnly: false,
      contrast: false,
    };
    return [p.id, roles];
  }),
);

/**
 * Adds a hit per pattern that fires (the first match of each) to the lexicon's hits, in token order,
 * unless a lexicon problem cue of the same topic already covers the match: the pattern adds only what
 * the lists missed.
 */
export function addPatternHits(doc: TriageDoc, hits: CueHit[]): CueHit[] {
  const text = doc.normalized;
  if (doc.tokens.length === 0) return hits;
  let added: CueHit[] | null = null;
  const fired = new Set<string>();
  for (const p of PATTERNS) {
    if (p.after && fired.has(p.after)) continue;
    const m = p.regex.exec(text);
    if (!m || (p.unless && p.unless.test(m[0]))) continue;
    fired.add(p.id);
    const nStart = m.index;
    const nEnd = m.index + m[0].length;
    if (coveredByLexicon(hits, nStart, nEnd, p.topic)) continue;
    const from = tokenAt(doc, nStart);
    const to = Math.max(from + 1, tokenAt(doc, nEnd - 1) + 1);
    (added ??= []).push({ from, to, nStart, nEnd, roles: ROLES.get(p.id)! });
  }
  if (!added) return hits;
  // Both lists are in token order: merge (analyzeClauses reads hits in token order).
  added.sort((a, b) => a.from - b.from);
  const out: CueHit[] = [];
  let i = 0;
  for (const h of hits) {
    while (i < added.length && added[i]!.from < h.from) out.push(added[i++]!);
    out.push(h);
  }
  while (i < added.length) out.push(added[i++]!);
  return out;
}

function coveredByLexicon(hits: CueHit[], nStart: number, nEnd: number, topic: Topic): boolean {
  for (const h of hits) {
    if (h.nEnd <= nStart || h.nStart >= nEnd || !h.roles.problem) continue;
    if (h.roles.topics.some((c) => c.problem && c.topic === topic)) return true;
  }
  return false;
}

/** Index of the token containing normalised offset `at` (the last token starting at or before it). */
function tokenAt(doc: TriageDoc, at: number): number {
  const tokens = doc.tokens;
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tokens[mid]!.nStart <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
