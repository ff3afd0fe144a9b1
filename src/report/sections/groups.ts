import { COLORS, chartFigure } from '../charts.js';
import type { ReportContext } from '../context.js';
import { clip, esc, note, section } from '../html.js';
import { fill } from '../locales.js';
import { dayLabel, dayNumber, formatTime } from '../model.js';

/**
 * A group as the report reads it: the fields of CampaignGroup, read
 * defensively (a result read back from JSON may come from another version);
 * groups with `verdict: 'systemic_issue'` are listed as systemic issues.
 */
export interface LooseGroup {
  id?: unknown;
  members?: unknown;
  size?: unknown;
  representative?: unknown;
  firstAt?: unknown;
  lastAt?: unknown;
  distinctAuthors?: unknown;
  distinctNetworks?: unknown;
  negative?: unknown;
  burst?: unknown;
  campaign?: unknown;
  kind?: unknown;
  verdict?: unknown;
  topics?: unknown;
  terms?: unknown;
  defect?: { topics?: unknown; terms?: unknown };
}

const isSystemic = (g: LooseGroup) => g.verdict === 'systemic_issue' || g.kind === 'systemic_issue' || g.kind === 'systemic';

/** Campaign groups (coordinated near-copies), or null when clustering did not run. */
export function campaignGroups(ctx: ReportContext): LooseGroup[] | null {
  const groups = ctx.result.groups as unknown;
  if (!Array.isArray(groups)) return null;
  return (groups as LooseGroup[]).filter((g) => g && typeof g === 'object' && !isSystemic(g) && g.campaign !== false);
}

/** Systemic-issue groups: `result.systemic` when present, else groups marked as such; null when nothing computes them. */
export function systemicGroups(ctx: ReportContext): LooseGroup[] | null {
  const own = (ctx.result as unknown as { systemic?: unknown }).systemic;
  if (Array.isArray(own)) return own.filter((g) => g && typeof g === 'object') as LooseGroup[];
  const groups = ctx.result.groups as unknown;
  if (Array.isArray(groups)) {
    const marked = (groups as LooseGroup[]).filter((g) => g && typeof g === 'object' && isSystemic(g));
    if (marked.length) return marked;
  }
  return null;
}

/** Section 5. */
export function groupsSection(ctx: ReportContext): string {
  const { t } = ctx;
  const campaigns = campaignGroups(ctx);
  const systemic = systemicGroups(ctx);
  let body = `<h3>${esc(t.groups.campaigns)}</h3>`;
  body += campaigns === null ? note(t.groups.notComputed) : campaigns.length ? groupList(ctx, campaigns, 'campaign') : note(t.groups.noCampaigns);
  body += `<h3>${esc(t.groups.systemic)}</h3>`;
  body += systemic && systemic.length ? groupList(ctx, systemic, 'systemic') : note(t.groups.noSystemic);
  return section('groups', t.sections.groups, body);
}

