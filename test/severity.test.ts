import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAnalyzer, OptionsError, type Analyzer, type AnalyzerOptions, type NegativeResult, type SentimentResult } from '../src/index.js';
import { NEGATIVE, SENTIMENT, type TriageDoc } from '../src/extend.js';
import { LEVEL_RANK, scoreInBand } from '../src/severity/index.js';

/** What the setup stage writes before severity runs, so these tests do not depend on the sentiment/classify stages. */
interface Injected {
  sentiment?: SentimentResult;
  negative?: NegativeResult | null;
}
let next: Injected = {};

const neg = (score = -0.7): SentimentResult => ({ label: 'negative', score, confidence: 0.9, evidence: [{ source: 'rule', rule: 'test' }] });
const pos = (): SentimentResult => ({ label: 'positive', score: 0.8, confidence: 0.9, evidence: [{ source: 'rule', rule: 'test' }] });
const complaint = (topics: NegativeResult['topics'] = [], nature: NegativeResult['nature'] = 'genuine_complaint'): Injected => ({ sentiment: neg(), negative: { nature, topics, evidence: [] } });

function build(options: AnalyzerOptions = {}): Analyzer {
  const a = createAnalyzer(options);
  a.pipeline.add(
    {
      name: 'setup',
      run(doc: TriageDoc) {
        if (next.sentiment) doc.set(SENTIMENT, next.sentiment);
        if (next.negative !== undefined) doc.set(NEGATIVE, next.negative);
      },
    },
    { before: 'severity' },
  );
  return a;
}

const analyzer = build();
const sev = (text: string, inject: Injected = {}, meta: Record<string, unknown> = {}, a: Analyzer = analyzer) => {
  next = inject;
  return a.analyze({ text, ...meta }).severity;
};

beforeEach(() => {
  next = {};
});

describe('severity triggers (Chinese)', () => {
  it('health harm is critical, at once', () => {
    const s = sev('用了这个面霜以后脸上过敏，还起疹子了', complaint(['quality']));
    expect(s.level).toBe('critical');
    expect(s.respondWithinHours).toBe(0);
    expect(s.evidence.some((e) => e.label === 'safety' && e.match === '过敏')).toBe(true);
  });
  it('a fake-goods accusation is high; joined by a legal threat it is critical', () => {
    expect(sev('这就是假货，包装都和专柜不一样', complaint()).level).toBe('high');
    expect(sev('这就是假货，我已经报警了，也打了12315', complaint()).level).toBe('critical');
  });
  it('a legal or media threat alone is at least high', () => {
    const s = sev('再不处理我就去消协，还要找媒体曝光你们', complaint(['service']));
    expect(LEVEL_RANK[s.level]).toBeGreaterThanOrEqual(LEVEL_RANK.high);
    expect(s.reasons.join(' ')).toMatch(/legal, regulator or media/);
  });
  it('anger with intent to escalate is high; a plain complaint is medium', () => {
    expect(sev('质量太差了，我要投诉，大家千万别买', complaint(['quality'])).level).toBe('high');
    expect(sev('快递送了一个星期才到，包装也压坏了', complaint(['logistics'])).level).toBe('medium');
  });
  it('a large loss is high', () => {
    expect(sev('换的新机又坏了，一两千打水漂了', complaint(['quality'])).level).toBe('high');
  });
  it('hedges keep a complaint without strong cues low, but not one with them', () => {
    expect(sev('感觉质量一般，做工不太好', complaint(['quality'])).level).toBe('low');
    expect(sev('做工粗糙，线头很多', complaint(['quality'])).level).toBe('medium');
    expect(sev('感觉被骗了，这就是假货', complaint(['quality'])).level).toBe('high');
  });
  it('a negated accusation does not count', () => {
    const s = sev('不是假货，放心买', { sentiment: pos(), negative: null });
    expect(s.level).toBe('low');
    expect(s.evidence.some((e) => e.label === 'fraud')).toBe(false);
  });
  it('works on traditional script, evidence pointing into the original text', () => {
    const text = '這是假貨，大家別買';
    const s = sev(text, complaint());
    const hit = s.evidence.find((e) => e.label === 'fraud')!;
    expect(text.slice(hit.start, hit.end)).toBe(hit.match);
    expect(hit.match).toBe('假貨');
  });
});

