import type { TriageDoc } from './doc.js';
import type { AnalyzerContext } from '../context/context.js';
import type { BatchState } from '../context/batch-state.js';

/**
 * A named per-review step. Stages run in order over one TriageDoc and may
 * read anything earlier stages wrote. Build expensive things (matchers,
 * models) in the factory, never in `run`: `run` is the hot path.
 */
export interface Stage {
  readonly name: string;
  run(doc: TriageDoc): void;
}

/** Builds a stage once per analyzer, with shared resources and its own options. */
export type StageFactory<Options = Record<string, unknown>> = (ctx: AnalyzerContext, options: Options) => Stage;

/**
 * A named step that runs once over a whole batch after every review has been
 * analysed (clustering, floods, queue, summary, alerts).
 */
export interface BatchStage {
  readonly name: string;
  run(state: BatchState): void;
}

export type BatchStageFactory<Options = Record<string, unknown>> = (ctx: AnalyzerContext, options: Options) => BatchStage;
