import type { Token, TriageDoc } from '../../kernel/doc.js';
import type { GroupDefect } from '../../schema/batch.js';
import type { Topic } from '../../schema/analysis.js';
import { NEGATIVE } from '../../classify/slots.js';
import { SENTIMENT } from '../../sentiment/slots.js';
import { productOf } from './metadata.js';
import { UnionFind } from './union-find.js';

/**
 * The looser similarity of the group engine: complaints that are not
 * near-copies but report the same defect. A complaint's defect signatures
 * are (product when the reviews name one, topic, two defect terms), the
 * terms being content words more than one complaint uses, ranked by how
 * much rarer they are in praise. Each complaint joins the signature most
 * complaints share (no chaining from one defect to the next); near-copies
 * of one another join outright. The work is linear in the batch.
 */

export interface DefectRules {
  /** Defect terms a complaint contributes (its most specific ones). */
  defectTermsPerReview: number;
}

/** Function words and words every complaint uses: never defect terms. */
const NOT_DEFECT_TERMS = new Set(
  (
    '我们 你们 他们 自己 一个 这个 那个 这些 那些 什么 怎么 这么 那么 就是 还是 但是 可是 而且 因为 所以 如果 虽然 然后 已经 还有 没有 不是 可以 一下 一些 ' +
    '觉得 感觉 知道 真的 非常 比较 时候 东西 现在 之前 之后 以后 以前 一直 其他 这样 那样 或者 只是 只有 一样 的话 不过 ' +
    '差评 失望 太差 很差 垃圾 不好 不行 不要 购买 买家 卖家 商家 店家 宝贝 产品 商品 收到 而已 一次 两次 ' +
    'the and for that this with was were are but not have has had you your they them their its his her our out all any can could would should there here ' +
    'what when which who will just than then too very also been from into about more most some such only over really after before bought product item ' +
    // Modal and function words: they pair with anything.
    '不能 只能 不会 可能 应该 是不是 一点 一点也不 里面 外面 上面 下面 以上 左右 这种 那种 这次 那次 每次 第一 根本 完全 实在 确实 本来 居然 竟然 ' +
    "can't don't didn't won't doesn't isn't wasn't"
  ).split(' '),
);
/** Words led by a numeral (一个月, 三个, 两次) count things; they say nothing about the defect. */
const NUMERAL_LEAD = new Set([...'一二三四五六七八九十两几半百千万']);

/** The lookup form of a token that can be a defect term (a Chinese word of 2+ characters, a Latin word of 3+ letters), else null. */
function termOf(t: Token): string | null {
  if (t.type === 'han') return t.norm.length >= 2 && !NOT_DEFECT_TERMS.has(t.norm) && !NUMERAL_LEAD.has(t.norm[0]!) ? t.norm : null;
  if (t.type === 'word') return t.norm.length >= 3 && !NOT_DEFECT_TERMS.has(t.norm) ? t.norm : null;
  return null;
}

function distinctTerms(doc: TriageDoc): string[] {
  const out = new Set<string>();
  for (const t of doc.tokens) {
    const term = termOf(t);
    if (term !== null) out.add(term);
  }
  return [...out];
}

export interface DefectGroups {
  /** Components of 2+ complaints (doc indices ascending), ordered by first member. */
  components: number[][];
  /** Each candidate's defect terms, most specific first (for describing a group). */
  termsOf: Map<number, string[]>;
}

/**
 * Groups `candidates` (complaints, doc indices) by product, topic and shared
 * defect terms; `linked` lists sets that are joined outright (near-copies of
 * one another). Praise (positive reviews) sets how specific a term is.
 */
