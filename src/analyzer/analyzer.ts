import path from 'node:path';
import { z } from 'zod';
import type { AnalyzerContext } from '../context/context.js';
import type { BatchResult } from '../context/batch-result.js';
import type { BatchStage, BatchStageDefinition, StageDefinition } from '../context/define.js';
import { declared } from '../context/define.js';
import { TriageDoc } from '../kernel/doc.js';
import { InputError, OptionsError } from '../kernel/errors.js';
import { Pipeline } from '../kernel/pipeline.js';
import { describeIssues, parseReviewInput, toIssues, type ReviewInput } from '../kernel/review.js';
import { DOC_FIELDS } from '../kernel/slots.js';
import type { Stage } from '../kernel/stage.js';
import type { LexiconSource } from '../lexicon/load.js';
import { builtinSegmenter, SEGMENTER_NAMES, type Segmenter } from '../text/segmenter.js';
import { NormalizeOptionsSchema } from '../text/service.js';
import type { Analysis } from '../types.js';
import { LOCALES, type Locale } from '../schema/labels.js';
import { runBatch } from './batch.js';
import { buildContext } from './context.js';
import { BUILTIN_BATCH_STAGES, BUILTIN_STAGES, builtinProviderOf } from './registry.js';
import { ResultProjector } from './result.js';
import { createReplyDrafter } from '../reply/index.js';
import { WorkerPool, workerEntry } from './pool.js';
import { rebuildError } from './pool-protocol.js';
import { mergeSummaries } from '../triage/merge.js';
import type { Alert, QueueEntry, Summary } from '../triage/types.js';
import type { CampaignGroup } from '../spam/batch/types.js';

/** Default cap on the characters of one review that are analysed; the rest is skipped and `truncated` set. */
export const DEFAULT_MAX_TEXT_LENGTH = 1_000_000;

const segmenterSchema = z.union([
  z.enum(SEGMENTER_NAMES),
  z.custom<Segmenter>((v) => typeof v === 'object' && v !== null && typeof (v as Segmenter).cut === 'function' && typeof (v as Segmenter).name === 'string', {
    message: "expected 'jieba', 'nodejieba' or a Segmenter: { name: string, cut(text): string[], withWords?(words), addWord?(word) }",
  }),
]);

export const AnalyzerOptionsSchema = z
  .object({
    /** Extra or replacement lexicons: objects or JSON file paths, applied after the built-ins in order. */
    lexicons: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).default([]),
    /** Load the lexicons shipped in data/lexicons (default true). */
    builtinLexicons: z.boolean().default(true),
    /** Chinese word segmenter: 'jieba' (default, @node-rs/jieba), 'nodejieba', or your own. */
    segmenter: segmenterSchema.default('jieba'),
    /** Options per built-in stage, by stage name. */
    stageOptions: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /** Built-in stages (per-review or batch) to leave out, by name. */
    disable: z.array(z.string()).default([]),
    /**
     * The package's data/ folder (built-in lexicons and models). Found from the module's location by default;
     * set it when a bundler moves the code away from the package (see docs/bundling.md).
     */
    dataDir: z.string().min(1).optional(),
    /** Characters of one review analysed at most. */
    maxTextLength: z.number().int().min(1).default(DEFAULT_MAX_TEXT_LENGTH),
    /**
     * The merchant's language for everything written for a person: severity reasons and actions, alert messages
     * and response plans. Passed to every stage that has a `locale` option, unless its stageOptions set one.
     */
    locale: z.enum(LOCALES).optional(),
    /**
     * Add `reply` (a draft from the reply templates) to every negative result: `true`, or the options of
     * draftReply (locale, slots, templates, platform). Off by default.
     */
    reply: z.union([z.boolean(), z.record(z.string(), z.unknown())]).default(false),
    /**
     * Worker threads for the per-review stages of analyzeBatch and analyzeStream (1: this thread only). The
     * options must be plain data to reach the workers: with a custom segmenter object, or stages added to the
     * pipeline, the analyzer warns once and stays on this thread (docs/scale.md).
     */
    workers: z.number().int().min(1).max(64).default(1),
  })
  .strict();

export type AnalyzerOptions = z.input<typeof AnalyzerOptionsSchema>;

/**
 * A stage's options with the analyzer's `locale` added when the stage has a
 * `locale` option and its own options set neither it nor the deprecated
 * `reasonLanguage` (which stays an alias of `locale` in severity).
 */
