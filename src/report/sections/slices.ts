import type { ThemeTerm } from '../../triage/types.js';
import { TOPICS, type Topic } from '../../types.js';
import { chartFigure } from '../charts.js';
import type { ReportContext } from '../context.js';
import { esc, note, section } from '../html.js';
import { fill } from '../locales.js';
import { SLICE_DIMENSIONS, type SliceDimension } from '../model.js';

/** Section 6: topic x slice heatmaps (platform, product, channel, country when the inputs carry them) and complaint themes. */
export function slicesSection(ctx: ReportContext): string {
  const { t } = ctx;
  let body = '';
  let any = false;
  for (const dim of SLICE_DIMENSIONS) {
    const map = heatmap(ctx, dim);
    if (map) {
      body += map;
      any = true;
    }
  }
  if (!any) body += note(ctx.rows.length ? t.slices.none : t.missing.empty);
  body += `<h3>${esc(t.slices.themes)}</h3>` + themes(ctx);
  return section('slices', t.sections.slices, body);
}

function heatmap(ctx: ReportContext, dim: SliceDimension): string | null {
  const { t, o } = ctx;
  const stats = new Map<string, { reviews: number; topics: Map<Topic, number> }>();
  for (const r of ctx.rows) {
    const v = r.slices[dim];
    if (v === undefined) continue;
    let s = stats.get(v);
    if (!s) stats.set(v, (s = { reviews: 0, topics: new Map() }));
    s.reviews++;
    for (const k of r.item.negative?.topics ?? []) s.topics.set(k, (s.topics.get(k) ?? 0) + 1);
  }
  const values = [...stats.entries()].filter(([, s]) => s.reviews >= o.minSliceSupport).sort((a, b) => b[1].reviews - a[1].reviews || (a[0] < b[0] ? -1 : 1)).slice(0, o.maxSliceValues);
  if (!values.length) return null;
  const topics = TOPICS.filter((k) => values.some(([, s]) => s.topics.has(k)));
  if (!topics.length) return null;
  const data: Array<[number, number, number]> = [];
  let max = 0;
  values.forEach(([, s], y) =>
    topics.forEach((k, x) => {
      const share = Math.round(((s.topics.get(k) ?? 0) / s.reviews) * 1000) / 10;
      if (share > max) max = share;
      data.push([x, y, share]);
    }),
  );
  const dimName = t.dimensions[dim] ?? dim;
  const rowLabels = values.map(([v, s]) => `${v.length > 24 ? v.slice(0, 23) + '…' : v} (${s.reviews})`);
  const height = 120 + values.length * 28;
  return (
    chartFigure(
      ctx,
      `heatmap-${dim}`,
      fill(t.slices.heatmapTitle, { dim: dimName }),
      {
        grid: { left: 170, right: 20, top: 44, bottom: topics.length > 6 ? 70 : 40 },
        xAxis: { type: 'category', data: topics.map((k) => t.topics[k]), splitArea: { show: true }, axisLabel: { interval: 0, rotate: topics.length > 6 ? 30 : 0 } },
        yAxis: { type: 'category', data: rowLabels, inverse: true, splitArea: { show: true } },
        visualMap: { min: 0, max: Math.max(1, max), calculable: false, orient: 'horizontal', right: 20, top: 0, itemHeight: 120, text: [`${Math.max(1, max)}%`, '0%'], inRange: { color: ['#fff7f3', '#fbb4b9', '#c51b8a'] } },
        series: [{ type: 'heatmap', data, label: { show: true, formatter: (p: { value: number[] }) => (p.value[2] ? `${p.value[2]}%` : '') } }],
      },
      960,
      height,
    ) + note(fill(t.slices.minSupport, { dim: dimName, n: o.minSliceSupport }))
  );
}

function themes(ctx: ReportContext): string {
  const { t } = ctx;
  const all = ctx.result.summary?.themes ?? {};
  const keys = (['all', ...TOPICS] as const).filter((k) => Array.isArray(all[k]) && all[k]!.length);
  if (!keys.length) return note(t.slices.noThemes);
  const cell = (terms: ThemeTerm[]) =>
    terms
      .slice(0, 8)
      .map((x) => `<span class="term">${esc(x.term)} <span class="small">${esc(x.reviews)}</span></span>`)
      .join(' ');
  return `<table class="themes"><tbody>${keys.map((k) => `<tr><th>${esc(t.topics[k])}</th><td>${cell(all[k]!)}</td></tr>`).join('')}</tbody></table>`;
}
