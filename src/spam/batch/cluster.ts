import { z } from 'zod';
import type { BatchState } from '../../context/batch-state.js';
import type { TriageDoc } from '../../kernel/doc.js';
import { defineBatchStage } from '../../context/define.js';
import { SENTIMENT } from '../../sentiment/slots.js';
import { NEGATIVE } from '../../classify/slots.js';
import { GROUP, MEMBERSHIP, SPAM, type GroupRole } from '../slots.js';
import type { GroupSignal } from '../../schema/batch.js';
import { defectGroups, describeDefect } from './defects.js';
import { productOf } from './metadata.js';
import { MinHashLsh } from './lsh.js';
import { coordinationOf, independenceOf } from './verdict.js';
import { compact, FingerprintTable, intersectionSize, shingles } from './shingles.js';
import { addressOf, networkOf } from './time.js';
import type { CampaignGroup } from './types.js';
import { UnionFind } from './union-find.js';

export const ClusterOptionsSchema = z
  .object({
    /** Characters per shingle. */
    shingleSize: z.number().int().min(1).max(8).default(2),
    /** Texts with fewer letters/digits than this never join a group: short texts ("很好", "质量不错") repeat naturally. */
    minChars: z.number().int().min(1).default(6),
    /** Repetitive texts (half their shingles repeats) with fewer distinct shingles than this never join: "很好很好很好很好" is long but says one thing. */
    minShingles: z.number().int().min(1).default(6),
    /** LSH bands x rows = MinHash functions. More bands find lower similarities; more rows make buckets stricter. */
    bands: z.number().int().min(1).max(64).default(12),
    rows: z.number().int().min(1).max(8).default(2),
    /** Verified pairs: Jaccard similarity of shingle sets at least this... */
    jaccard: z.number().min(0).max(1).default(0.6),
    /** ...or the smaller text's shingles this contained in the larger one (a copy with a prefix or additions)... */
    containment: z.number().min(0).max(1).default(0.85),
    /** ...when the smaller text has at least this share of the larger one's shingles. */
    containmentMinRatio: z.number().min(0).max(1).default(0.5),
    /** A group is a campaign when at least this many members carry coordination evidence (shared author or network, burst, copy-paste, template, new accounts): those members' negative ones become `malicious_attack`. */
    campaignMinSize: z.number().int().min(2).default(3),
    /** Near-copies this many inside `burstWindowMinutes` are a burst (a coordination signal). */
    burstMinSize: z.number().int().min(2).default(3),
    burstWindowMinutes: z.number().positive().default(360),
    /** A member this similar (Jaccard of shingles, or exact) to an earlier member is a copy-paste (a coordination signal); looser near-copies are only similar. */
    copyJaccard: z.number().min(0).max(1).default(0.8),
    /** Earliest members each member is compared with for copy-paste (bounds work on huge groups). */
    copyReps: z.number().int().min(1).max(64).default(8),
    /** Accounts at most this many days old (`accountAgeDays`) are new; two or more in a group are a coordination signal. */
    newAccountDays: z.number().min(0).default(7),
    /** Look for systemic issues: similar complaints from independent customers (false: near-copy groups and campaigns only). */
    systemic: z.boolean().default(true),
    /** A systemic issue needs at least this many distinct reporters (distinct authors and networks)... */
    systemicMinReporters: z.number().int().min(2).default(3),
    /** ...spread over at least this many hours (when their times are known). */
    systemicMinSpanHours: z.number().min(0).default(24),
    /** ...and at least this share of the complaints about its product in the batch (all complaints when reviews name no product). */
    systemicMinShare: z.number().min(0).max(1).default(0.01),
    /** Defect terms each complaint contributes to the looser similarity (its most specific content words). */
    defectTermsPerReview: z.number().int().min(2).max(16).default(8),
    /** Texts a bucket keeps to compare newcomers with (bounds work on huge buckets). */
    repsPerBucket: z.number().int().min(1).max(64).default(4),
    /** Seed of the MinHash functions (fixed, so results are reproducible). */
    seed: z.number().int().default(1),
  })
  .strict();

export type ClusterOptions = z.output<typeof ClusterOptionsSchema>;


/**
 * Near-duplicate clustering across a batch: copies of one text, edited the
 * way paid posters edit them, end up in one group. Exact copies (after
 * compaction) join at once; the rest go through MinHash LSH and each
 * candidate pair is verified on its shingle sets before joining.
 */
