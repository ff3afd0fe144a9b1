import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, createMonitor, openSqliteStore, StateError, STATE_SCHEMA_VERSION, type Alert, type MonitorState, type ReviewInput } from '../src/index.js';
import { days, endOfDay } from './helpers/monitor-stream.js';

const HOUR = 3_600_000;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-monitor-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

/** Runs the monitor once per day (clock at each day's end); returns the final state and every run's alerts. */
async function daily(store: string, from = 1, to = 10): Promise<{ state: MonitorState; runs: Alert[][] }> {
  let clock = 0;
  const m = createMonitor({ store, now: () => clock });
  const runs: Alert[][] = [];
  const stream = days(from, to);
  for (let d = from; d <= to; d++) {
    clock = endOfDay(d);
    runs.push((await m.run(stream[d - from]!)).alerts);
  }
  const state = await m.state();
  await m.close();
  return { state, runs };
}

describe('monitor: daily runs remember', () => {
  let perDay: { state: MonitorState; runs: Alert[][] };
  let once: MonitorState;
  beforeAll(async () => {
    perDay = await daily(file('daily.db'));
    const m = createMonitor({ store: file('once.db'), now: () => endOfDay(10) });
    await m.run(days().flat());
    once = await m.state();
    await m.close();
  }, 120_000);

  it('ten daily runs leave the same state as one run over days 1-10', () => {
    expect(perDay.state.analyses).toHaveLength(days().flat().length);
    expect(perDay.state.alerts).toEqual(once.alerts);
    expect(perDay.state.groups).toEqual(once.groups);
    expect(perDay.state.queue).toEqual(once.queue);
    expect(perDay.state.summary).toEqual(once.summary);
    expect(perDay.state.analyses).toEqual(once.analyses);
  });

  it('the alerts each daily run reported, latest version per alert, are the alerts of the single run', () => {
    const latest = new Map<string, Alert>();
    for (const run of perDay.runs) for (const a of run) latest.set(`${a.kind}|${a.group ?? a.evidenceIds[0] ?? ''}|${a.window?.from ?? ''}`, a);
    const key = (a: Alert) => `${a.kind}|${a.group ?? a.evidenceIds[0] ?? ''}|${a.window?.from ?? ''}`;
    expect(new Set(latest.keys())).toEqual(new Set(once.alerts.map(key)));
    for (const a of once.alerts) expect(latest.get(key(a))).toEqual(a);
  });

  it('compares each day with the stored trailing baseline: the bad day 8 alerts in the day-8 run', () => {
    const day8 = perDay.runs[7]!;
    const drop = day8.find((a) => a.kind === 'rating_drop');
    expect(drop?.window).toEqual({ from: '2026-03-08', to: '2026-03-08' });
    expect(drop!.baseline! - drop!.value!).toBeGreaterThanOrEqual(0.5);
    expect(day8.some((a) => a.kind === 'negative_rate_spike')).toBe(true);
  });

  it('a campaign begun on day 3 continues across runs: one group, burst on day 4, grown on day 6', () => {
    const g = perDay.state.groups.find((x) => x.members.includes('c3-0'))!;
    expect(g.members).toEqual(expect.arrayContaining(['c3-0', 'c3-1', 'c4-0', 'c4-5', 'c6-0']));
    expect(g.size).toBe(9);
    expect(g.burst).toBe(true);
    const reported = perDay.runs.map((run) => run.find((a) => a.kind === 'campaign' && a.group === g.id)?.evidenceIds.length ?? 0);
    expect(reported[3]).toBe(8); // day 4: the two of day 3 and the six of day 4
    expect(reported[5]).toBe(9); // day 6: one more
    // A day-3 copy, analysed before the campaign existed, is re-decided as part of it.
    const first = perDay.state.analyses.find((a) => a.id === 'c3-0')!;
    expect(first.negative?.nature).toBe('malicious_attack');
    expect(first.spam.kinds).toContain('duplicate');
  });

  it('an author flooding across midnight is caught although the posts came in two runs', () => {
    for (const id of ['n5-1400', 'n5-1420', 'n6-5', 'n6-15']) expect(perDay.state.analyses.find((a) => a.id === id)!.spam.kinds).toContain('flood');
  });

  it('equals analyzeBatch over the same reviews outside similarity groups, and finds the same groups', () => {
    // The monitor folds groups with the size rule of before the campaign/systemic verdicts (docs/monitor.md), so a
    // group member's nature and actions may differ from analyzeBatch's; everything else must be the same.
    const batch = createAnalyzer().analyzeBatch(days().flat());
    const grouped = new Set((batch.groups ?? []).flatMap((g) => g.members));
    expect(grouped.size).toBeGreaterThan(0);
    expect(once.analyses.filter((a) => !grouped.has(a.id))).toEqual(batch.items.filter((a) => !grouped.has(a.id)));
    const memberSets = (gs: readonly { members: string[] }[]) => gs.map((g) => [...g.members].sort().join(',')).sort();
    expect(memberSets(once.groups)).toEqual(memberSets((batch.groups ?? []).filter((g) => g.verdict !== 'systemic_issue')));
  });

  it('a second run of the same file adds nothing and reports no alert', async () => {
    const m = createMonitor({ store: file('daily.db'), now: () => endOfDay(10) });
    const r = await m.run(days(10, 10)[0]!);
    expect(r.added).toBe(0);
    expect(r.skipped).toBe(days(10, 10)[0]!.length);
    expect(r.alerts).toEqual([]);
    await m.close();
  });
});

