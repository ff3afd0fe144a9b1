import type { Nature, SeverityLevel, Topic } from '../types.js';
import { LEVEL_BY_RANK, LEVEL_RANK, raiseLevel } from './levels.js';
import { severityLocale, type SeverityOptions } from './options.js';
import type { Trigger } from './triggers.js';
import { REASONS } from './reasons.js';

/** Everything the severity rules look at, already extracted from the doc (so the rules are pure and testable). */
export interface SeverityInput {
  /** Summed lexicon weight per trigger. */
  totals: Record<Trigger, number>;
  /** Word tokens in the review: longer complaints tell more of a story. */
  words?: number;
  /** Softeners found in the text (`有点`, `slightly`). */
  mild?: number;
  /** Distinct terms naming a creative work's content (`plot`, `author`). */
  work?: number;
  /** Lexicon terms that fired, per trigger, for the reasons. */
  terms: Partial<Record<Trigger, string[]>>;
  /** Whether the review complains at all (negative sentiment, a classified complaint, a low rating...). */
  complaint: boolean;
  /** Sentiment score in [-1, 1] (0 when unknown). */
  sentimentScore: number;
  /** From the classify stage; null when the review is not negative or the stage is absent. */
  nature: Nature | null;
  topics: readonly Topic[];
  /** Whether the classify stage ran (topics known); without it the sentiment score stands in for topics. */
  classified: boolean;
  rating?: number;
  likes?: number;
  replies?: number;
  pinned?: boolean;
  /** Spam that is not a complaint (advertising, gibberish, irrelevant). */
  nonComplaintSpam?: boolean;
}

export interface SeverityDecision {
  level: SeverityLevel;
  /** Level from the text alone (the floor engagement starts from). */
  textLevel: SeverityLevel;
  /** Non-negative; orders reviews inside a level. */
  urgency: number;
  reasons: string[];
  /** Triggers that counted towards the decision (for actions). */
  fired: Trigger[];
  /** A complaint that is pinned, liked or replied to past the thresholds (it raised the level). */
  visible: boolean;
}

/** Topics that make a complaint "clear" (TAXONOMY: quality, logistics, service, mismatch); false claims join them. */
const MEDIUM_TOPICS: ReadonlySet<Topic> = new Set(['quality', 'logistics', 'service', 'mismatch', 'false_advertising', 'counterfeit', 'safety', 'livestream']);
/** Topics that are clear only when the complaint is strongly negative (price rises, "other"). */
const WEAK_TOPICS: ReadonlySet<Topic> = new Set(['price', 'other']);

/** Urgency per doubling of a complaint's length (in units of 10 words): detail makes a complaint more actionable. */
const DETAIL_WEIGHT = 0.5;

/** Trigger reasons in the order a support agent should read them: harm, threats, fraud, escalation, anger, loss. */
const REASON_ORDER = ['safety', 'legal', 'fraud', 'escalate', 'intensity', 'loss'] as const;

/**
 * TAXONOMY section 4 as rules. The text sets a floor (safety, legal threats
 * and fraud always count; escalation, anger and loss count only in a
 * complaint), then a low rating and visibility raise it, never lower it.
 */
