import type { Day } from '../../triage/daily.js';
import type { Alert } from '../../triage/types.js';
import { COLORS, chartFigure } from '../charts.js';
import type { ReportContext } from '../context.js';
import { dailyPoints } from '../counts.js';
import { esc, note, section } from '../html.js';
import { fill } from '../locales.js';
import { formatTime } from '../model.js';
import { negativeRateThresholds, ratingBaselines } from '../thresholds.js';

const DAY = 86_400_000;
const round = (x: number | null, d = 4) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** Section 2: volume, negative rate and average rating per day, with the alert thresholds and the days that fired. */
export function dailySection(ctx: ReportContext): string {
  const { t, o } = ctx;
  const points = dailyPoints(ctx);
  let body = '';
  const undated = ctx.rows.filter((r) => r.time === null).length;
  if (!points.length) {
    body += note(ctx.rows.length ? t.missing.noTimestamps : t.missing.empty);
    return section('daily', t.sections.daily, body + alertList(ctx));
  }
  if (undated) body += note(fill(t.missing.undated, { n: undated }));
  const days: Day[] = points.map((p) => ({ ...p, day: Math.round(Date.parse(p.date + 'T00:00:00Z') / DAY) }));
  const dates = points.map((p) => p.date);
  const r = o.rules;
  const fired = firedDays(ctx.result.alerts ?? []);

  // Thresholds follow the alert rules, so a point above the line is a day that fired.
  const rateThreshold = negativeRateThresholds(days, r).map((x) => round(x));
  const ratingBase = ratingBaselines(days, r);
  const grid = { left: 56, right: 24, top: 36, bottom: 40 };
  const legend = { top: 4, textStyle: { fontSize: 12 } };
  const xAxis = { type: 'category', data: dates, axisLabel: { hideOverlap: true } };

  body += chartFigure(ctx, 'daily-volume', t.daily.volume, {
    grid,
    legend,
    xAxis,
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t.daily.notNegative, type: 'bar', data: points.map((p) => p.reviews - p.negative), stack: 'v', itemStyle: { color: COLORS.volume } },
      { name: t.daily.negative, type: 'bar', data: points.map((p) => p.negative), stack: 'v', itemStyle: { color: COLORS.negative } },
    ],
  });

  const rateFired = dates.map((d, i) => (fired.rate.has(d) ? round(points[i]!.negativeRate) : null));
  body += chartFigure(ctx, 'daily-negative-rate', t.daily.negativeRate, {
    grid,
    legend,
    xAxis,
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      { name: t.daily.negativeRate, type: 'line', data: points.map((p) => round(p.negativeRate)), itemStyle: { color: COLORS.negative }, showSymbol: points.length < 60 },
      { name: t.daily.threshold, type: 'line', data: rateThreshold, lineStyle: { type: 'dashed', color: COLORS.threshold }, itemStyle: { color: COLORS.threshold }, showSymbol: false },
      { name: t.daily.fired, type: 'scatter', data: rateFired, symbol: 'triangle', symbolSize: 14, itemStyle: { color: COLORS.red } },
    ],
  });

  if (points.some((p) => p.averageRating !== null)) {
    const ratingFired = dates.map((d, i) => (fired.rating.has(d) ? round(points[i]!.averageRating, 2) : null));
    body += chartFigure(ctx, 'daily-rating', t.daily.averageRating, {
      grid,
      legend,
      xAxis,
      yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min - 0.5)), max: 5 },
      series: [
        { name: t.daily.averageRating, type: 'line', data: points.map((p) => round(p.averageRating, 2)), connectNulls: false, itemStyle: { color: COLORS.rating }, showSymbol: points.length < 60 },
        { name: t.daily.thresholdOrange, type: 'line', data: ratingBase.map((b) => (b === null ? null : round(b - r.ratingDropOrange, 2))), lineStyle: { type: 'dashed', color: COLORS.threshold }, itemStyle: { color: COLORS.threshold }, showSymbol: false },
        { name: t.daily.thresholdRed, type: 'line', data: ratingBase.map((b) => (b === null ? null : round(b - r.ratingDropRed, 2))), lineStyle: { type: 'dotted', color: COLORS.red }, itemStyle: { color: COLORS.red }, showSymbol: false },
        { name: t.daily.fired, type: 'scatter', data: ratingFired, symbol: 'triangle', symbolSize: 14, itemStyle: { color: COLORS.red } },
      ],
    });
  } else body += note(t.missing.noRatings);
  return section('daily', t.sections.daily, body + alertList(ctx));
}

/** Days (YYYY-MM-DD) covered by series alerts, by the chart they belong on. */
function firedDays(alerts: readonly Alert[]): { rate: Set<string>; rating: Set<string> } {
  const rate = new Set<string>();
  const rating = new Set<string>();
  for (const a of alerts) {
    if (!a.window) continue;
    const target = a.kind === 'negative_rate_spike' ? rate : a.kind === 'rating_drop' || a.kind === 'rating_decline_streak' ? rating : null;
    if (!target) continue;
    // Series windows are whole days; walk from..to (a decline streak covers several).
    const from = Date.parse(a.window.from.slice(0, 10) + 'T00:00:00Z');
    const to = Date.parse(a.window.to.slice(0, 10) + 'T00:00:00Z');
    if (!Number.isFinite(from) || !Number.isFinite(to)) continue;
    for (let d = from; d <= to && d - from <= 366 * DAY; d += DAY) target.add(new Date(d).toISOString().slice(0, 10));
  }
  return { rate, rating };
}

const LEVEL_ORDER = ['red', 'level-1', 'orange', 'level-2', 'yellow', 'level-3'];

/** The alerts as a table (levels first), capped like the queue. */
function alertList(ctx: ReportContext): string {
  const { t, o } = ctx;
  const alerts = [...(ctx.result.alerts ?? [])].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level));
  if (!alerts.length) return `<h3>${esc(t.daily.alertsTitle)}</h3>` + note(t.daily.noAlerts);
  const shown = alerts.slice(0, o.maxQueue);
  const rows = shown
    .map((a) => `<tr><td><span class="alert-level ${esc(a.level)}">${esc(a.level)}</span></td><td class="nowrap">${esc(a.kind)}</td><td class="nowrap">${esc(windowText(a, o.utcOffsetMinutes))}</td><td>${esc(a.message)}</td></tr>`)
    .join('');
  const capped = alerts.length > shown.length ? note(fill(t.queue.capped, { shown: shown.length, total: alerts.length })) : '';
  return `<h3>${esc(t.daily.alertsTitle)}</h3><table class="alerts"><tbody>${rows}</tbody></table>${capped}`;
}

/** Days as given; ISO times (one review, a campaign) in the merchant's time zone. */
function windowText(a: Alert, utcOffsetMinutes: number): string {
  if (!a.window) return '';
  const one = (v: string) => {
    const ms = v.length > 10 ? Date.parse(v) : NaN;
    return Number.isFinite(ms) ? formatTime(ms, utcOffsetMinutes) : v;
  };
  const from = one(a.window.from);
  const to = one(a.window.to);
  return from === to ? from : `${from} – ${to}`;
}
