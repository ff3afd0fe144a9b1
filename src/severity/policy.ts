import type { TriageDoc } from '../kernel/doc.js';
import { NATURES, TOPICS, type Evidence, type Nature, type SeverityLevel, type SeverityResult, type Topic } from '../types.js';
import { actionsFor, type ActionTable } from './actions.js';
import { DEFAULT_BANDS, LEVEL_RANK, scoreInBand, type ScoreBands } from './levels.js';
import { REASONS, type ReasonText } from './reasons.js';
import { TRIGGERS, type Trigger } from './triggers.js';

/** What the severity stage leaves in `doc.extras.severity` so batch stages can re-score consistently. */
export interface SeverityState {
  urgency: number;
  nature: Nature | null;
  topics: readonly Topic[];
  fired: Trigger[];
  complaint: boolean;
  policy: SeverityPolicy;
}

export const SEVERITY_EXTRAS_KEY = 'severity';

export function severityState(doc: TriageDoc): SeverityState | undefined {
  return doc.extras[SEVERITY_EXTRAS_KEY] as SeverityState | undefined;
}

/**
 * Turns a level and an urgency into the public result: score inside the
 * level's band, response target and actions. Built once per analyzer; the
 * batch stages reach it through `doc.extras.severity` so a campaign raise
 * uses the same targets and action lists as the per-review stage.
 */
export class SeverityPolicy {
  constructor(
    readonly respondWithinHours: Record<SeverityLevel, number | null>,
    readonly actions: ActionTable,
    /** Sentence templates in the stage's reason language (batch reasons use them too). */
    readonly say: ReasonText = REASONS.en,
    readonly bands: ScoreBands = DEFAULT_BANDS,
  ) {}

  build(level: SeverityLevel, state: Omit<SeverityState, 'policy'>, reasons: string[], evidence: Evidence[], campaign = false): SeverityResult {
    const complaint = state.complaint || LEVEL_RANK[level] > 0;
    return {
      level,
      score: scoreInBand(level, state.urgency, this.bands),
      reasons,
      respondWithinHours: this.respondWithinHours[level],
      actions: complaint ? this.actionsFor(level, state, campaign) : [],
      evidence,
    };
  }

  /** Few distinct combinations occur, so each list is built once and copied out (callers may mutate their copy). */
  private readonly actionCache = new Map<number, string[]>();

  private actionsFor(level: SeverityLevel, state: Omit<SeverityState, 'policy'>, campaign: boolean): string[] {
    const key = actionKey(level, state, campaign);
    let list = this.actionCache.get(key);
    if (!list) {
      list = actionsFor(this.actions, { level, nature: state.nature, topics: state.topics, triggers: state.fired, campaign });
      if (this.actionCache.size < 10_000) this.actionCache.set(key, list);
    }
    return list.slice();
  }

  /**
   * Raises a review already scored by the severity stage (never lowers it),
   * e.g. for campaign membership: adds urgency, a reason and evidence.
   */
  raise(doc: TriageDoc, to: SeverityLevel, extraUrgency: number, reason: string, evidence: Evidence, campaign = false): void {
    const state = severityState(doc);
    if (!state) return;
    state.urgency += extraUrgency;
    const cur = doc.severity;
    const level = LEVEL_RANK[to] > LEVEL_RANK[cur.level] ? to : cur.level;
    doc.severity = this.build(level, state, [...cur.reasons, reason], [...cur.evidence, evidence], campaign);
  }
}

/**
 * The action-list cache key as one integer (built per review, so no string
 * work): level, nature, campaign, then one bit per topic and per trigger.
 */
function actionKey(level: SeverityLevel, state: Omit<SeverityState, 'policy'>, campaign: boolean): number {
  let key = LEVEL_RANK[level] * 8 + (state.nature === null ? 0 : NATURES.indexOf(state.nature) + 1) * 2 + (campaign ? 1 : 0);
  let bits = 0;
  for (const t of state.topics) bits |= 1 << TOPICS.indexOf(t);
  for (const t of state.fired) bits |= 1 << (TOPICS.length + TRIGGERS.indexOf(t));
  key += bits * 32;
  return key;
}