export const clusterStage = defineBatchStage({
  name: 'cluster',
  optionsSchema: ClusterOptionsSchema,
  phase: 'facts',
  requires: ['normalized'],
  reads: [SENTIMENT, NEGATIVE, SPAM, 'tokens'],
  provides: [GROUP, MEMBERSHIP],
  create(_ctx, options: ClusterOptions) {
    const lsh = new MinHashLsh(options.bands, options.rows, options.seed);
    return {
      name: 'cluster',
      run(state: BatchState) {
        const copies = nearCopies(state.docs, options, lsh);
        state.result.groups = judgeGroups(state.docs, state.times, copies, options);
      },
    };
  },
});

/** Doc indices of each group with 2+ members, groups ordered by their first member. */
export function findGroups(docs: readonly TriageDoc[], o: ClusterOptions, lsh: MinHashLsh): number[][] {
  return nearCopies(docs, o, lsh).groups;
}

/** Near-copy groups, and the shingle similarity of two docs (1 for exact copies; 0 when either was too short to compare). */
interface NearCopies {
  groups: number[][];
  similarity(a: number, b: number): number;
}

function nearCopies(docs: readonly TriageDoc[], o: ClusterOptions, lsh: MinHashLsh): NearCopies {
  const n = docs.length;
  let maxLen = 1;
  for (const d of docs) maxLen = Math.max(maxLen, d.normalized.length);
  const seq = new Int32Array(maxLen);
  const scratch = new Uint32Array(maxLen + 1);
  const uf = new UnionFind(n);

  // 1. Compact each text; exact copies join the first text with the same fingerprint.
  const prints = new FingerprintTable(n);
  const itemOfDoc = new Int32Array(n).fill(-1);
  const itemDoc: number[] = [];
  const itemDigits: number[] = [];
  const offsets: number[] = [0];
  let pool = new Uint32Array(Math.max(1024, n * 32));
  let used = 0;
  for (let d = 0; d < n; d++) {
    const c = compact(docs[d]!.normalized, seq);
    if (c.alnum < o.minChars || c.length === 0) continue;
    const count = shingles(seq, c.length, o.shingleSize, scratch);
    const positions = Math.max(1, c.length - o.shingleSize + 1);
    if (count < o.minShingles && count * 2 <= positions) continue;
    const seen = prints.getOrAdd(seq, c.length, itemDoc.length);
    if (seen !== -1) {
      uf.union(itemDoc[seen]!, d);
      itemOfDoc[d] = seen;
      continue;
    }
    itemOfDoc[d] = itemDoc.length;
    if (used + count > pool.length) {
      const bigger = new Uint32Array(Math.max(pool.length * 2, used + count));
      bigger.set(pool.subarray(0, used));
      pool = bigger;
    }
    pool.set(scratch.subarray(0, count), used);
    used += count;
    itemDoc.push(d);
    itemDigits.push(c.digits);
    offsets.push(used);
  }

  // 2. MinHash each distinct text, bucket by bands, verify candidates against a few representatives per bucket.
  const items = itemDoc.length;
  const set = (it: number): Uint32Array => pool.subarray(offsets[it]!, offsets[it + 1]!);
  const sig = new Uint32Array(items * lsh.hashes);
  for (let it = 0; it < items; it++) lsh.sign(pool.subarray(offsets[it]!, offsets[it + 1]!), offsets[it + 1]! - offsets[it]!, sig, it * lsh.hashes);
  const similar = (x: number, y: number): boolean => {
    // Different contact ids, phone or order numbers: different messages from one template, not copies.
    const dx = itemDigits[x]!;
    const dy = itemDigits[y]!;
    if (dx !== 0 && dy !== 0 && dx !== dy) return false;
    const a = set(x);
    const b = set(y);
    const inter = intersectionSize(a, b);
    if (inter === 0) return false;
    const small = Math.min(a.length, b.length);
    const large = Math.max(a.length, b.length);
    if (inter / (a.length + b.length - inter) >= o.jaccard) return true;
    return inter / small >= o.containment && small / large >= o.containmentMinRatio;
  };
  const reps = new Int32Array(o.repsPerBucket);
  lsh.buckets(sig, items, (members, count) => {
    let nReps = 0;
    for (let k = 0; k < count; k++) {
      const x = members[k]!;
      const rootX = uf.find(itemDoc[x]!);
      let joined = false;
      for (let r = 0; r < nReps; r++) {
        const y = reps[r]!;
        if (uf.find(itemDoc[y]!) === rootX || similar(x, y)) {
          uf.union(itemDoc[x]!, itemDoc[y]!);
          joined = true;
          break;
        }
      }
      if (!joined && nReps < reps.length) reps[nReps++] = x;
    }
  });

  // 3. Collect groups of 2+ in input order: count per root, then fill.
  const count = new Int32Array(n);
  const roots = new Int32Array(n);
  for (let d = 0; d < n; d++) count[(roots[d] = uf.find(d))]!++;
  const groupOfRoot = new Int32Array(n).fill(-1);
  const out: number[][] = [];
  for (let d = 0; d < n; d++) {
    const root = roots[d]!;
    if (count[root]! < 2) continue;
    let g = groupOfRoot[root]!;
    if (g === -1) {
      g = groupOfRoot[root] = out.length;
      out.push([]);
    }
    out[g]!.push(d);
  }
  const similarity = (a: number, b: number): number => {
    const x = itemOfDoc[a]!;
    const y = itemOfDoc[b]!;
    if (x < 0 || y < 0) return 0;
    if (x === y) return 1;
    const sa = set(x);
    const sb = set(y);
    const inter = intersectionSize(sa, sb);
    return inter / (sa.length + sb.length - inter);
  };
  return { groups: out, similarity }; // members ascending, groups ordered by first member
}

