import { defineStage } from '../context/define.js';
import type { TriageDoc } from '../kernel/doc.js';
import type { Evidence, SeverityResult, SpamKind } from '../types.js';
import { builtinActionsPath, mergeActions, readActionsFile } from './actions.js';
import { SeverityOptionsSchema, severityLocale, type SeverityOptions } from './options.js';
import { SeverityPolicy } from './policy.js';
import { LEVEL_RANK } from './levels.js';
import { ESCALATION, SEVERITY, SEVERITY_BASIS, type SeverityBasis } from './slots.js';
import { SENTIMENT } from '../sentiment/slots.js';
import { NEGATIVE } from '../classify/slots.js';
import { SPAM } from '../spam/slots.js';
import type { SeverityLevel } from '../types.js';
import { REASONS } from './reasons.js';
import { decideSeverity, type SeverityInput } from './rules.js';
import { TriggerScanner, type Trigger } from './triggers.js';

export { SeverityOptionsSchema, severityLocale, type SeverityOptions, type SeverityOptionsInput } from './options.js';
export { decideSeverity, type SeverityInput, type SeverityDecision } from './rules.js';
export { ActionsSchema, actionsFor, mergeActions, parseActions, type ActionsData, type ActionTable } from './actions.js';
export { LEVEL_RANK, DEFAULT_BANDS, scoreInBand, raiseLevel, maxLevel } from './levels.js';
export { SeverityPolicy, type DecisionState } from './policy.js';
export { SEVERITY, SEVERITY_BASIS, ESCALATION, type SeverityBasis, type Escalation } from './slots.js';
export { TRIGGERS, type Trigger } from './triggers.js';
export { REASONS, type ReasonLanguage, type ReasonText } from './reasons.js';

/** Spam kinds that mean "not a customer complaint at all" (as opposed to duplicate/flood/template, which may be a campaign). */
const NON_COMPLAINT_SPAM: ReadonlySet<SpamKind> = new Set(['advertising', 'gibberish', 'irrelevant']);

/**
 * Severity: how urgently the merchant must act on one review (TAXONOMY
 * section 4). Reads the text's cues (data/lexicons/<lang>/severity.json),
 * the sentiment, classify and spam results when those stages ran, and the
 * review's rating, likes, replies and pinned flag. After a batch it
 * re-decides members of campaigns with their final nature, and raises them.
 */
export const severityStage = defineStage({
  name: 'severity',
  optionsSchema: SeverityOptionsSchema,
  requires: ['tokens', 'structure'],
  reads: [SENTIMENT, NEGATIVE, SPAM, 'language'],
  provides: [SEVERITY, SEVERITY_BASIS],
  create(ctx, options) {
    const locale = severityLocale(options);
    const builtin = readActionsFile(builtinActionsPath(ctx.dataDir, locale));
    const fromFile = options.actionsFile ? readActionsFile(options.actionsFile) : undefined;
    const policy = new SeverityPolicy(options.respondWithinHours, mergeActions(builtin, fromFile, options.actions), REASONS[locale]);
    const scanner = new TriggerScanner(ctx);
    return {
      name: 'severity',
      run(doc) {
        const basis = readBasis(doc, scanner, options);
        doc.set(SEVERITY_BASIS, basis);
        doc.set(SEVERITY, decide(doc, basis, policy, options, false));
      },
      redecide(doc) {
        const basis = doc.peek(SEVERITY_BASIS);
        if (basis) doc.set(SEVERITY, decide(doc, basis, policy, options, true));
      },
    };
  },
});