export function defectGroups(docs: readonly TriageDoc[], candidates: readonly number[], linked: readonly number[][], o: DefectRules): DefectGroups {
  const complaintCount = new Map<string, number>();
  const termsByDoc = new Map<number, string[]>();
  for (const d of candidates) {
    const terms = distinctTerms(docs[d]!);
    termsByDoc.set(d, terms);
    for (const t of terms) complaintCount.set(t, (complaintCount.get(t) ?? 0) + 1);
  }
  // Praise, counted only for the terms complaints use.
  const praiseCount = new Map<string, number>();
  for (const doc of docs) {
    if (doc.get(SENTIMENT).label !== 'positive') continue;
    const seen = new Set<string>();
    for (const t of doc.tokens) {
      const term = termOf(t);
      if (term === null || seen.has(term) || !complaintCount.has(term)) continue;
      seen.add(term);
      praiseCount.set(term, (praiseCount.get(term) ?? 0) + 1);
    }
  }
  const specificity = (t: string) => complaintCount.get(t)! / (1 + (praiseCount.get(t) ?? 0));

  const index = new Map<number, number>();
  candidates.forEach((d, i) => index.set(d, i));
  const uf = new UnionFind(candidates.length);
  for (const set of linked) {
    const inSet = set.filter((d) => index.has(d));
    for (let k = 1; k < inSet.length; k++) uf.union(index.get(inSet[0]!)!, index.get(inSet[k]!)!);
  }
  // Each complaint's keys: product, topic and a pair of its top terms. Keys are counted, then each complaint
  // joins its best-supported key only, so groups are one signature each and never chain across defects.
  const keysOf = new Map<number, string[]>();
  const support = new Map<string, number>();
  const termsOf = new Map<number, string[]>();
  for (const d of candidates) {
    // Terms no other complaint uses cannot link anything; the rest, most specific first.
    const terms = termsByDoc
      .get(d)!
      .filter((t) => complaintCount.get(t)! >= 2 && (praiseCount.get(t) ?? 0) < complaintCount.get(t)!)
      .sort((a, b) => specificity(b) - specificity(a) || (a < b ? -1 : 1))
      .slice(0, o.defectTermsPerReview);
    termsOf.set(d, terms);
    const product = productOf(docs[d]!.review) ?? '';
    const keys: string[] = [];
    for (const topic of docs[d]!.get(NEGATIVE)?.topics ?? []) {
      for (let i = 0; i < terms.length; i++) {
        for (let j = i + 1; j < terms.length; j++) {
          const [a, b] = terms[i]! < terms[j]! ? [terms[i]!, terms[j]!] : [terms[j]!, terms[i]!];
          keys.push(`${product}\u0000${topic}\u0000${a}\u0000${b}`);
        }
      }
    }
    keysOf.set(d, keys);
    for (const k of keys) support.set(k, (support.get(k) ?? 0) + 1);
  }
  const firstWithKey = new Map<string, number>();
  for (const d of candidates) {
    let best: string | null = null;
    let bestSupport = 1;
    for (const k of keysOf.get(d)!) {
      const n = support.get(k)!;
      if (n > bestSupport || (n === bestSupport && best !== null && k < best)) {
        best = k;
        bestSupport = n;
      }
    }
    if (best === null) continue;
    const first = firstWithKey.get(best);
    if (first === undefined) firstWithKey.set(best, index.get(d)!);
    else uf.union(first, index.get(d)!);
  }
  const byRoot = new Map<number, number[]>();
  for (const d of candidates) {
    const root = uf.find(index.get(d)!);
    const list = byRoot.get(root);
    if (list) list.push(d);
    else byRoot.set(root, [d]);
  }
  const components = [...byRoot.values()].filter((c) => c.length >= 2).map((c) => c.sort((a, b) => a - b));
  components.sort((a, b) => a[0]! - b[0]!);
  return { components, termsOf };
}

/** What a group of complaints reports: the shared product, the topics and terms at least half of them (and two) use. */
export function describeDefect(members: readonly number[], docs: readonly TriageDoc[], termsOf: ReadonlyMap<number, string[]>): GroupDefect {
  const need = Math.max(2, Math.ceil(members.length / 2));
  const products = new Set(members.map((d) => productOf(docs[d]!.review)));
  const topicCount = new Map<Topic, number>();
  const termCount = new Map<string, number>();
  for (const d of members) {
    for (const t of docs[d]!.get(NEGATIVE)?.topics ?? []) topicCount.set(t, (topicCount.get(t) ?? 0) + 1);
    for (const t of termsOf.get(d) ?? distinctTerms(docs[d]!)) termCount.set(t, (termCount.get(t) ?? 0) + 1);
  }
  const ranked = <K extends string>(m: Map<K, number>) =>
    [...m].filter(([, n]) => n >= need).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  return {
    product: products.size === 1 ? [...products][0]! : null,
    topics: ranked(topicCount),
    terms: ranked(termCount).slice(0, 6),
  };
}
