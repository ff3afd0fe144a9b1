import type { ReportContext } from '../context.js';
import { pct } from '../counts.js';
import { esc, note, section } from '../html.js';
import { fill } from '../locales.js';
import { dayLabel, dayNumber } from '../model.js';
import { campaignGroups, systemicGroups } from './groups.js';

interface Figures {
  reviews: number;
  negativeRate: number | null;
  averageRating: number | null;
  urgent: number;
  campaigns: number;
  systemic: number;
}

/**
 * Section 1. With timestamps the figures are for the latest `periodDays`
 * days (halved when the data spans less than two periods) against the same
 * length just before; without them, for the whole input.
 */
export function headlineSection(ctx: ReportContext): string {
  const { rows, t, o } = ctx;
  const days = rows.flatMap((r) => (r.time === null ? [] : [dayNumber(r.time, o.utcOffsetMinutes)]));
  let body = '';
  if (!rows.length) body += note(t.missing.empty);
  else if (!days.length) body += note(t.missing.noTimestamps);
  if (!days.length) return section('headline', t.sections.headline, body + cards(ctx, figures(ctx, () => true), null));

  let first = Infinity;
  let last = -Infinity;
  for (const d of days) {
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const span = last - first + 1;
  const period = Math.max(1, Math.min(o.periodDays, Math.floor(span / 2) || 1));
  const inCurrent = (d: number) => d > last - period && d <= last;
  const inPrevious = (d: number) => d > last - 2 * period && d <= last - period;
  const current = figures(ctx, inCurrent);
  const previous = span >= 2 * period ? figures(ctx, inPrevious) : null;
  body += `<p class="period">${esc(fill(t.headline.period, { n: period, from: dayLabel(last - period + 1), to: dayLabel(last) }))} · ${esc(previous ? fill(t.headline.vsPrevious, { n: period }) : t.headline.noPrevious)}</p>`;
  return section('headline', t.sections.headline, body + cards(ctx, current, previous));
}

function figures(ctx: ReportContext, inPeriod: (day: number) => boolean): Figures {
  const { o } = ctx;
  const dayOfTime = (ms: number | null) => (ms === null ? null : dayNumber(ms, o.utcOffsetMinutes));
  // Without timestamps every row is "in the period" (the predicate is then always true).
  const within = (ms: number | null) => {
    const d = dayOfTime(ms);
    return d === null ? !ctx.dated : inPeriod(d);
  };
  let reviews = 0;
  let negative = 0;
  let rated = 0;
  let sum = 0;
  let urgent = 0;
  for (const r of ctx.rows) {
    if (!within(r.time)) continue;
    reviews++;
    if (r.negative) negative++;
    if (r.rating !== null) {
      rated++;
      sum += r.rating;
    }
    if (r.negative && (r.item.severity?.level === 'critical' || r.item.severity?.level === 'high')) urgent++;
  }
  const groupIn = (g: { lastAt?: unknown }) => within(typeof g.lastAt === 'string' ? Date.parse(g.lastAt) || null : null);
  return {
    reviews,
    negativeRate: reviews ? negative / reviews : null,
    averageRating: rated ? sum / rated : null,
    urgent,
    campaigns: (campaignGroups(ctx) ?? []).filter(groupIn).length,
    systemic: (systemicGroups(ctx) ?? []).filter(groupIn).length,
  };
}

function cards(ctx: ReportContext, cur: Figures, prev: Figures | null): string {
  const { t } = ctx;
  const rel = (a: number, b: number) => (b === 0 ? (a === 0 ? '±0' : '+∞') : `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(0)}%`);
  const points = (a: number | null, b: number | null) => (a === null || b === null ? '–' : `${a >= b ? '+' : ''}${((a - b) * 100).toFixed(1)} pt`);
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? '–' : `${a >= b ? '+' : ''}${(a - b).toFixed(2)}`);
  // `worse` says which direction is bad for the merchant, for the colour of the change.
  const card = (key: string, label: string, value: string, change: string | null, worse: boolean | null) =>
    `<div class="card" data-figure="${key}"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div>${
      change === null ? '' : `<div class="change${worse === null ? '' : worse ? ' worse' : ' better'}">${esc(change)}</div>`
    }</div>`;
  const p = prev;
  const up = (a: number | null, b: number | null | undefined) => (a === null || b === null || b === undefined || a === b ? null : a > b);
  return (
    '<div class="cards">' +
    card('reviews', t.headline.reviews, cur.reviews.toLocaleString('en-US'), p ? rel(cur.reviews, p.reviews) : null, null) +
    card('negative-rate', t.headline.negativeRate, pct(cur.negativeRate), p ? points(cur.negativeRate, p.negativeRate) : null, up(cur.negativeRate, p?.negativeRate)) +
    card('average-rating', t.headline.averageRating, cur.averageRating === null ? '–' : cur.averageRating.toFixed(2), p ? diff(cur.averageRating, p.averageRating) : null, negate(up(cur.averageRating, p?.averageRating))) +
    card('urgent', t.headline.openUrgent, String(cur.urgent), p ? diff(cur.urgent, p.urgent).replace(/\.00$/, '') : null, up(cur.urgent, p?.urgent)) +
    card('campaigns', t.headline.campaigns, String(cur.campaigns), p ? diff(cur.campaigns, p.campaigns).replace(/\.00$/, '') : null, up(cur.campaigns, p?.campaigns)) +
    card('systemic', t.headline.systemic, String(cur.systemic), p ? diff(cur.systemic, p.systemic).replace(/\.00$/, '') : null, up(cur.systemic, p?.systemic)) +
    '</div>'
  );
}

function negate(b: boolean | null): boolean | null {
  return b === null ? null : !b;
}
