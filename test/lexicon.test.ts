import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, LexiconError, parseLexicon, readLexiconFile } from '../src/index.js';
import { thrownBy } from './helpers/errors.js';
import { readBuiltinLexicons } from '../src/lexicon/load.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'lexicons');

describe('lexicon validation', () => {
  it('names the file, the entry and the field of a malformed entry', () => {
    const file = path.join(fixtures, 'bad-entry.json');
    const e = thrownBy(LexiconError, () => readLexiconFile(file));
    expect(e.source).toBe(file);
    expect(e.entry).toBe(1);
    expect(e.message).toContain('entry #1');
    expect(e.message).toContain('差评');
    expect(e.code).toBe('INVALID_LEXICON');
  });

  it('reports a file that is not JSON', () => {
    const e = thrownBy(LexiconError, () => readLexiconFile(path.join(fixtures, 'not-json.json')));
    expect(e.entry).toBeNull();
    expect(e.reason).toMatch(/not valid JSON/);
  });

  it('reports a missing file', () => {
    expect(thrownBy(LexiconError, () => readLexiconFile(path.join(fixtures, 'nope.json'))).reason).toMatch(/cannot read/);
  });

  it.each([
    [{ kind: 'colours', lang: 'zh', entries: [] }, /kind/],
    [{ kind: 'sentiment', lang: 'fr', entries: [] }, /lang/],
    [{ kind: 'sentiment', lang: 'zh' }, /entries/],
    [{ kind: 'sentiment', lang: 'zh', entries: [{ term: '', weight: 1 }] }, /empty/],
    [{ kind: 'sentiment', lang: 'zh', entries: [{ term: '好', weight: 9 }] }, /weight/],
    [{ kind: 'topics', lang: 'zh', entries: [{ term: '快递', topic: 'shipping' }] }, /topic/],
    [{ kind: 'negators', lang: 'en', entries: ['not'] }, /entry #0/],
  ])('rejects %j', (lexicon, reason) => {
    expect(thrownBy(LexiconError, () => parseLexicon(lexicon, 'inline')).message).toMatch(reason);
  });

  it('every built-in lexicon file is valid and non-empty', () => {
    const all = readBuiltinLexicons();
    expect(all.length).toBeGreaterThan(0);
    for (const lex of all) expect(lex.entries.length, `${lex.lang}/${lex.kind}`).toBeGreaterThan(0);
  });

  it('createAnalyzer fails with the lexicon error for a bad user lexicon', () => {
    expect(() => createAnalyzer({ lexicons: [path.join(fixtures, 'bad-entry.json')] })).toThrow(LexiconError);
    expect(() => createAnalyzer({ lexicons: [{ kind: 'sentiment', lang: 'zh', entries: [{ term: '好' }] }] })).toThrow(/lexicons\[0\], entry #0/);
  });
});

describe('user lexicons', () => {
  it('override built-in entries by normalised term', () => {
    const base = createAnalyzer();
    const builtin = base.context.lexicons.get('zh', 'sentiment');
    expect(builtin.length).toBeGreaterThan(0);
    const target = builtin[0]!;
    const flipped = -Math.sign(target.weight || 1) * 2;
    // Written in full-width/traditional forms where possible: normalisation makes them the same term.
    const custom = createAnalyzer({ lexicons: [{ kind: 'sentiment', lang: 'zh', entries: [{ term: target.term, weight: flipped }] }] });
    const entry = custom.context.lexicons.get('zh', 'sentiment').find((e) => e.term === target.term);
    expect(entry?.weight).toBe(flipped);
    expect(custom.context.lexicons.get('zh', 'sentiment').length).toBe(builtin.length);
  });

  it('normalise user terms like review text (traditional, full-width, case)', () => {
    const a = createAnalyzer({ lexicons: [{ kind: 'sentiment', lang: 'en', entries: [{ term: 'ＳＵＰＥＲＢ', weight: 3 }] }, { kind: 'sentiment', lang: 'zh', entries: [{ term: '質感', weight: 1 }] }] });
    expect(a.context.lexicons.get('en', 'sentiment').some((e) => e.term === 'superb')).toBe(true);
    expect(a.context.lexicons.get('zh', 'sentiment').some((e) => e.term === '质感')).toBe(true);
  });

  it('replace: true swaps the whole built-in lexicon of that kind', () => {
    const a = createAnalyzer({ lexicons: [{ kind: 'sentiment', lang: 'zh', replace: true, entries: [{ term: '绝了', weight: 2 }] }] });
    expect(a.context.lexicons.get('zh', 'sentiment').map((e) => e.term)).toEqual(['绝了']);
  });

  it('load from a path, and teach new Chinese terms to the segmenter', () => {
    const a = createAnalyzer({ lexicons: [path.join(fixtures, 'user-topics.json')] });
    expect(a.context.lexicons.get('zh', 'topics').some((e) => e.term === '闪电侠快运')).toBe(true);
    expect(a.context.text.tokenizeTerm('这次闪电侠快运太慢了').map((t) => t.text)).toContain('闪电侠快运');
  });

  it('builtinLexicons: false starts from the user lexicons only', () => {
    const a = createAnalyzer({ builtinLexicons: false, lexicons: [{ kind: 'negators', lang: 'en', entries: [{ term: 'nope' }] }] });
    expect(a.context.lexicons.get('en', 'negators').map((e) => e.term)).toEqual(['nope']);
    expect(a.context.lexicons.get('zh', 'sentiment')).toEqual([]);
  });
});
