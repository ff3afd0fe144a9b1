import type { TriageDoc } from '../kernel/doc.js';
import { NATURES, TOPICS, type Evidence, type Nature, type Topic } from '../types.js';
import type { ClauseInfo } from './clauses.js';
import type { CueHit } from './cues.js';
import { MODEL_TOPICS, TypesFeatures } from './features.js';
import { emptyPrediction, TypesModel, type TypesPrediction } from './model.js';
import { decideNature, natureEvidence, type NatureOptions, type NatureScores } from './nature.js';
import { cueEvidence, type TopicScores } from './topics.js';
import type { UserCues } from './user-cues.js';

export interface ModelOptions extends NatureOptions {
  maxTopics: number;
  minTopicScore: number;
  relativeFloor: number;
  /** A topic the cue rules pick is kept when the model gives it at least this. */
  cueConfirmThreshold: number;
  /** Topics with fewer hand-labelled training rows than this are the cues' call alone (the model cannot judge them). */
  minTopicSupport: number;
  /** P(malicious_attack) or P(misunderstanding) at which the model overrules the cue rules. */
  natureModelThreshold: number;
  /** P(genuine_complaint) at which the model overrules a rule's attack or misunderstanding. */
  genuineVetoThreshold: number;
  /** P(topic) a topic needs to be reported. */
  topicThreshold: number;
  /** When no topic reaches topicThreshold, the likeliest one still beats `other` at this probability. */
  fallbackThreshold: number;
}

/** The model with the buffers one stage instance reuses for every review. */
export class TypesRuntime {
  readonly features: TypesFeatures;
  private readonly pred: TypesPrediction = emptyPrediction();

  constructor(
    readonly model: TypesModel,
    readonly user: UserCues,
  ) {
    this.features = new TypesFeatures(model.hashBits);
  }

  predict(doc: TriageDoc, hits: CueHit[], clauses: ClauseInfo, ts: TopicScores, scores: NatureScores, natures: boolean): TypesPrediction {
    const skip = this.user.empty ? null : this.user.spans(doc.normalized);
    this.features.extract(doc, hits, clauses, ts, scores, skip);
    return this.model.predict(this.features, this.pred, natures);
  }
}

/**
 * Topics and nature from the model's probabilities, with the lexicon cues as
 * evidence and the caller's lexicon as the override: a caller's topic cue
 * that fires adds its topic; a caller's nature cue hands the nature to the
 * cue rules. `other` only when the model finds no topic that fits.
 */