/**
 * The verdicts (TAXONOMY section 6). A near-copy group is a campaign when
 * `campaignMinSize` of its members carry coordination evidence; those
 * members are its campaign members and the others stay independent. Then the
 * complaints outside any campaign are joined by the looser similarity
 * (product, topic, defect terms) and a set from independent customers
 * spread over days is a systemic issue. Leaves GROUP (the near-copy group)
 * and MEMBERSHIP (the role) on each member.
 */
function judgeGroups(docs: readonly TriageDoc[], times: ReadonlyArray<number | null>, copies: NearCopies, o: ClusterOptions): CampaignGroup[] {
  const out: CampaignGroup[] = [];
  const role = new Map<number, { role: GroupRole; group: CampaignGroup }>();
  const groupOfDoc = new Map<number, CampaignGroup>();
  copies.groups.forEach((members, gi) => {
    const byTime = [...members].sort((a, b) => (times[a] ?? Infinity) - (times[b] ?? Infinity) || a - b);
    const reps = byTime.slice(0, o.copyReps);
    const rank = new Map(byTime.map((d, k) => [d, k]));
    // A copy: near-identical to a member posted before it (the first of them is the original).
    const isCopy = (d: number) => reps.some((r) => rank.get(r)! < rank.get(d)! && copies.similarity(r, d) >= o.copyJaccard);
    const { signals, coordinated } = coordinationOf(members, docs, times, isCopy, o);
    const campaign = coordinated.size >= o.campaignMinSize;
    const group = record(`g${gi + 1}`, members, docs, times, campaign ? 'campaign' : null, signals, coordinated);
    out.push(group);
    for (const d of members) {
      docs[d]!.set(GROUP, group);
      groupOfDoc.set(d, group);
      role.set(d, { role: campaign ? (coordinated.has(d) ? 'campaign' : 'independent') : 'copy', group });
    }
  });

  if (o.systemic) {
    const candidates: number[] = [];
    const complaintsOf = new Map<string, number>();
    for (let d = 0; d < docs.length; d++) {
      // Complaints only: not attacks by their text, not ads or other non-complaint spam, not campaign members.
      const negative = docs[d]!.get(NEGATIVE);
      if (negative === null || negative.nature === 'malicious_attack' || role.get(d)?.role === 'campaign') continue;
      if (docs[d]!.peek(SPAM)?.kinds.some((k) => NOT_COMPLAINTS.has(k))) continue;
      candidates.push(d);
      const product = productOf(docs[d]!.review) ?? '';
      complaintsOf.set(product, (complaintsOf.get(product) ?? 0) + 1);
    }
    const linked = copies.groups.map((m) => m.filter((d) => role.get(d)?.role !== 'campaign'));
    const { components, termsOf } = defectGroups(docs, candidates, linked, o);
    let s = 0;
    for (const members of components) {
      // One of the product's main complaints: a share of its complaints in this batch, not any three that agree.
      const product = productOf(docs[members[0]!]!.review) ?? '';
      if (members.length < o.systemicMinShare * (complaintsOf.get(product) ?? 0)) continue;
      const independence = independenceOf(members, docs, times, o);
      if (!independence.ok) continue;
      const defect = describeDefect(members, docs, termsOf);
      const signals = systemicSignals(members, docs, independence, defect);
      // The complaints of one near-copy group with no campaign: that group is the systemic issue; else a new `s` group.
      const own = groupOfDoc.get(members[0]!);
      let group: CampaignGroup;
      if (own && own.verdict === null && own.size === members.length && members.every((d) => groupOfDoc.get(d) === own)) {
        group = own;
        group.verdict = 'systemic_issue';
        group.evidence.signals.push(...signals);
        group.defect = defect;
      } else {
        group = record(`s${++s}`, members, docs, times, 'systemic_issue', signals, new Set());
        group.defect = defect;
        out.push(group);
      }
      for (const d of members) role.set(d, { role: 'reporter', group });
    }
  }
  for (const [d, m] of role) docs[d]!.set(MEMBERSHIP, m);
  return out;
}