describe('monitor: queue deadlines and status', () => {
  it('gives each item a dueAt, turns it overdue, and marking it replied takes it out of overdue', async () => {
    let clock = endOfDay(7) - 20 * HOUR;
    const m = createMonitor({ store: file('queue.db'), now: () => clock });
    const run = await m.run(days(7, 7)[0]!);
    const safety = run.queue.find((q) => q.id === 'safety-7')!;
    expect(safety.respondWithinHours).not.toBeNull();
    expect(safety.dueAt).toBe(new Date(Date.parse('2026-03-07T13:00:00.000Z') + safety.respondWithinHours! * HOUR).toISOString());
    expect(safety.status).toBe('open'); // the clock is before its review time
    clock = Date.parse('2026-03-08T14:00:00.000Z'); // 25 h after the safety review: past its deadline, and old enough for the 24 h KPI
    const before = await m.state();
    expect(before.queue.find((q) => q.id === 'safety-7')!.status).toBe('overdue');
    const overdue = before.summary.queue.overdue;
    const marked = await m.mark('safety-7', 'replied', Date.parse('2026-03-07T20:00:00.000Z'));
    expect(marked.status).toBe('replied');
    expect(marked.repliedAt).toBe('2026-03-07T20:00:00.000Z');
    const after = await m.state();
    expect(after.queue.find((q) => q.id === 'safety-7')!.status).toBe('replied');
    expect(after.summary.queue.overdue).toBe(overdue - 1);
    expect(after.summary.queue.replied).toBe(1);
    // 24 h KPI: items at least a day old; the one reply came 7 h after its review.
    const { eligible, answered, rate } = after.summary.responseRate24h;
    expect(answered).toBe(1);
    expect(eligible).toBeGreaterThan(1);
    expect(rate).toBeCloseTo(1 / eligible, 10);
    await expect(m.mark('no-such-review', 'replied')).rejects.toThrow(/not in the monitor's queue/);
    await m.close();
    // The status is stored: a new monitor on the file sees it.
    const again = createMonitor({ store: file('queue.db'), now: () => clock });
    expect((await again.state()).queue.find((q) => q.id === 'safety-7')!.status).toBe('replied');
    await again.close();
  });

  it('a campaign is one queue item, marked by its group id or any member id', async () => {
    const m = createMonitor({ store: file('group-queue.db'), now: () => endOfDay(4) });
    await m.run(days(3, 4).flat());
    const item = (await m.state()).queue.find((q) => q.group !== undefined && q.members!.includes('c3-0'))!;
    expect(item.key).toBe(item.group);
    const marked = await m.mark('c4-2', 'resolved');
    expect(marked.key).toBe(item.group);
    expect(marked.status).toBe('resolved');
    await m.close();
  });
});

describe('monitor: bad state files', () => {
  it('a file that is not a database gives a StateError naming the file', () => {
    const f = file('garbage.db');
    fs.writeFileSync(f, 'this is not a sqlite file at all, just text that happens to be here '.repeat(40));
    expect(() => openSqliteStore(f)).toThrow(StateError);
    expect(() => openSqliteStore(f)).toThrow(f);
  });

  it('a state file from a newer schema version is refused, and left unchanged', async () => {
    const f = file('newer.db');
    (await openSqliteStore(f)).close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(f);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(STATE_SCHEMA_VERSION + 1));
    db.close();
    const bytes = fs.readFileSync(f);
    const err = (() => {
      try {
        openSqliteStore(f);
      } catch (e) {
        return e as StateError;
      }
    })();
    expect(err).toBeInstanceOf(StateError);
    expect(err!.location).toBe(f);
    expect(err!.message).toMatch(/newer review-triage/);
    expect(fs.readFileSync(f).equals(bytes)).toBe(true);
  });

  it("another application's SQLite database is not taken for a state file", async () => {
    const f = file('foreign.db');
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(f);
    db.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)');
    db.close();
    expect(() => openSqliteStore(f)).toThrow(/another application/);
  });

  it('a damaged page is reported, not read as empty state', async () => {
    const f = file('damaged.db');
    const m = createMonitor({ store: f, now: () => endOfDay(2) });
    await m.run(days(1, 2).flat());
    await m.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(f);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = fs.readFileSync(f);
    // Overwrite the middle of the file (table pages), keeping the header.
    for (let i = 4096 + 100; i < Math.min(bytes.length, 4096 * 3); i++) bytes[i] = 0xa5;
    fs.writeFileSync(f, bytes);
    expect(() => openSqliteStore(f)).toThrow(StateError);
  });
});

