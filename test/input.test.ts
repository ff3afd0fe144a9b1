import { describe, expect, it } from 'vitest';
import { createAnalyzer, InputError, OptionsError, timestampMs, type ReviewInput } from '../src/index.js';
import { thrownBy } from './helpers/errors.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

describe('input validation', () => {
  const a = defaultAnalyzer();

  it('accepts a string or a ReviewInput with metadata, keeping id and text', () => {
    const r = a.analyze({ id: 42, text: '物流很快', rating: 5, authorId: 'u1', ip: '1.2.3.4', timestamp: '2026-01-02T03:04:05Z', likes: 3, pinned: false, replies: 1, platform: 'douyin' });
    expect(r.id).toBe('42');
    expect(r.text).toBe('物流很快');
    expect(a.analyze('hello').id).toBe('0');
  });

  it.each([
    [{ text: 5 }, 'text'],
    [{ text: 'ok', rating: 'five' }, 'rating'],
    [{ text: 'ok', rating: 9 }, 'rating'],
    [{ text: 'ok', likes: -1 }, 'likes'],
    [{ text: 'ok', pinned: 'yes' }, 'pinned'],
    [{ text: 'ok', lang: 'fr' }, 'lang'],
    [{ text: 'ok', colour: 'red' }, ''],
    [{}, 'text'],
  ])('%j fails naming %s', (input, field) => {
    const e = thrownBy(InputError, () => a.analyze(input as unknown as ReviewInput));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.field).toBe(field);
    if (field) expect(e.message).toContain(field);
    else expect(e.message).toMatch(/colour/);
  });

  it.each([null, undefined, 42, ['a'], true])('rejects %j with a typed error', (input) => {
    expect(() => a.analyze(input as unknown as string)).toThrow(InputError);
  });

  it('gives a neutral, placeholder-shaped result for empty and whitespace text', () => {
    for (const text of ['', '   ', '\n\t']) {
      const r = a.analyze(text);
      expect(r.language).toBe('other');
      expect(r.sentiment.label).toBe('neutral');
      expect(r.negative).toBeNull();
      expect(r.spam.isSpam).toBe(false);
      expect(r.severity.level).toBe('low');
    }
  });

  it('survives invalid UTF-16 and returns the text unchanged', () => {
    const text = '质量\ud800很差\udfff';
    const r = a.analyze(text);
    expect(r.text).toBe(text);
    expect(r.language).toBe('zh');
  });

  it('truncates texts beyond maxTextLength and says so', () => {
    const small = createAnalyzer({ maxTextLength: 10 });
    const r = small.analyze('物流很快'.repeat(10));
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBe(40);
    expect(small.analyze('物流很快').truncated).toBeUndefined();
  });

  it('analyzeBatch names the index of a bad review', () => {
    const e = thrownBy(InputError, () => a.analyzeBatch(['ok', { text: 'x', rating: 'bad' } as unknown as ReviewInput]));
    expect(e.issues[0]!.path).toEqual([1, 'rating']);
    expect(e.message).toMatch(/Review #1/);
    expect(() => a.analyzeBatch('nope' as unknown as string[])).toThrow(InputError);
  });

  it('analyzeBatch keeps input order and fills ids from positions', () => {
    const r = a.analyzeBatch(['一', { id: 'b', text: 'two' }, 'three']);
    expect(r.items.map((i) => i.id)).toEqual(['0', 'b', '2']);
  });

  it('rejects unknown and wrong-typed analyzer and batch options', () => {
    expect(() => createAnalyzer({ colour: 'red' } as never)).toThrow(OptionsError);
    expect(() => createAnalyzer({ maxTextLength: -1 })).toThrow(/maxTextLength/);
    expect(() => createAnalyzer({ segmenter: { cut: 1 } } as never)).toThrow(/segmenter/);
    expect(() => a.analyzeBatch(['x'], { nosuchstage: {} })).toThrow(OptionsError);
  });

  it('accepts a pluggable segmenter', () => {
    const calls: string[] = [];
    const b = createAnalyzer({ segmenter: { name: 'chars', cut: (t) => (calls.push(t), [...t]) } });
    b.analyze('物流很快');
    expect(calls).toContain('物流很快');
  });
});

describe('timestampMs', () => {
  it('reads ISO strings, Dates, epoch milliseconds and epoch seconds', () => {
    const ms = Date.UTC(2026, 2, 1, 8, 0, 0);
    expect(timestampMs('2026-03-01T08:00:00Z')).toBe(ms);
    expect(timestampMs(new Date(ms))).toBe(ms);
    expect(timestampMs(ms)).toBe(ms);
    expect(timestampMs(ms / 1000)).toBe(ms);
    expect(timestampMs(String(ms / 1000))).toBe(ms);
  });

  it('returns null for missing or unusable values instead of guessing', () => {
    expect(timestampMs(undefined)).toBeNull();
    expect(timestampMs('yesterday-ish 0')).toBeNull();
    expect(timestampMs('not a date 2026x')).toBeNull();
    expect(timestampMs(new Date('nope'))).toBeNull();
    expect(timestampMs(Number.NaN)).toBeNull();
  });
});
