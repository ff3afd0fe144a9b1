import { z } from 'zod';
import { NATURES, SPAM_KINDS, TOPICS } from '../types.js';

/**
 * Lexicon files: `data/lexicons/<lang>/<kind>.json`, one kind per file:
 *   { "kind": "sentiment", "lang": "zh", "description": "...", "entries": [ { "term": "差评", "weight": -2 } ] }
 * Each kind has its own entry schema below; unknown fields are errors so a
 * typo (`wieght`) cannot silently drop a weight.
 */
const term = z
  .string()
  .trim()
  .min(1, 'term must not be empty')
  .max(64, 'term is longer than 64 characters');
const note = z.string().optional();

export const ENTRY_SCHEMAS = {
  /** Opinion words and phrases. weight: -3 (very negative) .. +3 (very positive). */
  sentiment: z.object({ term, weight: z.number().min(-3).max(3), note }).strict(),
  /** Words that flip the polarity of what follows within `scope` tokens (default 3). */
  negators: z.object({ term, scope: z.number().int().min(1).max(10).optional(), note }).strict(),
  /** Multiply the next opinion word: factor > 1 intensifies, < 1 softens. */
  intensifiers: z.object({ term, factor: z.number().min(0).max(4), note }).strict(),
  /** Contrast markers; the clause after them carries `weight` times more (default 2). */
  contrast: z.object({ term, weight: z.number().min(0).max(5).optional(), note }).strict(),
  /** Markers that make a question rhetorical (`难道`, `凭什么`): its opinion is stated, not asked. `afterYe`: only right after 也 (`也叫`, `也配`). */
  rhetorical: z.object({ term, afterYe: z.boolean().optional(), note }).strict(),
  /** Closed-class fillers: particles, adverbs and function words that carry no content (a review of only these and generic praise is a template). */
  fillers: z.object({ term, note }).strict(),
  /** Cues for the topic of a complaint. */
  topics: z.object({ term, topic: z.enum(TOPICS), weight: z.number().min(0).max(5).optional(), note }).strict(),
  /** Cues for the nature of a negative review. */
  nature: z
    .object({
      term,
      nature: z.enum(NATURES),
      /** Optional finer cue type, e.g. `abuse`, `boycott`, `competitor`, `presale`. */
      cue: z.string().optional(),
      weight: z.number().min(0).max(5).optional(),
      note,
    })
    .strict(),
  /** Spam cues (lures, template phrases...). */
  spam: z.object({ term, kind: z.enum(SPAM_KINDS), weight: z.number().min(0).max(5).optional(), note }).strict(),
  /** Severity triggers: `trigger` names the rule (safety, legal, fraud, escalate, intensity...); `mild` marks a hedge (感觉, 一般) that keeps a complaint low; `work` names a creative work's content (plot, author, actors): a complaint about that alone is a matter of taste the seller cannot fix. */
  severity: z
    .object({
      term,
      trigger: z.enum(['safety', 'legal', 'fraud', 'escalate', 'intensity', 'loss', 'mild', 'work']),
      weight: z.number().min(0).max(5).optional(),
      note,
    })
    .strict(),
} as const;

export type LexiconKind = keyof typeof ENTRY_SCHEMAS;
export const LEXICON_KINDS = Object.keys(ENTRY_SCHEMAS) as LexiconKind[];
export type LexiconEntry<K extends LexiconKind = LexiconKind> = z.infer<(typeof ENTRY_SCHEMAS)[K]>;
export type LexiconLang = 'zh' | 'en';

/** The file-level shape; entries are validated one by one so errors can name the entry. */
export const LexiconFileSchema = z
  .object({
    kind: z.enum(LEXICON_KINDS as [LexiconKind, ...LexiconKind[]]),
    lang: z.enum(['zh', 'en']),
    description: z.string().optional(),
    /** true: this lexicon replaces the built-in one of the same kind and language instead of extending it. */
    replace: z.boolean().optional(),
    entries: z.array(z.unknown()),
  })
  .strict();

export interface Lexicon<K extends LexiconKind = LexiconKind> {
  kind: K;
  lang: LexiconLang;
  description?: string;
  replace?: boolean;
  entries: LexiconEntry<K>[];
}
