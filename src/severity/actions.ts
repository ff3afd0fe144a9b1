import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OptionsError } from '../kernel/errors.js';
import { describeIssues, toIssues } from '../kernel/review.js';
import { NATURES, SEVERITY_LEVELS, TOPICS, type Nature, type SeverityLevel, type Topic } from '../types.js';
import { TRIGGERS, type Trigger } from './triggers.js';

const actionList = z.array(z.string().trim().min(1)).max(50);
const partialRecord = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.object(Object.fromEntries(keys.map((k) => [k, actionList.optional()])) as { [P in K[number]]: z.ZodOptional<typeof actionList> }).strict();

/**
 * Recommended actions (data/actions/actions.json): lists of short sentences
 * for a merchant, looked up by level, nature, topic and trigger. The same
 * shape, with every part optional, is the `actions` option of the severity
 * stage: a list given there replaces the built-in list with the same key.
 */
export const ActionsSchema = z
  .object({
    description: z.string().optional(),
    byLevel: partialRecord(SEVERITY_LEVELS).optional(),
    byNature: partialRecord(NATURES).optional(),
    byTopic: partialRecord(TOPICS).optional(),
    byTrigger: partialRecord(TRIGGERS).optional(),
    /** Added for reviews that belong to a campaign (batch). */
    byCampaign: actionList.optional(),
    /** Put first for the reporters of a systemic issue (batch): many customers, one defect. */
    bySystemic: actionList.optional(),
  })
  .strict();

export type ActionsData = z.infer<typeof ActionsSchema>;

/** Lookup tables after merging built-ins with overrides. */
export interface ActionTable {
  byLevel: Partial<Record<SeverityLevel, string[]>>;
  byNature: Partial<Record<Nature, string[]>>;
  byTopic: Partial<Record<Topic, string[]>>;
  byTrigger: Partial<Record<Trigger, string[]>>;
  byCampaign: string[];
  bySystemic: string[];
}

/** The built-in actions file of a locale: actions.json (English) or actions.zh.json. */
export function builtinActionsPath(dataDir: string, locale: 'en' | 'zh' = 'en'): string {
  return path.join(dataDir, 'actions', locale === 'en' ? 'actions.json' : `actions.${locale}.json`);
}

/** Reads and validates an actions file; a broken file is an OptionsError naming the file and field. */
export function readActionsFile(file: string): ActionsData {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new OptionsError(`Cannot read actions file ${file}: ${(cause as Error).message}`);
  }
  return parseActions(json, file);
}

export function parseActions(value: unknown, source: string): ActionsData {
  const r = ActionsSchema.safeParse(value);
  if (!r.success) {
    const issues = toIssues(r.error);
    throw new OptionsError(`Invalid actions in ${source}: ${describeIssues(issues)}`, issues);
  }
  return r.data;
}

/** Built-in lists, then each override list replacing the one with the same key. */
export function mergeActions(base: ActionsData, ...overrides: Array<ActionsData | undefined>): ActionTable {
  const table: ActionTable = {
    byLevel: { ...base.byLevel },
    byNature: { ...base.byNature },
    byTopic: { ...base.byTopic },
    byTrigger: { ...base.byTrigger },
    byCampaign: base.byCampaign ?? [],
    bySystemic: base.bySystemic ?? [],
  };
  for (const o of overrides) {
    if (!o) continue;
    Object.assign(table.byLevel, o.byLevel);
    Object.assign(table.byNature, o.byNature);
    Object.assign(table.byTopic, o.byTopic);
    Object.assign(table.byTrigger, o.byTrigger);
    if (o.byCampaign) table.byCampaign = o.byCampaign;
    if (o.bySystemic) table.bySystemic = o.bySystemic;
  }
  return table;
}

export interface ActionQuery {
  level: SeverityLevel;
  nature: Nature | null;
  topics: readonly Topic[];
  triggers: readonly Trigger[];
  campaign?: boolean;
  /** A reporter of a systemic issue: its actions start with fixing the product. */
  systemic?: boolean;
}

/** The actions for one review, in lookup order (a systemic issue's first), without duplicates. Low reviews that are not complaints get none. */
export function actionsFor(table: ActionTable, q: ActionQuery): string[] {
  const out = new Set<string>();
  const add = (list: string[] | undefined) => {
    if (list) for (const a of list) out.add(a);
  };
  if (q.systemic) add(table.bySystemic);
  add(table.byLevel[q.level]);
  if (q.nature) add(table.byNature[q.nature]);
  for (const t of q.topics) add(table.byTopic[t]);
  for (const t of q.triggers) add(table.byTrigger[t]);
  if (q.campaign) add(table.byCampaign);
  return [...out];
}
