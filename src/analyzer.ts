import { z } from 'zod';
import { InputError, OptionsError } from './errors.js';
import { describeIssues, parseReviewInput, toIssues, type ReviewInput } from './input/schema.js';
import { timestampIssue } from './input/timestamp.js';
import { dataDir, LexiconSet, readBuiltinLexicons, resolveLexiconSource, type LexiconSource } from './lexicon/load.js';
import type { Lexicon, LexiconLang } from './lexicon/schema.js';
import type { BatchState } from './batch/state.js';
import type { BatchResult } from './batch/types.js';
import type { AnalyzerContext } from './pipeline/context.js';
import { TriageDoc } from './pipeline/doc.js';
import { Pipeline } from './pipeline/pipeline.js';
import type { BatchStage, Stage } from './pipeline/stage.js';
import type { BatchStageDefinition, StageDefinition } from './stages/definition.js';
import { normalizeShared, traditionalToSimplified } from './stages/normalize/index.js';
import { BUILTIN_BATCH_STAGES, BUILTIN_STAGES } from './stages/registry.js';
import { nodejiebaSegmenter, type Segmenter } from './stages/tokenize/segmenter.js';
import { ScriptTokenizer } from './stages/tokenize/tokenizer.js';
import type { Analysis } from './types.js';
import { isHan } from './util/chars.js';

/** Default cap on the characters of one review that are analysed; the rest is skipped and `truncated` set. */
export const DEFAULT_MAX_TEXT_LENGTH = 1_000_000;

const segmenterSchema = z.custom<Segmenter>(
  (v) => typeof v === 'object' && v !== null && typeof (v as Segmenter).cut === 'function' && typeof (v as Segmenter).name === 'string',
  { message: 'expected a Segmenter: { name: string, cut(text): string[], addWord?(word) }' },
);

const AnalyzerOptionsSchema = z
  .object({
    /** Extra or replacement lexicons: objects or JSON file paths, applied after the built-ins in order. */
    lexicons: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).default([]),
    /** Load the lexicons shipped in data/lexicons (default true). */
    builtinLexicons: z.boolean().default(true),
    /** Chinese word segmenter (default: nodejieba). */
    segmenter: segmenterSchema.optional(),
    /** Options per built-in stage, by stage name. */
    stageOptions: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /** Built-in stages (per-review or batch) to leave out, by name. */
    disable: z.array(z.string()).default([]),
    /** Characters of one review analysed at most. */
    maxTextLength: z.number().int().min(1).default(DEFAULT_MAX_TEXT_LENGTH),
  })
  .strict();

export type AnalyzerOptions = z.input<typeof AnalyzerOptionsSchema>;

/** Options for one analyzeBatch call: per batch stage, by name, overriding the analyzer's stageOptions. */
export type BatchOptions = Record<string, Record<string, unknown>>;

export interface Analyzer {
  /** Analyse one review (a string or a ReviewInput). Throws InputError on a malformed input. */
  analyze(input: string | ReviewInput): Analysis;
  /** Analyse many reviews, then run the batch stages across them; `onReview(done, total)` is called after each review's per-review stages (a progress bar). */
  analyzeBatch(inputs: Array<string | ReviewInput>, options?: BatchOptions, onReview?: (done: number, total: number) => void): BatchResult;
  /** Per-review stages, in order: add / replace / remove by name. */
  readonly pipeline: Pipeline<Stage>;
  /** Batch stages, in order: add / replace / remove by name. */
  readonly batchPipeline: Pipeline<BatchStage>;
  /** Shared resources (lexicons, tokenizer) for building custom stages. */
  readonly context: AnalyzerContext;
}

