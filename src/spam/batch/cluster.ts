import { z } from 'zod';
import type { BatchState } from '../../context/batch-state.js';
import type { TriageDoc } from '../../kernel/doc.js';
import { defineBatchStage } from '../../context/define.js';
import { SENTIMENT } from '../../sentiment/slots.js';
import { GROUP } from '../slots.js';
import { MinHashLsh } from './lsh.js';
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
    /** Groups at least this big are campaigns: negative members become `malicious_attack`. */
    campaignMinSize: z.number().int().min(2).default(3),
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
  reads: [SENTIMENT],
  provides: [GROUP],
  create(_ctx, options: ClusterOptions) {
    const lsh = new MinHashLsh(options.bands, options.rows, options.seed);
    return {
      name: 'cluster',
      run(state: BatchState) {
        const groups = findGroups(state.docs, options, lsh);
        state.result.groups = describeGroups(state.docs, state.times, groups, options);
      },
    };
  },
});

/** Doc indices of each group with 2+ members, groups ordered by their first member. */
export function findGroups(docs: readonly TriageDoc[], o: ClusterOptions, lsh: MinHashLsh): number[][] {
  const n = docs.length;
  let maxLen = 1;
  for (const d of docs) maxLen = Math.max(maxLen, d.normalized.length);
  const seq = new Int32Array(maxLen);
  const scratch = new Uint32Array(maxLen + 1);
  const uf = new UnionFind(n);

  // 1. Compact each text; exact copies join the first text with the same fingerprint.
  const prints = new FingerprintTable(n);
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
      continue;
    }
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
  return out; // members ascending, groups ordered by first member
}

/** Builds the public group records and leaves each member's group in the GROUP slot (a batch fact). */
function describeGroups(docs: readonly TriageDoc[], times: ReadonlyArray<number | null>, groups: number[][], o: ClusterOptions): CampaignGroup[] {
    return groups.map((members, gi) => {
    const id = `g${gi + 1}`;
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
    const group: CampaignGroup = {
      id,
      members: members.map((d) => docs[d]!.review.id),
      size: members.length,
      representative: docs[earliest]!.original,
      firstAt: Number.isFinite(first) ? new Date(first).toISOString() : null,
      lastAt: Number.isFinite(last) ? new Date(last).toISOString() : null,
      distinctAuthors: authors.size,
      distinctAddresses: addresses.size,
      distinctNetworks: networks.size,
      unknownAuthors,
      campaign: members.length >= o.campaignMinSize,
      burst: false,
      negative,
    };
    for (const d of members) docs[d]!.set(GROUP, group);
    return group;
  });
}
