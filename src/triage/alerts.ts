import { z } from 'zod';
import type { AnalyzerContext } from '../context/context.js';
import type { TriageDoc } from '../kernel/doc.js';
import { defineBatchStage } from '../context/define.js';
import { PhraseMatcher } from '../lexicon/matcher.js';
import type { BatchState } from '../context/batch-state.js';
import type { CampaignGroup } from '../spam/batch/types.js';
import { dailySeries, type Day } from './daily.js';
import { dayOf, dayString, isNegative } from './docs.js';
import { NEGATIVE_PROBABILITY, SENTIMENT } from '../sentiment/slots.js';
import { NEGATIVE } from '../classify/slots.js';
import { GROUP } from '../spam/slots.js';
import { SEVERITY, SEVERITY_BASIS } from '../severity/slots.js';
import { declineStreaks, negativeRateSpikes, ratingDrops, type SeriesFinding, type SeriesRules } from './series.js';
import type { Alert } from './types.js';
import { coreProductStreaks, penaltyLine, routineDays, type CrisisFinding } from './crisis.js';
import { alertMessage } from './messages.js';
import { loadPlans, PlanOverridesSchema, type Plans } from './plans.js';
import { LOCALES, type Locale } from '../schema/labels.js';

/** Terms that make a review worth a person's look when it uses three of them (the issue's examples and their kin). */
export const DEFAULT_HIGH_RISK_TERMS = [
  '假货', '假冒', '山寨', '高仿', '欺诈', '诈骗', '骗子', '骗人', '黑店', '损坏', '破损', '过敏', '中毒', '过期', '发霉', '变质',
  '报警', '起诉', '曝光', '12315',
  'fake', 'counterfeit', 'scam', 'scammer', 'fraud', 'damaged', 'allergic', 'allergy', 'poisoning', 'expired', 'moldy', 'sue', 'lawsuit', 'police',
];

export const AlertsOptionsSchema = z
  .object({
    /** Average daily rating this far below the trailing baseline: orange alert. */
    ratingDropOrange: z.number().positive().default(0.3),
    /** ... and this far: red. */
    ratingDropRed: z.number().positive().default(0.5),
    /** Trailing baseline length in calendar days. */
    baselineDays: z.number().int().min(1).default(7),
    /** Days with data the baseline needs before any series alert fires. */
    minBaselineDays: z.number().int().min(1).default(3),
    /** A day counts only with at least this many reviews (rated reviews for rating alerts). */
    minDailyReviews: z.number().int().min(1).default(5),
    /** Consecutive days of decline that make an orange alert. */
    declineStreakDays: z.number().int().min(2).default(3),
    /** Each of those days must be at least this much below the day before. */
    declineStep: z.number().positive().default(0.1),
    /** Daily negative rate this much above the baseline rate (0.5 = +50 %): level-1 alert. */
    negativeRateRise: z.number().positive().default(0.5),
    /** ... and at least this many rate points above it (0.05 = 5 points). */
    minRateIncrease: z.number().min(0).max(1).default(0.05),
    /** High-risk terms (replace the default list). */
    highRiskTerms: z.array(z.string().trim().min(1)).default(DEFAULT_HIGH_RISK_TERMS),
    /** Matches of high-risk terms (repeats count) that flag a review for a person. */
    highRiskMinHits: z.number().int().min(1).default(3),
    /** Negative probability above this with low confidence: manual review. */
    manualReviewProbability: z.number().min(0).max(1).default(0.7),
    /** Sentiment confidence below this is low. */
    lowConfidence: z.number().min(0).max(1).default(0.5),
    /** Which campaign groups (spam `cluster`/`flood`) get an alert: spreading ones (`burst`), every campaign (`all`), or none (`off`). */
    campaigns: z.enum(['burst', 'all', 'off']).default('burst'),
    /** Alert on every systemic issue (spam `cluster`): many customers reporting one defect. */
    systemicIssues: z.boolean().default(true),
    /** Alert on every critical review (members of an alerted campaign are covered by its campaign alert). */
    criticalReviews: z.boolean().default(true),
    /** Evidence ids kept per aggregated alert (series and manual review). */
    maxEvidenceIds: z.number().int().min(1).default(100),
    /** Offset of the merchant's time zone from UTC, for cutting days (e.g. 480 for China). */
    utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
    /** Language of the messages and response plans (the analyzer's `locale` sets it). */
    locale: z.enum(LOCALES).default('en'),
    /** Level 2 watches these product ids (productId, else sku); default: the `coreProductsTop` most reviewed. */
    coreProducts: z.array(z.string().trim().min(1)).min(1).optional(),
    /** How many of the most reviewed products are core when `coreProducts` is not given. */
    coreProductsTop: z.number().int().min(1).default(5),
    /** Level 2: a core product's daily negative rate above this... */
    coreNegativeRate: z.number().min(0).max(1).default(0.15),
    /** ... on this many consecutive days. */
    coreStreakDays: z.number().int().min(1).default(3),
    /** Level 3: a routine daily negative rate from this... */
    routineRateMin: z.number().min(0).max(1).default(0.05),
    /** ... to this (inclusive). */
    routineRateMax: z.number().min(0).max(1).default(0.1),
    /** The platform penalty line: the negative rate over `penaltyWindowDays` at or above this. */
    penaltyLineRate: z.number().min(0).max(1).default(0.02),
    /** Calendar days (ending on the latest dated day) the penalty-line rate is measured over. */
    penaltyWindowDays: z.number().int().min(1).default(30),
    /** Response plans by crisis level, overriding the built-in ones (data/alerts/plans.json) field by field. */
    plans: PlanOverridesSchema.optional(),
  })
  .strict();

