import path from 'node:path';
import { z } from 'zod';
import { InputError, OptionsError, TemplateError } from '../kernel/errors.js';
import { describeIssues, toIssues } from '../kernel/review.js';
import { dataDir as defaultDataDir } from '../lexicon/load.js';
import { LANGUAGES, NATURES, SEVERITY_LEVELS, TOPICS } from '../schema/labels.js';
import { ReplyLocaleSchema, type ReplyDraft, type ReplyLocale } from '../schema/reply.js';
import { lintWith } from './lint.js';
import { builtinRules } from './rules.js';
import { fillSlots, readBuiltinTemplates, resolveTemplateSource, TemplateSet, type SlotName, type TemplateSource } from './templates.js';

const slotValue = z.string().trim().min(1).max(1000);
export const SlotValuesSchema = z.strictObject({ customer: slotValue.optional(), product: slotValue.optional(), shop: slotValue.optional(), remedy: slotValue.optional() });
export type SlotValues = z.input<typeof SlotValuesSchema>;

export const ReplyOptionsSchema = z.strictObject({
  /** The language of the draft; by default the review's: en for English (and unknown) reviews, zh otherwise. */
  locale: ReplyLocaleSchema.optional(),
  /** Slot values: `customer` (how to address them), `product`, `shop`, `remedy` (replaces the topic's remedy). */
  slots: SlotValuesSchema.optional(),
  /** More template files (paths or objects), applied after the built-ins in order. */
  templates: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).optional(),
  /** Use the templates shipped in data/replies/templates (default true). */
  builtinTemplates: z.boolean().optional(),
  /** Where the reply is posted, for the compliance check of the draft (see lintReply). */
  platform: z.string().optional(),
  /** The package's data/ folder. */
  dataDir: z.string().min(1).optional(),
});

export type ReplyOptions = z.input<typeof ReplyOptionsSchema>;

/** The parts of an Analysis a draft reads (other fields are ignored, so results of newer versions still fit). */
export const DraftInputSchema = z.object({
  language: z.enum(LANGUAGES),
  negative: z.object({ nature: z.enum(NATURES), topics: z.array(z.enum(TOPICS)) }).nullable(),
  severity: z.object({ level: z.enum(SEVERITY_LEVELS) }),
});

export type DraftInput = z.input<typeof DraftInputSchema>;

export interface ReplyDrafter {
  /** A draft for one analysed review, or null when it is not negative (there is no complaint to answer). */
  draft(analysis: DraftInput, slots?: SlotValues): ReplyDraft | null;
  /** The merged templates (to list or test them). */
  readonly templates: TemplateSet;
}

function parseOptions<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const issues = toIssues(r.error);
    throw new OptionsError(`Invalid ${what}: ${describeIssues(issues)}`, issues);
  }
  return r.data;
}

/**
 * Loads and validates the templates once; `draft()` then picks the most
 * specific template for the review's nature, strongest topic, severity and
 * locale, fills its slots and checks both texts with lintReply.
 */
export function createReplyDrafter(options: ReplyOptions = {}): ReplyDrafter {
  const o = parseOptions(ReplyOptionsSchema, options, 'reply options');
  const dir = o.dataDir === undefined ? defaultDataDir() : path.resolve(o.dataDir);
  const files = [...(o.builtinTemplates === false ? [] : readBuiltinTemplates(dir)), ...(o.templates ?? []).map((s, i) => resolveTemplateSource(s as TemplateSource, i))];
  const templates = new TemplateSet(files);
  const rules = builtinRules(dir);
  return {
    templates,
    draft(analysis, callSlots) {
      const a = DraftInputSchema.safeParse(analysis);
      if (!a.success) {
        const issues = toIssues(a.error);
        throw new InputError(`draftReply expects an Analysis (from analyze or analyzeBatch): ${describeIssues(issues)}`, issues);
      }
      const slots = callSlots === undefined ? {} : parseOptions(SlotValuesSchema, callSlots, 'reply slots');
      const { language, negative, severity } = a.data;
      if (!negative) return null;
      const locale: ReplyLocale = o.locale ?? (language === 'zh' || language === 'mixed' ? 'zh' : 'en');
      const topic = negative.topics[0] ?? 'other';
      const t = templates.select(locale, negative.nature, topic, severity.level);
      if (!t) throw new TemplateError('(merged templates)', [], `no ${locale} template for nature ${negative.nature} (a file with "replace": true must keep a general template per nature)`);
      const values: Partial<Record<SlotName, string>> = { ...templates.defaults(locale), ...o.slots, ...slots };
      values.remedy ??= templates.remedy(locale, topic) ?? undefined;
      for (const text of [t.public, t.private ?? '']) {
        const missing = /\{(customer|product|shop|remedy)\}/.exec(text);
        if (missing && values[missing[1] as SlotName] === undefined) {
          throw new TemplateError('(merged templates)', [], `template "${t.id}" uses {${missing[1]}} and no value is given: pass slots.${missing[1]}${missing[1] === 'remedy' ? ' or a remedies entry' : ' or a defaults entry'}`);
        }
      }
      const pub = fillSlots(t.public, values);
      const priv = t.private ? fillSlots(t.private, values) : null;
      const lint = (text: string | null) => (text === null ? [] : lintWith(rules, text, { locale, nature: negative.nature, ...(o.platform ? { platform: o.platform } : {}) }).findings);
      return {
        templateId: t.id,
        locale,
        nature: negative.nature,
        topic,
        severity: severity.level,
        public: pub,
        private: priv,
        checklist: t.checklist ?? [],
        lint: { public: lint(pub), private: lint(priv) },
      };
    },
  };
}

/** Drafters for the plain `draftReply(analysis)` call, per data folder: the built-in templates are read once. */
const defaultDrafters = new Map<string, ReplyDrafter>();

/**
 * A reply draft for one analysed review (null when it is not negative).
 * With `templates` the files are read on every call: build a drafter once
 * with createReplyDrafter for many reviews.
 */
export function draftReply(analysis: DraftInput, options: ReplyOptions = {}): ReplyDraft | null {
  const o = parseOptions(ReplyOptionsSchema, options, 'reply options');
  if (o.templates === undefined && o.builtinTemplates !== false) {
    const key = `${o.dataDir ?? ''}\u0000${o.locale ?? ''}\u0000${o.platform ?? ''}`;
    let d = defaultDrafters.get(key);
    if (!d) defaultDrafters.set(key, (d = createReplyDrafter({ ...o, slots: undefined })));
    return d.draft(analysis, o.slots);
  }
  return createReplyDrafter(o).draft(analysis);
}