describe('severity triggers (English)', () => {
  it('health harm is critical', () => {
    expect(sev('My daughter got a rash and an allergic reaction from this lotion', complaint(['quality'])).level).toBe('critical');
  });
  it('counterfeit is high, with police or a lawsuit it is critical', () => {
    expect(sev('This watch is a counterfeit, not the brand at all', complaint()).level).toBe('high');
    expect(sev('This watch is a counterfeit and I have called the police', complaint()).level).toBe('critical');
  });
  it('a regulator threat alone is at least high', () => {
    expect(LEVEL_RANK[sev('I am reporting this shop to the BBB', complaint(['service'])).level]).toBeGreaterThanOrEqual(LEVEL_RANK.high);
  });
  it('warning everyone and a chargeback is high', () => {
    expect(sev('Terrible service. Stay away, I am filing a chargeback', complaint(['service'])).level).toBe('high');
  });
  it('a loss is high', () => {
    expect(sev('They charged twice and I lost my money', complaint(['service'])).level).toBe('high');
  });
  it('praise is low with no target and no actions', () => {
    const s = sev('Lovely shoes, fast delivery, will buy again', { sentiment: pos(), negative: null });
    expect(s.level).toBe('low');
    expect(s.respondWithinHours).toBeNull();
    expect(s.actions).toEqual([]);
  });
});

describe('English productive patterns (repeated failures, contamination)', () => {
  it.each([
    ['a counted return', 'That is the fifth time I have returned it to them for the same fault'],
    ['a recurring fault', 'The speaker keeps disconnecting from my phone every evening'],
    ['several units', 'We ordered two and both of them stopped working within a month'],
    ['counted repairs', 'The hinge was repaired three times and it is loose again'],
  ])('%s is a repeated loss: high', (_name, text) => {
    const s = sev(text, complaint(['quality']));
    expect(s.level).toBe('high');
    expect(s.evidence.some((e) => e.source === 'rule' && e.label === 'loss')).toBe(true);
  });
  it('a pest in the food is critical, whatever the topics say', () => {
    expect(sev('Halfway through we noticed a cockroach in the fried rice', complaint(['service'])).level).toBe('critical');
  });
  it('a negated finding does not count', () => {
    const s = sev('Clean place, and no hair in my noodles this time, only slow service', complaint(['service']));
    expect(s.level).not.toBe('critical');
    expect(s.evidence.some((e) => e.source === 'rule')).toBe(false);
  });
  it('buying again for the third time is not a failure', () => {
    const s = sev('This is the third time I ordered these socks, they fit well', { sentiment: pos(), negative: null });
    expect(s.level).toBe('low');
  });
  it('a bug in software is not food contamination', () => {
    expect(sev('There is a bug in the settings menu of the app', complaint(['quality'])).level).not.toBe('critical');
  });
});

describe('a critique of a book or film', () => {
  it('plot and acting alone stay low, with the reason', () => {
    const s = sev('A terrible movie: the plot drags and the actors look bored in every scene', complaint(['quality']));
    expect(s.level).toBe('low');
    expect(s.reasons.join(' ')).toMatch(/critique of the work/);
  });
  it('a defect of the copy is still a complaint', () => {
    const s = sev('The book arrived damaged and the author signature page was torn out, I want my money back', complaint(['quality']));
    expect(LEVEL_RANK[s.level]).toBeGreaterThanOrEqual(LEVEL_RANK.medium);
  });
  it('workCritiqueTerms 0 turns the rule off', () => {
    const off = build({ stageOptions: { severity: { workCritiqueTerms: 0 } } });
    expect(sev('A terrible movie: the plot drags and the actors look bored in every scene', complaint(['quality']), {}, off).level).toBe('medium');
  });
});

