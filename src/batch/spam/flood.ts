import { z } from 'zod';
import type { BatchState } from '../state.js';
import type { TriageDoc } from '../../pipeline/doc.js';
import { defineBatchStage } from '../../stages/definition.js';
import { addSpamKind } from '../../stages/spam/score.js';
import { GROUP_EXTRAS_KEY } from './cluster.js';
import { addressOf, networkOf, reviewTimeMs } from './time.js';
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

interface Timed {
  doc: number;
  t: number;
}

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
  create(_ctx, o: FloodOptions) {
    return {
      name: 'flood',
      run(state: BatchState) {
        const docs = state.docs;
        const times = docs.map((d) => reviewTimeMs(d.review));
        const bySource = {
          author: new Map<string, Timed[]>(),
          address: new Map<string, Timed[]>(),
          network: new Map<string, Timed[]>(),
        };
        const put = (m: Map<string, Timed[]>, key: string | null, item: Timed): void => {
          if (key === null) return;
          const list = m.get(key);
          if (list) list.push(item);
          else m.set(key, [item]);
        };
        for (let d = 0; d < docs.length; d++) {
          const t = times[d]!;
          if (t === null) continue;
          const r = docs[d]!.review;
          const item = { doc: d, t };
          put(bySource.author, r.authorId ? r.authorId : null, item);
          put(bySource.address, addressOf(r.ip), item);
          put(bySource.network, networkOf(r.ip), item);
        }
        const flag = (doc: TriageDoc, rule: string, note: string): void => addSpamKind(doc, 'flood', { source: 'batch', rule, label: 'flood', note });
        const scan = (m: Map<string, Timed[]>, min: number, minutes: number, rule: string, what: string): void => {
          for (const [key, list] of m) {
            if (list.length < min) continue;
            for (const hit of inWindows(list, min, minutes * MINUTE)) flag(docs[hit]!, rule, `${what} ${key}: ${min}+ posts within ${minutes} minutes`);
          }
        };
        scan(bySource.author, o.authorMinPosts, o.authorWindowMinutes, 'flood:author', 'author');
        scan(bySource.address, o.addressMinPosts, o.addressWindowMinutes, 'flood:address', 'address');
        scan(bySource.network, o.networkMinPosts, o.networkWindowMinutes, 'flood:network', 'network');

        // Bursts of one near-duplicate group (from the cluster stage).
        const byGroup = new Map<CampaignGroup, Timed[]>();
        for (let d = 0; d < docs.length; d++) {
          const group = docs[d]!.extras[GROUP_EXTRAS_KEY] as CampaignGroup | undefined;
          if (group && group.size >= o.burstMinSize && times[d] !== null) {
            const list = byGroup.get(group);
            if (list) list.push({ doc: d, t: times[d]! });
            else byGroup.set(group, [{ doc: d, t: times[d]! }]);
          }
        }
        for (const [group, list] of byGroup) {
          const hits = inWindows(list, o.burstMinSize, o.burstWindowMinutes * MINUTE);
          if (hits.length === 0) continue;
          group.burst = true;
          for (const hit of hits) flag(docs[hit]!, 'flood:burst', burstNote(group, o));
        }
      },
    };
  },
});

function burstNote(group: CampaignGroup, o: FloodOptions): string {
  return `group ${group.id}: ${o.burstMinSize}+ near-identical posts within ${o.burstWindowMinutes} minutes`;
}

/** Docs that sit in some window of `span` ms holding `min`+ posts (two pointers over the time-sorted list). */
function inWindows(list: Timed[], min: number, span: number): number[] {
  if (list.length < min) return [];
  list.sort((a, b) => a.t - b.t);
  const hit = new Uint8Array(list.length);
  let lo = 0;
  for (let hi = 0; hi < list.length; hi++) {
    while (list[hi]!.t - list[lo]!.t > span) lo++;
    if (hi - lo + 1 >= min) for (let k = hi; k >= lo && !hit[k]; k--) hit[k] = 1;
  }
  const out: number[] = [];
  for (let k = 0; k < list.length; k++) if (hit[k]) out.push(list[k]!.doc);
  return out;
}
