import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AnalyzerContext } from '../context/context.js';
import type { TriageDoc } from '../kernel/doc.js';
import type { Evidence, SpamKind, SpamResult } from '../types.js';
import { defineStage } from '../context/define.js';
import type { ContactKind } from './contacts.js';
import { findContactsThroughPadding } from './unpad.js';
import { findLures } from './lures.js';
import { PROMO_ENDINGS } from '../util/tlds.js';
import { PhraseMatcher } from '../lexicon/matcher.js';
import { GibberishDetector } from './gibberish.js';
import { combineScore, orderKinds, withKind } from './score.js';
import { FLOOD, GROUP, MEMBERSHIP, SPAM, SPAM_PARTIAL, type GroupMembership } from './slots.js';
import type { CampaignGroup } from './batch/types.js';
import { TemplateDetector } from './template.js';

export { findContacts, type ContactHit, type ContactKind } from './contacts.js';
export { combineScore, KIND_CONFIDENCE, DEFAULT_SPAM_THRESHOLD } from './score.js';
export { SPAM, GROUP, FLOOD, MEMBERSHIP, type GroupMembership, type GroupRole } from './slots.js';

export const SpamOptionsSchema = z
  .object({
    /** isSpam when the score reaches this (0..1). */
    threshold: z.number().min(0).max(1).default(0.5),
    /** Summed weight of advertising evidence (contact details + lure cues) at which `advertising` fires, in Chinese or mixed text. */
    advertisingAt: z.number().min(0).default(1),
    /** The same for other text (English comments), where self-promotion phrases are the spam (calibrated on the dev comments' even rows). */
    advertisingAtNonChinese: z.number().min(0).default(0.8),
    /** Summed weight of `irrelevant` cues at which `irrelevant` fires. */
    irrelevantAt: z.number().min(0).default(1),
    /** Generic-word weight a text of only generic words needs to be a `template` (a repeated word is enough at 2). */
    templateMinGeneric: z.number().min(1).default(3),
    /** Check for random Han characters with the common-character table in data/models/spam-han.json. */
    randomHan: z.boolean().default(true),
  })
  .strict();

export type SpamOptions = z.output<typeof SpamOptionsSchema>;

/**
 * Weight each contact detail adds to advertising (advertising fires at 1).
 * Disguised contacts fire alone: only an advertiser hides a WeChat id as 薇信.
 * Plain ones need a lure beside them: real reviews share links, hotlines and
 * their own QQ for honest reasons. A lone long number is only a hint.
 */
const CONTACT_WEIGHT: Record<ContactKind, number> = {
  wechat: 1.2,
  wechat_plain: 0.9,
  qq: 1,
  qq_plain: 0.7,
  phone: 0.8,
  phone_disguised: 1.2,
  hotline: 0.4,
  url: 0.7,
  number: 0.4,
};
/** Links found by the tokenizer (url, email tokens). */
const LINK_WEIGHT = 0.7;
/**
 * A link to a cheap spam-favoured ending (util/tlds.ts): advertising on its own. Shorteners are not on the rule:
 * Weibo shortens every shared link to t.cn, so a shared news post carries one.
 */
const PROMO_LINK_WEIGHT = 1;
/** Weight a lexicon cue gets when its entry has none. */
const DEFAULT_CUE_WEIGHT: Record<SpamKind, number> = { advertising: 0.5, template: 1, irrelevant: 0.6, gibberish: 1, duplicate: 0, flood: 0 };

interface Cue {
  kind: SpamKind;
  weight: number;
}

/** The common-Han table built by scripts/train-spam.mjs; absent -> the random-Han check is off. */
function loadCommonHan(dataDir: string): Set<number> {
  const file = path.join(dataDir, 'models', 'spam-han.json');
  if (!fs.existsSync(file)) return new Set();
  const model = JSON.parse(fs.readFileSync(file, 'utf8')) as { chars?: string };
  const set = new Set<number>();
  for (const ch of model.chars ?? '') set.add(ch.codePointAt(0)!);
  return set;
}

/**
 * Per-review spam signs: advertising (contact details and lures),
 * gibberish, template text and off-topic remarks. Fills the SPAM slot; batch
 * stages (cluster, flood) leave facts from which `redecide` adds `duplicate`
 * and `flood`.
 */