function membersOf(g: LooseGroup): string[] {
  return Array.isArray(g.members) ? g.members.filter((m): m is string => typeof m === 'string') : [];
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function groupList(ctx: ReportContext, groups: LooseGroup[], kind: string): string {
  const { t, o } = ctx;
  const size = (g: LooseGroup) => num(g.size) ?? membersOf(g).length;
  const sorted = [...groups].sort((a, b) => size(b) - size(a));
  const shown = sorted.slice(0, o.maxGroups);
  const out = shown.map((g, i) => groupCard(ctx, g, kind, i)).join('\n');
  const capped = sorted.length > shown.length ? note(fill(t.groups.capped, { shown: shown.length, total: sorted.length })) : '';
  return `<div class="groups">${out}</div>${capped}`;
}

function groupCard(ctx: ReportContext, g: LooseGroup, kind: string, index: number): string {
  const { t, o } = ctx;
  const members = membersOf(g);
  const size = num(g.size) ?? members.length;
  const id = typeof g.id === 'string' || typeof g.id === 'number' ? String(g.id) : `${kind}-${index + 1}`;
  const rep = typeof g.representative === 'string' ? clip(g.representative, o.maxTextChars) : null;
  const when = (v: unknown) => {
    const ms = typeof v === 'string' ? Date.parse(v) : NaN;
    return Number.isFinite(ms) ? formatTime(ms, o.utcOffsetMinutes) : '–';
  };
  const facts: Array<[string, string]> = [
    [t.groups.members, String(size)],
    [t.groups.authors, num(g.distinctAuthors) === null ? '–' : String(g.distinctAuthors)],
    [t.groups.networks, num(g.distinctNetworks) === null ? '–' : String(g.distinctNetworks)],
    [t.groups.negative, num(g.negative) === null ? '–' : String(g.negative)],
    [t.groups.first, when(g.firstAt)],
    [t.groups.last, when(g.lastAt)],
  ];
  const rawTopics = Array.isArray(g.topics) ? g.topics : g.defect && typeof g.defect === 'object' && Array.isArray(g.defect.topics) ? g.defect.topics : [];
  const topics = rawTopics.filter((x): x is string => typeof x === 'string');
  const listed = members.slice(0, o.maxMembersShown).map(esc).join(', ') + (members.length > o.maxMembersShown ? ' ' + esc(fill(t.groups.more, { n: members.length - o.maxMembersShown })) : '');
  return `<article class="group ${esc(kind)}" data-group="${esc(id)}">
<h4>${esc(id)}${g.burst === true ? ` <span class="badge critical">${esc(t.groups.burst)}</span>` : ''}${topics.map((k) => ` <span class="tag">${esc((t.topics as Record<string, string>)[k] ?? k)}</span>`).join('')}</h4>
${rep ? `<blockquote class="review-text"><span class="small">${esc(t.groups.representative)}:</span> ${esc(rep.text)}${rep.clipped ? '…' : ''}</blockquote>` : ''}
<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
<p class="small ids">${listed}</p>
${timeline(ctx, id, members)}
</article>`;
}

/** Members over time: a small bar chart, or nothing without times. */
function timeline(ctx: ReportContext, id: string, members: string[]): string {
  const times = members.flatMap((m) => {
    const ms = ctx.byId.get(m)?.time;
    return ms === null || ms === undefined ? [] : [ms];
  });
  // Without charts a per-group note would only repeat itself: the first/last times are in the text above.
  if (!times.length || !ctx.o.charts) return '';
  const off = ctx.o.utcOffsetMinutes;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of times) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  // Ten-minute bars for a burst of a few hours, hourly under two days, else daily.
  const size = hi - lo < 6 * 3_600_000 ? 600_000 : hi - lo < 2 * 86_400_000 ? 3_600_000 : 0;
  const hourly = size > 0;
  const bucket = (ms: number) => (hourly ? Math.floor((ms + off * 60_000) / size) : dayNumber(ms, off));
  const counts = new Map<number, number>();
  for (const x of times) counts.set(bucket(x), (counts.get(bucket(x)) ?? 0) + 1);
  const first = bucket(lo);
  const last = bucket(hi);
  // Cap the axis so a group spread over years stays a small chart.
  const step = Math.max(1, Math.ceil((last - first + 1) / 120));
  const labels: string[] = [];
  const values: number[] = [];
  for (let b = first; b <= last; b += step) {
    let n = 0;
    for (let k = b; k < b + step; k++) n += counts.get(k) ?? 0;
    labels.push(hourly ? formatTime(b * size - off * 60_000, off).slice(5) : dayLabel(b).slice(5));
    values.push(n);
  }
  return chartFigure(
    ctx,
    `timeline-${id}`,
    '',
    { grid: { left: 34, right: 8, top: 8, bottom: 22 }, xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 10, hideOverlap: true } }, yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } }, series: [{ type: 'bar', data: values, itemStyle: { color: COLORS.negative }, barMaxWidth: 14 }] },
    420,
    110,
  );
}
