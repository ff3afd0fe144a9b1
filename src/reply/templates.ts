import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TemplateError } from '../kernel/errors.js';
import { NATURES, SEVERITY_LEVELS, TOPICS, type Nature, type SeverityLevel, type Topic } from '../types.js';
import { ReplyLocaleSchema, type ReplyLocale } from '../schema/reply.js';
import { readJsonFile } from '../util/json-file.js';

/**
 * Reply templates: `data/replies/templates/<locale>.json`, one file per
 * locale, and the same shape in a user's files (the `templates` option),
 * which extend or override the built-ins like lexicons do.
 */

/** The slots a template may use, written `{customer}` in its text. */
export const SLOT_NAMES = ['customer', 'product', 'shop', 'remedy'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

const SLOT_RE = /\{([^{}\s]{1,40})\}/g;

/** Text with slots: every `{name}` must be a known slot, so a typo (`{custmer}`) is an error, not a reply that shows it. */
const slotText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4000, 'is longer than 4000 characters')
  .superRefine((text, ctx) => {
    for (const m of text.matchAll(SLOT_RE)) {
      if (!(SLOT_NAMES as readonly string[]).includes(m[1]!)) ctx.addIssue({ code: 'custom', message: `unknown slot {${m[1]}} (slots: ${SLOT_NAMES.map((s) => `{${s}}`).join(', ')})` });
    }
  });

/** Text that is itself a slot value (a default, a remedy): no slots inside. */
const plainText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(1000, 'is longer than 1000 characters')
  .refine((t) => !/\{[^{}\s]{1,40}\}/.test(t), 'a slot value must not contain a slot');

export const TemplateSchema = z.strictObject({
  /** Unique per locale; a user template with a built-in id replaces it. */
  id: z.string().trim().min(1).max(100),
  nature: z.enum(NATURES),
  /** The review's strongest topic this template is for; absent: any topic. */
  topic: z.enum(TOPICS).optional(),
  /** The severity levels this template is for; absent: any level. */
  severity: z.array(z.enum(SEVERITY_LEVELS)).min(1).optional(),
  /** Posted under the review. */
  public: slotText,
  /** Sent to the customer through the platform's messages; null or absent: none. */
  private: slotText.nullable().optional(),
  /** Steps for the merchant's team (a malicious attack's evidence checklist). */
  checklist: z.array(plainText).max(30).optional(),
  note: z.string().optional(),
});

export type ReplyTemplate = z.output<typeof TemplateSchema>;

const FileSchema = z.strictObject({
  locale: ReplyLocaleSchema,
  description: z.string().optional(),
  /** true: the templates of this file replace the locale's built-in templates instead of extending them. */
  replace: z.boolean().optional(),
  /** Values used when the caller gives none for a slot. */
  defaults: z.strictObject({ customer: plainText.optional(), product: plainText.optional(), shop: plainText.optional() }).optional(),
  /** The `{remedy}` slot by the review's strongest topic (`other` is the fallback). */
  remedies: z.strictObject(Object.fromEntries(TOPICS.map((t) => [t, plainText.optional()])) as Record<Topic, z.ZodOptional<typeof plainText>>).optional(),
  templates: z.array(z.unknown()).max(5000),
});

export interface TemplateFile {
  locale: ReplyLocale;
  description?: string;
  replace?: boolean;
  defaults?: Partial<Record<Exclude<SlotName, 'remedy'>, string>>;
  remedies?: Partial<Record<Topic, string>>;
  templates: ReplyTemplate[];
}

/** What a caller may pass as templates: a parsed object or a path to a JSON file. */
export type TemplateSource = string | Record<string, unknown>;

/** Largest template file read (bytes). */
export const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;

/**
 * Validates one template file object. `source` names it in errors (a path or
 * `templates[1]`); errors name the field's path (`templates.3.public`) and
 * the template's id.
 */
export function parseTemplates(value: unknown, source: string): TemplateFile {
  const file = FileSchema.safeParse(value);
  if (!file.success) {
    const i = file.error.issues[0]!;
    throw new TemplateError(source, pathOf(i.path), i.message);
  }
  const seen = new Set<string>();
  const templates = file.data.templates.map((entry, index) => {
    const r = TemplateSchema.safeParse(entry);
    const id = typeof (entry as { id?: unknown })?.id === 'string' ? ` (id "${(entry as { id: string }).id}")` : '';
    if (!r.success) {
      const i = r.error.issues[0]!;
      throw new TemplateError(source, ['templates', index, ...pathOf(i.path)], `${i.message}${id}`);
    }
    if (seen.has(r.data.id)) throw new TemplateError(source, ['templates', index, 'id'], `duplicate id "${r.data.id}" in one file`);
    seen.add(r.data.id);
    return r.data;
  });
  const { templates: _entries, ...rest } = file.data;
  void _entries;
  return { ...(rest as Omit<TemplateFile, 'templates'>), templates };
}

