import { z } from 'zod';
import type { BatchState } from '../../context/batch-state.js';
import type { Evidence } from '../../types.js';
import { defineBatchStage } from '../../context/define.js';
import { FLOOD, GROUP } from '../slots.js';
import type { TriageDoc } from '../../kernel/doc.js';
import { addressOf, networkOf } from './time.js';
import type { CampaignGroup } from './types.js';

export const FloodOptionsSchema = z
  .object({
    /** One author posting this many times inside `authorWindowMinutes` is a flood. */
    authorMinPosts: z.number().int().min(2).default(4),
    authorWindowMinutes: z.number().positive().default(60),
    /** One ip address posting this many times inside `addressWindowMinutes`. */
    addressMinPosts: z.number().int().min(2).default(4),
    addressWindowMinutes: z.number().positive().default(120),
    /** One network (IPv4 /24, IPv6 /64) posting this many times inside `networkWindowMinutes` (higher: networks can be shared NATs). */
    networkMinPosts: z.number().int().min(2).default(5),
    networkWindowMinutes: z.number().positive().default(120),
    /** A near-duplicate group with this many members inside `burstWindowMinutes` is a burst: its members flood. */
    burstMinSize: z.number().int().min(2).default(5),
    burstWindowMinutes: z.number().positive().default(360),
  })
  .strict();

export type FloodOptions = z.output<typeof FloodOptionsSchema>;

const MINUTE = 60_000;

/**
 * Floods: many posts from one source inside a sliding time window. Sources
 * are authors, ip addresses, ip networks, and near-duplicate groups (a
 * burst). Reviews without a usable timestamp cannot be placed in a window and
 * are left out of these counts; reviews without an authorId or ip are left
 * out of that source only (see README: bad metadata).
 */
export const floodStage = defineBatchStage({
  name: 'flood',
  optionsSchema: FloodOptionsSchema,
  phase: 'facts',
  reads: [GROUP],
  provides: [FLOOD],
  create(_ctx, o: FloodOptions) {
    return {
      name: 'flood',
      run(state: BatchState) {
        const docs = state.docs;
        const n = docs.length;
        const times = new Float64Array(n);
        // Each source key becomes a small integer; posts are then grouped by counting sort (no array per key).
        const authors = new SourceIndex(n);
        const addresses = new SourceIndex(n);
        const networks = new SourceIndex(n);
        const byGroup = new Map<CampaignGroup, number[]>();
        const parsed = state.times;
        for (let d = 0; d < n; d++) {
          const t = parsed[d] ?? null;
          times[d] = t ?? NaN;
          if (t === null) continue; // no time, no window: left out of every flood count
          const r = docs[d]!.review;
          authors.add(d, r.authorId ? r.authorId : null);
          addresses.add(d, addressOf(r.ip));
          networks.add(d, networkOf(r.ip));
          const group = docs[d]!.peek(GROUP);
          if (group && group.size >= o.burstMinSize) {
            const list = byGroup.get(group);
            if (list) list.push(d);
            else byGroup.set(group, [d]);
          }
        }
        const scan = (source: SourceIndex, min: number, minutes: number, rule: string, what: string): void => {
          source.forEachWithAtLeast(min, (key, list) => {
            const hits = inWindows(list, times, min, minutes * MINUTE);
            if (hits.length === 0) return;
            const evidence: Evidence = { source: 'batch', rule, label: 'flood', note: `${what} ${key}: ${min}+ posts within ${minutes} minutes` };
            for (const d of hits) addFlood(docs[d]!, evidence);
          });
        };
        scan(authors, o.authorMinPosts, o.authorWindowMinutes, 'flood:author', 'author');
        scan(addresses, o.addressMinPosts, o.addressWindowMinutes, 'flood:address', 'address');
        scan(networks, o.networkMinPosts, o.networkWindowMinutes, 'flood:network', 'network');

        // Bursts of one near-duplicate group (from the cluster stage).
        for (const [group, list] of byGroup) {
          const hits = inWindows(list, times, o.burstMinSize, o.burstWindowMinutes * MINUTE);
          if (hits.length === 0) continue;
          group.burst = true;
          const evidence: Evidence = { source: 'batch', rule: 'flood:burst', label: 'flood', note: burstNote(group, o) };
          for (const d of hits) addFlood(docs[d]!, evidence);
        }
      },
    };
  },
});

/** Records a flood fact on a doc (the spam stage's re-decision adds the `flood` kind). */
function addFlood(doc: TriageDoc, evidence: Evidence): void {
  const list = doc.peek(FLOOD);
  if (list) list.push(evidence);
  else doc.set(FLOOD, [evidence]);
}

/** Posts of one kind of source (authors, addresses...): key -> small integer per doc, grouped on demand. */
class SourceIndex {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly idOfDoc: Int32Array;

  constructor(n: number) {
    this.idOfDoc = new Int32Array(n).fill(-1);
  }

  add(doc: number, key: string | null): void {
    if (key === null) return;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    this.idOfDoc[doc] = id;
  }

  /** Calls fn(key, docs) for every key with at least `min` posts (docs in input order). */
  forEachWithAtLeast(min: number, fn: (key: string, docs: number[]) => void): void {
    const count = new Int32Array(this.keys.length);
    for (const id of this.idOfDoc) if (id >= 0) count[id]!++;
    const lists = new Map<number, number[]>();
    for (let d = 0; d < this.idOfDoc.length; d++) {
      const id = this.idOfDoc[d]!;
      if (id < 0 || count[id]! < min) continue;
      const list = lists.get(id);
      if (list) list.push(d);
      else lists.set(id, [d]);
    }
    for (const [id, list] of lists) fn(this.keys[id]!, list);
  }
}

function burstNote(group: CampaignGroup, o: FloodOptions): string {
  return `group ${group.id}: ${o.burstMinSize}+ near-identical posts within ${o.burstWindowMinutes} minutes`;
}

/** Docs of `list` that sit in some window of `span` ms holding `min`+ posts (two pointers over the list sorted by time). */
export function inWindows(list: number[], times: Float64Array, min: number, span: number): number[] {
  if (list.length < min) return [];
  list.sort((a, b) => times[a]! - times[b]!);
  const hit = new Uint8Array(list.length);
  let lo = 0;
  for (let hi = 0; hi < list.length; hi++) {
    while (times[list[hi]!]! - times[list[lo]!]! > span) lo++;
    if (hi - lo + 1 >= min) for (let k = hi; k >= lo && !hit[k]; k--) hit[k] = 1;
  }
  const out: number[] = [];
  for (let k = 0; k < list.length; k++) if (hit[k]) out.push(list[k]!);
  return out;
}
