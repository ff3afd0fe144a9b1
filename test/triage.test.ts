import { describe, expect, it } from 'vitest';
import { createAnalyzer, OptionsError, type Analyzer, type ReviewInput } from '../src/index.js';
import { SENTIMENT, NEGATIVE, NEGATIVE_PROBABILITY, SPAM, CLASSIFY_SCORES, GROUP, type TriageDoc, type BatchState } from '../src/extend.js';
import { declineStreaks, negativeRateSpikes, ratingDrops, type Day, type SeriesRules } from '../src/triage/index.js';
import type { CampaignGroup } from '../src/spam/batch/types.js';

/**
 * Every test here sets sentiment/negative/spam itself (by a marker in the
 * text) so it checks the queue, summary and alerts, not the upstream stages.
 */
const NEG = '⊖';
const POS = '⊕';
let groups: Array<{ id: string; members: string[]; burst: boolean }> = [];
let probability: Record<string, { p: number; confidence: number }> = {};

function build(): Analyzer {
  const a = createAnalyzer();
  a.pipeline.add(
    {
      name: 'setup',
      run(doc: TriageDoc) {
        const text = doc.original;
        const evidence = [{ source: 'rule' as const, rule: 'test' }];
        if (text.includes(NEG)) {
          doc.set(SENTIMENT, { label: 'negative', score: -0.7, confidence: 0.9, evidence });
          doc.set(NEGATIVE, { nature: 'genuine_complaint', topics: text.includes('快递') ? ['logistics'] : ['quality'], evidence: [] });
        } else if (text.includes(POS)) {
          doc.set(SENTIMENT, { label: 'positive', score: 0.8, confidence: 0.9, evidence });
          doc.set(NEGATIVE, null);
        }
        const p = probability[doc.review.id];
        if (p) {
          doc.set(NEGATIVE_PROBABILITY, p.p);
          doc.set(SENTIMENT, { ...doc.get(SENTIMENT), confidence: p.confidence });
        }
        doc.set(SPAM, { isSpam: false, score: 0, kinds: [], evidence: [], cluster: null });
      },
    },
    { before: 'severity' },
  );
  // Replace spam's clustering with fixed groups.
  a.batchPipeline.remove('cluster').remove('flood');
  a.batchPipeline.add(
    {
      name: 'fake-groups',
      phase: 'facts',
      provides: [GROUP],
      run(state: BatchState) {
        state.result.groups = groups.map((g): CampaignGroup => {
          const group: CampaignGroup = { id: g.id, members: g.members, size: g.members.length, representative: '', firstAt: null, lastAt: null, distinctAuthors: g.members.length, distinctAddresses: 0, distinctNetworks: 0, unknownAuthors: 0, verdict: 'campaign', campaign: true, burst: g.burst, negative: g.members.length, evidence: { signals: [], coordinated: g.members, independent: [] } };
          for (const d of state.docs) if (g.members.includes(d.review.id)) d.set(GROUP, group);
          return group;
        });
      },
    },
    { before: 'escalation' },
  );
  return a;
}

const analyzer = build();
const run = (inputs: ReviewInput[], options = {}, g: typeof groups = [], p: typeof probability = {}) => {
  groups = g;
  probability = p;
  return analyzer.analyzeBatch(inputs, options);
};

