import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertsOptionsSchema, InputError, OptionsError, renderReport, type Analysis, type BatchResult } from '../src/index.js';
import type { Day } from '../src/triage/daily.js';
import { esc, highlight } from '../src/report/html.js';
import { negativeRateThresholds, ratingBaselines } from '../src/report/thresholds.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

/** A minimal Analysis, for results built by hand (caps, shapes the analyzer does not produce yet). */
function item(id: string, text: string, over: Partial<Analysis> = {}): Analysis {
  return {
    id,
    text,
    language: 'en',
    sentiment: { label: 'negative', score: -0.8, confidence: 0.8, evidence: [] },
    negative: { nature: 'genuine_complaint', topics: ['quality'], evidence: [] },
    spam: { isSpam: false, score: 0, kinds: [], evidence: [], cluster: null },
    severity: { level: 'medium', score: 50, reasons: ['A complaint about quality.'], respondWithinHours: 12, actions: [], evidence: [] },
    ...over,
  };
}

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('renderReport: hostile text', () => {
  const hostile = [
    '<script>alert(1)</script><img src=x onerror=alert(2)> 质量差 & "quoted" \'single\'',
    '</blockquote></li></ol><iframe src="https://evil.example"></iframe>',
    'broken \uD800 surrogate and \u0000 control',
  ];
  const inputs = hostile.map((text, i) => ({ id: `"><svg onload=alert(${i})>`, text, rating: 1, timestamp: `2026-03-0${i + 1}T10:00:00Z`, platform: '<b onmouseover=x>shop</b>' }));

  it('escapes review text, ids and metadata everywhere: no markup from the input reaches the page', () => {
    const result = defaultAnalyzer().analyzeBatch(inputs);
    const html = renderReport(result, { inputs, minSliceSupport: 1, title: '<title>x</title>' });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/<svg onload/i);
    expect(html).not.toMatch(/<b onmouseover/i);
    expect(html).not.toContain('\u0000');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;title&gt;x&lt;/title&gt;');
    // A lone surrogate would make the document invalid UTF-8 when written.
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(html)).toBe(false);
  }, 120_000); // the file's first test builds the analyzer and loads ECharts: 31 s once on the loaded CI machine

  it('esc() covers the five HTML specials, highlight() ignores spans outside the text', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    const out = highlight('<b>bad</b> item', [
      { source: 'lexicon', rule: 'bad', start: 3, end: 6 },
      { source: 'lexicon', rule: 'x', start: 50, end: 60 },
      { source: 'lexicon', rule: 'y', start: 5, end: 2 },
      { source: 'lexicon', rule: '"><i>', start: 4, end: 8 },
    ], 400);
    expect(out).toBe('&lt;b&gt;<mark title="bad, &quot;&gt;&lt;i&gt;">bad&lt;/</mark>b&gt; item');
  });
});

describe('renderReport: caps keep the file bounded', () => {
  it('shows maxQueue queue entries and maxGroups groups, each with a note giving the total', () => {
    const items = Array.from({ length: 300 }, (_, i) => item(`r${i}`, `review number ${i}`));
    const queue = items.map((a, i) => ({ id: a.id, level: 'medium' as const, score: 60 - i / 100, respondWithinHours: 12 }));
    const groups = Array.from({ length: 40 }, (_, g) => ({
      id: `g${g}`, members: items.slice(g * 5, g * 5 + 5).map((a) => a.id), size: 5, representative: `group ${g}`, firstAt: null, lastAt: null,
      distinctAuthors: 5, distinctAddresses: 0, distinctNetworks: 0, unknownAuthors: 0, verdict: 'campaign' as const, campaign: true, burst: false, negative: 5,
      evidence: { signals: [], coordinated: [], independent: [] },
    }));
    const html = renderReport({ items, queue, groups }, { maxQueue: 25, maxGroups: 7 });
    expect(count(html, '<li class="queue-item')).toBe(25);
    expect(html).toContain('Showing the first 25 of 300 queue entries.');
    expect(count(html, '<article class="group')).toBe(7);
    expect(html).toContain('Showing the 7 largest of 40 groups.');
  });

  it('clips long review text to maxTextChars', () => {
    const long = 'x'.repeat(5000);
    const html = renderReport({ items: [item('a', long)], queue: [{ id: 'a', level: 'medium', score: 50, respondWithinHours: 12 }] }, { maxTextChars: 100 });
    expect(html).toContain('x'.repeat(100) + '…');
    expect(html).not.toContain('x'.repeat(101));
  });
});