export type AlertsOptions = z.output<typeof AlertsOptionsSchema>;

/** Fills `BatchResult.alerts`. */
export const alertsStage = defineBatchStage({
  name: 'alerts',
  optionsSchema: AlertsOptionsSchema,
  reads: [SEVERITY, SENTIMENT, NEGATIVE_PROBABILITY, NEGATIVE, GROUP, SEVERITY_BASIS, 'tokens'],
  create(ctx: AnalyzerContext, options) {
    const highRisk = new PhraseMatcher(ctx.text.tokenizeTerm, options.highRiskTerms.map((term) => ({ term, payload: term })));
    const plans = loadPlans(ctx.dataDir, options.locale, options.plans);
    return {
      name: 'alerts',
      run(state: BatchState) {
        state.result.alerts = buildAlerts(state, options, highRisk, plans);
      },
    };
  },
});

/**
 * Alerts in rule order: critical reviews, campaigns, systemic issues, rating
 * drops, decline streaks, negative-rate spikes, core products (level 2),
 * routine rates (level 3), the penalty line, high-risk reviews, manual review.
 * Crisis alerts (TAXONOMY section 7) carry `crisisLevel` and its response `plan`.
 */
export function buildAlerts(state: BatchState, o: AlertsOptions, highRisk: PhraseMatcher<string>, plans: Plans = loadPlans(null, o.locale, o.plans)): Alert[] {
  const say = (key: Parameters<typeof alertMessage>[1], values?: Record<string, string | number>) => alertMessage(o.locale, key, values);
  const docs = state.docs;
  const times = state.times;
  const alerts: Alert[] = [];
  const at = (i: number) => (times[i] === null ? null : new Date(times[i]!).toISOString());
  const byUrgency = (ids: number[]) => ids.sort((a, b) => docs[b]!.get(SEVERITY).score - docs[a]!.get(SEVERITY).score || a - b);

  const alerted = (state.result.groups ?? []).filter((g) => (o.campaigns === 'all' ? g.campaign || g.burst : o.campaigns === 'burst' && g.burst));
  const campaignIds = new Set(alerted.map((g) => g.id));
  if (o.criticalReviews) {
    // Campaign members are reported once, in their group's campaign alert.
    const inCampaign = (d: TriageDoc) => {
      const g = d.peek(GROUP);
      return g !== undefined && campaignIds.has(g.id);
    };
    for (const i of byUrgency(docs.flatMap((d, i) => (d.get(SEVERITY).level === 'critical' && !inCampaign(d) ? [i] : [])))) {
      const d = docs[i]!;
      const t = at(i);
      alerts.push({
        kind: 'critical_review',
        level: 'red',
        message: say('criticalReview', { id: d.review.id, reason: d.get(SEVERITY).reasons[0] ?? say('criticalFallback') }),
        window: t ? { from: t, to: t } : null,
        evidenceIds: [d.review.id],
      });
    }
  }

  // A spreading campaign is a level-1 crisis (TAXONOMY section 7).
  for (const g of alerted) alerts.push(g.burst ? { ...campaignAlert(g, o.locale), crisisLevel: 'level-1', plan: plans['level-1'] } : campaignAlert(g, o.locale));
  if (o.systemicIssues) for (const g of state.result.groups ?? []) if (g.verdict === 'systemic_issue') alerts.push(systemicAlert(g));

  const { days } = dailySeries(docs, times, o.utcOffsetMinutes);
  const dayIds = idsByDay(docs, times, o);
  const rules: SeriesRules = o;
  for (const f of [...ratingDrops(days, rules), ...declineStreaks(days, rules), ...negativeRateSpikes(days, rules)]) {
    const a = seriesAlert(f, days, dayIds, o);
    alerts.push(f.kind === 'negative_rate_spike' ? { ...a, crisisLevel: 'level-1', plan: plans['level-1'] } : a);
  }

  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const windowOf = (f: CrisisFinding) => ({ from: dayString(f.fromDay), to: dayString(f.toDay) });
  for (const f of coreProductStreaks(docs, times, o)) {
    const values = { product: f.product ?? '', threshold: pct(o.coreNegativeRate), days: f.days, ...windowOf(f), value: pct(f.value) };
    alerts.push({
      kind: 'core_product_negative',
      level: 'level-2',
      message: say(f.product === null ? 'shopSustained' : 'coreProduct', values),
      window: windowOf(f),
      evidenceIds: f.evidence.slice(0, o.maxEvidenceIds).map((i) => docs[i]!.review.id),
      value: Math.round(f.value * 1000) / 1000,
      baseline: o.coreNegativeRate,
      crisisLevel: 'level-2',
      plan: plans['level-2'],
      ...(f.product === null ? {} : { slice: { dimension: 'product', value: f.product } }),
    });
  }
  const evidenceOf = (f: CrisisFinding) => {
    const ids: string[] = [];
    for (const d of days) {
      if (d.day < f.fromDay || d.day > f.toDay) continue;
      for (const id of dayIds.get(d.day) ?? []) if (ids.length < o.maxEvidenceIds) ids.push(id);
    }
    return ids;
  };
  const routine = routineDays(days, o);
  if (routine) {
    alerts.push({
      kind: 'routine_negative_rate',
      level: 'level-3',
      message: say('routine', { count: routine.days, ...windowOf(routine), min: pct(o.routineRateMin), max: pct(o.routineRateMax), value: pct(routine.value) }),
      window: windowOf(routine),
      evidenceIds: evidenceOf(routine),
      value: Math.round(routine.value * 1000) / 1000,
      crisisLevel: 'level-3',
      plan: plans['level-3'],
    });
  }
  const penalty = penaltyLine(days, o);
  if (penalty) {
    alerts.push({
      kind: 'penalty_line',
      level: 'orange',
      message: say('penaltyLine', { days: penalty.days, ...windowOf(penalty), value: pct(penalty.value), line: pct(o.penaltyLineRate) }),
      window: windowOf(penalty),
      evidenceIds: evidenceOf(penalty),
      value: Math.round(penalty.value * 1000) / 1000,
      baseline: o.penaltyLineRate,
      crisisLevel: 'penalty-line',
      plan: plans['penalty-line'],
    });
  }

  for (let i = 0; i < docs.length; i++) {
    if (highRisk.count(docs[i]!.tokens) < o.highRiskMinHits) continue;
    const d = docs[i]!;
    const terms: string[] = [];
    const hits = highRisk.count(d.tokens, terms);
    const t = at(i);
    alerts.push({
      kind: 'high_risk_terms',
      level: 'orange',
      message: say('highRisk', { id: d.review.id, hits, terms: [...new Set(terms)].join(say('listSeparator')) }),
      window: t ? { from: t, to: t } : null,
      evidenceIds: [d.review.id],
    });
  }

  const manual = byUrgency(docs.flatMap((d, i) => (needsManualReview(d, o) ? [i] : [])));
  if (manual.length) {
    alerts.push({
      kind: 'manual_review',
      level: 'yellow',
      message: say('manualReview', { count: manual.length }),
      window: null,
      evidenceIds: manual.slice(0, o.maxEvidenceIds).map((i) => docs[i]!.review.id),
    });
  }
  return alerts;
}

