import type { BatchResult } from '../context/batch-result.js';
import type { Alert } from '../schema/batch.js';
import { SEVERITY_LEVELS, type Analysis } from '../types.js';
import { forTerminal } from './sanitize.js';
import { fit } from './writers.js';

/** How many queue entries and topics the digest lists. */
const QUEUE_LINES = 10;
const TOPIC_LINES = 5;
/** Values listed per slice dimension, and topics per value. */
const SLICE_LINES = 5;
const SLICE_TOPICS = 3;

/**
 * `--summary`: a digest for a person, printed on standard output: counts,
 * top complaint topics, alerts, and the head of the triage queue. Every
 * value from the input goes through forTerminal/fit (ids, texts, messages).
 */
export function summaryText(result: BatchResult, failedRows: number): string {
  const items = result.items;
  const lines: string[] = [];
  const count = (pred: (a: Analysis) => boolean) => items.filter(pred).length;
  lines.push(`reviews: ${items.length}${failedRows ? ` (+${failedRows} row(s) not analysed, see standard error)` : ''}`);
  lines.push(`sentiment: ${(['negative', 'neutral', 'positive'] as const).map((l) => `${l} ${count((a) => a.sentiment.label === l)}`).join(', ')}`);
  lines.push(`severity: ${SEVERITY_LEVELS.map((l) => `${l} ${count((a) => a.severity.level === l)}`).join(', ')}`);
  lines.push(`spam: ${count((a) => a.spam.isSpam)}`);
  const undatable = count((a) => a.timestampIssue !== undefined);
  if (undatable) lines.push(`unusable timestamps: ${undatable} (see timestampIssue)`);

  const topics = new Map<string, number>();
  for (const a of items) for (const t of a.negative?.topics ?? []) topics.set(t, (topics.get(t) ?? 0) + 1);
  const top = [...topics].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, TOPIC_LINES);
  lines.push(`top complaint topics: ${top.length ? top.map(([t, n]) => `${t} ${n}`).join(', ') : '-'}`);

  const slices = Object.entries(result.summary?.slices ?? {});
  if (slices.length) {
    lines.push('', 'slices (highest negative rate first; lift = topic rate against the rest of the batch):');
    for (const [dimension, slice] of slices) {
      lines.push(`  ${forTerminal(dimension)} (${slice.values.length + slice.omitted} value(s)${slice.missing ? `, ${slice.missing} review(s) without one` : ''}):`);
      for (const v of slice.values.slice(0, SLICE_LINES)) {
        const topics = v.topics
          .slice(0, SLICE_TOPICS)
          .map((t) => `${t.topic} ${t.reviews}${t.lift === null ? '' : ` x${t.lift.toFixed(1)}`}`)
          .join(', ');
        const change = v.negativeRateChange === null ? '' : `, ${v.negativeRateChange >= 0 ? '+' : ''}${(v.negativeRateChange * 100).toFixed(1)} pt on the previous period`;
        lines.push(`    ${fit(v.value, 16)} ${pct(v.negativeRate)} negative of ${v.reviews}${v.averageRating === null ? '' : `, rating ${v.averageRating.toFixed(2)}`}${change}${topics ? `; ${topics}` : ''}`);
      }
    }
  }

  if (result.alerts?.length) {
    lines.push('', `alerts (${result.alerts.length}):`);
    for (const a of result.alerts) {
      lines.push(`  [${a.level}] ${a.kind}: ${forTerminal(a.message)}`);
      if (a.plan) lines.push(`      plan: ${forTerminal(planLine(a.plan))}`);
    }
  }
  const byId = new Map(items.map((a) => [a.id, a]));
  const queue = (result.queue ?? []).filter((q) => q.level !== 'low').slice(0, QUEUE_LINES);
  if (queue.length) {
    lines.push('', `act first (${queue.length} of ${(result.queue ?? []).filter((q) => q.level !== 'low').length} in the queue):`);
    for (const q of queue) {
      const due = q.respondWithinHours === null ? '' : ` within ${q.respondWithinHours} h`;
      const group = q.group ? ` (+${(q.members?.length ?? 1) - 1} similar)` : '';
      lines.push(`  ${fit(q.id, 10)} ${q.level}${due}${group}  ${fit(byId.get(q.id)?.text ?? '', 50).trimEnd()}`);
    }
  }
  return lines.join('\n') + '\n';
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** A response plan on one line: lead, deadlines, contact target. */
function planLine(plan: NonNullable<Alert['plan']>): string {
  const parts = [plan.lead, ...plan.deadlines.map((d) => `${d.what} within ${d.withinHours} h`)];
  if (plan.contactNegativeShare !== undefined) parts.push(`contact >= ${Math.round(plan.contactNegativeShare * 100)}% of negative reviewers`);
  return parts.join('; ');
}
