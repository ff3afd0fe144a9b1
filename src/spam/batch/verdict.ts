import type { TriageDoc } from '../../kernel/doc.js';
import type { GroupSignal } from '../../schema/batch.js';
import { SPAM } from '../slots.js';
import { networkOf } from './time.js';

/** The cluster stage's options the verdicts read (see ClusterOptionsSchema for their meaning). */
export interface VerdictRules {
  campaignMinSize: number;
  burstMinSize: number;
  burstWindowMinutes: number;
  newAccountDays: number;
  systemicMinReporters: number;
  systemicMinSpanHours: number;
}

export interface Coordination {
  signals: GroupSignal[];
  /** Members (doc indices) named by at least one coordination signal. */
  coordinated: Set<number>;
}

const MINUTE = 60_000;

/**
 * Coordination evidence inside one group of near-copies (TAXONOMY section 6):
 * members sharing an author or a network, members inside a burst, copies of
 * an earlier member (`isCopy`), template text, new accounts. Each signal
 * names only the members it is about, so a genuine complaint that others
 * copied (posted first, from its own network, outside the burst) carries none.
 */
export function coordinationOf(
  members: readonly number[],
  docs: readonly TriageDoc[],
  times: ReadonlyArray<number | null>,
  isCopy: (doc: number) => boolean,
  o: VerdictRules,
): Coordination {
  const signals: GroupSignal[] = [];
  const coordinated = new Set<number>();
  const id = (d: number) => docs[d]!.review.id;
  const add = (signal: GroupSignal['signal'], list: number[], note: string) => {
    if (!list.length) return;
    list.sort((a, b) => a - b);
    for (const d of list) coordinated.add(d);
    signals.push({ signal, members: list.map(id), note });
  };

  const shared = (key: (d: number) => string | null, what: string, signal: GroupSignal['signal']) => {
    const by = new Map<string, number[]>();
    for (const d of members) {
      const k = key(d);
      if (k === null) continue;
      const list = by.get(k);
      if (list) list.push(d);
      else by.set(k, [d]);
    }
    const hit: number[] = [];
    const keys: string[] = [];
    for (const [k, list] of by) {
      if (list.length < 2) continue;
      hit.push(...list);
      keys.push(`${k} (${list.length})`);
    }
    add(signal, hit, `${what} ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}`);
  };
  shared((d) => docs[d]!.review.authorId?.trim() || null, 'posts per author:', 'shared_author');
  shared((d) => networkOf(docs[d]!.review.ip), 'posts per network:', 'shared_network');

  const timed = members.filter((d) => times[d] !== null && times[d] !== undefined);
  const inBurst = inWindow(timed, times, o.burstMinSize, o.burstWindowMinutes * MINUTE);
  add('burst', inBurst, `${o.burstMinSize}+ near-copies within ${o.burstWindowMinutes} minutes`);

  add('copy_paste', members.filter(isCopy), 'near-identical to an earlier member');
  add('template', members.filter((d) => docs[d]!.peek(SPAM)?.kinds.includes('template') === true), 'generic text with no product detail');

  const fresh = members.filter((d) => {
    const age = docs[d]!.review.accountAgeDays;
    return age !== undefined && age <= o.newAccountDays;
  });
  if (fresh.length >= 2) add('new_accounts', fresh, `accounts at most ${o.newAccountDays} days old`);
  return { signals, coordinated };
}

/** Members of `list` (with times) inside some window of `span` ms holding `min`+ of them. */
function inWindow(list: number[], times: ReadonlyArray<number | null>, min: number, span: number): number[] {
  if (list.length < min) return [];
  const byTime = [...list].sort((a, b) => times[a]! - times[b]! || a - b);
  const hit = new Uint8Array(byTime.length);
  let lo = 0;
  for (let hi = 0; hi < byTime.length; hi++) {
    while (times[byTime[hi]!]! - times[byTime[lo]!]! > span) lo++;
    if (hi - lo + 1 >= min) for (let k = hi; k >= lo && !hit[k]; k--) hit[k] = 1;
  }
  return byTime.filter((_, k) => hit[k] === 1);
}

export interface Independence {
  /** Distinct reporters: authors and networks both distinct (a member without one counts as its own). */
  reporters: number;
  /** Hours between the first and the last member with a time; null with fewer than two times. */
  spanHours: number | null;
  ok: boolean;
}

/**
 * Whether similar complaints come from many independent customers over days
 * (the `systemic_issue` verdict): at least `systemicMinReporters` distinct
 * authors and as many distinct networks, spread over at least
 * `systemicMinSpanHours` when the times are known.
 */
export function independenceOf(members: readonly number[], docs: readonly TriageDoc[], times: ReadonlyArray<number | null>, o: VerdictRules): Independence {
  const authors = new Set<string>();
  const networks = new Set<string>();
  let noAuthor = 0;
  let noNetwork = 0;
  let first = Infinity;
  let last = -Infinity;
  let timed = 0;
  for (const d of members) {
    const r = docs[d]!.review;
    const a = r.authorId?.trim();
    if (a) authors.add(a);
    else noAuthor++;
    const net = networkOf(r.ip);
    if (net) networks.add(net);
    else noNetwork++;
    const t = times[d];
    if (t !== null && t !== undefined) {
      timed++;
      if (t < first) first = t;
      if (t > last) last = t;
    }
  }
  const reporters = Math.min(authors.size + noAuthor, networks.size + noNetwork);
  const spanHours = timed >= 2 ? (last - first) / 3_600_000 : null;
  const ok = reporters >= o.systemicMinReporters && (spanHours === null || spanHours >= o.systemicMinSpanHours);
  return { reporters, spanHours, ok };
}
