import { describe, expect, it } from 'vitest';
import { createAnalyzer, OptionsError, PipelineError } from '../src/index.js';
import { Pipeline, type Stage, type TriageDoc } from '../src/extend.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const named = (name: string, run: (doc: TriageDoc) => void = () => {}): Stage => ({ name, run });

describe('Pipeline', () => {
  it('adds at the end, first, before and after a named stage', () => {
    const p = new Pipeline<Stage>([named('a'), named('b')]);
    p.add(named('c'));
    p.add(named('z'), { first: true });
    p.add(named('x'), { before: 'b' });
    p.add(named('y'), { after: 'b' });
    expect(p.names).toEqual(['z', 'a', 'x', 'b', 'y', 'c']);
  });

  it('replaces and removes by name', () => {
    const p = new Pipeline<Stage>([named('a'), named('b'), named('c')]);
    p.replace('b', named('b2'));
    p.remove('a');
    expect(p.names).toEqual(['b2', 'c']);
  });

  it('rejects duplicates, unknown names, ambiguous placement and malformed stages', () => {
    const p = new Pipeline<Stage>([named('a'), named('b')]);
    expect(() => p.add(named('a'))).toThrow(PipelineError);
    expect(() => p.add(named('q'), { before: 'nope' })).toThrow(/No stage named "nope"/);
    expect(() => p.remove('nope')).toThrow(PipelineError);
    expect(() => p.add(named('q'), { before: 'a', after: 'b' })).toThrow(/at most one/);
    expect(() => p.replace('a', named('b'))).toThrow(/taken/);
    expect(() => p.add({ name: '', run() {} })).toThrow(PipelineError);
    expect(() => p.add({ name: 'r' } as unknown as Stage)).toThrow(PipelineError);
  });
});

describe('analyzer pipeline', () => {
  it('starts with the built-in stages in order', () => {
    const names = defaultAnalyzer().pipeline.names;
    expect(names.slice(0, 3)).toEqual(['normalize', 'language', 'tokenize']);
    for (const later of ['sentiment', 'classify', 'spam', 'severity']) {
      if (names.includes(later)) expect(names.indexOf(later)).toBeGreaterThan(2);
    }
  });

  it('runs a custom stage that sees earlier stages and feeds later ones', () => {
    const a = createAnalyzer();
    const seen: string[] = [];
    a.pipeline.add(named('shout', (doc) => void seen.push(doc.language, String(doc.tokens.length))), { after: 'tokenize' });
    a.analyze('物流很快');
    expect(seen[0]).toBe('zh');
    expect(Number(seen[1])).toBeGreaterThan(0);
  });

  it('replaces the tokenizer stage', () => {
    const a = createAnalyzer();
    a.pipeline.replace('tokenize', {
      ...named('tokenize', (doc) => {
        doc.tokens = [...doc.normalized].map((ch, i) => ({ text: ch, norm: ch, type: 'han', start: i, end: i + 1, nStart: i, nEnd: i + 1, flags: 0 }));
      }),
      provides: ['tokens'],
    });
    let count = 0;
    a.pipeline.add(named('count', (doc) => void (count = doc.tokens.length)));
    a.analyze('物流很快');
    expect(count).toBe(4);
  });

  it('removes a stage, and disable leaves a built-in out', () => {
    const a = createAnalyzer();
    a.pipeline.remove('language');
    expect(a.analyze('物流很快').language).toBe('other');
    expect(createAnalyzer({ disable: ['language'] }).pipeline.names).not.toContain('language');
  });

  it('passes per-stage options and rejects unknown ones', () => {
    const a = createAnalyzer({ stageOptions: { normalize: { joinSpacedHan: false } } });
    let normalized = '';
    a.pipeline.add(named('peek', (doc) => void (normalized = doc.normalized)), { after: 'normalize' });
    a.analyze('差 评');
    expect(normalized).toBe('差 评');
    expect(() => createAnalyzer({ stageOptions: { normalize: { joinSpaced: false } } })).toThrow(OptionsError);
    expect(() => createAnalyzer({ stageOptions: { normalize: { joinSpacedHan: 'yes' } } })).toThrow(/normalize\.joinSpacedHan/);
    expect(() => createAnalyzer({ stageOptions: { nosuchstage: {} } })).toThrow(/Unknown stage "nosuchstage"/);
  });
});
