import type { NormalizedReview } from '../input/schema.js';
import { identityMap, isIdentityMap, mapEnd, mapStart } from '../util/offsets.js';
import {
  lowSeverity,
  neutralSentiment,
  noSpam,
  type Analysis,
  type Evidence,
  type Language,
  type NegativeResult,
  type SentimentResult,
  type SeverityResult,
  type SpamResult,
} from '../types.js';

export type TokenType =
  | 'han' // a Chinese word from the segmenter
  | 'word' // a Latin-script word
  | 'number'
  | 'url'
  | 'email'
  | 'handle' // @name
  | 'hashtag'
  | 'emoji'
  | 'emoticon' // :-) :( ^_^
  | 'punct'
  | 'other';

export interface Token {
  /** Surface form in the normalised text. */
  text: string;
  /** Lookup form: lower-cased, elongation folded (`soooo` -> `soo`). */
  norm: string;
  /** A second lookup form for elongated words (`soooo` -> `so`), else undefined. */
  alt?: string;
  type: TokenType;
  /** Offsets into the ORIGINAL text (UTF-16, end exclusive). */
  start: number;
  end: number;
  /** Offsets into the normalised text. */
  nStart: number;
  nEnd: number;
}

/** A span the normaliser noticed: emphasis a later stage may weigh. */
export interface NormalizationSignal {
  kind: 'repeated_punctuation' | 'elongation' | 'spacing_trick' | 'zero_width' | 'traditional' | 'fullwidth' | 'invalid_utf16';
  start: number;
  end: number;
  /** How many characters were folded away. */
  count: number;
}

/**
 * The shared object every stage reads and writes, in the spirit of spaCy's Doc.
 * Stages fill the result slots; `toAnalysis` projects it to the public shape.
 */
export class TriageDoc {
  readonly review: NormalizedReview;
  /** The input text as given (possibly truncated to maxTextLength). */
  readonly original: string;
  readonly truncated: boolean;
  /** Text after normalisation; `toOriginal` maps its offsets back. */
  normalized: string;
  private map: Int32Array;
  /** Whether `map` is the shared identity view (most reviews): offsets then need no mapping. */
  private identity: boolean;
  signals: NormalizationSignal[] = [];
  language: Language = 'other';
  tokens: Token[] = [];
  sentiment: SentimentResult = neutralSentiment();
  negative: NegativeResult | null = null;
  spam: SpamResult = noSpam();
  severity: SeverityResult = lowSeverity();
  /** Scratch space for stages to pass richer data to later stages (e.g. topic scores). */
  readonly extras: Record<string, unknown> = {};

  constructor(review: NormalizedReview, maxTextLength: number) {
    this.review = review;
    this.truncated = review.text.length > maxTextLength;
    this.original = this.truncated ? review.text.slice(0, maxTextLength) : review.text;
    this.normalized = this.original;
    this.map = identityMap(this.original.length);
    this.identity = true;
  }

  /** normalized index -> original index; length normalized.length + 1. */
  get offsetMap(): Int32Array {
    return this.map;
  }
  set offsetMap(map: Int32Array) {
    this.map = map;
    this.identity = isIdentityMap(map);
  }

  /** Map a span of the normalised text to the original text. */
  toOriginal(nStart: number, nEnd: number): { start: number; end: number } {
    const start = this.originalStart(nStart);
    return { start, end: this.originalEnd(nStart, nEnd, start) };
  }

  /**
   * Evidence for a span of the normalised text, with original offsets and
   * surface. Runs for every matched term of every review, so it builds one
   * object and no intermediates.
   */
  evidenceAt(nStart: number, nEnd: number, source: Evidence['source'], rule: string, weight?: number, label?: string): Evidence {
    const start = this.originalStart(nStart);
    const end = this.originalEnd(nStart, nEnd, start);
    const ev: Evidence = { source, rule, match: this.original.slice(start, end), start, end };
    if (weight !== undefined) ev.weight = weight;
    if (label !== undefined) ev.label = label;
    return ev;
  }

  /** Like evidenceAt, taking the other fields as an object (label, note...). */
  spanEvidence(nStart: number, nEnd: number, fields: Omit<Evidence, 'start' | 'end' | 'match'>): Evidence {
    const ev = this.evidenceAt(nStart, nEnd, fields.source, fields.rule, fields.weight, fields.label);
    if (fields.note !== undefined) ev.note = fields.note;
    return ev;
  }

  private originalStart(nStart: number): number {
    if (this.identity && nStart >= 0 && nStart <= this.original.length) return nStart;
    return mapStart(this.map, nStart);
  }

  private originalEnd(nStart: number, nEnd: number, start: number): number {
    return mapEnd(this.map, this.original, nStart, nEnd, start);
  }

  toAnalysis(): Analysis {
    const a: Analysis = {
      id: this.review.id,
      text: this.review.text,
      language: this.language,
      sentiment: this.sentiment,
      negative: this.negative,
      spam: this.spam,
      severity: this.severity,
    };
    if (this.truncated) a.truncated = true;
    return a;
  }
}