/**
 * Builds an analyzer: validates options, loads and validates lexicons, loads
 * the segmenter and teaches it the lexicon terms, compiles every stage.
 * Do this once and reuse the analyzer; analyze() is then pure per-review work.
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const parsed = AnalyzerOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    throw new OptionsError(`Invalid analyzer options: ${describeIssues(issues)}`, issues);
  }
  const opts = parsed.data;
  const known = new Set([...BUILTIN_STAGES, ...BUILTIN_BATCH_STAGES].map((d) => d.name));
  for (const name of [...Object.keys(opts.stageOptions), ...opts.disable]) {
    if (!known.has(name)) throw new OptionsError(`Unknown stage "${name}". Built-in stages: ${[...known].join(', ')}.`, [{ path: ['stageOptions', name], message: 'unknown stage' }]);
  }

  const context = buildContext(opts.lexicons as LexiconSource[], opts.builtinLexicons, opts.segmenter ?? nodejiebaSegmenter());
  const createStage = <D extends StageDefinition | BatchStageDefinition>(def: D, extra?: Record<string, unknown>) => {
    const given = { ...(opts.stageOptions[def.name] ?? {}), ...(extra ?? {}) };
    const r = def.optionsSchema.safeParse(given);
    if (!r.success) {
      const issues = toIssues(r.error).map((i) => ({ ...i, path: [def.name, ...i.path] }));
      throw new OptionsError(`Invalid options for stage "${def.name}": ${describeIssues(issues)}`, issues);
    }
    return def.create(context, r.data) as ReturnType<D['create']>;
  };

  const pipeline = new Pipeline<Stage>(BUILTIN_STAGES.filter((d) => !opts.disable.includes(d.name)).map((d) => createStage(d)));
  const batchDefs = BUILTIN_BATCH_STAGES.filter((d) => !opts.disable.includes(d.name));
  const batchPipeline = new Pipeline<BatchStage>(batchDefs.map((d) => createStage(d)));

  const runStages = (input: unknown, fallbackId: string): TriageDoc => {
    const doc = new TriageDoc(parseReviewInput(input, fallbackId), opts.maxTextLength);
    pipeline.runAll(doc);
    return doc;
  };

  return {
    pipeline,
    batchPipeline,
    context,
    analyze(input) {
      return withTimestampIssue(runStages(input, '0'));
    },
    analyzeBatch(inputs, batchOptions = {}, onReview) {
      if (!Array.isArray(inputs)) throw new InputError('analyzeBatch expects an array of reviews.', [{ path: [], message: 'expected array' }]);
      if (batchOptions === null || typeof batchOptions !== 'object') throw new OptionsError('Batch options must be an object keyed by batch stage name.');
      // Call-time options rebuild that one batch stage with merged options (stages are cheap to build).
      const overrides = new Map<string, BatchStage>();
      for (const [name, value] of Object.entries(batchOptions)) {
        const def = batchDefs.find((d) => d.name === name);
        if (!def && !batchPipeline.has(name)) {
          throw new OptionsError(`Unknown batch stage "${name}" in batch options. Batch stages: ${batchPipeline.names.join(', ') || '(none)'}.`, [{ path: [name], message: 'unknown batch stage' }]);
        }
        if (def && batchPipeline.get(name) !== undefined) overrides.set(name, createStage(def, value));
      }
      const analyzeAt = (input: unknown, i: number): TriageDoc => {
        try {
          return runStages(input, String(i));
        } catch (e) {
          if (e instanceof InputError) {
            const issues = e.issues.map((x) => ({ ...x, path: [i, ...x.path] }));
            throw new InputError(`Review #${i}: ${e.message}`, issues);
          }
          throw e;
        }
      };
      // A for loop, not map: map skips the holes of a sparse array and the batch stages then meet undefined docs.
      const docs: TriageDoc[] = [];
      for (let i = 0; i < inputs.length; i++) {
        if (!(i in inputs)) throw new InputError(`Review #${i}: the array has a hole here (a sparse array); pass a review at every index.`, [{ path: [i], message: 'missing (array hole)' }]);
        docs.push(analyzeAt(inputs[i], i));
        if (typeof onReview === 'function') onReview(i + 1, inputs.length);
      }
      const result: BatchResult = { items: [] };
      const state: BatchState = { reviews: docs.map((d) => d.review), docs, result, options: batchOptions };
      for (const stage of batchPipeline.list()) (overrides.get(stage.name) ?? stage).run(state);
      result.items = docs.map(withTimestampIssue);
      return result;
    },
  };
}

/** The doc's Analysis, flagged when its review gave a timestamp that cannot be used. */
function withTimestampIssue(doc: TriageDoc): Analysis {
  const analysis = doc.toAnalysis();
  const issue = timestampIssue(doc.review.timestamp);
  if (issue !== undefined) analysis.timestampIssue = issue;
  return analysis;
}

function buildContext(sources: LexiconSource[], builtin: boolean, segmenter: Segmenter): AnalyzerContext {
  const convert = traditionalToSimplified();
  const normalizeTerm = (term: string): string => normalizeShared(term, convert).text.toLowerCase().trim();
  const lexicons: Lexicon[] = [...(builtin ? readBuiltinLexicons() : []), ...sources.map((s, i) => resolveLexiconSource(s, i))];
  const set = new LexiconSet(lexicons, normalizeTerm);
  // Teach the segmenter every multi-character Chinese term so it comes out as one token.
  if (segmenter.addWord) {
    for (const lang of ['zh', 'en'] as LexiconLang[]) {
      for (const term of set.terms(lang)) if (term.length >= 2 && [...term].every((ch) => isHan(ch.codePointAt(0)!))) segmenter.addWord(term);
    }
  }
  const tokenizer = new ScriptTokenizer(segmenter);
  return {
    lexicons: set,
    tokenizer,
    normalizeTerm,
    tokenizeTerm: (term) => tokenizer.tokenize(normalizeTerm(term)),
    dataDir: dataDir(),
  };
}
