import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OptionsError } from '../kernel/errors.js';
import { describeIssues, toIssues } from '../kernel/review.js';
import { dataDir as builtinDataDir } from '../lexicon/load.js';
import { ResponsePlanSchema, type ResponsePlan } from '../schema/batch.js';
import { CRISIS_PLANS, LOCALES, type Locale } from '../schema/labels.js';

export type CrisisPlan = (typeof CRISIS_PLANS)[number];
export type Plans = Record<CrisisPlan, ResponsePlan>;

/** The `plans` option: per crisis level, the fields of its plan to replace (the others stay built-in). */
const partialPlan = ResponsePlanSchema.partial().optional();
export const PlanOverridesSchema = z
  .object(Object.fromEntries(CRISIS_PLANS.map((k) => [k, partialPlan])) as { [K in CrisisPlan]: typeof partialPlan })
  .strict();
export type PlanOverrides = z.input<typeof PlanOverridesSchema>;

const PlansFileSchema = z
  .object({
    description: z.string().optional(),
    ...Object.fromEntries(LOCALES.map((l) => [l, z.strictObject(Object.fromEntries(CRISIS_PLANS.map((k) => [k, ResponsePlanSchema])) as { [K in CrisisPlan]: typeof ResponsePlanSchema })])),
  })
  .strict();

const cache = new Map<string, Record<Locale, Plans>>();

/** The built-in plans file (data/alerts/plans.json), read and checked once per data folder. */
function builtinPlans(dataDir: string): Record<Locale, Plans> {
  const file = path.join(dataDir, 'alerts', 'plans.json');
  let plans = cache.get(file);
  if (plans) return plans;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new OptionsError(`Cannot read the response plans ${file}: ${(cause as Error).message}`);
  }
  const r = PlansFileSchema.safeParse(json);
  if (!r.success) throw new OptionsError(`Invalid response plans in ${file}: ${describeIssues(toIssues(r.error))}`);
  plans = r.data as unknown as Record<Locale, Plans>;
  cache.set(file, plans);
  return plans;
}

/** The response plans of a locale, with the user's overrides applied field by field. `dataDir` null: the package's data folder. */
export function loadPlans(dataDir: string | null, locale: Locale, overrides?: z.output<typeof PlanOverridesSchema>): Plans {
  const base = builtinPlans(dataDir ?? builtinDataDir())[locale];
  const out = {} as Plans;
  for (const k of CRISIS_PLANS) {
    const o = overrides?.[k];
    const plan: ResponsePlan = { ...base[k], ...Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) };
    out[k] = plan;
  }
  return out;
}
