import path from 'node:path';
import { z } from 'zod';
import { InputError, OptionsError } from '../kernel/errors.js';
import { describeIssues, toIssues } from '../kernel/review.js';
import { dataDir as defaultDataDir } from '../lexicon/load.js';
import { NatureSchema } from '../schema/analysis.js';
import { LINT_RULES, LintRuleSchema, ReplyLocaleSchema, type LintFinding, type LintResult, type LintRule, type ReplyLocale } from '../schema/reply.js';
import { findContacts, type ContactHit } from '../spam/contacts.js';
import { traditionalToSimplified } from '../text/converter.js';
import { normalizeText } from '../text/normalize.js';
import { mapEnd, mapStart } from '../util/offsets.js';
import { builtinRules, type CompiledPattern, type CompiledRules } from './rules.js';

export const LintOptionsSchema = z.strictObject({
  /** Where the reply is posted (`taobao`, `jd`, `amazon`...): links to that platform's own domains are allowed. */
  platform: z.string().optional(),
  /** The language of the reasons; by default zh when the reply has a Chinese character, else en. Every rule runs whatever the locale. */
  locale: ReplyLocaleSchema.optional(),
  /** The nature of the review replied to: a reply to a `genuine_complaint` must apologise. */
  nature: NatureSchema.nullable().optional(),
  /** More domains a reply may link to (the shop's help pages on the platform). */
  allowedDomains: z.array(z.string().min(1)).optional(),
  /** Rules to skip, by id. */
  disable: z.array(LintRuleSchema).optional(),
  /** The package's data/ folder (see the analyzer's option of the same name). */
  dataDir: z.string().min(1).optional(),
});

export type LintOptions = z.input<typeof LintOptionsSchema>;

/** A finding in normalised-text offsets, before it is mapped back to the reply. */
interface Hit {
  rule: LintRule;
  s: number;
  e: number;
}

const HAN = /\p{Script=Han}/u;
const RULE_ORDER = new Map(LINT_RULES.map((r, i) => [r, i]));

/**
 * Checks a merchant's reply against platform rules, offline: asking to
 * delete or change the review, incentives for it, moving the customer off
 * the platform, buyer data, blame-shifting, no apology on a genuine
 * complaint, promises the shop cannot keep. Findings carry UTF-16 offsets
 * into `text` as given. Linear in the reply's length (bounded patterns only).
 */
export function lintReply(text: string, options: LintOptions = {}): LintResult {
  if (typeof text !== 'string') throw new InputError(`lintReply expects the reply as a string; got ${text === null ? 'null' : typeof text}.`, [{ path: [], message: 'expected string' }]);
  const parsed = LintOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    throw new OptionsError(`Invalid lintReply options: ${describeIssues(issues)}`, issues);
  }
  const o = parsed.data;
  const rules = builtinRules(o.dataDir === undefined ? defaultDataDir() : path.resolve(o.dataDir));
  return lintWith(rules, text, o);
}