/** Reads what the rules need from the text's cues and the review's metadata (once per review). */
function readBasis(doc: TriageDoc, scanner: TriggerScanner, o: SeverityOptions): SeverityBasis {
  const hits = scanner.scan(doc);
  const terms: Partial<Record<Trigger, string[]>> = {};
  for (const e of hits.evidence) (terms[e.label as Trigger] ??= []).push(e.match ?? e.rule);

  const s = doc.get(SENTIMENT);
  const negative = doc.get(NEGATIVE);
  const r = doc.review;
  // Without a sentiment stage, the text's own cues decide (declared: severity only reads SENTIMENT).
  const sentimentKnown = doc.has(SENTIMENT);
  const cueSum = hits.totals.intensity + hits.totals.escalate + hits.totals.loss + hits.totals.fraud;
  const lowRated = r.rating !== undefined && r.rating <= o.lowRating;
  // Sentiment leads; where it is unsure (neutral or absent) the text's own strong cues still make a complaint.
  const complaint = s.label === 'negative' || negative !== null || lowRated || (s.label !== 'positive' && cueSum >= (sentimentKnown ? 1 : 0.5));
  const input: SeverityInput = {
    totals: hits.totals,
    terms,
    mild: hits.mild,
    work: hits.work,
    words: hits.words,
    complaint,
    sentimentScore: sentimentKnown ? s.score : -Math.min(1, 0.2 * cueSum),
    nature: null,
    topics: [],
    classified: false,
  };
  if (r.rating !== undefined) input.rating = r.rating;
  if (r.likes !== undefined) input.likes = r.likes;
  if (r.replies !== undefined) input.replies = r.replies;
  if (r.pinned !== undefined) input.pinned = r.pinned;
  const evidence: Evidence[] = hits.evidence;
  if (complaint && lowRated) evidence.push({ source: 'metadata', rule: `rating<=${o.lowRating}`, note: `rated ${r.rating}` });
  // Visibility depends only on the complaint and the metadata, which no batch fact changes: its evidence belongs here.
  const visible = complaint && ((r.pinned === true && o.pinnedRaises) || (r.likes ?? 0) >= o.likesThreshold || (r.replies ?? 0) >= o.repliesThreshold);
  if (visible) evidence.push({ source: 'metadata', rule: 'engagement', note: `likes ${r.likes ?? 0}, replies ${r.replies ?? 0}, pinned ${r.pinned === true}` });
  return { input, evidence, complaint };
}

/**
 * The level, reasons and actions from the basis and the current nature,
 * topics and spam kinds; in a batch, a campaign the review belongs to
 * (ESCALATION) raises it. One rule for the first decision and the re-decision.
 */
function decide(doc: TriageDoc, basis: SeverityBasis, policy: SeverityPolicy, o: SeverityOptions, inBatch: boolean): SeverityResult {
  const negative = doc.get(NEGATIVE);
  const spam = doc.get(SPAM);
  const input: SeverityInput = {
    ...basis.input,
    nature: negative?.nature ?? null,
    topics: negative?.topics ?? [],
    classified: negative !== null,
    nonComplaintSpam: spam.isSpam && spam.kinds.length > 0 && onlyNonComplaintSpam(spam.kinds),
  };
  const d = decideSeverity(input, o);
  const escalation = inBatch ? doc.peek(ESCALATION) : undefined;
  if (!escalation) {
    // The per-review path: the basis evidence is this result's own (nothing else will read it before a re-decision copies it).
    return policy.build(d.level, { urgency: d.urgency, nature: input.nature, topics: input.topics, fired: d.fired, complaint: basis.complaint }, d.reasons, inBatch ? basis.evidence.slice() : basis.evidence);
  }
  const level: SeverityLevel = LEVEL_RANK[escalation.to] > LEVEL_RANK[d.level] ? escalation.to : d.level;
  const state = { nature: input.nature, topics: input.topics, fired: d.fired, complaint: basis.complaint };
  if (escalation.kind === 'systemic') {
    // Many customers, one defect: the fix comes first, and the group's size adds urgency as a campaign's does.
    const reasons = [policy.say.systemic(escalation.groupId, escalation.size, escalation.terms ?? []), ...d.reasons];
    const evidence: Evidence[] = [...basis.evidence, { source: 'batch', rule: 'systemic_issue', label: escalation.groupId, note: `${escalation.size} customers` }];
    return policy.build(level, { urgency: d.urgency + Math.log2(escalation.size), ...state }, reasons, evidence, 'systemic');
  }
  const reasons = [...d.reasons, policy.say.campaign(escalation.burst, escalation.groupId, escalation.size, escalation.distinctAuthors)];
  const evidence: Evidence[] = [
    ...basis.evidence,
    { source: 'batch', rule: escalation.burst ? 'campaign:burst' : 'campaign', label: escalation.groupId, note: `${escalation.size} members` },
  ];
  const urgency = d.urgency + Math.log2(escalation.size);
  return policy.build(level, { urgency, ...state }, reasons, evidence, 'campaign');
}

function onlyNonComplaintSpam(kinds: readonly SpamKind[]): boolean {
  for (const k of kinds) if (!NON_COMPLAINT_SPAM.has(k)) return false;
  return true;
}
