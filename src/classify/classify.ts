import type { TriageDoc } from '../kernel/doc.js';
import type { Evidence, Nature, NegativeResult, Topic } from '../types.js';
import { TOPICS } from '../types.js';
import { analyzeClauses, type ClauseInfo } from './clauses.js';
import { addPatternHits } from './patterns.js';
import { decideWithModel, natureModelOn, type ModelOptions, type TypesRuntime } from './combine.js';
import type { CueHit, CueTable } from './cues.js';
import { decideNature, natureEvidence, scoreNature, type NatureOptions, type NatureScores } from './nature.js';
import { pickTopics, scoreTopics, topicEvidence, type TopicOptions, type TopicScores } from './topics.js';

export type ClassifyOptions = TopicOptions & NatureOptions & ModelOptions;

/** Topic and nature scores the classify stage leaves in the CLASSIFY_SCORES slot. */
export interface ClassifyScores {
  /** Score per topic (only topics with a positive score). */
  topicScores: Partial<Record<Topic, number>>;
  nature: NatureScores;
  /** Clause count, and how many of them read as a complaint. */
  clauses: number;
  negativeClauses: number;
}

/**
 * Classifies one tokenised doc as a negative review, whatever its sentiment:
 * nature, topics and evidence. Pure: reads the doc, writes nothing. The
 * stage calls it only for negative docs; benchmarks call it directly.
 */
export function classifyNegative(doc: TriageDoc, cues: CueTable, opts: ClassifyOptions, model: TypesRuntime | null = null): { result: NegativeResult; scores: ClassifyScores } {
  const { hits, clauses, ts, scores } = analyzeCues(doc, cues);
  const evidence: Evidence[] = [];
  let nature: Nature;
  let topics: Topic[];
  if (model) {
    // The learned model decides; cues are its features, its evidence and the caller's override (./combine.ts).
    const p = model.predict(doc, hits, clauses, ts, scores, natureModelOn(opts));
    ({ nature, topics } = decideWithModel(doc, hits, clauses, ts, scores, p, model.model.topicSupport, model.user, opts, evidence));
  } else {
    topics = pickTopics(ts, opts);
    nature = decideNature(scores, opts);
    natureEvidence(doc, hits, nature, scores, evidence);
    topicEvidence(doc, hits, ts, topics, evidence);
  }

  const topicScores: Partial<Record<Topic, number>> = {};
  for (let k = 0; k < TOPICS.length; k++) if (ts.scores[k]! > 0) topicScores[TOPICS[k]!] = round(ts.scores[k]!);
  let negativeClauses = 0;
  for (const s of clauses.sign) if (s < 0) negativeClauses++;

  return {
    result: {
      nature,
      topics,
      evidence,
    },
    scores: {
      topicScores,
      nature: { attack: round(scores.attack), gap: round(scores.gap), detail: round(scores.detail), faults: scores.faults },
      clauses: clauses.count,
      negativeClauses,
    },
  };
}

/** The cue pass both the rules and the model read: hits, clause structure, topic and nature cue scores. */
export function analyzeCues(doc: TriageDoc, cues: CueTable): { hits: CueHit[]; clauses: ClauseInfo; ts: TopicScores; scores: NatureScores } {
  const hits = addPatternHits(doc, cues.match(doc.tokens, doc.normalized));
  const clauses = analyzeClauses(doc.tokens, hits);
  const ts = scoreTopics(hits, clauses);
  let topicCueHits = 0;
  for (const c of ts.cues) if (c) topicCueHits += c.length;
  const scores = scoreNature(doc, hits, clauses, topicCueHits);
  return { hits, clauses, ts, scores };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
