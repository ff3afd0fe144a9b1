import type { z } from 'zod';
import type { AnalyzerContext } from './context.js';
import type { BatchStageOf, Stage } from '../kernel/stage.js';
import type { Requirement } from '../kernel/slots.js';
import type { BatchState } from './batch-state.js';

/** A batch stage of this library: it runs over the analyzer's BatchState. */
export type BatchStage = BatchStageOf<BatchState>;

/** What a definition declares about the stages it builds (copied onto each one). */
export interface StageDeclarations {
  /** Slots and doc fields an earlier stage must provide. */
  readonly requires?: readonly Requirement[];
  /** Read when present, with a documented neutral default otherwise. */
  readonly reads?: readonly Requirement[];
  readonly provides?: readonly Requirement[];
}

/**
 * A built-in component: its name, the zod schema of its options (strict, so
 * unknown options are errors), what it requires and provides, and a
 * factory. The analyzer validates `stageOptions[name]` against the schema
 * before calling `create`, and checks the declarations against the order.
 */
export interface StageDefinition<S extends z.ZodType = z.ZodType> extends StageDeclarations {
  readonly name: string;
  readonly optionsSchema: S;
  create(ctx: AnalyzerContext, options: z.output<S>): Stage;
}

export interface BatchStageDefinition<S extends z.ZodType = z.ZodType> extends StageDeclarations {
  readonly name: string;
  readonly optionsSchema: S;
  /** `facts` stages run before the per-review re-decision, `report` stages (default) after it. */
  readonly phase?: 'facts' | 'report';
  create(ctx: AnalyzerContext, options: z.output<S>): BatchStage;
}

export function defineStage<S extends z.ZodType>(def: StageDefinition<S>): StageDefinition<S> {
  return def;
}

export function defineBatchStage<S extends z.ZodType>(def: BatchStageDefinition<S>): BatchStageDefinition<S> {
  return def;
}

/** The stage a definition built, carrying the definition's declarations unless it declares its own. */
export function declared<T extends Stage | BatchStage>(stage: T, def: StageDefinition | BatchStageDefinition): T {
  const s = stage as { -readonly [K in keyof Stage | 'phase']?: unknown };
  if (s.requires === undefined && def.requires) s.requires = def.requires;
  if (s.reads === undefined && def.reads) s.reads = def.reads;
  if (s.provides === undefined && def.provides) s.provides = def.provides;
  if ('phase' in def && def.phase && s.phase === undefined) s.phase = def.phase;
  return stage;
}
