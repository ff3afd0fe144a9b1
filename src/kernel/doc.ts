import type { Language, NormalizedReview } from './review.js';
import { identityMap, isIdentityMap, mapEnd, mapStart } from '../util/offsets.js';
import { PipelineError } from './errors.js';
import type { Evidence } from '../schema/analysis.js';
import { definedSlots, slotNamed, type Slot } from './slots.js';

const slotName = (id: number): string => definedSlots()[id]!.name;

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
  /** Structure flags set once by the structure pass (TokenFlag bits): negator, negated, contrast... */
  flags: number;
}

/**
 * Bits of Token.flags, computed once per review by the structure pass
 * (wink-nlp keeps negation the same way) so no stage re-derives them.
 */
export const TokenFlag = {
  /** The token is a negator (不, 没有, not, n't...). */
  NEGATOR: 1,
  /** The token lies in a negator's scope (after it, inside its clause, within the negator's reach). */
  NEGATED: 2,
  /** A contrast marker (但是, but, however...). */
  CONTRAST: 4,
  /** Ends a sentence (。！？.!? and line breaks). */
  SENTENCE_END: 8,
  /** Ends a clause (commas, semicolons, emoji, contrast markers, sentence ends). */
  CLAUSE_END: 16,
  /** A particle or filler that carries no content (啊, 呢, 吧, um, like...). */
  FILLER: 32,
} as const;

/** A clause: tokens [from, to), its sentence, and whether a contrast marker opens it. */
export interface Clause {
  from: number;
  to: number;
  sentence: number;
  /** A contrast marker starts this clause ("..., 但是 X"): X usually carries the writer's verdict. */
  afterContrast: boolean;
  /** This clause precedes a contrast in the same sentence (a concession: "X, 但是 ..."). */
  beforeContrast: boolean;
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
 * A doc's state as plain data (structured-cloneable), so per-review work done
 * in a worker thread can be finished on the main thread: slots travel by name,
 * since slot ids are only dense within one thread.
 */
export interface DocSnapshot {
  review: NormalizedReview;
  normalized: string;
  /** The offset map, or null when it is the identity. */
  map: Int32Array | null;
  signals: NormalizationSignal[];
  language: Language;
  /** Tokens packed (see packTokens): a structured clone of token objects costs more than the analysis saves. */
  tokens: PackedTokens;
  /** Clauses as [from, to, sentence, afterContrast | beforeContrast << 1] per clause. */
  clauses: Int32Array;
  slots: Array<[string, unknown]>;
}

/** Tokens as typed arrays plus the lookup forms that differ from the surface text. */
export interface PackedTokens {
  /** Per token: start, end, nStart, nEnd, flags, type code, then indices into `strings` (-1: none) of norm (when not the surface), alt, and the surface (when not a slice of the normalised text). */
  ints: Int32Array;
  /** Lookup forms that are not the surface text. */
  strings: string[];
}

const TOKEN_TYPES: readonly TokenType[] = ['han', 'word', 'number', 'url', 'email', 'handle', 'hashtag', 'emoji', 'emoticon', 'punct', 'other'];
const TOKEN_TYPE_CODE = new Map(TOKEN_TYPES.map((t, i) => [t, i]));
const PER_TOKEN = 9;

function packTokens(tokens: readonly Token[], normalized: string): PackedTokens {
  const ints = new Int32Array(tokens.length * PER_TOKEN);
  const strings: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const at = i * PER_TOKEN;
    ints[at] = t.start;
    ints[at + 1] = t.end;
    ints[at + 2] = t.nStart;
    ints[at + 3] = t.nEnd;
    ints[at + 4] = t.flags;
    ints[at + 5] = TOKEN_TYPE_CODE.get(t.type) ?? TOKEN_TYPES.length - 1;
    ints[at + 6] = t.norm === t.text ? -1 : strings.push(t.norm) - 1;
    ints[at + 7] = t.alt === undefined ? -1 : strings.push(t.alt) - 1;
    // The surface is a slice of the normalised text (the tokenizer's rule); kept only if a stage made it otherwise.
    ints[at + 8] = normalized.slice(t.nStart, t.nEnd) === t.text ? -1 : strings.push(t.text) - 1;
  }
  return { ints, strings };
}

