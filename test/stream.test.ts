import { describe, expect, it } from 'vitest';
import { createAnalyzer, type Analysis, type ReviewInput, type StreamEvent } from '../src/index.js';

// Our own sentences: complaints and praise, plus a copied smear that forms a campaign.
const SENTENCES = [
  '快递三天才到，外包装压坏了，客服也不回消息',
  '面料摸起来很舒服，尺码标准，会回购',
  'The blender arrived with a cracked jar and support never answered my emails.',
  'Lovely little teapot, pours cleanly and keeps the tea hot for ages.',
  '用了两天充电口就松了，质量太差，大家别买',
];
const SMEAR = '这家店卖的全是翻新机，用一周就坏，千万别上当受骗';

function reviews(n: number): ReviewInput[] {
  const t0 = Date.UTC(2026, 2, 1);
  return Array.from({ length: n }, (_, i) => {
    const smear = i % 13 === 4;
    return { id: `s${i}`, text: smear ? SMEAR + '!'.repeat(i % 3) : `${SENTENCES[i % SENTENCES.length]} ${i}`, authorId: smear ? `a${i % 2}` : `u${i}`, timestamp: new Date(t0 + i * 900_000).toISOString(), rating: (i % 5) + 1 };
  });
}

async function* slowly<T>(xs: T[]): AsyncGenerator<T> {
  for (const x of xs) yield x;
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

describe('analyzeStream', () => {
  const analyzer = createAnalyzer();

  it('with one window, gives the batch result: items, groups, queue, alerts and summary', async () => {
    const input = reviews(120);
    const batch = analyzer.analyzeBatch(input);
    const events = await collect(analyzer.analyzeStream(slowly(input), { window: 1000 }));
    const items = events.flatMap((e) => (e.kind === 'item' ? [e.item] : []));
    const windows = events.filter((e) => e.kind === 'window');
    const last = events.at(-1)!;
    expect(windows).toHaveLength(1);
    expect(batch.groups!.some((g) => g.campaign)).toBe(true);
    // Group ids carry the window's prefix; otherwise the results are the batch's.
    const unprefix = (a: Analysis) => ({ ...a, spam: { ...a.spam, cluster: a.spam.cluster?.replace(/^w1-/, '') ?? null } });
    expect(items.map(unprefix)).toEqual(batch.items);
    const w = windows[0] as Extract<StreamEvent, { kind: 'window' }>;
    expect(w.groups!.map((g) => ({ ...g, id: g.id.replace(/^w1-/, '') }))).toEqual(batch.groups);
    expect(w.queue!.length).toBe(batch.queue!.length);
    expect(w.alerts!.length).toBe(batch.alerts!.length);
    expect(last).toEqual({ kind: 'summary', reviews: 120, summary: batch.summary });
  });

  it('in several windows, yields every item once in input order, then one summary whose counts add up', async () => {
    const input = reviews(230);
    const batch = analyzer.analyzeBatch(input);
    const events = await collect(analyzer.analyzeStream(input, { window: 50 }));
    const kinds = events.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'window')).toHaveLength(5);
    expect(kinds.at(-1)).toBe('summary');
    const items = events.flatMap((e) => (e.kind === 'item' ? [e.item] : []));
    expect(items.map((a) => a.id)).toEqual(input.map((r) => r.id));
    const windows = events.flatMap((e) => (e.kind === 'window' ? [e] : []));
    expect(windows.map((w) => [w.from, w.to])).toEqual([[0, 50], [50, 100], [100, 150], [150, 200], [200, 230]]);
    // Group ids stay unique across windows.
    const ids = windows.flatMap((w) => (w.groups ?? []).map((g) => g.id));
    expect(new Set(ids).size).toBe(ids.length);
    const s = (events.at(-1) as Extract<StreamEvent, { kind: 'summary' }>).summary!;
    expect(s.total).toBe(230);
    // Sentiment needs no other review: its counts equal the batch's.
    expect(s.sentiment).toEqual(batch.summary!.sentiment);
    expect(s.daily.reduce((n, d) => n + d.reviews, 0)).toBe(230);
    expect(s.daily.map((d) => d.date)).toEqual(batch.summary!.daily.map((d) => d.date));
  });

  it('names the review of a bad input by its place in the whole stream, and rejects unknown options', async () => {
    const input: unknown[] = reviews(30);
    input[23] = { text: 5 };
    await expect(collect(analyzer.analyzeStream(input as ReviewInput[], { window: 10 }))).rejects.toThrow(/^Review #23:/);
    await expect(collect(analyzer.analyzeStream([], { windw: 10 } as never))).rejects.toThrow(/windw/);
  });
});
