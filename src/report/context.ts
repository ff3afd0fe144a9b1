import type { BatchResult } from '../context/batch-result.js';
import type { ReportStrings } from './locales.js';
import type { ReportRow } from './model.js';
import type { ResolvedReportOptions } from './options.js';

/** What every section renders from. */
export interface ReportContext {
  result: BatchResult;
  rows: ReportRow[];
  byId: Map<string, ReportRow>;
  /** True when at least one row has a usable time. */
  dated: boolean;
  o: ResolvedReportOptions;
  t: ReportStrings;
}
