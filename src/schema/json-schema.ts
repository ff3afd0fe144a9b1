/**
 * The JSON Schemas published in schema/ for consumers in other languages
 * (CLI output). Generated from the zod output schemas, never edited by hand:
 * scripts/build-schemas.mjs writes them and a test checks the files match.
 */
import { z } from 'zod';
import { AnalysisSchema } from './analysis.js';
import { BatchResultSchema } from './batch.js';
import { LintResultSchema } from './reply.js';

function toJsonSchema(schema: z.ZodType, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw' });
  const { $schema, ...rest } = json;
  return { $schema, title, ...rest };
}

/** File name (under schema/) -> JSON Schema object. */
export function outputJsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    'analysis.schema.json': toJsonSchema(AnalysisSchema, 'Analysis'),
    'batch-result.schema.json': toJsonSchema(BatchResultSchema, 'BatchResult'),
    'lint-result.schema.json': toJsonSchema(LintResultSchema, 'LintResult'),
  };
}

/** How the files are written: 2-space JSON and a final newline. */
export function formatJsonSchema(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