export const spamStage = defineStage({
  name: 'spam',
  optionsSchema: SpamOptionsSchema,
  requires: ['normalized', 'tokens', 'structure'],
  reads: ['language'],
  provides: [SPAM, SPAM_PARTIAL],
  create(ctx: AnalyzerContext, options: SpamOptions) {
    // Both languages in one table: comments mix scripts, and cue words do not collide.
    const entries = [...ctx.lexicons.get('zh', 'spam'), ...ctx.lexicons.get('en', 'spam')]
      .filter((e) => e.kind !== 'duplicate' && e.kind !== 'flood') // batch-only kinds have no per-review cue
      .map((e) => ({ term: e.term, payload: { kind: e.kind, weight: e.weight ?? DEFAULT_CUE_WEIGHT[e.kind] } as Cue }));
    const matcher = new PhraseMatcher<Cue>(ctx.text.tokenizeTerm, entries);
    const gibberish = new GibberishDetector(options.randomHan ? loadCommonHan(ctx.dataDir) : new Set());
    const template = new TemplateDetector(options.templateMinGeneric);
    return {
      name: 'spam',
      run(doc: TriageDoc) {
        const evidence: Evidence[] = [];
        const kinds: SpamKind[] = [];
        const tokens = doc.tokens;
        const generic: GenericHit[] = [];
        const contactWeight = weighContacts(doc, evidence) + weighLures(doc, evidence);
        const cues = weighCues(matcher, doc, evidence, generic);
        const ad = contactWeight + cues.advertising;
        const irrelevant = cues.irrelevant;
        let partial = 0;
        const adAt = doc.language === 'zh' || doc.language === 'mixed' ? options.advertisingAt : options.advertisingAtNonChinese;
        if (ad >= adAt) kinds.push('advertising');
        else partial += 0.3 * ad;

        const gib = gibberish.detect(tokens, doc.normalized);
        if (gib) {
          kinds.push('gibberish');
          evidence.push(spanOfTokens(doc, gib.from, gib.to, { source: 'rule', rule: `gibberish:${gib.kind}`, label: 'gibberish' }));
        }
        const tpl = gib ? null : template.detect(tokens, generic);
        if (tpl) {
          kinds.push('template');
          evidence.push(
            spanOfTokens(doc, tpl.from, tpl.to, {
              source: 'rule',
              rule: tpl.repeated ? 'template:repeated' : 'template:generic',
              label: 'template',
              note: 'only generic words, no product detail',
            }),
          );
        }
        if (irrelevant >= options.irrelevantAt) kinds.push('irrelevant');

        doc.set(SPAM_PARTIAL, partial);
        doc.set(SPAM, spamResult({ kinds: orderKinds(kinds), evidence }, partial, doc.peek(GROUP), doc.peek(FLOOD), options.threshold, doc.peek(MEMBERSHIP)));
      },
      redecide(doc: TriageDoc) {
        // Runs once per doc after the batch facts, on the per-review result (a later custom stage may have changed it).
        doc.set(SPAM, spamResult(doc.get(SPAM), doc.peek(SPAM_PARTIAL) ?? 0, doc.peek(GROUP), doc.peek(FLOOD), options.threshold, doc.peek(MEMBERSHIP)));
      },
    };
  },
});

/**
 * The spam result from the text's own signs plus the batch facts: a
 * near-duplicate group adds `duplicate` (and the group id), a flood adds
 * `flood`. A customer's own complaint is not a duplicate: members whose role
 * (MEMBERSHIP) is `independent` (copied by a campaign) or `reporter` (of a
 * systemic issue) keep the group id but not the kind. Pure, so the first
 * decision and the re-decision are one rule.
 */
export function spamResult(
  text: { kinds: readonly SpamKind[]; evidence: readonly Evidence[] },
  partial: number,
  group: CampaignGroup | undefined,
  flood: readonly Evidence[] | undefined,
  threshold: number,
  membership?: GroupMembership,
): SpamResult {
  let kinds = text.kinds as SpamKind[];
  let evidence = text.evidence as Evidence[];
  const customer = membership?.role === 'independent' || membership?.role === 'reporter';
  if (group && !customer) {
    kinds = withKind(kinds, 'duplicate');
    evidence = [...evidence, duplicateEvidence(group)];
  }
  if (flood && flood.length) {
    kinds = withKind(kinds, 'flood');
    evidence = [...evidence, ...flood];
  }
  const score = combineScore(kinds, partial);
  // Without batch facts the result shares the text's arrays: no copy per review on the hot path.
  return { isSpam: score >= threshold, score, kinds, evidence, cluster: group ? group.id : null };
}

function duplicateEvidence(group: CampaignGroup): Evidence {
  return {
    source: 'batch',
    rule: 'duplicate',
    label: 'duplicate',
    note: `near-duplicate of ${group.size - 1} other review(s) (${group.campaign ? 'campaign' : 'group'} ${group.id})`,
  };
}

type GenericHit = { from: number; to: number; term: string; weight: number };

/**
 * Advertising weight of the contact details in a review: links the tokenizer
 * found plus contacts found by rules (contacts.ts). Adds evidence.
 */
