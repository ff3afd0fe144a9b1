import { describe, expect, it } from 'vitest';
import { InputError } from '../src/index.js';
import { parseTimestamp, timestampIssue } from '../src/kernel/timestamp.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const utc = (...a: [number, number, number, number?, number?, number?]) => Date.UTC(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0);
const ms = (v: unknown) => {
  const r = parseTimestamp(v);
  return r.ok ? r.ms : null;
};

describe('parseTimestamp: the explicit rules', () => {
  it('ISO 8601 with a zone, and the common Chinese export forms (zoneless = UTC)', () => {
    expect(ms('2024-05-01T10:00:00Z')).toBe(utc(2024, 5, 1, 10));
    expect(ms('2024-05-01T10:00:00+08:00')).toBe(utc(2024, 5, 1, 2));
    expect(ms('2024-05-01T10:00:00.250-0130')).toBe(utc(2024, 5, 1, 11, 30) + 250);
    expect(ms('2024/05/01 10:00')).toBe(utc(2024, 5, 1, 10));
    expect(ms('2024/5/1 8:05')).toBe(utc(2024, 5, 1, 8, 5));
    expect(ms('2024-05-01 10:00:59')).toBe(utc(2024, 5, 1, 10, 0, 59));
    expect(ms('2024-05-01')).toBe(utc(2024, 5, 1));
    expect(ms('2024年5月1日')).toBe(utc(2024, 5, 1));
    expect(ms('2024年05月01日 10:30')).toBe(utc(2024, 5, 1, 10, 30));
    expect(ms('2024年5月1日 10时30分15秒')).toBe(utc(2024, 5, 1, 10, 30, 15));
  });

  it('epoch seconds below 1e11, milliseconds below 1e14, by magnitude (numbers and digit strings)', () => {
    const t = utc(2026, 3, 1, 8);
    expect(ms(t / 1000)).toBe(t);
    expect(ms(String(t / 1000))).toBe(t);
    expect(ms(t)).toBe(t);
    expect(ms(String(t))).toBe(t);
    expect(ms(99_999_999_999)).toBe(99_999_999_999_000); // the last second value: year 5138
    expect(ms(100_000_000_000)).toBe(100_000_000_000); // the first millisecond value: 1973
  });

  it('rejects micro/nanoseconds, values beyond the Date range, negatives and junk, each with a reason', () => {
    for (const bad of [t_us(), t_ns(), 1e20, -8640000000000001, -1, Number.NaN, Infinity, '1714557600000000', 'yesterday', '2024-13-01', '2024-02-30', '2024-05-01 25:00', '2024-05-01T10:00+15:00', 'Tue, 01 May 2024 10:00:00 GMT', '', null, {}]) {
      const r = parseTimestamp(bad);
      expect(r.ok, String(bad)).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(10);
    }
    expect(timestampIssue(1e20)).toMatch(/micro|nano/);
    expect(timestampIssue(undefined)).toBeUndefined();
    expect(timestampIssue('2024-05-01')).toBeUndefined();
  });
});

function t_us() {
  return utc(2024, 5, 1) * 1000;
}
function t_ns() {
  return utc(2024, 5, 1) * 1e6;
}

describe('analyzeBatch with bad timestamps and sparse arrays (issue 13, item 2)', () => {
  it('a timestamp beyond the Date range no longer throws a RangeError: the batch completes and the review is flagged', () => {
    const a = defaultAnalyzer();
    const inputs = [
      { id: 'ns', text: '物流太慢了，差评', timestamp: 1714557600000000000 },
      { id: 'big', text: '质量很差', timestamp: 1e20 },
      { id: 'neg', text: '客服态度很差', timestamp: -8640000000000001 },
      { id: 'ok', text: '很好用', timestamp: '2024-05-01T10:00:00Z' },
    ];
    const result = a.analyzeBatch(inputs);
    expect(result.items.map((i) => i.id)).toEqual(['ns', 'big', 'neg', 'ok']);
    expect(result.items[0]!.timestampIssue).toMatch(/too large/);
    expect(result.items[1]!.timestampIssue).toMatch(/too large/);
    expect(result.items[2]!.timestampIssue).toMatch(/negative/);
    expect(result.items[3]!.timestampIssue).toBeUndefined();
    expect(result.summary?.undated).toBe(3);
    expect(a.analyze({ text: '一般', timestamp: 'soon' }).timestampIssue).toMatch(/not in a supported form/);
  });

  it('a hole in a sparse array is a typed InputError naming the index, not a TypeError', () => {
    const inputs: string[] = ['很好', '很差'];
    inputs[3] = '还行'; // index 2 is a hole
    let error: unknown;
    try {
      defaultAnalyzer().analyzeBatch(inputs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe('2');
    expect((error as Error).message).toMatch(/Review #2: .*hole/);
  });
});