/** Negative probability from the sentiment stage (NEGATIVE_PROBABILITY), else from its score. */
export function negativeProbability(doc: TriageDoc): number {
  const p = doc.peek(NEGATIVE_PROBABILITY);
  if (p !== undefined && p >= 0 && p <= 1) return p;
  return (1 - doc.get(SENTIMENT).score) / 2;
}

function needsManualReview(doc: TriageDoc, o: AlertsOptions): boolean {
  return negativeProbability(doc) > o.manualReviewProbability && doc.get(SENTIMENT).confidence < o.lowConfidence;
}

export function campaignAlert(g: CampaignGroup, locale: Locale = 'en'): Alert {
  const what = alertMessage(locale, g.burst ? 'campaignSpreading' : 'campaignFound');
  const coordinated = g.evidence?.coordinated ?? g.members;
  const independent = g.evidence?.independent ?? [];
  const signals = (g.evidence?.signals ?? []).map((s) => s.signal.replace(/_/g, ' '));
  const others = independent.length
    ? ` ${independent.length} other member(s) show no coordination (${independent.slice(0, 5).join(', ')}): read them as customers, their natures were kept.`
    : '';
  return {
    kind: 'campaign',
    level: g.burst ? 'red' : 'orange',
    // Chinese messages come from the message table; the English one also names the signals and the members kept as customers.
    message: locale !== 'en' ? alertMessage(locale, 'campaign', { size: coordinated.length, group: g.id, negative: g.negative, authors: g.distinctAuthors, what }) : `A campaign of ${coordinated.length} coordinated near-identical reviews (group ${g.id}, ${g.negative} negative, ${g.distinctAuthors} authors${signals.length ? `; ${signals.join(', ')}` : ''}) ${what}: keep evidence and report it to the platform.${others}`,
    window: g.firstAt && g.lastAt ? { from: g.firstAt, to: g.lastAt } : null,
    evidenceIds: coordinated,
    group: g.id,
  };
}

