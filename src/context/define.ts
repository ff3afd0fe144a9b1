import type { z } from 'zod';
import type { AnalyzerContext } from './context.js';
import type { BatchStage, Stage } from '../kernel/stage.js';

/**
 * A built-in component: its name, the zod schema of its options (strict, so
 * unknown options are errors), and a factory. The analyzer validates
 * `stageOptions[name]` against the schema before calling `create`.
 */
export interface StageDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly optionsSchema: S;
  create(ctx: AnalyzerContext, options: z.output<S>): Stage;
}

export interface BatchStageDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly optionsSchema: S;
  create(ctx: AnalyzerContext, options: z.output<S>): BatchStage;
}

export function defineStage<S extends z.ZodType>(def: StageDefinition<S>): StageDefinition<S> {
  return def;
}

export function defineBatchStage<S extends z.ZodType>(def: BatchStageDefinition<S>): BatchStageDefinition<S> {
  return def;
}
