import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AnalysisSchema, createAnalyzer, createReplyDrafter, draftReply, InputError, OptionsError, ReplyDraftSchema, type DraftInput } from '../src/index.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtin = (locale: 'zh' | 'en') => JSON.parse(fs.readFileSync(path.join(repo, 'data', 'replies', 'templates', `${locale}.json`), 'utf8'));
const ZH = builtin('zh');
const EN = builtin('en');

const analysis = (language: DraftInput['language'], nature: 'genuine_complaint' | 'malicious_attack' | 'misunderstanding' | null, topics: string[] = [], level = 'medium'): DraftInput =>
  ({ language, negative: nature === null ? null : { nature, topics }, severity: { level } }) as DraftInput;

describe('draftReply', () => {
  it('a genuine quality complaint gets the quality template, an apology, the quality remedy and the slot values', () => {
    const d = draftReply(analysis('zh', 'genuine_complaint', ['quality', 'logistics']), { slots: { customer: '周先生', product: '这把雨伞', shop: '青竹雨具' } })!;
    expect(ReplyDraftSchema.parse(d)).toEqual(d);
    expect([d.templateId, d.locale, d.nature, d.topic, d.severity]).toEqual(['zh.genuine.quality', 'zh', 'genuine_complaint', 'quality', 'medium']);
    expect(d.public.startsWith('周先生，')).toBe(true);
    expect(d.public).toContain('这把雨伞');
    expect(d.public).toContain(ZH.remedies.quality);
    expect(d.public).toMatch(/抱歉/);
    expect(d.private).toContain('青竹雨具');
    expect(d.checklist).toEqual([]);
    expect(d.lint).toEqual({ public: [], private: [] });
  });

  it('the remedy follows the topic: logistics chases the carrier, mismatch exchanges the item', () => {
    const logistics = draftReply(analysis('en', 'genuine_complaint', ['logistics']))!;
    expect(logistics.public).toContain(EN.remedies.logistics);
    expect(logistics.public).toMatch(/carrier/);
    expect(logistics.public.startsWith('Hi there,')).toBe(true);
    const mismatch = draftReply(analysis('en', 'genuine_complaint', ['mismatch']))!;
    expect(mismatch.public).toContain(EN.remedies.mismatch);
    expect(draftReply(analysis('en', 'genuine_complaint', []))!.topic).toBe('other');
  });

  it('severity picks the urgent variant where there is one, the topic template otherwise', () => {
    expect(draftReply(analysis('zh', 'genuine_complaint', ['quality'], 'critical'))!.templateId).toBe('zh.genuine.quality.urgent');
    expect(draftReply(analysis('zh', 'genuine_complaint', ['price'], 'critical'))!.templateId).toBe('zh.genuine.price');
    expect(draftReply(analysis('en', 'malicious_attack', [], 'high'))!.templateId).toBe('en.malicious.urgent');
  });

  it('a malicious attack gets a short neutral public note, no private message and the evidence checklist', () => {
    const d = draftReply(analysis('zh', 'malicious_attack', ['quality']))!;
    expect(d.templateId).toBe('zh.malicious');
    expect(d.private).toBeNull();
    expect(d.checklist).toEqual(ZH.templates.find((t: { id: string }) => t.id === 'zh.malicious').checklist);
    expect(d.checklist.some((c) => /截图/.test(c))).toBe(true);
    expect(d.checklist.some((c) => /举报|申诉/.test(c))).toBe(true);
    expect(d.public).not.toMatch(/抱歉|退款/);
  });

  it('a misunderstanding explains the rule (pre-sale dates, size chart)', () => {
    expect(draftReply(analysis('zh', 'misunderstanding', ['logistics']))!.public).toMatch(/预售/);
    expect(draftReply(analysis('en', 'misunderstanding', ['mismatch']))!.public).toMatch(/size chart/);
  });

  it('the locale follows the review unless given; a review that is not negative gets no draft', () => {
    expect(draftReply(analysis('mixed', 'genuine_complaint', ['quality']))!.locale).toBe('zh');
    expect(draftReply(analysis('other', 'genuine_complaint', ['quality']))!.locale).toBe('en');
    expect(draftReply(analysis('zh', 'genuine_complaint', ['quality']), { locale: 'en' })!.templateId).toBe('en.genuine.quality');
    expect(draftReply(analysis('zh', null))).toBeNull();
  });

  it('a remedy slot value replaces the topic remedy', () => {
    const d = draftReply(analysis('en', 'genuine_complaint', ['quality']), { slots: { remedy: 'we will post a new lid today' } })!;
    expect(d.public).toContain('Here is what we will do: we will post a new lid today.');
  });

  it("a user's template that breaks the rules comes back with its findings (a refund beside the request is an incentive)", () => {
    const d = draftReply(analysis('zh', 'genuine_complaint', ['quality']), {
      templates: [{ locale: 'zh', templates: [{ id: 'risky', nature: 'genuine_complaint', topic: 'quality', public: '{remedy}，麻烦把差评删了' }] }],
    })!;
    expect(d.templateId).toBe('risky');
    // The remedy's refund sits next to the request, so it reads as a refund for deleting the review.
    expect(d.lint.public.map((f) => f.rule).sort()).toEqual(['ask-to-change-review', 'incentive-for-review', 'missing-apology']);
    expect(d.lint.public.find((f) => f.rule === 'ask-to-change-review')!.match).toBe('把差评删');
  });

  it('a slot with no value anywhere is a TemplateError naming the template, never a reply with braces', () => {
    const only = { builtinTemplates: false, templates: [{ locale: 'en', templates: [{ id: 'bare', nature: 'genuine_complaint', public: 'Sorry: {remedy}.' }] }] };
    expect(() => draftReply(analysis('en', 'genuine_complaint', ['quality']), only)).toThrow(/template "bare" uses \{remedy\}/);
    expect(draftReply(analysis('en', 'genuine_complaint', ['quality']), { ...only, slots: { remedy: 'a new one ships today' } })!.public).toBe('Sorry: a new one ships today.');
  });

  it('bad input and options are typed errors', () => {
    expect(() => draftReply({ language: 'zh' } as never)).toThrow(InputError);
    expect(() => draftReply(analysis('zh', 'genuine_complaint'), { tone: 'warm' } as never)).toThrow(OptionsError);
    expect(() => createReplyDrafter().draft(analysis('zh', 'genuine_complaint'), { customer: '' })).toThrow(OptionsError);
  });
});