function weighContacts(doc: TriageDoc, evidence: Evidence[]): number {
  let ad = 0;
  // In Chinese reviews a link is often a shared post; elsewhere (comment sections) the link is the spam.
  const linkWeight = doc.language === 'zh' || doc.language === 'mixed' ? LINK_WEIGHT : 1;
  let links: Array<{ start: number; end: number }> | null = null;
  for (const t of doc.tokens) {
    if (t.type !== 'url' && t.type !== 'email') continue;
    (links ??= []).push({ start: t.nStart, end: t.nEnd });
    const promo = t.type === 'url' && isPromoLink(t.norm);
    const weight = promo ? Math.max(linkWeight, PROMO_LINK_WEIGHT) : linkWeight;
    ad += weight;
    evidence.push(doc.spanEvidence(t.nStart, t.nEnd, { source: 'rule', rule: promo ? 'contact:url_promo' : `contact:${t.type}`, label: 'advertising', weight }));
  }

  let numbers = 0;
  // Through padding: `加🌟微🌟信🌟a🌟b🌟c1234` is found like `加微信abc1234` (issue 13).
  for (const h of findContactsThroughPadding(doc.normalized)) {
    if (links && inside(links, h.start)) continue; // digits and dots inside a link are part of it
    // Normalisation folded circled / full-width digits to ASCII; the original shows the disguise.
    const kind = h.kind === 'phone' && writtenInDisguise(doc, h.start, h.end) ? 'phone_disguised' : h.kind;
    let weight = kind === 'url' ? linkWeight : CONTACT_WEIGHT[kind];
    // Many numbers are a table, dates or an order, not many contacts.
    if ((h.kind === 'number' || h.kind === 'hotline') && numbers++ > 0) weight = 0;
    if (weight === 0) continue;
    ad += weight;
    evidence.push(doc.spanEvidence(h.start, h.end, { source: 'rule', rule: `contact:${kind}`, label: 'advertising', weight }));
  }
  return ad;
}

/** Advertising weight of the DM lures (lures.ts: 要的私, 密我, 滴滴我, 先货...). Adds evidence. */
function weighLures(doc: TriageDoc, evidence: Evidence[]): number {
  let ad = 0;
  for (const lure of findLures(doc.normalized)) {
    ad += lure.weight;
    evidence.push(doc.spanEvidence(lure.start, lure.end, { source: 'rule', rule: `lure:${lure.rule}`, label: 'advertising', weight: lure.weight }));
  }
  return ad;
}

/**
 * Lexicon cues: sums advertising and irrelevant weights (each cue once, however
 * often repeated) and collects template (generic-word) hits for the template rule.
 */
function weighCues(matcher: PhraseMatcher<Cue>, doc: TriageDoc, evidence: Evidence[], generic: GenericHit[]): { advertising: number; irrelevant: number } {
  const sums = { advertising: 0, irrelevant: 0 };
  let counted: Set<string> | null = null;
  for (const m of matcher.match(doc.tokens)) {
    const { kind, weight } = m.payload;
    if (weight <= 0) continue; // a user lexicon can switch a cue off with weight 0
    if (kind === 'template') {
      generic.push({ from: m.from, to: m.to, term: m.term, weight });
      continue;
    }
    counted ??= new Set();
    if (counted.has(m.term)) continue; // a complaint repeating 返现 is not more of an ad
    counted.add(m.term);
    if (kind === 'advertising') sums.advertising += weight;
    else if (kind === 'irrelevant') sums.irrelevant += weight;
    evidence.push(doc.spanEvidence(doc.tokens[m.from]!.nStart, doc.tokens[m.to - 1]!.nEnd, { source: 'lexicon', rule: m.term, label: kind, weight }));
  }
  return sums;
}

/** A link whose host ends in a spam-favoured ending (`.top`, `.xyz`...). */
function isPromoLink(url: string): boolean {
  const host = url.replace(/^(?:https?:\/\/)?(?:www\.)?/i, '').split(/[/?#:]/, 1)[0]!.toLowerCase();
  const dot = host.lastIndexOf('.');
  return dot > 0 && PROMO_ENDINGS.has(host.slice(dot + 1));
}

/** True when the original span of a number uses digits other than ASCII (circled, full-width...). */
function writtenInDisguise(doc: TriageDoc, nStart: number, nEnd: number): boolean {
  const { start, end } = doc.toOriginal(nStart, nEnd);
  for (let i = start; i < end; i++) {
    const c = doc.original.charCodeAt(i);
    if (c > 0x7f && c !== 0x3000) return true;
  }
  return false;
}

function inside(hits: ReadonlyArray<{ start: number; end: number }>, at: number): boolean {
  for (const h of hits) if (at >= h.start && at < h.end) return true;
  return false;
}

function spanOfTokens(doc: TriageDoc, from: number, to: number, fields: Omit<Evidence, 'start' | 'end' | 'match'>): Evidence {
  const first = doc.tokens[from];
  const last = doc.tokens[to - 1];
  if (!first || !last) return { ...fields };
  return doc.spanEvidence(first.nStart, last.nEnd, fields);
}