export function decideSeverity(input: SeverityInput, o: SeverityOptions): SeverityDecision {
  const t = { ...input.totals };
  const say = REASONS[severityLocale(o)];
  const reasons: string[] = [];
  const fired = new Set<Trigger>();
  const topics = new Set(input.topics);
  // Topics from the classifier count as cues too, so an upstream label is never ignored.
  if (topics.has('safety')) t.safety += 1;
  if (topics.has('counterfeit')) t.fraud += 1;
  if (topics.has('false_advertising')) t.fraud += 0.5;
  const complaint = input.complaint;
  if (!complaint) t.escalate = t.intensity = t.loss = 0;

  for (const trigger of REASON_ORDER) {
    if (t[trigger] <= 0) continue;
    fired.add(trigger);
    reasons.push(say.trigger(trigger, input.terms[trigger]));
  }

  let rank = 0;
  if (complaint) {
    const clearTopic = input.topics.some((x) => MEDIUM_TOPICS.has(x));
    const strong = input.sentimentScore <= o.mildScore || t.intensity >= 1;
    const weakTopic = input.topics.some((x) => WEAK_TOPICS.has(x) && (x !== 'other' || t.intensity >= 1));
    const clear = input.classified ? clearTopic || (weakTopic && strong) : strong;
    if (clear || t.escalate >= 1 || t.loss >= 1) rank = 1;
    const named = input.topics.filter((x) => x !== 'other');
    if (named.length) reasons.push(say.topics(named));
    const anyStrong = t.safety + t.legal + t.fraud + t.escalate + t.intensity + t.loss > 0;
    if (rank === 1 && o.mildStaysLow && (input.mild ?? 0) > 0 && !anyStrong) {
      rank = 0;
      reasons.push(say.mild);
    }
    // A book's plot or a film's acting: taste, not a defect. Anger may be strong; harm, fraud, escalation or loss is not.
    const goodsTopic = input.topics.some((x) => x !== 'quality' && x !== 'other');
    const onlyWords = t.safety + t.legal + t.fraud + t.escalate + t.loss === 0;
    if (rank === 1 && o.workCritiqueTerms > 0 && (input.work ?? 0) >= o.workCritiqueTerms && onlyWords && !goodsTopic) {
      rank = 0;
      reasons.push(say.workCritique);
    }
  }
  // Insults with no concrete topic: the classifier found nothing to fix, only abuse to document.
  const abuseOnly =
    input.nature === 'malicious_attack' && !input.topics.some((x) => x !== 'other') && t.fraud === 0 && t.safety === 0 && t.legal === 0 && t.escalate === 0;
  if (abuseOnly) {
    rank = LEVEL_RANK[o.abuseOnlyLevel];
    reasons.push(say.abuseOnly);
  }
  if (
    t.fraud >= o.fraudHigh ||
    t.safety >= o.highSafety ||
    t.legal > 0 ||
    t.escalate >= o.escalateHigh ||
    (t.escalate >= 1 && t.intensity >= o.angerIntensity) ||
    t.loss >= o.lossHigh
  ) {
    rank = Math.max(rank, 2);
  }
  if (t.safety >= o.criticalSafety || (t.legal > 0 && (t.fraud > 0 || t.safety >= o.highSafety))) rank = 3;
  if (input.nonComplaintSpam && t.safety < o.highSafety && t.legal === 0) {
    rank = 0;
    reasons.push(say.spam);
  }

  const textLevel = LEVEL_BY_RANK[rank]!;
  let level = textLevel;
  let urgency =
    t.safety + t.legal + 0.8 * t.fraud + 0.6 * t.escalate + 0.4 * t.intensity + 0.5 * t.loss + 0.3 * topics.size + (complaint ? Math.max(0, -input.sentimentScore) + DETAIL_WEIGHT * Math.log2(1 + (input.words ?? 0) / 10) : 0);

  // Metadata raises the floor set by the text; it never lowers it.
  if (complaint && input.rating !== undefined && input.rating <= o.lowRating) {
    urgency += input.rating <= 1 ? 1 : 0.5;
    if (level === 'low') level = 'medium';
    reasons.push(say.rating(input.rating));
  }
  const likes = input.likes ?? 0;
  const replies = input.replies ?? 0;
  let visible = false;
  if (complaint) {
    urgency += 0.5 * Math.log10(1 + likes + 2 * replies);
    const pinned = input.pinned === true && o.pinnedRaises;
    const liked = likes >= o.likesThreshold;
    const replied = replies >= o.repliesThreshold;
    visible = pinned || liked || replied;
    if (visible) {
      urgency += 1;
      level = raiseLevel(level, 1, o.engagementMaxLevel);
      reasons.push(say.visible(pinned, liked ? likes : null, replied ? replies : null));
    }
  }
  if (reasons.length === 0) reasons.push(complaint ? say.minorComplaint : say.noComplaint);
  return { level, textLevel, urgency, reasons, fired: [...fired], visible };
}