describe('renderReport: missing data', () => {
  it('empty input: a complete page that says there is nothing to report', () => {
    const result = defaultAnalyzer().analyzeBatch([]);
    const html = renderReport(result);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    for (const id of ['headline', 'daily', 'breakdown', 'queue', 'groups', 'slices', 'spam']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('The input holds no review');
  });

  it('no timestamps: says daily series and deadlines cannot be shown, and gives deadlines as hours after posting', () => {
    const reviews = [{ text: '用了以后过敏起红疹，要投诉到12315', rating: 1 }, { text: 'Great, thanks' }];
    const result = defaultAnalyzer().analyzeBatch(reviews);
    const html = renderReport(result, { inputs: reviews });
    expect(html).toContain('No review has a usable timestamp');
    expect(html).not.toContain('data-chart="daily-volume"');
    expect(html).toMatch(/within 0 h of posting \(review has no time\)/);
  });

  it('a result without queue, groups or summary (stages disabled) still renders, saying clustering did not run', () => {
    const html = renderReport({ items: [item('a', 'bad')] });
    expect(html).toContain('Not computed in this run');
    expect(html).toContain('Nothing in the queue.');
  });
});

describe('renderReport: content', () => {
  it('deadline = review time + respondWithinHours, in the requested time zone', () => {
    const items = [item('a', 'broken on arrival')];
    const html = renderReport(
      { items, queue: [{ id: 'a', level: 'high', score: 70, respondWithinHours: 6 }] },
      { inputs: [{ id: 'a', text: 'broken on arrival', timestamp: '2026-03-01T20:30:00Z' }], utcOffsetMinutes: 480 },
    );
    // 20:30Z + 6 h = 02:30Z next day = 10:30 in UTC+8.
    expect(html).toContain('2026-03-02 10:30');
    expect(html).toContain('UTC+8');
  });

  it('shows the suggested reply when the analysis carries one (string or { public })', () => {
    const withReply = { ...item('a', 'late parcel'), reply: { public: 'Sorry for the delay, we have sent a new one.' } } as Analysis;
    const html = renderReport({ items: [withReply], queue: [{ id: 'a', level: 'medium', score: 50, respondWithinHours: 12 }] });
    expect(html).toContain('Suggested reply');
    expect(html).toContain('Sorry for the delay, we have sent a new one.');
  });

  it('renders systemic groups when the result carries them, and says none were found otherwise', () => {
    const items = [item('a', 'pills after one wash'), item('b', 'pilling after a wash')];
    const systemic = [{ id: 's1', members: ['a', 'b'], size: 2, representative: 'pills after one wash', distinctAuthors: 2, distinctNetworks: 2, firstAt: '2026-03-01T00:00:00Z', lastAt: '2026-03-05T00:00:00Z', topics: ['quality'] }];
    const withGroups = renderReport({ items, groups: [], systemic } as BatchResult);
    expect(withGroups).toContain('data-group="s1"');
    expect(withGroups).not.toContain('No systemic issue was detected.');
    expect(renderReport({ items, groups: [] })).toContain('No systemic issue was detected.');
  });

  it('zh locale: Chinese headings and lang attribute', () => {
    const html = renderReport({ items: [] }, { locale: 'zh' });
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h2>核心指标</h2>');
    expect(html).toContain('<h2>待处理队列</h2>');
  });

  it('bad options are an OptionsError, a non-result an InputError', () => {
    expect(() => renderReport({ items: [] }, { locale: 'fr' as 'en' })).toThrow(OptionsError);
    expect(() => renderReport({ items: [] }, { maxQueue: 0 })).toThrow(OptionsError);
    expect(() => renderReport({ items: [] }, { alerts: { ratingDropOrange: -1 } })).toThrow(OptionsError);
    expect(() => renderReport(null as unknown as BatchResult)).toThrow(InputError);
    expect(() => renderReport({ items: 'x' } as unknown as BatchResult)).toThrow(InputError);
  });
});

describe('renderReport: thresholds, fired days and periods', () => {
  const rules = AlertsOptionsSchema.parse({});
  const day = (i: number, reviews: number, negative: number, averageRating: number): Day => ({
    day: 20_000 + i, date: `d${i}`, reviews, negative, negativeRate: negative / reviews, rated: reviews, averageRating,
  });

  it('thresholds: null until minBaselineDays qualifying days, then the trailing baseline raised as the rules say', () => {
    const days = [day(0, 10, 1, 4), day(1, 10, 1, 4), day(2, 10, 1, 4), day(3, 10, 1, 4), day(4, 10, 4, 3), day(5, 2, 2, 1), day(6, 10, 0, 5)];
    // Baseline rate 0.1: max(0.1 * 1.5, 0.1 + 0.05) = 0.15. Day 6's baseline: days 0-4 (day 5 has too few reviews) = 8/50.
    const rate = negativeRateThresholds(days, rules);
    expect(rate.slice(0, 3)).toEqual([null, null, null]);
    expect(rate[3]).toBeCloseTo(0.15, 9);
    expect(rate[4]).toBeCloseTo(0.15, 9);
    expect(rate[6]).toBeCloseTo(Math.max((8 / 50) * 1.5, 8 / 50 + 0.05), 9);
    const rating = ratingBaselines(days, rules);
    expect(rating.slice(0, 3)).toEqual([null, null, null]);
    expect(rating[3]).toBe(4);
    expect(rating[6]).toBeCloseTo((4 * 40 + 3 * 10) / 50, 9);
  });

  it('on the example, the days the alerts stage fired on are exactly the days at or above the drawn rate threshold, and each is marked', () => {
    const inputs = fs.readFileSync(path.resolve(__dirname, '..', 'examples', 'reviews.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { text: string });
    const result = defaultAnalyzer().analyzeBatch(inputs);
    const daily = result.summary!.daily;
    const days: Day[] = daily.map((p) => ({ ...p, day: Date.parse(p.date) / 86_400_000 }));
    const thresholds = negativeRateThresholds(days, rules);
    const above = daily.filter((p, i) => thresholds[i] !== null && p.reviews >= rules.minDailyReviews && p.negativeRate >= thresholds[i]! - 1e-9).map((p) => p.date);
    const fired = result.alerts!.filter((a) => a.kind === 'negative_rate_spike').map((a) => a.window!.to);
    expect(fired.length).toBeGreaterThan(0);
    expect(above).toEqual(fired);
    const html = renderReport(result, { inputs });
    const figure = /<figure class="chart" data-chart="daily-negative-rate">[\s\S]*?<\/figure>/.exec(html)![0];
    // Series 2 is the "alert fired" scatter: one data mark (not legend) per fired day.
    expect(figure.match(/ecmeta_series_index="2" ecmeta_data_index="\d+" ecmeta_ssr_type="chart"/g)?.length).toBe(fired.length);
  });

  it('headline: the latest period against the one before, with the change', () => {
    const items = Array.from({ length: 6 }, (_, i) => item(`r${i}`, 'bad', i < 2 ? {} : { sentiment: { label: 'positive', score: 0.8, confidence: 0.8, evidence: [] }, negative: null }));
    // Two reviews (both negative) in the first week, four (none negative) in the second.
    const inputs = items.map((a, i) => ({ id: a.id, text: a.text, timestamp: `2026-03-${['01', '02', '08', '10', '12', '14'][i]}T12:00:00Z`, rating: i < 2 ? 1 : 5 }));
    const html = renderReport({ items }, { inputs, periodDays: 7 });
    expect(html).toContain('Last 7 day(s): 2026-03-08 to 2026-03-14');
    expect(html).toMatch(/data-figure="reviews"><div class="label">Reviews<\/div><div class="value">4<\/div><div class="change">\+100%<\/div>/);
    expect(html).toMatch(/data-figure="negative-rate">.*?<div class="value">0\.0%<\/div><div class="change better">-100\.0 pt<\/div>/);
    expect(html).toMatch(/data-figure="average-rating">.*?<div class="value">5\.00<\/div><div class="change better">\+4\.00<\/div>/);
  });
});

describe('renderReport: slices', () => {
  it('a heatmap per slice field the inputs carry (sku, country...), only for values with minSliceSupport reviews', () => {
    const items = Array.from({ length: 30 }, (_, i) => item(`r${i}`, 'pilling after a wash', { negative: { nature: 'genuine_complaint', topics: i % 2 ? ['quality'] : ['logistics'], evidence: [] } }));
    const inputs = items.map((a, i) => ({ id: a.id, text: a.text, sku: i < 25 ? 'SKU-A' : 'SKU-RARE', country: 'DE', platform: i < 3 ? 'tiny' : 'shop' }));
    const html = renderReport({ items }, { inputs, minSliceSupport: 20 });
    const product = /<figure class="chart" data-chart="heatmap-product">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(product).toContain('SKU-A (25)');
    expect(product).not.toContain('SKU-RARE');
    expect(html).toContain('data-chart="heatmap-country"');
    expect(html).toContain('data-chart="heatmap-platform"');
    expect(html).not.toContain('tiny (3)');
    expect(html).not.toContain('data-chart="heatmap-channel"');
  });
});