function withLocale(def: { optionsSchema: z.ZodType }, given: Record<string, unknown>, locale: Locale | undefined): Record<string, unknown> {
  if (locale === undefined || 'locale' in given || 'reasonLanguage' in given) return given;
  const shape = (def.optionsSchema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape && 'locale' in shape ? { ...given, locale } : given;
}
export const StreamOptionsSchema = z
  .object({
    /** Reviews per window: memory holds one window's docs; cross-review work (groups, floods, queue, alerts) sees one window. */
    window: z.number().int().min(1).default(10_000),
    /** Batch options for every window, as for analyzeBatch. */
    batch: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  })
  .strict();

export type StreamOptions = z.input<typeof StreamOptionsSchema>;

/** What analyzeStream yields: every review's result in input order, each window's cross-review findings, then the summary. */
export type StreamEvent =
  | { kind: 'item'; item: Analysis }
  | { kind: 'window'; index: number; from: number; to: number; groups?: CampaignGroup[]; queue?: QueueEntry[]; alerts?: Alert[] }
  | { kind: 'summary'; reviews: number; summary?: Summary };

/** Options for one analyzeBatch call: per batch stage, by name, overriding the analyzer's stageOptions. */
export type BatchOptions = Record<string, Record<string, unknown>>;

export interface Analyzer {
  /** Analyse one review (a string or a ReviewInput). Throws InputError on a malformed input. */
  analyze(input: string | ReviewInput): Analysis;
  /**
   * Analyse many reviews, then run the batch stages across them and re-decide the reviews they concern.
   * `onReview(done, total)` is called after each review's per-review stages (a progress bar).
   */
  analyzeBatch(inputs: Array<string | ReviewInput>, options?: BatchOptions, onReview?: (done: number, total: number) => void): BatchResult;
  /** Stops the analyzer's worker threads (when `workers` > 1; a later batch starts new ones). Idle workers never keep the process alive. */
  close(): Promise<void>;
  /**
   * Analyse a stream of reviews (any iterable or async iterable) with bounded memory: reviews are taken in
   * windows of `window` reviews; each window is analysed as one batch (on the worker pool when there is one),
   * then yields its items in input order and a `window` event with its groups, queue and alerts; a `summary`
   * event over the whole stream comes last. Cross-review work sees one window at a time (docs/scale.md).
   */
  analyzeStream(inputs: Iterable<string | ReviewInput> | AsyncIterable<string | ReviewInput>, options?: StreamOptions): AsyncGenerator<StreamEvent, void, undefined>;
  /** Per-review stages, in order: add / replace / remove by name (each change is checked against `requires`). */
  readonly pipeline: Pipeline<Stage>;
  /** Batch stages, in order: add / replace / remove by name. */
  readonly batchPipeline: Pipeline<BatchStage>;
  /** Shared resources (lexicons, the text service) for building custom stages. */
  readonly context: AnalyzerContext;
}

/** An error of review #i: an InputError names the review and prefixes its issues' paths with the index. */
function atReview(e: unknown, i: number): Error {
  if (!(e instanceof InputError)) return e as Error;
  return new InputError(`Review #${i}: ${e.message}`, e.issues.map((x) => ({ ...x, path: [i, ...x.path] })));
}

/** Batches smaller than this stay on the calling thread: sending them costs more than it saves. */
const MIN_POOL_BATCH = 64;

/**
 * The analyzer's worker pool, started on the first batch that wants it. When
 * the analyzer cannot run in workers (`blocker` says why) or the built worker
 * file is missing, it warns once and the work stays on this thread.
 */
class PoolHandle {
  private pool: WorkerPool | null = null;
  private warned = false;
  constructor(
    private readonly size: number,
    private readonly options: Record<string, unknown>,
    private readonly blocker: () => string | null,
  ) {}

  get(batchSize: number): WorkerPool | null {
    if (this.size <= 1 || batchSize < MIN_POOL_BATCH) return null;
    const why = this.blocker() ?? this.unsendable();
    if (why) return this.fallback(why);
    if (!this.pool) {
      const file = workerEntry();
      if (!file) return this.fallback('the built worker file (dist/worker.js) was not found; run `npm run build`');
      this.pool = new WorkerPool(this.size, this.options, file);
    }
    return this.pool;
  }

  async close(): Promise<void> {
    const p = this.pool;
    this.pool = null;
    if (p) await p.close();
  }

  private unsendable(): string | null {
    try {
      structuredClone(this.options);
      return null;
    } catch {
      return 'the analyzer options hold values that cannot be copied to a worker thread (functions or class instances)';
    }
  }

  private fallback(why: string): null {
    if (!this.warned) {
      this.warned = true;
      process.emitWarning(`review-triage: workers: ${this.size} ignored, analysing on one thread: ${why}.`, { code: 'REVIEW_TRIAGE_WORKERS' });
    }
    return null;
  }
}

/**
 * Builds an analyzer: validates options, loads and validates lexicons, loads
 * the segmenter with the lexicon terms in a dictionary of its own, compiles
 * every stage and checks that each stage's requirements come before it. Do
 * this once and reuse the analyzer; analyze() is then pure per-review work.
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
  const validate = <S extends z.ZodType>(name: string, schema: S, given: unknown): z.output<S> => {
    const r = schema.safeParse(given);
    if (!r.success) {
      const issues = toIssues(r.error).map((i) => ({ ...i, path: [name, ...i.path] }));
      throw new OptionsError(`Invalid options for stage "${name}": ${describeIssues(issues)}`, issues);
    }
    return r.data;
  };

  // Normalisation options are the text service's: reviews and lexicon terms are read with the same ones.
  const textOptions = validate('normalize', NormalizeOptionsSchema, opts.stageOptions.normalize ?? {});
  const segmenter = typeof opts.segmenter === 'string' ? builtinSegmenter(opts.segmenter) : opts.segmenter;
  const context = buildContext(opts.lexicons as LexiconSource[], opts.builtinLexicons, segmenter, textOptions, opts.dataDir === undefined ? undefined : path.resolve(opts.dataDir));
  const createStage = <D extends StageDefinition | BatchStageDefinition>(def: D, extra?: Record<string, unknown>) =>
    declared(def.create(context, validate(def.name, def.optionsSchema, withLocale(def, { ...(opts.stageOptions[def.name] ?? {}), ...(extra ?? {}) }, opts.locale))), def) as ReturnType<D['create']>;

  const pipeline = new Pipeline<Stage>(
    BUILTIN_STAGES.filter((d) => !opts.disable.includes(d.name)).map((d) => createStage(d)),
    { providerOf: builtinProviderOf },
  );
  const batchDefs = BUILTIN_BATCH_STAGES.filter((d) => !opts.disable.includes(d.name));
  // Batch stages start from what the per-review stages provide (the doc fields are always there, maybe empty).
  const batchPipeline = new Pipeline<BatchStage>(
    batchDefs.map((d) => createStage(d)),
    { available: () => [...pipeline.provided(), ...DOC_FIELDS.map((f) => `doc.${f}`)], providerOf: builtinProviderOf },
  );
  const projector = new ResultProjector(pipeline);
  // Drafts are made from the final result (after a batch's re-decisions), so a campaign member gets an attack's reply.
  const drafter = opts.reply === false ? null : createReplyDrafter({ ...(opts.dataDir === undefined ? {} : { dataDir: path.resolve(opts.dataDir) }), ...(opts.locale === undefined ? {} : { locale: opts.locale }), ...(opts.reply === true ? {} : opts.reply) });
  const project = (doc: TriageDoc, ms?: number | null): Analysis => {
    const a = projector.project(doc, ms);
    const reply = drafter?.draft(a);
    if (reply) a.reply = reply;
    return a;
  };
  const builtVersion = pipeline.version;
  const pool = new PoolHandle(opts.workers, { ...(options as Record<string, unknown>), workers: 1, dataDir: context.dataDir }, () => {
    if (typeof opts.segmenter !== 'string') return 'a custom segmenter object cannot be sent to a worker thread';
    if (pipeline.version !== builtVersion) return 'the per-review pipeline was changed after createAnalyzer, and stages given as functions cannot be sent to a worker thread';
    return null;
  });

  const runStages = (input: unknown, fallbackId: string): TriageDoc => {
    const doc = new TriageDoc(parseReviewInput(input, fallbackId), opts.maxTextLength);
    pipeline.runAll(doc);
    return doc;
  };

  /** The per-review docs of a batch, on the worker pool when there is one and it can take this batch. */
  const analyzeAll = (inputs: readonly unknown[], onReview?: (done: number, total: number) => void, base = 0): TriageDoc[] => {
    for (let i = 0; i < inputs.length; i++) {
      if (!(i in inputs)) throw new InputError(`Review #${i}: the array has a hole here (a sparse array); pass a review at every index.`, [{ path: [i], message: 'missing (array hole)' }]);
    }
    const parallel = pool.get(inputs.length);
    if (parallel) {
      const docs: TriageDoc[] = new Array<TriageDoc>(inputs.length);
      let first: Error | null = null;
      try {
        parallel.run(inputs, base, (i, r) => {
          if ('ok' in r) docs[i] = TriageDoc.fromSnapshot(r.ok, opts.maxTextLength);
          else first ??= atReview(rebuildError(r.error), base + i);
          if (typeof onReview === 'function') onReview(i + 1, inputs.length);
        });
      } catch (e) {
        // A review that cannot be copied to a worker (a function, a class instance): this thread reports it as the serial path does.
        if ((e as Error)?.name !== 'DataCloneError') throw e;
        first = null;
        return analyzeSerial(inputs, onReview, base);
      }
      if (first) throw first;
      return docs;
    }
    return analyzeSerial(inputs, onReview, base);
  };
  const analyzeSerial = (inputs: readonly unknown[], onReview: ((done: number, total: number) => void) | undefined, base: number): TriageDoc[] => {
    const docs: TriageDoc[] = [];
    for (let i = 0; i < inputs.length; i++) {
      try {
        docs.push(runStages(inputs[i], String(base + i)));
      } catch (e) {
        throw atReview(e, base + i);
      }
      if (typeof onReview === 'function') onReview(i + 1, inputs.length);
    }
    return docs;
  };

  const stageOptionsOf = (name: string, batchOptions: BatchOptions): Record<string, unknown> => ({ ...(opts.stageOptions[name] ?? {}), ...(batchOptions[name] ?? {}) });
  /** The batch stages for one call, each stage named in `batchOptions` rebuilt with them. */
  const batchStagesFor = (batchOptions: BatchOptions): BatchStage[] => {
    if (batchOptions === null || typeof batchOptions !== 'object') throw new OptionsError('Batch options must be an object keyed by batch stage name.');
    batchPipeline.validate(); // the per-review stages may have changed since the batch stages were checked
    // Call-time options rebuild that one batch stage with merged options (stages are cheap to build).
    const overrides = new Map<string, BatchStage>();
    for (const [name, value] of Object.entries(batchOptions)) {
      const def = batchDefs.find((d) => d.name === name);
      if (!def && !batchPipeline.has(name)) {
        throw new OptionsError(`Unknown batch stage "${name}" in batch options. Batch stages: ${batchPipeline.names.join(', ') || '(none)'}.`, [{ path: [name], message: 'unknown batch stage' }]);
      }
      if (def && batchPipeline.has(name)) overrides.set(name, createStage(def, value));
    }
    return batchPipeline.list().map((s) => overrides.get(s.name) ?? s);
  };

  return {
    pipeline,
    batchPipeline,
    context,
    close: () => pool.close(),
    analyze(input) {
      return project(runStages(input, '0'));
    },
    analyzeBatch(inputs, batchOptions = {}, onReview) {
      if (!Array.isArray(inputs)) throw new InputError('analyzeBatch expects an array of reviews.', [{ path: [], message: 'expected array' }]);
      const stages = batchStagesFor(batchOptions);
      const docs = analyzeAll(inputs, onReview);
      return runBatch(docs, stages, pipeline.list(), batchOptions, project);
    },
    async *analyzeStream(inputs, streamOptions = {}) {
      const o = StreamOptionsSchema.safeParse(streamOptions);
      if (!o.success) {
        const issues = toIssues(o.error);
        throw new OptionsError(`Invalid stream options: ${describeIssues(issues)}`, issues);
      }
      const batchOptions = (o.data.batch ?? {}) as BatchOptions;
      const stages = batchStagesFor(batchOptions);
      const themeTerms = (stageOptionsOf('summary', batchOptions).themeTerms as number | undefined) ?? 10;
      let pending: unknown[] = [];
      let seen = 0;
      let windows = 0;
      let summary: Summary | undefined;
      const close = function* (): Generator<StreamEvent> {
        const base = seen - pending.length;
        const result = runBatch(analyzeAll(pending, undefined, base), stages, pipeline.list(), batchOptions, project);
        pending = [];
        const index = windows++;
        // Group ids are per window: prefix them so ids stay unique across the stream.
        const prefix = `w${index + 1}-`;
        for (const g of result.groups ?? []) g.id = prefix + g.id;
        for (const item of result.items) {
          if (item.spam.cluster !== null) item.spam.cluster = prefix + item.spam.cluster;
          yield { kind: 'item', item };
        }
        for (const q of result.queue ?? []) if (q.group) q.group = prefix + q.group;
        for (const a of result.alerts ?? []) if (a.group) a.group = prefix + a.group;
        if (result.summary) summary = summary ? mergeSummaries(summary, result.summary, themeTerms) : result.summary;
        const event: StreamEvent & { kind: 'window' } = { kind: 'window', index, from: base, to: base + result.items.length };
        if (result.groups) event.groups = result.groups;
        if (result.queue) event.queue = result.queue;
        if (result.alerts) event.alerts = result.alerts;
        yield event;
      };
      for await (const input of inputs as AsyncIterable<unknown>) {
        pending.push(input);
        seen++;
        if (pending.length >= o.data.window) yield* close();
      }
      if (pending.length > 0 || windows === 0) yield* close();
      yield summary ? { kind: 'summary', reviews: seen, summary } : { kind: 'summary', reviews: seen };
    },
  };
}