function systemicSignals(members: readonly number[], docs: readonly TriageDoc[], ind: { reporters: number; spanHours: number | null }, defect: NonNullable<CampaignGroup['defect']>): GroupSignal[] {
  const ids = members.map((d) => docs[d]!.review.id);
  const signals: GroupSignal[] = [{ signal: 'distinct_reporters', members: ids, note: `${ind.reporters} distinct authors and networks` }];
  if (ind.spanHours !== null) signals.push({ signal: 'spread_over_days', members: ids, note: `${Math.round((ind.spanHours / 24) * 10) / 10} days from first to last` });
  if (defect.terms.length) signals.push({ signal: 'shared_terms', members: ids, note: defect.terms.join(', ') });
  if (defect.product !== null) signals.push({ signal: 'same_product', members: ids, note: defect.product });
  return signals;
}

/** Spam kinds that say a review is not a customer's complaint (advertising, noise, filler), whatever its sentiment. */
const NOT_COMPLAINTS = new Set(['advertising', 'gibberish', 'irrelevant', 'template']);

/** The public record of a group. */
function record(
  id: string,
  members: readonly number[],
  docs: readonly TriageDoc[],
  times: ReadonlyArray<number | null>,
  verdict: CampaignGroup['verdict'],
  signals: GroupSignal[],
  coordinated: ReadonlySet<number>,
): CampaignGroup {
  const authors = new Set<string>();
  const addresses = new Set<string>();
  const networks = new Set<string>();
  let unknownAuthors = 0;
  let first = Infinity;
  let last = -Infinity;
  let earliest = members[0]!;
  let negative = 0;
  for (const d of members) {
    const r = docs[d]!.review;
    if (r.authorId) authors.add(r.authorId);
    else unknownAuthors++;
    const addr = addressOf(r.ip);
    if (addr) addresses.add(addr);
    const net = networkOf(r.ip);
    if (net) networks.add(net);
    const t = times[d] ?? null;
    if (t !== null) {
      if (t < first) {
        first = t;
        earliest = d;
      }
      if (t > last) last = t;
    }
    if (docs[d]!.get(SENTIMENT).label === 'negative') negative++;
  }
  const ids = (list: readonly number[]) => list.map((d) => docs[d]!.review.id);
  return {
    id,
    members: ids(members),
    size: members.length,
    representative: docs[earliest]!.original,
    firstAt: Number.isFinite(first) ? new Date(first).toISOString() : null,
    lastAt: Number.isFinite(last) ? new Date(last).toISOString() : null,
    distinctAuthors: authors.size,
    distinctAddresses: addresses.size,
    distinctNetworks: networks.size,
    unknownAuthors,
    verdict,
    campaign: verdict === 'campaign',
    burst: false,
    negative,
    evidence: { signals, coordinated: ids(members.filter((d) => coordinated.has(d))), independent: ids(members.filter((d) => !coordinated.has(d))) },
  };
}
