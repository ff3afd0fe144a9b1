import { describe, expect, it } from 'vitest';
import { checkLabels, checkLexicon, expectLabels } from '../src/testing/index.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

describe('checkLexicon', () => {
  const a = defaultAnalyzer();

  it('passes a clean lexicon', () => {
    const r = checkLexicon({ kind: 'sentiment', lang: 'zh', entries: [{ term: '好评如潮', weight: 2 }, { term: '踩坑', weight: -2 }] }, a);
    expect(r.problems.filter((p) => p.kind !== 'rewritten')).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('reports every invalid entry, duplicates and conflicting weights', () => {
    const r = checkLexicon(
      {
        kind: 'sentiment',
        lang: 'zh',
        entries: [
          { term: '踩坑', weight: -2 },
          { term: '踩坑', weight: -2 },
          { term: '踩坑', weight: 1 },
          { term: '坑', weight: 'bad' },
          { term: '雷', weight: -2, colour: 'red' },
        ],
      },
      a,
    );
    expect(r.ok).toBe(false);
    const kinds = r.problems.map((p) => `${p.kind}@${p.entry}`);
    expect(kinds).toEqual(expect.arrayContaining(['duplicate@1', 'conflict@2', 'invalid@3', 'invalid@4']));
  });

  it('treats terms that normalise the same as duplicates and says how they are rewritten', () => {
    const r = checkLexicon({ kind: 'sentiment', lang: 'zh', entries: [{ term: '質量差', weight: -2 }, { term: '质量差', weight: -2 }] }, a);
    expect(r.problems.some((p) => p.kind === 'rewritten' && p.entry === 0)).toBe(true);
    expect(r.problems.some((p) => p.kind === 'duplicate' && p.entry === 1)).toBe(true);
  });

  it('flags entries the tokenizer can never produce', () => {
    const r = checkLexicon({ kind: 'sentiment', lang: 'en', entries: [{ term: '\u200b\u200b', weight: 1 }, { term: '   ', weight: 1 }, { term: '!!!', weight: 1 }] }, a);
    expect(r.problems.find((p) => p.entry === 0 && p.kind === 'unmatchable')).toBeDefined();
    expect(r.problems.find((p) => p.entry === 1)?.kind).toBe('invalid');
    // `!!!` folds to `!`, which the tokenizer does keep: reported as rewritten, not unmatchable.
    expect(r.problems.filter((p) => p.entry === 2).map((p) => p.kind)).toEqual(['rewritten']);
  });

  it('reports a malformed file shape without throwing', () => {
    const r = checkLexicon({ kind: 'nope', entries: 3 }, a);
    expect(r.ok).toBe(false);
    expect(r.problems.every((p) => p.kind === 'invalid' && p.entry === null)).toBe(true);
    expect(r.problems.length).toBeGreaterThanOrEqual(2);
  });
});

describe('expectLabels / checkLabels', () => {
  const a = defaultAnalyzer();

  it('passes when labels match', () => {
    expect(() => expectLabels(a, [{ text: '物流很快', language: 'zh' }, { text: 'great', language: 'en' }])).not.toThrow();
  });

  it('lists every mismatch with its row and field', () => {
    const misses = checkLabels(a, [{ text: '物流很快', language: 'en' }, { text: 'great', language: 'zh', severity: 'critical' }]);
    expect(misses.map((m) => `${m.index}:${m.field}`)).toEqual(['0:language', '1:language', '1:severity']);
    expect(() => expectLabels(a, [{ text: '物流很快', language: 'en' }])).toThrow(/#0 "物流很快": language expected "en", got "zh"/);
  });
});