describe('engagement raises, never lowers', () => {
  const text = '快递送了一个星期才到，包装也压坏了';
  it('a highly liked, pinned or much-replied complaint goes up one level', () => {
    expect(sev(text, complaint(['logistics']), { likes: 500 }).level).toBe('high');
    expect(sev(text, complaint(['logistics']), { pinned: true }).level).toBe('high');
    expect(sev(text, complaint(['logistics']), { replies: 40 }).level).toBe('high');
  });
  it('a 1-star rating lifts a mild complaint and adds urgency', () => {
    const mild = '有点小，不太合适';
    const plain = sev(mild, complaint(['mismatch']));
    const rated = sev(mild, complaint(['mismatch']), { rating: 1 });
    expect(plain.level).toBe('low');
    expect(rated.level).toBe('medium');
    const base = sev(text, complaint(['logistics']));
    expect(sev(text, complaint(['logistics']), { rating: 1 }).score).toBeGreaterThan(base.score);
  });
  it('praise with many likes stays low; a critical review with none stays critical', () => {
    expect(sev('Great quality, love it', { sentiment: pos(), negative: null }, { likes: 5000, pinned: true }).level).toBe('low');
    expect(sev('用了以后过敏了，全身起疹子', complaint(['safety']), { likes: 0, rating: 5 }).level).toBe('critical');
  });
});

describe('score', () => {
  it('is monotone with level across many reviews', () => {
    const cases: Array<[string, Injected, Record<string, unknown>]> = [
      ['用了以后过敏了，全身起疹子', complaint(['safety']), {}],
      ['这就是假货', complaint(), {}],
      ['快递太慢了，等了一个星期', complaint(['logistics']), { likes: 3 }],
      ['快递太慢了', complaint(['logistics']), {}],
      ['还不错', { sentiment: pos(), negative: null }, {}],
      ['有点小', complaint(['mismatch']), {}],
    ];
    const results = cases.map(([t, i, m]) => sev(t, i, m));
    for (const a of results) {
      expect(a.score).toBeGreaterThanOrEqual(0);
      expect(a.score).toBeLessThanOrEqual(100);
      for (const b of results) if (LEVEL_RANK[a.level] > LEVEL_RANK[b.level]) expect(a.score).toBeGreaterThan(b.score);
    }
  });
  it('stays inside its band whatever the urgency', () => {
    for (const u of [0, 0.1, 5, 1e9, Number.NaN, -3]) {
      const s = scoreInBand('high', u);
      expect(s).toBeGreaterThanOrEqual(65);
      expect(s).toBeLessThanOrEqual(84);
    }
  });
});

describe('actions', () => {
  it('follow the nature: genuine -> apologise, malicious -> keep evidence, misunderstanding -> explain', () => {
    expect(sev('快递太慢了，等了一个星期', complaint(['logistics'])).actions.join(' ')).toMatch(/Apologise/);
    expect(sev('这家店老板是骗子，大家都知道', complaint([], 'malicious_attack')).actions.join(' ')).toMatch(/Keep evidence/);
    expect(sev('尺码偏小，穿不上', complaint(['mismatch'], 'misunderstanding')).actions.join(' ')).toMatch(/size chart/);
  });
  it('can be overridden by option and by file', () => {
    const custom = build({ stageOptions: { severity: { actions: { byNature: { genuine_complaint: ['Call the customer today.'] } } } } });
    const s = sev('快递太慢了，等了一个星期', complaint(['logistics']), {}, custom);
    expect(s.actions).toContain('Call the customer today.');
    expect(s.actions.join(' ')).not.toMatch(/Apologise/);
    expect(s.actions.join(' ')).toMatch(/courier/); // untouched lists stay

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rt-actions-')), 'actions.json');
    fs.writeFileSync(file, JSON.stringify({ byTopic: { logistics: ['Switch courier.'] } }));
    const fromFile = build({ stageOptions: { severity: { actionsFile: file } } });
    expect(sev('快递太慢了，等了一个星期', complaint(['logistics']), {}, fromFile).actions).toContain('Switch courier.');
  });
  it('reject a malformed override with a typed error', () => {
    expect(() => createAnalyzer({ stageOptions: { severity: { actions: { byNature: { genuine: ['x'] } } } } })).toThrow(OptionsError);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rt-actions-')), 'bad.json');
    fs.writeFileSync(file, '{ not json');
    expect(() => createAnalyzer({ stageOptions: { severity: { actionsFile: file } } })).toThrow(OptionsError);
  });
});

