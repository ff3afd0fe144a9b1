import type { Alert, CampaignGroup, DailyPoint, QueueEntry } from '../schema/batch.js';
import type { SeverityLevel } from '../types.js';
import { campaignAlert, seriesAlert, type AlertsOptions } from '../triage/alerts.js';
import { loadPlans } from '../triage/plans.js';
import type { Day } from '../triage/daily.js';
import { dayString } from '../triage/docs.js';
import { declineStreaks, negativeRateSpikes, ratingDrops } from '../triage/series.js';
import type { GroupRecord } from './engine.js';
import type { StoreReader } from './store.js';

export const QUEUE_STATUSES = ['open', 'replied', 'resolved', 'overdue'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** A queue entry with its response deadline and what the team did about it. */
export interface MonitorQueueItem extends QueueEntry {
  /** The id `monitor mark` takes: the group id for a collapsed group, else the review id. */
  key: string;
  /** Review time (or, without one, when the monitor first saw it) plus `respondWithinHours`; null without a target. */
  dueAt: string | null;
  status: QueueStatus;
  repliedAt?: string;
  resolvedAt?: string;
}

export interface MonitorSummary {
  reviews: number;
  undated: number;
  groups: number;
  queue: Record<QueueStatus, number>;
  /**
   * Queue items at least 24 h old (from the review's time) answered (replied
   * or resolved) within 24 h of it; `rate` is null when none is that old.
   */
  responseRate24h: { eligible: number; answered: number; rate: number | null };
  daily: DailyPoint[];
}

interface StatusRecord {
  status: 'replied' | 'resolved';
  repliedAt?: number;
  resolvedAt?: number;
}

interface QItem {
  level: SeverityLevel;
  score: number;
  hours: number | null;
  t: number | null;
  firstSeen: number;
  seq: number;
  gid: string | null;
}

const HOUR = 3_600_000;
const json = <T>(m: Map<string, string>) => [...m].map(([k, v]) => [k, JSON.parse(v) as T] as const);

export async function readGroups(r: StoreReader): Promise<GroupRecord[]> {
  return json<GroupRecord>(await r.hgetall('group'))
    .map(([, g]) => g)
    .sort((a, b) => a.rootSeq - b.rootSeq);
}

/** The daily series from the day counters, oldest first. */
export async function readDays(r: StoreReader): Promise<Day[]> {
  const [reviews, negative, rated, ratingMilli] = await Promise.all(['day.reviews', 'day.negative', 'day.rated', 'day.ratingMilli'].map((ns) => r.hgetall(ns)));
  return [...reviews!.keys()]
    .map(Number)
    .sort((a, b) => a - b)
    .map((day) => {
      const k = String(day);
      const n = Number(reviews!.get(k));
      const neg = Number(negative!.get(k) ?? 0);
      const nr = Number(rated!.get(k) ?? 0);
      return { day, date: dayString(day), reviews: n, negative: neg, negativeRate: neg / n, rated: nr, averageRating: nr ? Number(ratingMilli!.get(k) ?? 0) / 1000 / nr : null };
    });
}

/** Alert keys: one alert per review, group, series finding (kind and first day), and the one manual-review list. */
export function alertKey(a: Alert): string {
  if (a.kind === 'campaign') return `campaign:${a.group}`;
  if (a.kind === 'critical_review' || a.kind === 'high_risk_terms') return `${a.kind}:${a.evidenceIds[0]}`;
  if (a.kind === 'manual_review') return 'manual_review';
  return `${a.kind}:${a.window?.from ?? ''}`;
}

/**
 * Every alert the stored state gives, in the batch stage's rule order
 * (critical reviews, campaigns, rating drops, decline streaks, rate spikes,
 * high-risk reviews, manual review). Series alerts compare each day with the
 * stored trailing baseline, however many runs brought the days in.
 */
export async function buildBook(r: StoreReader, o: AlertsOptions): Promise<Alert[]> {
  const alerts: Alert[] = [];
  const at = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const urgent = <T extends { score: number; seq: number }>(a: T, b: T) => b.score - a.score || a.seq - b.seq;
  const groups = (await readGroups(r)).map((g) => g.group);
  const alerted = groups.filter((g) => (o.campaigns === 'all' ? g.campaign || g.burst : o.campaigns === 'burst' && g.burst));
  const alertedIds = new Set(alerted.map((g) => g.id));
  if (o.criticalReviews) {
    const critical = json<{ score: number; seq: number; t: number | null; reason: string | null; gid: string | null }>(await r.hgetall('critical'))
      .filter(([, c]) => c.gid === null || !alertedIds.has(c.gid))
      .sort((a, b) => urgent(a[1], b[1]));
    for (const [id, c] of critical) {
      const t = at(c.t);
      alerts.push({ kind: 'critical_review', level: 'red', message: `Critical review ${id}: ${c.reason ?? 'needs a person at once.'}`, window: t ? { from: t, to: t } : null, evidenceIds: [id] });
    }
  }
  // The crisis levels the monitor knows from its stored facts (TAXONOMY section 7): a spreading campaign and a
  // negative-rate spike are level 1, as in analyzeBatch. The per-product levels 2-3 and the penalty line need
  // per-product day counts the state does not keep yet (docs/monitor.md).
  const plans = loadPlans(null, o.locale, o.plans);
  for (const g of alerted) alerts.push(g.burst ? { ...campaignAlert(g, o.locale), crisisLevel: 'level-1', plan: plans['level-1'] } : campaignAlert(g, o.locale));
  const days = await readDays(r);
  const dayIds = new Map(json<string[]>(await r.hgetall('dayids')).map(([d, ids]) => [Number(d), ids]));
  for (const f of [...ratingDrops(days, o), ...declineStreaks(days, o), ...negativeRateSpikes(days, o)]) {
    const a = seriesAlert(f, days, dayIds, o);
    alerts.push(f.kind === 'negative_rate_spike' ? { ...a, crisisLevel: 'level-1', plan: plans['level-1'] } : a);
  }
  const risky = json<{ hits: number; terms: string[]; seq: number; t: number | null }>(await r.hgetall('highrisk')).sort((a, b) => a[1].seq - b[1].seq);
  for (const [id, h] of risky) {
    const t = at(h.t);
    alerts.push({
      kind: 'high_risk_terms',
      level: 'orange',
      message: `Review ${id} uses ${h.hits} high-risk terms (${h.terms.join(', ')}): a person should check whether it is a malicious attack or a critical case.`,
      window: t ? { from: t, to: t } : null,
      evidenceIds: [id],
    });
  }
  const manual = json<{ score: number; seq: number }>(await r.hgetall('manual')).sort((a, b) => urgent(a[1], b[1]));
  if (manual.length) {
    alerts.push({
      kind: 'manual_review',
      level: 'yellow',
      message: `${manual.length} review(s) are probably negative but the sentiment is uncertain: check them by hand.`,
      window: null,
      evidenceIds: manual.slice(0, o.maxEvidenceIds).map(([id]) => id),
    });
  }
  return alerts;
}

/** The queue (the `queue` stage's order and group collapsing) with deadlines and statuses as of `now`. */
export async function buildQueueView(r: StoreReader, now: number): Promise<MonitorQueueItem[]> {
  const items = json<QItem>(await r.hgetall('qitem')).sort(
    ([, a], [, b]) => b.score - a.score || (a.hours ?? Infinity) - (b.hours ?? Infinity) || (a.t ?? Infinity) - (b.t ?? Infinity) || a.seq - b.seq,
  );
  const statuses = new Map(json<StatusRecord>(await r.hgetall('status')));
  const out: MonitorQueueItem[] = [];
  const byGroup = new Map<string, MonitorQueueItem>();
  for (const [id, q] of items) {
    if (q.gid !== null) {
      const existing = byGroup.get(q.gid);
      if (existing) {
        existing.members!.push(id);
        continue;
      }
    }
    const key = q.gid ?? id;
    const due = q.hours === null ? null : (q.t ?? q.firstSeen) + q.hours * HOUR;
    const s = statuses.get(key);
    const item: MonitorQueueItem = {
      id,
      level: q.level,
      score: q.score,
      respondWithinHours: q.hours,
      ...(q.gid !== null ? { group: q.gid, members: [id] } : {}),
      key,
      dueAt: due === null ? null : new Date(due).toISOString(),
      status: s ? s.status : due !== null && now > due ? 'overdue' : 'open',
    };
    if (s?.repliedAt !== undefined) item.repliedAt = new Date(s.repliedAt).toISOString();
    if (s?.resolvedAt !== undefined) item.resolvedAt = new Date(s.resolvedAt).toISOString();
    if (q.gid !== null) byGroup.set(q.gid, item);
    out.push(item);
  }
  return out;
}

/** Counts, the queue by status and the 24 h response rate. */
export async function buildSummary(r: StoreReader, queue: readonly MonitorQueueItem[], now: number): Promise<MonitorSummary> {
  const counts = { open: 0, replied: 0, resolved: 0, overdue: 0 };
  let eligible = 0;
  let answered = 0;
  const items = new Map(json<QItem>(await r.hgetall('qitem')));
  for (const q of queue) {
    counts[q.status]++;
    const lead = items.get(q.id)!;
    const since = lead.t ?? lead.firstSeen;
    if (now - since < 24 * HOUR) continue;
    eligible++;
    const at = q.repliedAt ?? q.resolvedAt;
    if (at !== undefined && Date.parse(at) - since <= 24 * HOUR) answered++;
  }
  const days = await readDays(r);
  return {
    reviews: Number((await r.hget('meta', 'seq')) ?? 0),
    undated: Number((await r.hget('meta', 'undated')) ?? 0),
    groups: (await r.hgetall('group')).size,
    queue: counts,
    responseRate24h: { eligible, answered, rate: eligible ? answered / eligible : null },
    daily: days.map(({ day: _day, ...rest }) => rest),
  };
}

export function publicGroups(records: readonly GroupRecord[]): CampaignGroup[] {
  return records.map((g) => g.group);
}