/** lintReply with rules already loaded (draftReply checks every draft it fills). */
export function lintWith(rules: CompiledRules, text: string, o: z.output<typeof LintOptionsSchema>): LintResult {
  const locale: ReplyLocale = o.locale ?? (HAN.test(text) ? 'zh' : 'en');
  const off = new Set(o.disable ?? []);
  const allowed = [...(o.platform ? (rules.platforms.get(o.platform.toLowerCase()) ?? []) : []), ...(o.allowedDomains ?? []).map((d) => d.toLowerCase())];
  // The converter is built on first use (about a second): replies without a Chinese character never need it.
  const norm = normalizeText(text, locale === 'zh' || HAN.test(text) ? traditionalToSimplified() : null, {});
  const t = norm.text;
  const hits: Hit[] = [];
  const reasons = new Map<LintRule, string>();
  let contacts: ContactHit[] | null = null;

  for (const rule of rules.rules) {
    if (off.has(rule.id)) continue;
    const near = rule.near ? nearTest(hits.filter((h) => h.rule === rule.near!.rule), rule.near.within) : null;
    if (near === false) continue;
    const add = (s: number, e: number) => {
      if (near && !near(s, e)) return;
      hits.push({ rule: rule.id, s, e });
      if (!reasons.has(rule.id)) reasons.set(rule.id, rule.reason[locale]);
    };
    for (const p of rule.patterns) scan(p, t, allowed, add);
    if (rule.contacts || rule.phoneCue) {
      contacts ??= findContacts(t).filter((c) => c.kind !== 'number'); // a bare number may be a price or a date
      for (const c of contacts) {
        // A mobile number after "your phone" is the buyer's: it belongs to the rule with that cue, not to the contact rule.
        const owner = c.kind === 'phone' || c.kind === 'phone_disguised' ? rules.rules.find((r) => r.phoneCue && !off.has(r.id) && r.phoneCue.test(t.slice(Math.max(0, c.start - 24), c.start))) : undefined;
        if (owner ? owner === rule : rule.contacts) add(c.start, c.end);
      }
    }
  }

  if (o.nature === 'genuine_complaint' && !off.has('missing-apology') && !rules.apology.patterns.some((p) => test(p.re, t))) {
    hits.push({ rule: 'missing-apology', s: 0, e: 0 });
    reasons.set('missing-apology', rules.apology.reason[locale]);
  }

  const findings = merge(hits).map((h): LintFinding => {
    const start = mapStart(norm.map, h.s);
    const end = h.e > h.s ? mapEnd(norm.map, text, h.s, h.e, start) : start;
    return { rule: h.rule, start, end, match: text.slice(start, end), reason: reasons.get(h.rule)! };
  });
  findings.sort((a, b) => a.start - b.start || RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)!);
  return { ok: findings.length === 0, locale, findings };
}

/**
 * Whether a span lies within `within` characters of one of the anchors, in
 * O(log n) per span: anchors sorted by start with the running maximum of
 * their ends (a reply full of both anchors and candidates stays linear).
 * False when there is no anchor at all.
 */
function nearTest(anchors: Hit[], within: number): ((s: number, e: number) => boolean) | false {
  if (anchors.length === 0) return false;
  const sorted = [...anchors].sort((a, b) => a.s - b.s);
  const maxEnd = new Int32Array(sorted.length);
  for (let i = 0, m = -1; i < sorted.length; i++) maxEnd[i] = m = Math.max(m, sorted[i]!.e);
  return (s, e) => {
    // The last anchor starting at or before e + within; any anchor up to it that ends at or after s - within is near.
    let lo = 0;
    let hi = sorted.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.s <= e + within) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && maxEnd[last]! >= s - within;
  };
}

function test(re: RegExp, t: string): boolean {
  re.lastIndex = 0;
  return re.test(t);
}

/** Every match of a pattern; links to an allowed domain are skipped. */
function scan(p: CompiledPattern, t: string, allowed: string[], add: (s: number, e: number) => void): void {
  const re = p.re;
  re.lastIndex = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (!(p.link && allowedLink(m[0], allowed))) add(m.index, m.index + m[0].length);
  }
}

function allowedLink(link: string, allowed: string[]): boolean {
  if (allowed.length === 0) return false;
  const host = link.replace(/^https?:\/\//i, '').split(/[/?#]/, 1)[0]!.toLowerCase().replace(/\.$/, '');
  return allowed.some((d) => host === d || host.endsWith(`.${d}`));
}

/** Overlapping or touching hits of one rule become one finding. */
function merge(hits: Hit[]): Hit[] {
  const out: Hit[] = [];
  const sorted = [...hits].sort((a, b) => RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)! || a.s - b.s || b.e - a.e);
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && last.rule === h.rule && h.s <= last.e) {
      last.e = Math.max(last.e, h.e);
      continue;
    }
    out.push({ ...h });
  }
  return out;
}
