import fs from 'node:fs';
import path from 'node:path';
import type { AnalyzerContext } from '../context/context.js';
import { TypesRuntime } from './combine.js';
import { TypesModel } from './model.js';
import { UserCues } from './user-cues.js';

/**
 * The classify stage's model, or null for the cue rules alone: when
 * `useModel` is false, or when the built-in model file is absent (a fresh
 * checkout before `npm run train:types`). A `modelPath` that cannot be read
 * is an OptionsError.
 */
export function loadTypesRuntime(ctx: AnalyzerContext, options: { useModel: boolean; modelPath?: string | undefined }): TypesRuntime | null {
  if (!options.useModel) return null;
  const file = options.modelPath ? path.resolve(options.modelPath) : path.join(ctx.dataDir, 'models', 'types.json');
  if (!options.modelPath && !fs.existsSync(file)) return null;
  return new TypesRuntime(TypesModel.load(file), new UserCues(ctx));
}
