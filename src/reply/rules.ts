import path from 'node:path';
import { z } from 'zod';
import { OptionsError } from '../kernel/errors.js';
import { describeIssues, toIssues } from '../kernel/review.js';
import { LINT_RULES, type LintRule, type ReplyLocale } from '../schema/reply.js';
import { readJsonFile } from '../util/json-file.js';

/**
 * The compliance rules (data/replies/lint-rules.json): regular expressions
 * per class of violation, the apology cues, and per platform the domains a
 * reply may link to. Read and compiled once per data folder.
 */

const reasons = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

const PatternSchema = z.strictObject({
  regex: z.string().min(1).superRefine((src, ctx) => {
    const why = unboundedRepetition(src);
    if (why) ctx.addIssue({ code: 'custom', message: why });
    else {
      try {
        new RegExp(src, 'giu');
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `not a valid regular expression (${(e as Error).message})` });
      }
    }
  }),
  /** Match letter case as written (an English street address needs capitals to tell it from prose). */
  caseSensitive: z.boolean().optional(),
  /** The match is a link: allowed when its host is one of the platform's domains. */
  link: z.boolean().optional(),
  note: z.string().optional(),
});

const RuleSchema = z.strictObject({
  id: z.enum(LINT_RULES),
  reason: reasons,
  patterns: z.array(PatternSchema),
  /** Fires only within `within` characters of a finding of `rule` (a refund tied to changing the review). */
  near: z.strictObject({ rule: z.enum(LINT_RULES), within: z.number().int().min(0).max(200) }).optional(),
  /** Also report the contact details found by the spam stage's detector (src/spam/contacts.ts). */
  contacts: z.boolean().optional(),
  /** Mobile numbers found by the contact detector right after this cue (matched on the text before them) belong to this rule. */
  phoneCue: PatternSchema.optional(),
});

export const LintRulesFileSchema = z.strictObject({
  description: z.string().optional(),
  rules: z.array(RuleSchema),
  apology: z.strictObject({ reason: reasons, patterns: z.array(PatternSchema) }),
  platforms: z.record(z.string(), z.strictObject({ domains: z.array(z.string().min(1)) })),
});

export type LintRulesFile = z.output<typeof LintRulesFileSchema>;

/**
 * Why a pattern could cost more than linear time, or null. Only bounded
 * repetition ({m,n}, ?) is allowed, and no backreference: each attempt is
 * then bounded by the pattern alone, so a scan is linear in the text. `\b`
 * is refused too: V8 runs it under the i and u flags in time that grows
 * faster than the text (measured 0.3, 3 and 90 ms at 20k, 200k and 2M
 * characters), while the lookarounds `(?<!\w)` and `(?!\w)` stay linear.
 */
export function unboundedRepetition(src: string): string | null {
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const next = src[i + 1] ?? '';
      if (!inClass && next === 'b') return `\\b at ${i}: write (?<!\\w) or (?!\\w) (V8 runs \\b under the i and u flags in time that grows faster than the text)`;
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return `backreference \\${next} at ${i} (a backreference can make matching super-linear)`;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '*' || c === '+') return `unbounded repetition "${c}" at ${i}: use a bounded {m,n} so every scan stays linear`;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (m && m[2] !== undefined && m[3] === '') return `unbounded repetition "${m[0]}" at ${i}: give an upper bound`;
    }
  }
  return null;
}

export interface CompiledPattern {
  re: RegExp;
  link: boolean;
}

export interface CompiledRule {
  id: LintRule;
  reason: Record<ReplyLocale, string>;
  patterns: CompiledPattern[];
  near: { rule: LintRule; within: number } | undefined;
  contacts: boolean;
  /** Anchored at the end (`$`): tested on the few characters before a phone number. */
  phoneCue: RegExp | null;
}

export interface CompiledRules {
  rules: CompiledRule[];
  apology: { reason: Record<ReplyLocale, string>; patterns: CompiledPattern[] };
  platforms: Map<string, string[]>;
}

const compile = (p: z.output<typeof PatternSchema>): CompiledPattern => ({ re: new RegExp(p.regex, p.caseSensitive ? 'gu' : 'giu'), link: p.link === true });

/** Validates a rules object; a broken one is an OptionsError naming the field (`rules.2.patterns.0.regex`). */
export function compileRules(value: unknown, source: string): CompiledRules {
  const r = LintRulesFileSchema.safeParse(value);
  if (!r.success) {
    const issues = toIssues(r.error);
    throw new OptionsError(`Invalid reply rules in ${source}: ${describeIssues(issues)}`, issues);
  }
  const data = r.data;
  // A rule with `near` reads the findings of its anchor rule, so anchors run first.
  const ordered = [...data.rules.filter((x) => !x.near), ...data.rules.filter((x) => x.near)];
  return {
    rules: ordered.map((x) => ({ id: x.id, reason: x.reason, patterns: x.patterns.map(compile), near: x.near, contacts: x.contacts === true, phoneCue: x.phoneCue ? new RegExp(x.phoneCue.regex, 'iu') : null })),
    apology: { reason: data.apology.reason, patterns: data.apology.patterns.map(compile) },
    platforms: new Map(Object.entries(data.platforms).map(([k, v]) => [k.toLowerCase(), v.domains.map((d) => d.toLowerCase())])),
  };
}

const cache = new Map<string, CompiledRules>();

/** The built-in rules of a data folder, read and compiled once per process. */
export function builtinRules(dataDir: string): CompiledRules {
  let rules = cache.get(dataDir);
  if (!rules) {
    const file = path.join(dataDir, 'replies', 'lint-rules.json');
    const json = readJsonFile(file, 4 * 1024 * 1024, 'reply rules', (reason) => new OptionsError(`Cannot read reply rules ${file}: ${reason}`, [{ path: [], message: reason }]));
    cache.set(dataDir, (rules = compileRules(json, file)));
  }
  return rules;
}
