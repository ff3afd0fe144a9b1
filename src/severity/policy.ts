import { NATURES, TOPICS, type Evidence, type Nature, type SeverityLevel, type SeverityResult, type Topic } from '../types.js';
import { actionsFor, type ActionTable } from './actions.js';
import { DEFAULT_BANDS, LEVEL_RANK, scoreInBand, type ScoreBands } from './levels.js';
import { REASONS, type ReasonText } from './reasons.js';
import { TRIGGERS, type Trigger } from './triggers.js';

/** What a decision's actions and score depend on besides the level. */
export interface DecisionState {
  urgency: number;
  nature: Nature | null;
  topics: readonly Topic[];
  fired: Trigger[];
  complaint: boolean;
}

/**
 * Turns a level and an urgency into the public result: score inside the
 * level's band, response target and actions. Built once per analyzer by
 * the severity stage, which uses it for the first decision and for the
 * re-decision after a batch, so both give the same targets and action lists.
 */
export class SeverityPolicy {
  constructor(
    readonly respondWithinHours: Record<SeverityLevel, number | null>,
    readonly actions: ActionTable,
    /** Sentence templates in the stage's reason language (batch reasons use them too). */
    readonly say: ReasonText = REASONS.en,
    readonly bands: ScoreBands = DEFAULT_BANDS,
  ) {}

  build(level: SeverityLevel, state: DecisionState, reasons: string[], evidence: Evidence[], campaign = false): SeverityResult {
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

  private actionsFor(level: SeverityLevel, state: DecisionState, campaign: boolean): string[] {
    const key = actionKey(level, state, campaign);
    let list = this.actionCache.get(key);
    if (!list) {
      // The key is a set of topics and triggers, so the list is built in their canonical order: otherwise the
      // first review seen with {quality, mismatch} would fix the order for one with {mismatch, quality}, and
      // results would depend on which reviews an analyzer (or a worker thread) saw before.
      const topics = [...state.topics].sort((a, b) => TOPICS.indexOf(a) - TOPICS.indexOf(b));
      const triggers = [...state.fired].sort((a, b) => TRIGGERS.indexOf(a) - TRIGGERS.indexOf(b));
      list = actionsFor(this.actions, { level, nature: state.nature, topics, triggers, campaign });
      if (this.actionCache.size < 10_000) this.actionCache.set(key, list);
    }
    return list.slice();
  }
}

/**
 * The action-list cache key as one integer (built per review, so no string
 * work): level, nature, campaign, then one bit per topic and per trigger.
 */
function actionKey(level: SeverityLevel, state: DecisionState, campaign: boolean): number {
  let key = LEVEL_RANK[level] * 8 + (state.nature === null ? 0 : NATURES.indexOf(state.nature) + 1) * 2 + (campaign ? 1 : 0);
  let bits = 0;
  for (const t of state.topics) bits |= 1 << TOPICS.indexOf(t);
  for (const t of state.fired) bits |= 1 << (TOPICS.length + TRIGGERS.indexOf(t));
  key += bits * 32;
  return key;
}