const pathOf = (p: readonly PropertyKey[]): (string | number)[] => p.filter((x): x is string | number => typeof x !== 'symbol');

export function readTemplatesFile(file: string): TemplateFile {
  return parseTemplates(readJsonFile(file, MAX_TEMPLATE_BYTES, 'reply templates', (reason, cause) => new TemplateError(file, [], reason, cause === undefined ? undefined : { cause })), file);
}

export function resolveTemplateSource(src: TemplateSource, index: number): TemplateFile {
  if (typeof src === 'string') return readTemplatesFile(path.resolve(src));
  return parseTemplates(src, `templates[${index}]`);
}

const builtinCache = new Map<string, TemplateFile[]>();

/** The built-in template files of a data folder (data/replies/templates/*.json), read once per process. */
export function readBuiltinTemplates(dataDir: string): TemplateFile[] {
  let files = builtinCache.get(dataDir);
  if (!files) {
    const dir = path.join(dataDir, 'replies', 'templates');
    if (!fs.existsSync(dir)) throw new TemplateError(dir, [], 'no replies/templates folder in the data folder (check the dataDir option)');
    files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        const t = readTemplatesFile(path.join(dir, f));
        if (`${t.locale}.json` !== f) throw new TemplateError(path.join(dir, f), ['locale'], `locale "${t.locale}" does not match the file name`);
        return t;
      });
    builtinCache.set(dataDir, files);
  }
  return files;
}

interface LocaleTemplates {
  defaults: Partial<Record<Exclude<SlotName, 'remedy'>, string>>;
  remedies: Partial<Record<Topic, string>>;
  /** By id, in the order they were given (a replacement keeps its place). */
  templates: Map<string, ReplyTemplate>;
}

/** Built-in and user templates merged per locale: later files override defaults, remedies and templates by key. */
export class TemplateSet {
  private readonly byLocale = new Map<ReplyLocale, LocaleTemplates>();

  constructor(files: TemplateFile[]) {
    for (const f of files) {
      let l = this.byLocale.get(f.locale);
      if (!l) this.byLocale.set(f.locale, (l = { defaults: {}, remedies: {}, templates: new Map() }));
      if (f.replace) l.templates = new Map();
      Object.assign(l.defaults, f.defaults);
      Object.assign(l.remedies, f.remedies);
      for (const t of f.templates) l.templates.set(t.id, t);
    }
  }

  /** Every template of a locale (for tests and tools). */
  all(locale: ReplyLocale): ReplyTemplate[] {
    return [...(this.byLocale.get(locale)?.templates.values() ?? [])];
  }

  defaults(locale: ReplyLocale): Partial<Record<Exclude<SlotName, 'remedy'>, string>> {
    return this.byLocale.get(locale)?.defaults ?? {};
  }

  /** The remedy for a topic, else the `other` remedy, else null. */
  remedy(locale: ReplyLocale, topic: Topic): string | null {
    const r = this.byLocale.get(locale)?.remedies;
    return r?.[topic] ?? r?.other ?? null;
  }

  /**
   * The most specific template for a review: one naming its topic and level
   * beats one naming its topic, which beats one naming its level, which
   * beats the nature's general template. On a tie the later one wins (a
   * user's file over the built-ins).
   */
  select(locale: ReplyLocale, nature: Nature, topic: Topic, level: SeverityLevel): ReplyTemplate | null {
    let best: ReplyTemplate | null = null;
    let bestScore = -1;
    for (const t of this.all(locale)) {
      if (t.nature !== nature || (t.topic !== undefined && t.topic !== topic) || (t.severity !== undefined && !t.severity.includes(level))) continue;
      const score = (t.topic !== undefined ? 2 : 0) + (t.severity !== undefined ? 1 : 0);
      if (score >= bestScore) {
        best = t;
        bestScore = score;
      }
    }
    return best;
  }
}

/** Fills `{slot}`s; a slot without a value keeps its braces (and the draft's check shows it). */
export function fillSlots(text: string, values: Partial<Record<SlotName, string>>): string {
  return text.replace(SLOT_RE, (whole, name: string) => values[name as SlotName] ?? whole);
}
