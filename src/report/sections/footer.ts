import type { ReportContext } from '../context.js';
import { esc } from '../html.js';
import { fill } from '../locales.js';
import { formatTime, zoneLabel } from '../model.js';

/** Section 8: version, options and time zone, so a reader knows how the figures were made. */
export function footer(ctx: ReportContext): string {
  const { t, o } = ctx;
  const shown = {
    locale: o.locale,
    utcOffsetMinutes: o.utcOffsetMinutes,
    periodDays: o.periodDays,
    maxQueue: o.maxQueue,
    maxGroups: o.maxGroups,
    minSliceSupport: o.minSliceSupport,
    ...(o.analysisOptions ? { analysis: o.analysisOptions } : {}),
  };
  let json: string;
  try {
    json = JSON.stringify(shown, null, 1);
  } catch {
    json = '(options cannot be shown)';
  }
  return `<footer id="footer"><h2>${esc(t.sections.footer)}</h2>
<p>${esc(fill(t.footer.version, { v: o.version }))} · ${esc(t.footer.timeZone)}: ${esc(zoneLabel(o.utcOffsetMinutes))} · ${esc(t.footer.generatedAt)}: ${esc(formatTime(o.nowMs, o.utcOffsetMinutes))} (${esc(zoneLabel(o.utcOffsetMinutes))})</p>
<p>${esc(t.footer.computed)}</p>
<details><summary>${esc(t.footer.options)}</summary><pre>${esc(json)}</pre></details>
</footer>`;
}
