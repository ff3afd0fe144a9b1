import { NATURES, SEVERITY_LEVELS, TOPICS } from '../../types.js';
import { COLORS, barChart } from '../charts.js';
import type { ReportContext } from '../context.js';
import { countLabels, pct } from '../counts.js';
import { esc, note, section } from '../html.js';

/** Section 3: natures and topics of the negative reviews (count and share), severity of all reviews. */
export function breakdownSection(ctx: ReportContext): string {
  const { t } = ctx;
  const c = countLabels(ctx);
  if (!c.total) return section('breakdown', t.sections.breakdown, note(t.missing.empty));
  const share = (n: number) => (c.negative ? ` (${pct(n / c.negative, 0)})` : '');
  const natures = NATURES.filter((n) => c.nature[n] > 0);
  const topics = TOPICS.filter((k) => c.topics[k] > 0).sort((a, b) => c.topics[b] - c.topics[a]);
  let body = '<div class="two">';
  body += natures.length
    ? barChart(ctx, 'nature', t.breakdown.nature, natures.map((n) => t.natures[n] + share(c.nature[n])), natures.map((n) => c.nature[n]), COLORS.negative)
    : `<div>${note(`${t.breakdown.nature}: 0`)}</div>`;
  body += topics.length
    ? barChart(ctx, 'topics', t.breakdown.topics, topics.map((k) => t.topics[k] + share(c.topics[k])), topics.map((k) => c.topics[k]), COLORS.volume)
    : `<div>${note(`${t.breakdown.topics}: 0`)}</div>`;
  body += '</div>';
  body += barChart(ctx, 'severity', t.breakdown.severity, SEVERITY_LEVELS.map((l) => t.levels[l]), SEVERITY_LEVELS.map((l) => c.severity[l]), SEVERITY_LEVELS.map((l) => COLORS.levels[l]!), 960);
  body += `<p class="small">${esc(`${t.headline.reviews}: ${c.total} · ${t.daily.negative}: ${c.negative}`)}</p>`;
  return section('breakdown', t.sections.breakdown, body);
}