describe('analysis.reply (the analyzer option)', () => {
  const analyzer = createAnalyzer({ reply: { slots: { shop: '晴川家纺' } } });

  it('is absent by default and on reviews that are not negative', () => {
    expect(defaultAnalyzer().analyze('枕套洗了一次就破了个洞，客服还不理人').reply).toBeUndefined();
    expect(analyzer.analyze('Lovely soft towels, arrived early. Thank you!').reply).toBeUndefined();
  });

  it('drafts from the final result, agreeing with its nature, topic and severity, and fits the strict schema', () => {
    const a = analyzer.analyze('枕套洗了一次就破了个洞，客服还不理人');
    expect(a.negative).not.toBeNull();
    expect(a.reply).toBeDefined();
    expect([a.reply!.nature, a.reply!.topic, a.reply!.severity]).toEqual([a.negative!.nature, a.negative!.topics[0] ?? 'other', a.severity.level]);
    expect(a.reply!.private).toContain('晴川家纺');
    expect(AnalysisSchema.parse(a)).toEqual(a);
    const batch = analyzer.analyzeBatch(['枕套洗了一次就破了个洞，客服还不理人', 'Great duvet, warm and light.']);
    expect(batch.items.map((x) => x.reply !== undefined)).toEqual([true, false]);
  });

  it('bad reply options are an OptionsError when the analyzer is built', () => {
    expect(() => createAnalyzer({ reply: { tone: 'warm' } })).toThrow(OptionsError);
  });
});
