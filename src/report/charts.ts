import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import { MissingDependencyError } from '../kernel/errors.js';
import { moduleFile } from '../util/module-file.js';
import type { ReportContext } from './context.js';
import { esc, note } from './html.js';

/** The CJK-capable font stack used by the page and inside the charts. */
export const FONT_STACK =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

export const COLORS = {
  volume: '#5470c6',
  negative: '#ee6666',
  rating: '#3ba272',
  threshold: '#fc8452',
  red: '#d62728',
  muted: '#9a9a9a',
  levels: { critical: '#b71c1c', high: '#ef6c00', medium: '#f9a825', low: '#90a4ae' } as Record<string, string>,
};

let echarts: typeof Echarts | null = null;

/**
 * ECharts, loaded on the first chart: importing the library should not pay
 * for the report's chart engine, and it is an optional peer dependency (62 MB,
 * two thirds of a default install), so a user who never draws charts need not
 * install it. Missing, it is a MissingDependencyError naming both ways out.
 */
export function loadEcharts(): typeof Echarts {
  if (echarts) return echarts;
  try {
    return (echarts = createRequire(moduleFile())('echarts') as typeof Echarts);
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw cause;
    throw new MissingDependencyError(
      'echarts',
      'The report\'s charts need echarts, an optional peer dependency of review-triage: run "npm install echarts", or pass charts: false to renderReport (--no-charts on the command line) for a report without charts.',
      { cause },
    );
  }
}

/**
 * Renders an ECharts option to an SVG string on the server (no DOM, no
 * script in the page): the report stays one static, offline file.
 * Animation is off so the SVG holds the final frame. The page CSS sets the
 * CJK font stack on chart text (an inline font list with quotes would break
 * the style attribute ECharts writes).
 */
export function svgChart(option: Echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = loadEcharts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * A chart in a <figure>: `data-chart` names it for the tests and the print
 * layout. With `charts: false` the figure keeps its caption and says the
 * chart was left out (the tables and notes around it are unchanged).
 */
export function chartFigure(ctx: ReportContext, name: string, caption: string, option: Echarts.EChartsCoreOption, width = 960, height = 280): string {
  const content = ctx.o.charts ? svgChart(option, width, height) : note(ctx.t.missing.noCharts);
  return `<figure class="chart" data-chart="${esc(name)}"><figcaption>${esc(caption)}</figcaption>${content}</figure>`;
}

/**
 * A horizontal bar chart of labelled counts (breakdowns, spam kinds); with
 * `charts: false`, the same counts as a two-column table.
 */
export function barChart(ctx: ReportContext, name: string, caption: string, labels: string[], values: number[], color: string | string[], width = 460): string {
  if (!ctx.o.charts) {
    const rows = labels.map((l, i) => `<tr><td>${esc(l)}</td><td class="nowrap">${values[i]}</td></tr>`).join('');
    return `<figure class="chart" data-chart="${esc(name)}"><figcaption>${esc(caption)}</figcaption><table><tbody>${rows}</tbody></table></figure>`;
  }
  const height = Math.max(120, 40 + labels.length * 26);
  const data = values.map((v, i) => ({ value: v, itemStyle: { color: Array.isArray(color) ? color[i % color.length] : color } }));
  return chartFigure(
    ctx,
    name,
    caption,
    {
      grid: { left: 130, right: 50, top: 10, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
      series: [{ type: 'bar', data, label: { show: true, position: 'right' }, barMaxWidth: 18 }],
    },
    width,
    height,
  );
}