describe('monitor: a crash mid-run', () => {
  it('keeps every committed chunk, and rerunning the input finishes the job with the same state as a clean run', async () => {
    const input = days(1, 3).flat();
    const f = file('crash.db');
    const m = createMonitor({ store: f, chunkSize: 20, now: () => endOfDay(3) });
    async function* failing(): AsyncGenerator<ReviewInput> {
      for (let i = 0; i < input.length; i++) {
        if (i === 50) throw new Error('disk unplugged');
        yield input[i]!;
      }
    }
    await expect(m.run(failing())).rejects.toThrow('disk unplugged');
    await m.close();
    // Two chunks of 20 were committed; the third (reviews 40-49) was in progress and is not in the state.
    const after = createMonitor({ store: f, now: () => endOfDay(3) });
    expect((await after.state()).summary.reviews).toBe(40);
    const resumed = await after.run(input);
    expect(resumed.added).toBe(input.length - 40);
    expect(resumed.skipped).toBe(40);
    const state = await after.state();
    await after.close();
    const clean = createMonitor({ store: file('clean.db'), chunkSize: 20, now: () => endOfDay(3) });
    await clean.run(input);
    expect(state).toEqual(await clean.state());
    await clean.close();
  }, 60_000);

  it('an error inside a transaction leaves the store as it was', async () => {
    const store = openSqliteStore(file('tx.db'));
    await store.transaction(async (tx) => tx.hset('x', 'a', '1'));
    await expect(
      store.transaction(async (tx) => {
        tx.hset('x', 'a', '2');
        tx.hincr('x', 'n', 5);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await store.transaction(async (tx) => {
      expect(await tx.hget('x', 'a')).toBe('1');
      expect(await tx.hget('x', 'n')).toBeNull();
    });
    await store.close();
  });
});
