import { z } from 'zod';
import type { AnalyzerOptions } from '../analyzer/analyzer.js';
import { InputError, OptionsError } from '../kernel/errors.js';
import type { ReviewInput } from '../kernel/review.js';
import type { Alert, CampaignGroup } from '../schema/batch.js';
import type { Analysis } from '../types.js';
import { MonitorEngine, type Prepared } from './engine.js';
import { openSqliteStore } from './sqlite-store.js';
import type { MonitorStore } from './store.js';
import { alertKey, buildBook, buildQueueView, buildSummary, publicGroups, readGroups, type MonitorQueueItem, type MonitorSummary } from './views.js';

export interface MonitorOptions {
  /** Where the state lives: a MonitorStore (openSqliteStore, openRedisStore) or a SQLite file path. */
  store: MonitorStore | string;
  /** Analyzer options (lexicons, stageOptions of the batch rules: cluster, flood, escalation, queue, alerts). */
  analyzer?: AnalyzerOptions;
  /** Reviews committed per transaction: a crash loses at most the chunk in progress. */
  chunkSize?: number;
  /** The clock (epoch ms) for deadlines and overdue items; tests pass a fixed one. */
  now?: () => number;
}

const MonitorOptionsSchema = z
  .object({
    store: z.union([z.string().min(1), z.custom<MonitorStore>((v) => typeof v === 'object' && v !== null && typeof (v as MonitorStore).transaction === 'function')]),
    analyzer: z.record(z.string(), z.unknown()).optional(),
    chunkSize: z.number().int().min(1).default(500),
    now: z.custom<() => number>((v) => typeof v === 'function').optional(),
  })
  .strict();

export interface MonitorRun {
  /** Reviews new to the state (stored now) and reviews it already had (skipped, by id). */
  added: number;
  skipped: number;
  /** Alerts new in this run or changed by it (a campaign that grew, a decline streak that went on). */
  alerts: Alert[];
  /** Keys of alerts the state no longer gives (e.g. a campaign merged into an older one). */
  closedAlerts: string[];
  /** The queue: open and overdue items first by urgency, then answered ones. */
  queue: MonitorQueueItem[];
  summary: MonitorSummary;
}

/** The whole remembered state, for reports and equality checks. */
export interface MonitorState {
  alerts: Alert[];
  groups: CampaignGroup[];
  queue: MonitorQueueItem[];
  summary: MonitorSummary;
  analyses: Analysis[];
}

export interface Monitor {
  readonly store: MonitorStore;
  /** Analyses the new reviews, folds them into the state in input order, and reports what changed. */
  run(inputs: Iterable<string | ReviewInput> | AsyncIterable<string | ReviewInput>): Promise<MonitorRun>;
  /** Per-review work only (no state): what `fold` takes. Worker processes call this in parallel. */
  prepare(inputs: ReadonlyArray<string | ReviewInput>): Prepared[];
  /** Folds prepared reviews into the state in one transaction. */
  fold(prepared: readonly Prepared[]): Promise<{ added: number; skipped: number }>;
  /**
   * Folds chunk number `index` of a stream if it is the next one the state
   * expects (returns null otherwise): several processes can offer chunks,
   * and each is folded once, in order.
   */
  foldChunk(index: number, prepared: readonly Prepared[]): Promise<{ added: number; skipped: number } | null>;
  /** The number of the next stream chunk `foldChunk` expects. */
  nextChunk(): Promise<number>;
  /** Recomputes alerts from the state, stores them and returns what changed, with the queue and summary. */
  finish(counts?: { added: number; skipped: number }): Promise<MonitorRun>;
  /** Sets the status of a queue item (a review id or a group id): replied, resolved, or open again. */
  mark(id: string, status: 'replied' | 'resolved' | 'open', at?: number): Promise<MonitorQueueItem>;
  state(): Promise<MonitorState>;
  close(): Promise<void>;
}

/**
 * A monitor that remembers between runs: each run adds the new reviews to
 * the store, and alerts, campaign groups and the queue continue from what
 * earlier runs stored. Folding a stream one day at a time gives the same
 * state as folding it in one run.
 */
