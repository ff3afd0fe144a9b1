import { NATURES, TOPICS, type Evidence, type Nature, type SeverityLevel, type SeverityResult, type Topic } from '../types.js';
import { actionsFor, type ActionTable } from './actions.js';
import { DEFAULT_BANDS, LEVEL_RANK, scoreInBand, type ScoreBands } from './levels.js';
import { REASONS, type ReasonText } from './reasons.js';
import { TRIGGERS, type Trigger } from './triggers.js';

/** The batch group a decision is made for: a campaign member, a systemic-issue reporter, or neither. */
export type GroupMode = 'campaign' | 'systemic' | null;

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

  /** `group`: the review is a campaign member (attack actions added) or a systemic-issue reporter (fix-the-product actions first). */
  build(level: SeverityLevel, state: DecisionState, reasons: string[], evidence: Evidence[], group: GroupMode = null): SeverityResult {
    const complaint = state.complaint || LEVEL_RANK[level] > 0;
    return {
      level,
      score: scoreInBand(level, state.urgency, this.bands),
      reasons,
      respondWithinHours: this.respondWithinHours[level],
      actions: complaint ? this.actionsFor(level, state, group) : [],
      evidence,
    };
  }

  /**
   * Few distinct combinations occur, so each list is built once and copied out (callers may mutate their copy).
   * The key is the set of topics and triggers, but the list follows their order: an entry serves only the
   * order it was built for, so a review's actions never depend on which reviews the process saw first.
   */
  private readonly actionCache = new Map<number, { topics: readonly Topic[]; fired: readonly Trigger[]; list: string[] }>();

  private actionsFor(level: SeverityLevel, state: DecisionState, group: GroupMode): string[] {
    const key = actionKey(level, state, group);
    const hit = this.actionCache.get(key);
    if (hit && sameOrder(hit.topics, state.topics) && sameOrder(hit.fired, state.fired)) return hit.list.slice();
    const list = actionsFor(this.actions, { level, nature: state.nature, topics: state.topics, triggers: state.fired, campaign: group === 'campaign', systemic: group === 'systemic' });
    if (!hit && this.actionCache.size < 10_000) this.actionCache.set(key, { topics: [...state.topics], fired: [...state.fired], list });
    return list.slice();
  }
}

function sameOrder<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The action-list cache key as one integer (built per review, so no string
 * work): level, nature, group mode, then one bit per topic and per trigger.
 */
function actionKey(level: SeverityLevel, state: DecisionState, group: GroupMode): number {
  let key = LEVEL_RANK[level] * 16 + (state.nature === null ? 0 : NATURES.indexOf(state.nature) + 1) * 4 + (group === 'campaign' ? 1 : group === 'systemic' ? 2 : 0);
  let bits = 0;
  for (const t of state.topics) bits |= 1 << TOPICS.indexOf(t);
  for (const t of state.fired) bits |= 1 << (TOPICS.length + TRIGGERS.indexOf(t));
  key += bits * 64;
  return key;
}
