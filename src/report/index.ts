import type { BatchResult } from '../context/batch-result.js';
import { InputError } from '../kernel/errors.js';
import type { ReportContext } from './context.js';
import { fill, REPORT_STRINGS } from './locales.js';
import { buildRows, formatTime, zoneLabel, type ReportRow } from './model.js';
import { resolveReportOptions, type ReportOptions } from './options.js';
import { page } from './page.js';
import { breakdownSection } from './sections/breakdown.js';
import { dailySection } from './sections/daily.js';
import { footer } from './sections/footer.js';
import { groupsSection } from './sections/groups.js';
import { headlineSection } from './sections/headline.js';
import { queueSection } from './sections/queue.js';
import { slicesSection } from './sections/slices.js';
import { spamSection } from './sections/spam.js';

export { ReportOptionsSchema, type ReportOptions } from './options.js';
export { REPORT_LOCALES, REPORT_STRINGS, type ReportLocale, type ReportStrings } from './locales.js';

/**
 * Renders a BatchResult as one self-contained HTML page (inline CSS and SVG
 * charts, no script, no network): headline figures, daily series with the
 * alert thresholds, breakdowns, the action queue, campaigns and systemic
 * issues, slices, spam, and how it was computed. Pass `options.inputs` (the
 * reviews given to analyzeBatch) for times, ratings and slice fields.
 * Throws OptionsError on bad options and InputError when `result` is not a
 * batch result; every piece of text is HTML-escaped.
 */
export function renderReport(result: BatchResult, options: ReportOptions = {}): string {
  if (result === null || typeof result !== 'object' || !Array.isArray((result as { items?: unknown }).items)) {
    throw new InputError('renderReport needs a BatchResult (an object with an "items" array), as analyzeBatch returns.');
  }
  const o = resolveReportOptions(options);
  const t = REPORT_STRINGS[o.locale];
  const rows = buildRows(result, o.inputs);
  const byId = new Map<string, ReportRow>();
  for (const r of rows) if (!byId.has(r.item.id)) byId.set(r.item.id, r);
  const ctx: ReportContext = { result, rows, byId, dated: rows.some((r) => r.time !== null), o, t };
  const body = [headlineSection(ctx), dailySection(ctx), breakdownSection(ctx), queueSection(ctx), groupsSection(ctx), slicesSection(ctx), spamSection(ctx), footer(ctx)].join('\n');
  const subtitle = fill(t.generated, { at: `${formatTime(o.nowMs, o.utcOffsetMinutes)} (${zoneLabel(o.utcOffsetMinutes)})` });
  return page(o.locale, o.title ?? t.defaultTitle, subtitle, body);
}