function unpackTokens(p: PackedTokens, normalized: string): Token[] {
  const n = p.ints.length / PER_TOKEN;
  const out: Token[] = new Array<Token>(n);
  for (let i = 0; i < n; i++) {
    const at = i * PER_TOKEN;
    const nStart = p.ints[at + 2]!;
    const nEnd = p.ints[at + 3]!;
    const textAt = p.ints[at + 8]!;
    const text = textAt === -1 ? normalized.slice(nStart, nEnd) : p.strings[textAt]!;
    const normAt = p.ints[at + 6]!;
    const altAt = p.ints[at + 7]!;
    // Same key order as the tokenizer's objects (one shape, monomorphic reads).
    out[i] = { text, norm: normAt === -1 ? text : p.strings[normAt]!, alt: altAt === -1 ? undefined : p.strings[altAt]!, type: TOKEN_TYPES[p.ints[at + 5]!]!, start: p.ints[at]!, end: p.ints[at + 1]!, nStart, nEnd, flags: p.ints[at + 4]! };
  }
  return out;
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
  /** Clauses over `tokens`, in order (the structure pass); empty until it runs. */
  clauses: Clause[] = [];
  /** Values of typed slots, indexed by slot id: see defineSlot. */
  private readonly slotValues: unknown[] = [];
  /** Set when a batch stage wrote a batch-fact slot: the analyzer then re-decides this doc. */
  private touchedByBatch = false;

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

  /** The slot's value; its fallback when no stage filled it; a PipelineError when it has none. */
  get<T>(slot: Slot<T>): T {
    const v = this.slotValues[slot.id];
    if (v !== undefined) return v as T;
    if (slot.fallback) return slot.fallback();
    throw new PipelineError(`Slot "${slot.name}" was read but no stage has filled it: add a stage that provides it before the reader.`);
  }

  /** The slot's value, or undefined when no stage filled it. */
  peek<T>(slot: Slot<T>): T | undefined {
    return this.slotValues[slot.id] as T | undefined;
  }

  has(slot: Slot<unknown>): boolean {
    return this.slotValues[slot.id] !== undefined;
  }

  set<T>(slot: Slot<T>, value: T): void {
    if (value === undefined) throw new PipelineError(`Slot "${slot.name}": undefined is not a value (use null for "none").`);
    this.slotValues[slot.id] = value;
    if (slot.batchFact) this.touchedByBatch = true;
  }

  /** The doc as plain data for another thread (see DocSnapshot); batch facts are not carried (they come later). */
  snapshot(): DocSnapshot {
    const slots: Array<[string, unknown]> = [];
    const all = this.slotValues;
    for (let id = 0; id < all.length; id++) {
      const v = all[id];
      if (v !== undefined) slots.push([slotName(id), v]);
    }
    const clauses = new Int32Array(this.clauses.length * 4);
    this.clauses.forEach((c, i) => clauses.set([c.from, c.to, c.sentence, (c.afterContrast ? 1 : 0) | (c.beforeContrast ? 2 : 0)], i * 4));
    return { review: this.review, normalized: this.normalized, map: this.identity ? null : this.map, signals: this.signals, language: this.language, tokens: packTokens(this.tokens, this.normalized), clauses, slots };
  }

  /** A doc rebuilt from a snapshot made by another thread; a slot this thread does not define is a PipelineError. */
  static fromSnapshot(s: DocSnapshot, maxTextLength: number): TriageDoc {
    const doc = new TriageDoc(s.review, maxTextLength);
    doc.normalized = s.normalized;
    if (s.map !== null) doc.offsetMap = s.map;
    doc.signals = s.signals;
    doc.language = s.language;
    doc.tokens = unpackTokens(s.tokens, s.normalized);
    for (let at = 0; at < s.clauses.length; at += 4) {
      const bits = s.clauses[at + 3]!;
      doc.clauses.push({ from: s.clauses[at]!, to: s.clauses[at + 1]!, sentence: s.clauses[at + 2]!, afterContrast: (bits & 1) !== 0, beforeContrast: (bits & 2) !== 0 });
    }
    for (const [name, value] of s.slots) {
      const slot = slotNamed(name);
      if (!slot) throw new PipelineError(`A worker filled slot "${name}", which this thread does not define.`);
      doc.slotValues[slot.id] = value;
    }
    return doc;
  }

  /**
   * Drops the text-level state (tokens, clauses, normalised text) once a doc's
   * per-review and batch work is done; its slots stay. A streaming window keeps
   * past members of open near-duplicate groups this way.
   */
  releaseText(): void {
    this.tokens = [];
    this.clauses = [];
    this.signals = [];
    this.normalized = '';
    this.map = identityMap(0);
    this.identity = true;
  }

  /** True when a batch stage left a fact on this doc (its per-review decisions must be re-run). */
  get hasBatchFacts(): boolean {
    return this.touchedByBatch;
  }
}
