import { defineStage } from '../context/define.js';
import type { TriageDoc } from '../kernel/doc.js';
import type { Evidence, SpamKind } from '../types.js';
import { builtinActionsPath, mergeActions, readActionsFile } from './actions.js';
import { SeverityOptionsSchema, type SeverityOptions } from './options.js';
import { SEVERITY_EXTRAS_KEY, SeverityPolicy, type SeverityState } from './policy.js';
import { REASONS } from './reasons.js';
import { decideSeverity, type SeverityInput } from './rules.js';
import { TriggerScanner, type Trigger } from './triggers.js';

export { SeverityOptionsSchema, type SeverityOptions, type SeverityOptionsInput } from './options.js';
export { decideSeverity, type SeverityInput, type SeverityDecision } from './rules.js';
export { ActionsSchema, actionsFor, mergeActions, parseActions, type ActionsData, type ActionTable } from './actions.js';
export { LEVEL_RANK, DEFAULT_BANDS, scoreInBand, raiseLevel, maxLevel } from './levels.js';
export { SeverityPolicy, severityState, type SeverityState } from './policy.js';
export { TRIGGERS, type Trigger } from './triggers.js';
export { REASONS, type ReasonLanguage, type ReasonText } from './reasons.js';

/** Spam kinds that mean "not a customer complaint at all" (as opposed to duplicate/flood/template, which may be a campaign). */
const NON_COMPLAINT_SPAM: ReadonlySet<SpamKind> = new Set(['advertising', 'gibberish', 'irrelevant']);

/**
 * Severity: how urgently the merchant must act on one review (TAXONOMY
 * section 4). Reads the text's cues (data/lexicons/<lang>/severity.json),
 * the sentiment, classify and spam results when those stages ran, and the
 * review's rating, likes, replies and pinned flag.
 */
export const severityStage = defineStage({
  name: 'severity',
  optionsSchema: SeverityOptionsSchema,
  create(ctx, options) {
    const builtin = readActionsFile(builtinActionsPath(ctx.dataDir));
    const fromFile = options.actionsFile ? readActionsFile(options.actionsFile) : undefined;
    const policy = new SeverityPolicy(options.respondWithinHours, mergeActions(builtin, fromFile, options.actions), REASONS[options.reasonLanguage]);
    const scanner = new TriggerScanner(ctx);
    return {
      name: 'severity',
      run(doc) {
        scoreDoc(doc, scanner, policy, options);
      },
    };
  },
});

function scoreDoc(doc: TriageDoc, scanner: TriggerScanner, policy: SeverityPolicy, o: SeverityOptions): void {
  const hits = scanner.scan(doc);
  const terms: Partial<Record<Trigger, string[]>> = {};
  for (const e of hits.evidence) (terms[e.label as Trigger] ??= []).push(e.match ?? e.rule);

  const s = doc.sentiment;
  const r = doc.review;
  // A sentiment stage that ran leaves evidence or confidence; without one, the text's own cues decide.
  const sentimentKnown = s.confidence > 0 || s.evidence.length > 0 || s.label !== 'neutral';
  const cueSum = hits.totals.intensity + hits.totals.escalate + hits.totals.loss + hits.totals.fraud;
  const lowRated = r.rating !== undefined && r.rating <= o.lowRating;
  // Sentiment leads; where it is unsure (neutral or absent) the text's own strong cues still make a complaint.
  const complaint = s.label === 'negative' || doc.negative !== null || lowRated || (s.label !== 'positive' && cueSum >= (sentimentKnown ? 1 : 0.5));
  const input: SeverityInput = {
    totals: hits.totals,
    terms,
    mild: hits.mild,
    words: hits.words,
    complaint,
    sentimentScore: sentimentKnown ? s.score : -Math.min(1, 0.2 * cueSum),
    nature: doc.negative?.nature ?? null,
    topics: doc.negative?.topics ?? [],
    classified: doc.negative !== null,
    nonComplaintSpam: doc.spam.isSpam && doc.spam.kinds.length > 0 && onlyNonComplaintSpam(doc.spam.kinds),
  };
  if (r.rating !== undefined) input.rating = r.rating;
  if (r.likes !== undefined) input.likes = r.likes;
  if (r.replies !== undefined) input.replies = r.replies;
  if (r.pinned !== undefined) input.pinned = r.pinned;

  const d = decideSeverity(input, o);
  const evidence: Evidence[] = hits.evidence;
  if (complaint && lowRated) evidence.push({ source: 'metadata', rule: `rating<=${o.lowRating}`, note: `rated ${r.rating}` });
  if (d.visible) {
    evidence.push({ source: 'metadata', rule: 'engagement', note: `likes ${r.likes ?? 0}, replies ${r.replies ?? 0}, pinned ${r.pinned === true}` });
  }
  const state: SeverityState = { urgency: d.urgency, nature: input.nature, topics: input.topics, fired: d.fired, complaint, policy };
  doc.extras[SEVERITY_EXTRAS_KEY] = state;
  doc.severity = policy.build(d.level, state, d.reasons, evidence);
}


function onlyNonComplaintSpam(kinds: readonly SpamKind[]): boolean {
  for (const k of kinds) if (!NON_COMPLAINT_SPAM.has(k)) return false;
  return true;
}
