import type { Analyzer } from '../analyzer/analyzer.js';
import type { ReviewInput } from '../kernel/review.js';
import type { Analysis, Language, Nature, SentimentLabel, SeverityLevel, SpamKind, Topic } from '../types.js';

/** One row of a label table: the input and the labels it must get (omitted labels are not checked). */
export interface LabelCase {
  text: string;
  /** Extra review fields (rating, likes...) merged into the input. */
  input?: Omit<ReviewInput, 'text'>;
  language?: Language;
  sentiment?: SentimentLabel;
  /** `null` asserts the review is not classified as negative. */
  nature?: Nature | null;
  /** Topics that must all be present (others may be too). */
  topics?: Topic[];
  severity?: SeverityLevel;
  spam?: boolean;
  spamKinds?: SpamKind[];
}

export interface LabelMismatch {
  index: number;
  text: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

/** Runs every case and returns what did not match (empty when all pass). */
export function checkLabels(analyzer: Analyzer, cases: LabelCase[]): LabelMismatch[] {
  const out: LabelMismatch[] = [];
  cases.forEach((c, index) => {
    const a: Analysis = analyzer.analyze({ ...(c.input ?? {}), text: c.text });
    const miss = (field: string, expected: unknown, actual: unknown): void => {
      out.push({ index, text: c.text, field, expected, actual });
    };
    if (c.language !== undefined && a.language !== c.language) miss('language', c.language, a.language);
    if (c.sentiment !== undefined && a.sentiment.label !== c.sentiment) miss('sentiment', c.sentiment, a.sentiment.label);
    if (c.nature !== undefined && (a.negative?.nature ?? null) !== c.nature) miss('nature', c.nature, a.negative?.nature ?? null);
    if (c.topics) {
      const missing = c.topics.filter((t) => !a.negative?.topics.includes(t));
      if (missing.length) miss('topics', c.topics, a.negative?.topics ?? []);
    }
    if (c.severity !== undefined && a.severity.level !== c.severity) miss('severity', c.severity, a.severity.level);
    if (c.spam !== undefined && a.spam.isSpam !== c.spam) miss('spam', c.spam, a.spam.isSpam);
    if (c.spamKinds) {
      const missing = c.spamKinds.filter((k) => !a.spam.kinds.includes(k));
      if (missing.length) miss('spamKinds', c.spamKinds, a.spam.kinds);
    }
  });
  return out;
}

/**
 * Table-driven assertion for any test runner: throws one Error listing every
 * mismatch, so a vitest/jest/node:test case fails with the whole table's story.
 */
export function expectLabels(analyzer: Analyzer, cases: LabelCase[]): void {
  const misses = checkLabels(analyzer, cases);
  if (misses.length === 0) return;
  const lines = misses.map((m) => `  #${m.index} "${m.text.slice(0, 40)}": ${m.field} expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
  throw new Error(`${misses.length} label mismatch(es) in ${cases.length} cases:\n${lines.join('\n')}`);
}
