import type { QueueEntry } from '../../triage/types.js';
import type { Analysis, Evidence } from '../../types.js';
import type { ReportContext } from '../context.js';
import { esc, highlight, note, section } from '../html.js';
import { fill } from '../locales.js';
import { formatTime, type ReportRow } from '../model.js';

const HOUR = 3_600_000;

/** Section 4: the top of `BatchResult.queue` with reasons, deadline, evidence and a suggested reply. */
export function queueSection(ctx: ReportContext): string {
  const { t, o, result } = ctx;
  const queue = Array.isArray(result.queue) ? result.queue : [];
  if (!queue.length) return section('queue', t.sections.queue, note(ctx.rows.length ? t.queue.empty : t.missing.empty));
  const shown = queue.slice(0, o.maxQueue);
  const items = shown.map((entry, i) => queueItem(ctx, entry, i + 1)).join('\n');
  const capped = queue.length > shown.length ? note(fill(t.queue.capped, { shown: shown.length, total: queue.length })) : '';
  return section('queue', t.sections.queue, `<ol class="queue">${items}</ol>${capped}`);
}

function queueItem(ctx: ReportContext, entry: QueueEntry, rank: number): string {
  const { t, o } = ctx;
  const row = ctx.byId.get(entry.id);
  const a = row?.item;
  const level = t.levels[entry.level] ?? entry.level;
  // The spans behind the level and the complaint type; sentiment cues only when those have none (they mark many small words).
  const decisive: Evidence[] = a ? [...(a.severity?.evidence ?? []), ...(a.negative?.evidence ?? [])] : [];
  const evidence = decisive.some((e) => typeof e.start === 'number') ? decisive : (a?.sentiment?.evidence ?? []);
  const text = a ? highlight(a.text ?? '', evidence, o.maxTextChars) : '';
  const meta = [esc(entry.id), row?.time != null ? esc(formatTime(row.time, o.utcOffsetMinutes)) : '', a?.negative ? esc(t.natures[a.negative.nature] ?? a.negative.nature) : '', ...(a?.negative?.topics ?? []).map((k) => esc(t.topics[k] ?? k))]
    .filter(Boolean)
    .join(' · ');
  const reasons = (a?.severity?.reasons ?? []).map((r) => `<li>${esc(r)}</li>`).join('');
  const actions = (a?.severity?.actions ?? []).slice(0, 3).map((r) => `<li>${esc(r)}</li>`).join('');
  const group = entry.group && entry.members ? `<p class="small">${esc(fill(t.queue.members, { n: entry.members.length, g: entry.group }))}</p>` : '';
  const reply = replyText(a);
  return `<li class="queue-item level-${esc(entry.level)}" data-id="${esc(entry.id)}">
<div class="qhead"><span class="rank">${rank}</span><span class="badge ${esc(entry.level)}">${esc(level)}</span><span class="deadline"><b>${esc(t.queue.deadline)}:</b> ${esc(deadline(ctx, entry, row))}</span><span class="meta">${meta}</span></div>
<blockquote class="review-text">${text}</blockquote>${group}
<div class="two small"><div><b>${esc(t.queue.reasons)}</b><ul>${reasons}</ul></div><div><b>${esc(t.queue.actions)}</b><ul>${actions}</ul></div></div>${
    reply ? `<div class="reply"><b>${esc(t.queue.reply)}</b><p>${esc(reply)}</p></div>` : ''
  }
</li>`;
}

/** Review time + respondWithinHours, in the merchant's time zone. */
function deadline(ctx: ReportContext, entry: QueueEntry, row: ReportRow | undefined): string {
  const { t, o } = ctx;
  const h = entry.respondWithinHours;
  if (h === null || h === undefined) return t.queue.noDeadline;
  if (!row || row.time === null) return fill(t.queue.noTime, { h });
  const due = row.time + h * HOUR;
  const at = formatTime(due, o.utcOffsetMinutes);
  return h === 0 ? `${t.queue.atOnce} (${at})` : at;
}

/**
 * A reply draft when the analysis carries one (`analysis.reply`, planned as
 * opt-in): a string, or an object with a public text. Read defensively.
 */
function replyText(a: Analysis | undefined): string | null {
  const r = (a as unknown as { reply?: unknown } | undefined)?.reply;
  if (typeof r === 'string') return r.trim() || null;
  if (r && typeof r === 'object') {
    const o = r as Record<string, unknown>;
    for (const k of ['public', 'text', 'private']) {
      const v = o[k];
      if (typeof v === 'string' && v.trim()) return v.trim();
      if (v && typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string') return (v as { text: string }).text;
    }
  }
  return null;
}
