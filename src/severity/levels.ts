import { SEVERITY_LEVELS, type SeverityLevel } from '../types.js';

/** 0 = low .. 3 = critical: levels compare as numbers. */
export const LEVEL_RANK: Record<SeverityLevel, number> = { low: 0, medium: 1, high: 2, critical: 3 };
/** Index by rank to get the level back. */
export const LEVEL_BY_RANK: readonly SeverityLevel[] = [...SEVERITY_LEVELS].reverse();

export function maxLevel(a: SeverityLevel, b: SeverityLevel): SeverityLevel {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

/** The level `steps` above `level`, capped at `cap`. */
export function raiseLevel(level: SeverityLevel, steps: number, cap: SeverityLevel = 'critical'): SeverityLevel {
  const rank = Math.min(LEVEL_RANK[level] + steps, LEVEL_RANK[cap]);
  return rank <= LEVEL_RANK[level] ? level : LEVEL_BY_RANK[rank]!;
}

/** Score band of each level: [lowest, highest]. Bands do not overlap, so the score orders levels. */
export type ScoreBands = Record<SeverityLevel, readonly [number, number]>;

export const DEFAULT_BANDS: ScoreBands = {
  critical: [85, 100],
  high: [65, 84],
  medium: [40, 64],
  low: [0, 39],
};

/**
 * Places an urgency value (>= 0, unbounded) inside the level's band. The
 * saturating curve keeps every score inside its band whatever the urgency,
 * so score order never contradicts level order.
 */
export function scoreInBand(level: SeverityLevel, urgency: number, bands: ScoreBands = DEFAULT_BANDS, halfAt = 3): number {
  const [lo, hi] = bands[level];
  const u = Math.max(0, Number.isFinite(urgency) ? urgency : 0);
  const within = u / (u + halfAt);
  return Math.round((lo + (hi - lo) * within) * 100) / 100;
}