describe('options', () => {
  it('override response targets and thresholds', () => {
    const a = build({ stageOptions: { severity: { respondWithinHours: { high: 2 }, criticalSafety: 10, likesThreshold: 1000 } } });
    expect(sev('这就是假货', complaint(), {}, a).respondWithinHours).toBe(2);
    expect(sev('用了以后过敏了', complaint(['quality']), {}, a).level).toBe('high');
    expect(sev('快递送了一个星期才到，包装也压坏了', complaint(['logistics']), { likes: 500 }, a).level).toBe('medium');
  });
  it('reasons can be in Chinese', () => {
    const zh = build({ stageOptions: { severity: { reasonLanguage: 'zh' } } });
    const s = sev('这就是假货，我已经报警了', complaint(['counterfeit']), { likes: 80 }, zh);
    expect(s.reasons.join('')).toMatch(/指控假货或欺诈（“假货”）/);
    expect(s.reasons.join('')).toMatch(/80个赞/);
    expect(s.reasons.join(' ')).not.toMatch(/[A-Za-z]{4,}/);
  });
  it('reject unknown or out-of-range options', () => {
    expect(() => createAnalyzer({ stageOptions: { severity: { criticalSaftey: 3 } } })).toThrow(OptionsError);
    expect(() => createAnalyzer({ stageOptions: { severity: { likesThreshold: 0 } } })).toThrow(OptionsError);
  });
  it('a user lexicon entry changes the outcome', () => {
    const a = build({ lexicons: [{ kind: 'severity', lang: 'zh', entries: [{ term: '智商税', trigger: 'fraud', weight: 2 }] }] });
    expect(sev('纯属智商税', complaint(), {}, analyzer).level).not.toBe('high');
    expect(sev('纯属智商税', complaint(), {}, a).level).toBe('high');
  });
});

describe('odd input', () => {
  it('empty, emoji-only and huge texts give a documented neutral result', () => {
    for (const text of ['', '   ', '😀😀😀', '！！！']) {
      const s = sev(text);
      expect(s.level).toBe('low');
      expect(s.reasons.length).toBeGreaterThan(0);
    }
    expect(sev('假货'.repeat(5000), complaint()).level).toBe('high');
  });
});

describe('recommended actions do not depend on earlier reviews', () => {
  it('the list follows the review\'s topic order, whichever an analyzer saw first', () => {
    const text = '颜色和图片不一样，做工也很粗糙';
    const first = build();
    const a1 = sev(text, complaint(['quality', 'mismatch']), {}, first);
    const a2 = sev(text, complaint(['mismatch', 'quality']), {}, first);
    const second = build();
    const b2 = sev(text, complaint(['mismatch', 'quality']), {}, second);
    const b1 = sev(text, complaint(['quality', 'mismatch']), {}, second);
    expect(a1.actions.length).toBeGreaterThan(3);
    expect(b1.actions).toEqual(a1.actions);
    expect(b2.actions).toEqual(a2.actions);
    expect([...a2.actions].sort()).toEqual([...a1.actions].sort());
  });
});