/** Many customers, one defect: the product or listing needs fixing before anyone suspects a campaign. */
function systemicAlert(g: CampaignGroup): Alert {
  const d = g.defect ?? { product: null, topics: [], terms: [] };
  const about = [
    d.terms.length ? `defect terms ${d.terms.map((t) => `"${t}"`).join(', ')}` : '',
    d.topics.length ? `topics ${d.topics.join(', ')}` : '',
    d.product !== null ? `product ${d.product}` : '',
  ].filter(Boolean);
  return {
    kind: 'systemic_issue',
    level: d.topics.includes('safety') ? 'red' : 'orange',
    message: `${g.size} customers report the same problem (group ${g.id}${about.length ? `; ${about.join('; ')}` : ''}): fix the product or listing first, then reply to each of them.`,
    window: g.firstAt && g.lastAt ? { from: g.firstAt, to: g.lastAt } : null,
    evidenceIds: g.members,
    group: g.id,
  };
}

/** Per day: negative or low-rated reviews, the evidence for series alerts. */
function idsByDay(docs: readonly TriageDoc[], times: ReadonlyArray<number | null>, o: AlertsOptions): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (let i = 0; i < docs.length; i++) {
    const t = times[i];
    if (t === null || t === undefined) continue;
    const d = docs[i]!;
    if (!isNegative(d) && !(d.review.rating !== undefined && d.review.rating <= 2)) continue;
    const day = dayOf(t, o.utcOffsetMinutes);
    let list = out.get(day);
    if (!list) out.set(day, (list = []));
    if (list.length < o.maxEvidenceIds) list.push(d.review.id);
  }
  return out;
}

export function seriesAlert(f: SeriesFinding, days: readonly Day[], dayIds: Map<number, string[]>, o: AlertsOptions): Alert {
  const from = dayString(f.fromDay);
  const to = dayString(f.toDay);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const pctOf = (x: number) => `${Math.round(x * 1000) / 10}%`;
  let message: string;
  if (f.kind === 'rating_drop') message = alertMessage(o.locale, 'ratingDrop', { to, value: r2(f.value), drop: r2(f.baseline - f.value), days: o.baselineDays, baseline: r2(f.baseline) });
  else if (f.kind === 'rating_decline_streak') message = alertMessage(o.locale, 'declineStreak', { from, to, baseline: r2(f.baseline), value: r2(f.value) });
  else message = alertMessage(o.locale, 'rateSpike', { to, value: pctOf(f.value), days: o.baselineDays, baseline: pctOf(f.baseline) });
  const ids: string[] = [];
  for (const d of days) {
    if (d.day < f.fromDay || d.day > f.toDay) continue;
    for (const id of dayIds.get(d.day) ?? []) if (ids.length < o.maxEvidenceIds) ids.push(id);
  }
  return { kind: f.kind, level: f.level, message, window: { from, to }, evidenceIds: ids, value: Math.round(f.value * 1000) / 1000, baseline: Math.round(f.baseline * 1000) / 1000 };
}