describe('queue', () => {
  const inputs: ReviewInput[] = [
    { id: 'praise', text: `${POS} 很好用，下次还买` },
    { id: 'slow', text: `${NEG} 快递太慢了，等了一个星期`, timestamp: '2024-05-02T10:00:00Z' },
    { id: 'fake', text: `${NEG} 这是假货，包装都不一样` },
    { id: 'harm', text: `${NEG} 用了以后过敏了，起疹子` },
    { id: 'slow-earlier', text: `${NEG} 快递太慢了，等了一个星期`, timestamp: '2024-05-01T10:00:00Z' },
  ];
  it('orders by score, ties by the older review; praise left out', () => {
    const r = run(inputs);
    expect(r.queue!.map((e) => e.id)).toEqual(['harm', 'fake', 'slow-earlier', 'slow']);
    const scores = r.queue!.map((e) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(r.queue![0]!.level).toBe('critical');
  });
  it('options: minLevel and including non-complaints', () => {
    expect(run(inputs, { queue: { minLevel: 'high' } }).queue!.map((e) => e.id)).toEqual(['harm', 'fake']);
    expect(run(inputs, { queue: { onlyComplaints: false } }).queue!.map((e) => e.id)).toContain('praise');
  });
  it('collapses campaign members under their group, which a campaign raises', () => {
    const copies: ReviewInput[] = ['c1', 'c2', 'c3'].map((id) => ({ id, text: `${NEG} 快递太慢了，等了一个星期` }));
    const r = run([...inputs, ...copies], {}, [{ id: 'g1', members: ['c1', 'c2', 'c3'], burst: false }]);
    const entry = r.queue!.find((e) => e.group === 'g1')!;
    expect(entry.members!.sort()).toEqual(['c1', 'c2', 'c3']);
    expect(r.queue!.filter((e) => ['c1', 'c2', 'c3'].includes(e.id))).toHaveLength(1);
    // campaign membership lifted the medium complaint to high
    expect(entry.level).toBe('high');
    expect(r.items.find((i) => i.id === 'c1')!.severity.reasons.join(' ')).toMatch(/campaign/);
  });
  it('escalation levels are options', () => {
    const copies: ReviewInput[] = ['c1', 'c2', 'c3'].map((id) => ({ id, text: `${NEG} 快递太慢了，等了一个星期` }));
    const g = [{ id: 'g1', members: ['c1', 'c2', 'c3'], burst: true }];
    const r = run(copies, { escalation: { burstLevel: 'high' } }, g);
    expect(r.items.map((i) => i.severity.level)).toEqual(['high', 'high', 'high']);
    expect(() => run(copies, { escalation: { burstLevel: 'urgent' } }, g)).toThrow(OptionsError);
  });
  it('a spreading campaign makes its negative members critical', () => {
    const copies: ReviewInput[] = ['c1', 'c2', 'c3'].map((id) => ({ id, text: `${NEG} 快递太慢了，等了一个星期` }));
    const r = run(copies, {}, [{ id: 'g1', members: ['c1', 'c2', 'c3'], burst: true }]);
    expect(r.items.every((i) => i.severity.level === 'critical')).toBe(true);
    expect(r.alerts!.some((a) => a.kind === 'campaign' && a.group === 'g1' && a.level === 'red' && a.evidenceIds.length === 3)).toBe(true);
  });
});

describe('summary', () => {
  it('counts by sentiment, severity, topic and nature', () => {
    const r = run([
      { text: `${POS} 很好` },
      { text: `${NEG} 快递太慢了` },
      { text: `${NEG} 质量一般，线头很多` },
      { text: '普通的一句话' },
    ]);
    const s = r.summary!;
    expect(s.total).toBe(4);
    expect(s.sentiment.positive).toBe(1);
    expect(s.sentiment.negative).toBe(2);
    expect(s.topics.logistics).toBe(1);
    expect(s.topics.quality).toBe(1);
    expect(s.nature.genuine_complaint).toBe(2);
    expect(Object.values(s.severity).reduce((a, b) => a + b, 0)).toBe(4);
  });
  it('themes: words of the complaints that praise does not use rank first', () => {
    const inputs: ReviewInput[] = [];
    for (let i = 0; i < 6; i++) inputs.push({ text: `${NEG} 快递员态度很差，包裹被压扁了，这次购物很失败` });
    for (let i = 0; i < 6; i++) inputs.push({ text: `${POS} 这次购物很开心，质量不错` });
    const themes = run(inputs).summary!.themes;
    const top = themes.logistics!.map((t) => t.term);
    expect(top.slice(0, 5)).toEqual(expect.arrayContaining(['包裹', '压扁']));
    // a word praise uses as well ranks below one only complaints use
    const shared = themes.all!.find((t) => t.term === '购物')!;
    const own = themes.all!.find((t) => t.term === '压扁')!;
    expect(own.reviews).toBe(shared.reviews);
    expect(own.score).toBeGreaterThan(shared.score);
  });
  it('daily negative rate and average rating', () => {
    const r = run([
      { text: `${NEG} 快递太慢了`, timestamp: '2024-03-01T08:00:00Z', rating: 1 },
      { text: `${POS} 很好`, timestamp: '2024-03-01T09:00:00Z', rating: 5 },
      { text: `${POS} 很好`, timestamp: '2024-03-02T09:00:00Z', rating: 4 },
      { text: `${POS} 很好`, timestamp: 'not a date' },
    ]);
    const d = r.summary!.daily;
    expect(d.map((x) => x.date)).toEqual(['2024-03-01', '2024-03-02']);
    expect(d[0]).toMatchObject({ reviews: 2, negative: 1, negativeRate: 0.5, rated: 2, averageRating: 3 });
    expect(d[1]).toMatchObject({ reviews: 1, negative: 0, averageRating: 4 });
    expect(r.summary!.undated).toBe(1);
  });
});

/** A synthetic daily series: day numbers from 19000, `reviews` reviews a day. */
function series(ratings: Array<number | null>, negativeRates: number[] = [], reviews = 100): Day[] {
  return ratings.map((avg, i) => {
    const negative = Math.round((negativeRates[i] ?? 0.1) * reviews);
    return { day: 19000 + i, date: `d${i}`, reviews, negative, negativeRate: negative / reviews, rated: avg === null ? 0 : reviews, averageRating: avg };
  });
}
const RULES: SeriesRules = {
  ratingDropOrange: 0.3,
  ratingDropRed: 0.5,
  baselineDays: 7,
  minBaselineDays: 3,
  minDailyReviews: 5,
  declineStreakDays: 3,
  declineStep: 0.1,
  negativeRateRise: 0.5,
  minRateIncrease: 0.05,
};

describe('alert rules on synthetic daily series', () => {
  const stable = series([4.6, 4.6, 4.6, 4.6, 4.6, 4.6, 4.6, 4.6, 4.6, 4.6]);
  it('a stable series raises nothing', () => {
    expect(ratingDrops(stable, RULES)).toEqual([]);
    expect(declineStreaks(stable, RULES)).toEqual([]);
    expect(negativeRateSpikes(stable, RULES)).toEqual([]);
  });
  it('a single noisy day below the thresholds raises nothing', () => {
    const noisy = series([4.6, 4.5, 4.7, 4.6, 4.4, 4.6, 4.6, 4.62, 4.6], [0.1, 0.1, 0.12, 0.1, 0.14, 0.1, 0.1, 0.1, 0.1]);
    expect(ratingDrops(noisy, RULES)).toEqual([]);
    expect(declineStreaks(noisy, RULES)).toEqual([]);
    expect(negativeRateSpikes(noisy, RULES)).toEqual([]);
  });
  it('a fall of 0.3 against the baseline is orange, 0.5 red', () => {
    const orange = ratingDrops(series([4.6, 4.6, 4.6, 4.6, 4.3]), RULES);
    expect(orange).toHaveLength(1);
    expect(orange[0]).toMatchObject({ kind: 'rating_drop', level: 'orange', fromDay: 19004 });
    expect(ratingDrops(series([4.6, 4.6, 4.6, 4.6, 4.0]), RULES)[0]!.level).toBe('red');
    expect(ratingDrops(series([4.6, 4.6, 4.6, 4.6, 4.35]), RULES)).toEqual([]);
  });
  it('needs enough baseline days and reviews', () => {
    expect(ratingDrops(series([4.6, 4.6, 4.0]), RULES)).toEqual([]);
    expect(ratingDrops(series([4.6, 4.6, 4.6, 4.6, 4.0], [], 3), RULES)).toEqual([]);
  });
  it('three consecutive daily declines of 0.1 are orange, two are not', () => {
    const three = declineStreaks(series([4.8, 4.8, 4.7, 4.6, 4.5, 4.5]), RULES);
    expect(three).toHaveLength(1);
    expect(three[0]).toMatchObject({ level: 'orange', fromDay: 19001, toDay: 19004 });
    expect(declineStreaks(series([4.8, 4.7, 4.6, 4.6, 4.5, 4.4]), RULES)).toEqual([]);
    // a gap in the calendar breaks the streak
    const gap = series([4.8, 4.7, 4.6, 4.5]);
    gap[2]!.day += 1;
    gap[3]!.day += 1;
    expect(declineStreaks(gap, RULES)).toEqual([]);
  });
  it('a negative rate 50% above the baseline is a level-1 alert', () => {
    const spike = negativeRateSpikes(series([null, null, null, null, null], [0.1, 0.1, 0.1, 0.1, 0.2]), RULES);
    expect(spike).toHaveLength(1);
    expect(spike[0]).toMatchObject({ kind: 'negative_rate_spike', level: 'level-1', value: 0.2 });
    expect(negativeRateSpikes(series([null, null, null, null, null], [0.1, 0.1, 0.1, 0.1, 0.14]), RULES)).toEqual([]);
  });
});

describe('alerts end to end', () => {
  const day = (d: number) => `2024-06-${String(d).padStart(2, '0')}T12:00:00Z`;
  function days(ratings: number[]): ReviewInput[] {
    const out: ReviewInput[] = [];
    ratings.forEach((rating, d) => {
      for (let i = 0; i < 10; i++) out.push({ id: `d${d}-${i}`, text: `${POS} 还可以`, rating, timestamp: day(d + 1) });
    });
    return out;
  }
  it('a rating drop gives a red alert with the window and evidence; a stable batch gives none', () => {
    const stable = run(days([5, 5, 5, 5, 5]));
    expect(stable.alerts!.filter((a) => a.kind.startsWith('rating'))).toEqual([]);
    const falling = days([5, 5, 5, 5, 4]);
    for (let i = 0; i < 10; i++) falling[40 + i]!.rating = 4;
    const r = run(falling.map((x, i) => (i >= 40 && i < 43 ? { ...x, rating: 2, text: `${NEG} 质量太差了` } : x)));
    const drop = r.alerts!.find((a) => a.kind === 'rating_drop')!;
    expect(drop.level).toBe('red');
    expect(drop.window).toEqual({ from: '2024-06-05', to: '2024-06-05' });
    expect(drop.evidenceIds).toEqual(['d4-0', 'd4-1', 'd4-2']);
  });
  it('thresholds are options', () => {
    const falling = days([5, 5, 5, 5, 4.8]);
    expect(run(falling).alerts!.filter((a) => a.kind === 'rating_drop')).toEqual([]);
    expect(run(falling, { alerts: { ratingDropOrange: 0.2 } }).alerts!.filter((a) => a.kind === 'rating_drop')).toHaveLength(1);
    expect(() => run(falling, { alerts: { ratingDropRed: -1 } })).toThrow(OptionsError);
    expect(() => run(falling, { alerts: { ratingDrop: 1 } })).toThrow(OptionsError);
  });
  it('a review with 3 high-risk terms is flagged for a person; 2 only with the option lowered', () => {
    const r = run([
      { id: 'three', text: `${NEG} 假货，骗子，用了还过敏` },
      { id: 'two', text: `${NEG} 假货，骗子` },
    ]);
    const flagged = r.alerts!.filter((a) => a.kind === 'high_risk_terms').flatMap((a) => a.evidenceIds);
    expect(flagged).toEqual(['three']);
    const lowered = run([{ id: 'two', text: `${NEG} 假货，骗子` }], { alerts: { highRiskMinHits: 2 } });
    expect(lowered.alerts!.some((a) => a.kind === 'high_risk_terms' && a.evidenceIds[0] === 'two')).toBe(true);
  });
  it('probably negative but unsure goes to manual review', () => {
    const r = run(
      [
        { id: 'unsure', text: '这个东西吧……' },
        { id: 'sure', text: `${NEG} 质量太差了` },
      ],
      {},
      [],
      { unsure: { p: 0.8, confidence: 0.3 }, sure: { p: 0.95, confidence: 0.9 } },
    );
    const manual = r.alerts!.find((a) => a.kind === 'manual_review')!;
    expect(manual.evidenceIds).toEqual(['unsure']);
    expect(manual.level).toBe('yellow');
  });
  it('every critical review is an alert', () => {
    const r = run([{ id: 'harm', text: `${NEG} 吃了以后拉肚子，还呕吐` }, { id: 'ok', text: `${POS} 好吃` }]);
    const critical = r.alerts!.filter((a) => a.kind === 'critical_review');
    expect(critical.map((a) => a.evidenceIds[0])).toEqual(['harm']);
    expect(critical[0]!.level).toBe('red');
    expect(run([{ id: 'harm', text: `${NEG} 吃了以后拉肚子` }], { alerts: { criticalReviews: false } }).alerts!.some((a) => a.kind === 'critical_review')).toBe(false);
  });
  it('works without the severity stage (every review low, queue by negativity)', () => {
    const bare = createAnalyzer({ disable: ['severity'] });
    const r = bare.analyzeBatch(['质量太差了，我要投诉', '很好用，下次还买']);
    expect(r.items.every((i) => i.severity.level === 'low')).toBe(true);
    expect(r.queue!.length).toBeLessThanOrEqual(2);
    expect(r.summary!.severity.low).toBe(2);
  });
  it('an empty batch gives empty results, not a crash', () => {
    const r = run([]);
    expect(r.queue).toEqual([]);
    expect(r.alerts).toEqual([]);
    expect(r.summary!.total).toBe(0);
    expect(r.summary!.daily).toEqual([]);
  });
});