export function createMonitor(options: MonitorOptions): Monitor {
  const parsed = MonitorOptionsSchema.safeParse(options);
  if (!parsed.success) throw new OptionsError(`Invalid monitor options: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  const o = parsed.data;
  const store: MonitorStore = typeof o.store === 'string' ? openSqliteStore(o.store) : o.store;
  const engine = new MonitorEngine((o.analyzer ?? {}) as AnalyzerOptions);
  const now = o.now ?? Date.now;
  const alertOptions = engine.options.alerts;

  const fold = (prepared: readonly Prepared[]) => store.transaction((tx) => engine.fold(tx, prepared, now()));

  const finish = async (counts = { added: 0, skipped: 0 }): Promise<MonitorRun> =>
    store.transaction(async (tx) => {
      const book = await buildBook(tx, alertOptions);
      const stored = await tx.hgetall('alert');
      const alerts: Alert[] = [];
      const keys = new Set<string>();
      for (const a of book) {
        const key = alertKey(a);
        keys.add(key);
        const text = JSON.stringify(a);
        if (stored.get(key) !== text) {
          alerts.push(a);
          tx.hset('alert', key, text);
        }
      }
      const closedAlerts = [...stored.keys()].filter((k) => !keys.has(k));
      for (const k of closedAlerts) tx.hdel('alert', k);
      const t = now();
      const queue = await buildQueueView(tx, t);
      const summary = await buildSummary(tx, queue, t);
      const rank = (s: MonitorQueueItem['status']) => (s === 'overdue' || s === 'open' ? 0 : 1);
      return { ...counts, alerts, closedAlerts, queue: [...queue].sort((a, b) => rank(a.status) - rank(b.status)), summary };
    });

  return {
    store,
    async run(inputs) {
      let chunk: Array<string | ReviewInput> = [];
      const total = { added: 0, skipped: 0 };
      const flush = async () => {
        const r = await fold(engine.prepareAll(chunk));
        total.added += r.added;
        total.skipped += r.skipped;
        chunk = [];
      };
      for await (const input of inputs as AsyncIterable<string | ReviewInput>) {
        chunk.push(input);
        if (chunk.length >= o.chunkSize) await flush();
      }
      if (chunk.length) await flush();
      return finish(total);
    },
    prepare: (inputs) => engine.prepareAll(inputs),
    fold,
    foldChunk: (index, prepared) =>
      store.transaction(async (tx) => {
        if (Number((await tx.hget('meta', 'chunk')) ?? 0) !== index) return null;
        tx.hincr('meta', 'chunk', 1);
        return engine.fold(tx, prepared, now());
      }),
    nextChunk: () => store.transaction(async (tx) => Number((await tx.hget('meta', 'chunk')) ?? 0)),
    finish,
    async mark(id, status, at) {
      if (!['replied', 'resolved', 'open'].includes(status)) throw new InputError(`Unknown status "${status}": use replied, resolved or open.`, [{ path: ['status'], message: 'expected replied, resolved or open' }]);
      return store.transaction(async (tx) => {
        const queue = await buildQueueView(tx, now());
        const item = queue.find((q) => q.key === id || q.id === id || q.members?.includes(id));
        if (!item) throw new InputError(`"${id}" is not in the monitor's queue (${store.location}): give a review id or group id from the queue.`, [{ path: ['id'], message: 'not in the queue' }]);
        const when = at ?? now();
        const prev = JSON.parse((await tx.hget('status', item.key)) ?? '{}') as { repliedAt?: number; resolvedAt?: number };
        if (status === 'open') tx.hdel('status', item.key);
        else if (status === 'replied') tx.hset('status', item.key, JSON.stringify({ status, repliedAt: prev.repliedAt ?? when }));
        else tx.hset('status', item.key, JSON.stringify({ status, ...(prev.repliedAt !== undefined ? { repliedAt: prev.repliedAt } : {}), resolvedAt: when }));
        tx.hincr('meta', 'marks', 1);
        return (await buildQueueView(tx, now())).find((q) => q.key === item.key)!;
      });
    },
    async state() {
      return store.transaction(async (tx) => {
        const t = now();
        const queue = await buildQueueView(tx, t);
        const analyses = [...(await tx.hgetall('analysis')).values()].map((v) => JSON.parse(v) as Analysis);
        const seq = new Map([...(await tx.hgetall('review'))].map(([id, v]) => [id, (JSON.parse(v) as { seq: number }).seq]));
        analyses.sort((a, b) => seq.get(a.id)! - seq.get(b.id)!);
        return { alerts: await buildBook(tx, alertOptions), groups: publicGroups(await readGroups(tx)), queue, summary: await buildSummary(tx, queue, t), analyses };
      });
    },
    close: () => store.close(),
  };
}