export function decideWithModel(
  doc: TriageDoc,
  hits: CueHit[],
  clauses: ClauseInfo,
  ts: TopicScores,
  scores: NatureScores,
  p: TypesPrediction,
  support: ArrayLike<number>,
  user: UserCues,
  opts: ModelOptions,
  evidence: Evidence[],
): { nature: Nature; topics: Topic[] } {
  // Topics: the model's confident ones, and the ones the cue rules pick that the model does not rule out.
  let best = 0;
  for (const x of ts.scores) best = Math.max(best, x);
  const cueFloor = Math.max(opts.minTopicScore, best * opts.relativeFloor);
  const picked: Array<[Topic, number]> = [];
  for (let t = 0; t < MODEL_TOPICS.length; t++) {
    const pt = p.topics[t]!;
    const cue = ts.scores[TOPIC_SLOT.get(MODEL_TOPICS[t]!)!]!;
    if (pt >= opts.topicThreshold || (cue > 0 && cue >= cueFloor && (pt >= opts.cueConfirmThreshold || support[t]! < opts.minTopicSupport))) picked.push([MODEL_TOPICS[t]!, pt]);
  }
  picked.sort((a, b) => b[1] - a[1]);
  const topics = picked.map(([t]) => t);

  let userNature = false;
  if (!user.empty) {
    for (let h = 0; h < hits.length; h++) {
      const r = hits[h]!.roles;
      if (r.natures.some((c) => user.terms.has(c.term))) userNature = true;
      for (const c of r.topics) {
        if (!user.terms.has(c.term) || topics.includes(c.topic)) continue;
        const sign = clauses.sign[clauses.hitClause[h]!]!;
        const counts = c.problem ? clauses.hitNegated[h] === 0 : sign < 0;
        if (counts) topics.unshift(c.topic); // the caller's cue first, so maxTopics keeps it
      }
    }
  }
  // A caller's weight-0 entry in the text takes its topic away, unless another cue of that topic fires.
  const removed = user.empty ? null : user.removedTopics(doc.normalized);
  if (removed) for (let i = topics.length - 1; i >= 0; i--) if (removed.has(topics[i]!) && !ts.cues[TOPIC_SLOT.get(topics[i]!)!]) topics.splice(i, 1);
  topics.splice(opts.maxTopics);
  if (topics.length === 0) {
    let top = -1;
    for (let t = 0; t < MODEL_TOPICS.length; t++) if (!removed?.has(MODEL_TOPICS[t]!) && (top < 0 || p.topics[t]! > p.topics[top]!)) top = t;
    topics.push(top >= 0 && p.topics[top]! >= opts.fallbackThreshold ? MODEL_TOPICS[top]! : 'other');
  }

  // Nature: the cue rules, overruled where the model is sure. The rare natures have a few dozen training
  // rows, so the model's say is a probability floor for them, not its argmax.
  let nature: Nature = decideNature(scores, opts);
  if (!userNature && natureModelOn(opts)) {
    const [, attack, gap] = p.natures;
    if (attack! >= opts.natureModelThreshold && attack! >= gap!) nature = 'malicious_attack';
    else if (gap! >= opts.natureModelThreshold) nature = 'misunderstanding';
    else if (nature !== 'genuine_complaint' && p.natures[0]! >= opts.genuineVetoThreshold) nature = 'genuine_complaint';
  }

  // Evidence: the nature's cues and the model's probability, then each topic's cues and probability.
  let n = 0;
  for (let h = 0; h < hits.length && n < 5; h++) {
    const c = hits[h]!.roles.natures.find((x) => x.nature === nature);
    if (!c) continue;
    evidence.push(cueEvidence(doc, hits[h]!, c.term, c.weight, nature, c.cue));
    n++;
  }
  if (!userNature && natureModelOn(opts)) evidence.push({ source: 'model', rule: 'nature-model', label: nature, weight: round(p.natures[NATURES.indexOf(nature)]!), note: "the nature model's probability (the cue rules decide unless it is sure)" });
  else natureEvidence(doc, [], nature, scores, evidence); // the rule line with its deciding score (cues are listed above)
  for (const topic of topics) {
    const k = (MODEL_TOPICS as readonly string[]).indexOf(topic);
    const used = ts.cues[TOPIC_SLOT.get(topic)!];
    if (used) {
      for (let i = 0; i < used.length && i < 3; i++) {
        const hit = hits[used[i]!]!;
        const cue = hit.roles.topics.find((c) => c.topic === topic) ?? hit.roles.topics[0]!;
        evidence.push(cueEvidence(doc, hit, cue.term, cue.weight, topic));
      }
    }
    if (k >= 0) evidence.push({ source: 'model', rule: 'topic-model', label: topic, weight: round(p.topics[k]!), note: "the topic model's probability" });
    else evidence.push({ source: 'model', rule: 'no-topic-fits', label: topic, note: 'negative, but the topic model finds no topic that fits' });
  }
  return { nature, topics };
}

const TOPIC_SLOT = new Map<Topic, number>(TOPICS.map((t, i) => [t, i]));

/** Whether the nature model may overrule the cue rules (both thresholds at 1: off, the default). */
export function natureModelOn(opts: ModelOptions): boolean {
  return opts.natureModelThreshold < 1 || opts.genuineVetoThreshold < 1;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
