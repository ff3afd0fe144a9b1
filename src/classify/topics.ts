import type { TriageDoc } from '../kernel/doc.js';
import { TOPICS, type Evidence, type Topic } from '../types.js';
import type { ClauseInfo } from './clauses.js';
import { PATTERN_TERM_PREFIX, type CueHit } from './cues.js';

export interface TopicOptions {
  minTopicScore: number;
  maxTopics: number;
  /** Topics scoring below this share of the best topic are dropped (a passing mention). */
  relativeFloor: number;
}

/** How much an aspect word counts in a clause of each sign: complaint, no opinion, praise. */
const ASPECT_IN_NEGATIVE = 1;
const ASPECT_IN_NEUTRAL = 0.5;
/** A problem phrase in a clause that otherwise praises still counts, at half weight. */
const PROBLEM_IN_POSITIVE = 0.25;

/** Share of minTopicScore the best topic needs when no topic reaches the floor. */
const FALLBACK_SHARE = 0.25;

const TOPIC_INDEX = new Map<Topic, number>(TOPICS.map((t, i) => [t, i]));

export interface TopicScores {
  /** Score per topic, in TOPICS order. */
  scores: number[];
  /** Hit indexes that counted for each topic (null when none). */
  cues: Array<number[] | null>;
}

/** Sums topic cue weights, each scaled by its clause's sign and negation. */
export function scoreTopics(hits: CueHit[], clauses: ClauseInfo): TopicScores {
  const scores: number[] = new Array<number>(TOPICS.length).fill(0);
  const cues: Array<number[] | null> = new Array<number[] | null>(TOPICS.length).fill(null);
  for (let h = 0; h < hits.length; h++) {
    const topics = hits[h]!.roles.topics;
    if (topics.length === 0) continue;
    const sign = clauses.sign[clauses.hitClause[h]!]!;
    const negated = clauses.hitNegated[h] === 1;
    for (const c of topics) {
      let mult: number;
      if (c.problem) mult = negated ? 0 : sign > 0 ? PROBLEM_IN_POSITIVE : 1;
      else mult = sign < 0 ? ASPECT_IN_NEGATIVE : sign === 0 ? ASPECT_IN_NEUTRAL : 0;
      if (mult === 0) continue;
      const k = c.index;
      scores[k]! += c.weight * mult;
      (cues[k] ??= []).push(h);
    }
  }
  return { scores, cues };
}

/** The topics to report, best first; `other` when no topic reaches the floor. */
export function pickTopics(ts: TopicScores, opts: TopicOptions): Topic[] {
  let best = 0;
  for (const s of ts.scores) best = Math.max(best, s);
  const floor = Math.max(opts.minTopicScore, best * opts.relativeFloor);
  const picked: Array<[Topic, number]> = [];
  for (let k = 0; k < TOPICS.length; k++) if (ts.scores[k]! >= floor && ts.scores[k]! > 0) picked.push([TOPICS[k]!, ts.scores[k]!]);
  picked.sort((a, b) => b[1] - a[1]);
  if (picked.length === 0) {
    // Nothing reached the floor: a weaker cue (an aspect word in a sentence with no opinion word) still beats `other`.
    const k = ts.scores.indexOf(best);
    return best >= opts.minTopicScore * FALLBACK_SHARE && k >= 0 ? [TOPICS[k]!] : ['other'];
  }
  return picked.slice(0, opts.maxTopics).map(([t]) => t);
}

/** Evidence for each chosen topic: its first cues (at most `perTopic`), with original offsets. */
export function topicEvidence(doc: TriageDoc, hits: CueHit[], ts: TopicScores, topics: Topic[], out: Evidence[], perTopic = 3): void {
  for (const topic of topics) {
    const k = TOPIC_INDEX.get(topic)!;
    const used = ts.cues[k];
    if (!used) {
      out.push({ source: 'rule', rule: 'no-topic-cue', label: topic, note: 'negative, but no topic cue reached the threshold' });
      continue;
    }
    for (let i = 0; i < used.length && i < perTopic; i++) {
      const hit = hits[used[i]!]!;
      let cue = hit.roles.topics[0]!;
      for (const c of hit.roles.topics) if (c.topic === topic) cue = c;
      out.push(cueEvidence(doc, hit, cue.term, cue.weight, topic));
    }
  }
}

/** Evidence for one hit (a lexicon term, or a productive pattern of ./patterns.ts), offsets mapped to the original text. */
export function cueEvidence(doc: TriageDoc, hit: CueHit, rule: string, weight: number, label: string, note?: string): Evidence {
  const { start, end } = doc.toOriginal(hit.nStart, hit.nEnd);
  const e: Evidence = { source: rule.startsWith(PATTERN_TERM_PREFIX) ? 'rule' : 'lexicon', rule, match: doc.original.slice(start, end), start, end, weight, label };
  if (note !== undefined) e.note = note;
  return e;
}
