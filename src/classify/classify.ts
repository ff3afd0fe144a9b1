import type { TriageDoc } from '../kernel/doc.js';
import type { Evidence, NegativeResult, Topic } from '../types.js';
import { TOPICS } from '../types.js';
import { analyzeClauses } from './clauses.js';
import type { CueTable } from './cues.js';
import { decideNature, natureEvidence, scoreNature, type NatureOptions, type NatureScores } from './nature.js';
import { pickTopics, scoreTopics, topicEvidence, type TopicOptions } from './topics.js';

export type ClassifyOptions = TopicOptions & NatureOptions;

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
export function classifyNegative(doc: TriageDoc, cues: CueTable, opts: ClassifyOptions): { result: NegativeResult; scores: ClassifyScores } {
  const hits = cues.match(doc.tokens, doc.normalized);
  const clauses = analyzeClauses(doc.tokens, hits);
  const ts = scoreTopics(hits, clauses);
  const topics = pickTopics(ts, opts);
  let topicCueHits = 0;
  for (const c of ts.cues) if (c) topicCueHits += c.length;
  const scores = scoreNature(doc, hits, clauses, topicCueHits);
  const nature = decideNature(scores, opts);

  const evidence: Evidence[] = [];
  natureEvidence(doc, hits, nature, scores, evidence);
  topicEvidence(doc, hits, ts, topics, evidence);

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

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
