import type { TriageDoc } from '../kernel/doc.js';
import type { Evidence, Nature } from '../types.js';
import type { ClauseInfo } from './clauses.js';
import type { CueHit } from './cues.js';
import { cueEvidence } from './topics.js';

export interface NatureOptions {
  /** Attack cue weight (abuse, boycott, competitor) needed for malicious_attack. */
  maliciousThreshold: number;
  /** Information-gap cue weight needed for misunderstanding. */
  misunderstandingThreshold: number;
}

export interface NatureScores {
  /** Abuse, boycott calls, competitor promotion. */
  attack: number;
  /** Information-gap patterns (pre-sale, size chart, rules, instructions). */
  gap: number;
  /** Concrete first-hand detail: experience words, problem cues, numbers, length. */
  detail: number;
  /** Problem phrases that are not themselves information-gap cues (a defect, not a misreading). */
  faults: number;
}

/** A repeated attack or gap cue ("垃圾！垃圾！") adds this share of its weight again, once. */
const REPEAT_SHARE = 0.5;
/** Detail credited per problem cue, per counted aspect word and per number (capped), and per length step. */
const DETAIL_PER_PROBLEM = 1;
const DETAIL_PER_ASPECT = 0.5;
const MAX_ASPECTS = 4;
const DETAIL_PER_NUMBER = 0.5;
const MAX_NUMBERS = 4;
const LENGTH_STEPS = [25, 60, 100];
/** A text this short (in characters) with abuse and no topic at all is an attack, not a story. */
const SHORT_ABUSE_CHARS = 14;
const SHORT_ABUSE_BONUS = 1.5;
/** ...and needs a real abuse word: a bare 恶心 is a reaction, not an attack. */
const SHORT_ABUSE_MIN = 1.5;
/** Detail must trail the attack by this much before a review is called malicious (doubt -> genuine). */
const ATTACK_MARGIN = 0.5;
/** Information-gap weight each real fault cancels. */
const FAULT_WEIGHT = 1;

export function scoreNature(doc: TriageDoc, hits: CueHit[], clauses: ClauseInfo, topicCueHits: number): NatureScores {
  let attack = 0;
  let gap = 0;
  let detail = 0;
  let seen: Map<string, number> | null = null;
  let problems = 0;
  let faults = 0;
  let anyTopic = false;
  for (let h = 0; h < hits.length; h++) {
    const r = hits[h]!.roles;
    if (r.topics.length) anyTopic = true;
    if (r.problem && clauses.hitNegated[h] === 0) {
      problems++;
      if (!r.natures.some((c) => c.nature === 'misunderstanding')) faults++;
    }
    for (const c of r.natures) {
      // The first occurrence counts fully, later ones at REPEAT_SHARE; an attack word counts twice at most
      // (ten 垃圾 in a row are one angry customer, not ten attacks).
      seen ??= new Map();
      const times = seen.get(c.term) ?? 0;
      seen.set(c.term, times + 1);
      if (times >= 2 && c.nature === 'malicious_attack') continue;
      const w = times >= 1 ? c.weight * REPEAT_SHARE : c.weight;
      if (c.nature === 'malicious_attack') attack += w;
      else if (c.nature === 'misunderstanding') gap += w;
      else detail += w === c.weight ? w : 0; // the same experience word twice is no more detail
    }
  }
  let numbers = 0;
  let len = 0; // content length in Chinese-character units (an English word counts as two)
  for (const t of doc.tokens) {
    if (t.type === 'han') len += t.text.length;
    else if (t.type === 'word') len += 2;
    else if (t.type === 'number') {
      len += 1;
      numbers++;
    }
  }
  const aspects = Math.max(0, topicCueHits - problems);
  detail += DETAIL_PER_PROBLEM * problems + DETAIL_PER_ASPECT * Math.min(aspects, MAX_ASPECTS) + DETAIL_PER_NUMBER * Math.min(numbers, MAX_NUMBERS);
  for (const step of LENGTH_STEPS) if (len >= step) detail += 1;
  // Short pure abuse that names nothing to complain about ("垃圾蒙牛！！！") still attacks.
  if (attack >= SHORT_ABUSE_MIN && detail === 0 && !anyTopic && len <= SHORT_ABUSE_CHARS) attack += SHORT_ABUSE_BONUS;
  return { attack, gap, detail, faults };
}

export function decideNature(s: NatureScores, opts: NatureOptions): Nature {
  const malicious = s.attack >= opts.maliciousThreshold && s.attack >= s.detail + ATTACK_MARGIN;
  // An information gap explains a complaint only if it is not outnumbered by real faults
  // ("还以为自己不会用……开机没反应，充电也没反应" is a defect).
  const gap = s.gap >= opts.misunderstandingThreshold && s.gap >= s.faults * FAULT_WEIGHT;
  if (malicious && (!gap || s.attack >= s.gap)) return 'malicious_attack';
  if (gap) return 'misunderstanding';
  return 'genuine_complaint';
}

const NATURE_NOTES: Record<Nature, string> = {
  genuine_complaint: 'concrete detail outweighs any attack or information-gap cue',
  malicious_attack: 'abuse, boycott or competitor cues with little first-hand detail',
  misunderstanding: 'information-gap cues the seller can clear up',
};

/** Evidence for the chosen nature: its cues (at most 5), then a rule line whose weight is the deciding score. */
export function natureEvidence(doc: TriageDoc, hits: CueHit[], nature: Nature, s: NatureScores, out: Evidence[]): void {
  let n = 0;
  for (let h = 0; h < hits.length && n < 5; h++) {
    const hit = hits[h]!;
    for (const c of hit.roles.natures) {
      if (c.nature !== nature) continue;
      out.push(cueEvidence(doc, hit, c.term, c.weight, nature, c.cue));
      n++;
      break;
    }
  }
  const weight = nature === 'malicious_attack' ? s.attack : nature === 'misunderstanding' ? s.gap : s.detail;
  out.push({ source: 'rule', rule: `nature:${nature}`, label: nature, weight: Math.round(weight * 100) / 100, note: NATURE_NOTES[nature] });
}
