import { SPAM_KINDS } from '../../types.js';
import { COLORS, barChart } from '../charts.js';
import type { ReportContext } from '../context.js';
import { countLabels } from '../counts.js';
import { esc, highlight, note, section } from '../html.js';
import { fill } from '../locales.js';
import { formatTime } from '../model.js';

/** Section 7: spam by kind, and the advertising found (with the evidence that made it an ad). */
export function spamSection(ctx: ReportContext): string {
  const { t, o } = ctx;
  const c = countLabels(ctx);
  let body = '';
  const kinds = SPAM_KINDS.filter((k) => c.spamKinds[k] > 0);
  body += kinds.length ? barChart(ctx, 'spam-kinds', `${t.spam.kinds} (${c.spamTotal})`, kinds.map((k) => t.spamKinds[k]), kinds.map((k) => c.spamKinds[k]), COLORS.muted, 960) : note(ctx.rows.length ? t.spam.noSpam : t.missing.empty);
  const ads = ctx.rows.filter((r) => r.item.spam?.kinds?.includes('advertising'));
  body += `<h3>${esc(t.spam.advertising)} (${ads.length})</h3>`;
  if (!ads.length) return section('spam', t.sections.spam, body + note(t.spam.noAds));
  const shown = ads.slice(0, o.maxAds);
  body += `<ul class="ads">${shown
    .map((r) => {
      const ev = (r.item.spam.evidence ?? []).filter((e) => e.label === undefined || e.label === 'advertising');
      const when = r.time === null ? '' : ` · ${esc(formatTime(r.time, o.utcOffsetMinutes))}`;
      return `<li data-id="${esc(r.item.id)}"><span class="small">${esc(r.item.id)}${when}</span> ${highlight(r.item.text ?? '', ev, o.maxTextChars)}</li>`;
    })
    .join('')}</ul>`;
  if (ads.length > shown.length) body += note(fill(t.spam.capped, { shown: shown.length, total: ads.length }));
  return section('spam', t.sections.spam, body);
}
