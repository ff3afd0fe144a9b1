import { SEVERITY_LEVELS, type Analysis, type SeverityLevel } from '../types.js';

/** Which results to write and in what order (--min-severity, --sort, --top). */
export interface Selection {
  minSeverity: SeverityLevel | null;
  sort: 'input' | 'severity';
  top: number | null;
}

/** critical = 3 ... low = 0. */
export function severityRank(level: SeverityLevel): number {
  return SEVERITY_LEVELS.length - 1 - SEVERITY_LEVELS.indexOf(level);
}

/** True when the result passes --min-severity. */
export function passes(analysis: Analysis, selection: Selection): boolean {
  return selection.minSeverity === null || severityRank(analysis.severity.level) >= severityRank(selection.minSeverity);
}

/** The results to write: filtered, then (for `severity`) most urgent first with input order breaking ties, then cut to --top. */
export function selectResults(items: readonly Analysis[], selection: Selection): Analysis[] {
  let out = items.filter((a) => passes(a, selection));
  if (selection.sort === 'severity') {
    out = out
      .map((a, i) => ({ a, i }))
      .sort((x, y) => severityRank(y.a.severity.level) - severityRank(x.a.severity.level) || y.a.severity.score - x.a.severity.score || x.i - y.i)
      .map((x) => x.a);
  }
  return selection.top === null ? out : out.slice(0, selection.top);
}
