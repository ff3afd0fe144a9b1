import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createReplyDrafter, lintReply, NATURES, parseTemplates, readTemplatesFile, SEVERITY_LEVELS, TemplateError, TOPICS } from '../src/index.js';
import { thrownBy } from './helpers/errors.js';

// Slot values a merchant might give, written for these tests, per locale.
const SAMPLE_SLOTS = {
  zh: { customer: '林女士', product: '这款保温杯', shop: '山茶小铺' },
  en: { customer: 'Sam', product: 'the travel mug', shop: 'Camellia Goods' },
} as const;

const drafter = createReplyDrafter();

describe('built-in reply templates', () => {
  for (const locale of ['zh', 'en'] as const) {
    const all = drafter.templates.all(locale);

    it(`${locale}: every template, filled with sample and with default slot values, passes the compliance check`, () => {
      expect(all.length).toBeGreaterThanOrEqual(20);
      const failures: string[] = [];
      for (const t of all) {
        const topic = t.topic ?? 'other';
        for (const slots of [SAMPLE_SLOTS[locale], {}]) {
          const values = { ...drafter.templates.defaults(locale), ...slots, remedy: drafter.templates.remedy(locale, topic)! };
          for (const [part, text] of [['public', t.public], ['private', t.private ?? null]] as const) {
            if (text === null) continue;
            const filled = text.replace(/\{(\w+)\}/g, (_, k: string) => (values as Record<string, string>)[k]!);
            expect(filled, `${t.id} ${part}`).not.toMatch(/[{}]/);
            const r = lintReply(filled, { locale, nature: t.nature });
            if (!r.ok) failures.push(`${t.id} ${part}: ${r.findings.map((f) => `${f.rule} "${f.match}"`).join(', ')}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it(`${locale}: every nature x topic x severity gets a template of that nature, and genuine complaints get a remedy`, () => {
      for (const nature of NATURES) {
        for (const topic of TOPICS) {
          for (const level of SEVERITY_LEVELS) {
            const t = drafter.templates.select(locale, nature, topic, level);
            expect(t?.nature, `${nature}/${topic}/${level}`).toBe(nature);
          }
          if (nature === 'genuine_complaint') expect(drafter.templates.select(locale, nature, topic, 'medium')!.public).toContain('{remedy}');
        }
        expect(drafter.templates.remedy(locale, 'quality')).not.toBe(drafter.templates.remedy(locale, 'logistics'));
      }
    });

    it(`${locale}: malicious attacks get a public note, no private message, and an evidence checklist`, () => {
      for (const t of all.filter((x) => x.nature === 'malicious_attack')) {
        expect(t.private ?? null, t.id).toBeNull();
        expect(t.checklist?.length ?? 0, t.id).toBeGreaterThanOrEqual(3);
        expect(t.public.length, t.id).toBeLessThan(locale === 'zh' ? 120 : 280);
      }
    });
  }

  it('ids are unique per locale and say their locale', () => {
    for (const locale of ['zh', 'en'] as const) {
      const ids = drafter.templates.all(locale).map((t) => t.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id.startsWith(`${locale}.`)).toBe(true);
    }
  });
});

describe('user template files', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'review-triage-replies-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, value: unknown) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };

  it('a template with a built-in id replaces it; a new, more specific one wins the selection', () => {
    const file = write('ours.json', {
      locale: 'en',
      defaults: { shop: 'Pine Street Bikes' },
      templates: [
        { id: 'en.genuine.quality', nature: 'genuine_complaint', topic: 'quality', public: 'Sorry, {customer}: {remedy}.' },
        { id: 'ours.logistics.low', nature: 'genuine_complaint', topic: 'logistics', severity: ['low'], public: 'Sorry for the wait at {shop}.' },
      ],
    });
    const d = createReplyDrafter({ templates: [file] });
    expect(d.templates.select('en', 'genuine_complaint', 'quality', 'medium')!.public).toBe('Sorry, {customer}: {remedy}.');
    expect(d.templates.select('en', 'genuine_complaint', 'logistics', 'low')!.id).toBe('ours.logistics.low');
    expect(d.templates.select('en', 'genuine_complaint', 'logistics', 'medium')!.id).toBe('en.genuine.logistics');
    expect(d.templates.all('en').length).toBe(drafter.templates.all('en').length + 1);
    expect(d.templates.defaults('en').shop).toBe('Pine Street Bikes');
    expect(d.templates.defaults('en').customer).toBe('there');
  });

  it('replace: true drops the locale\'s built-in templates and keeps the other locale\'s', () => {
    const d = createReplyDrafter({ templates: [{ locale: 'zh', replace: true, templates: [{ id: 'mine', nature: 'genuine_complaint', public: '抱歉，{remedy}。' }] }] });
    expect(d.templates.all('zh').map((t) => t.id)).toEqual(['mine']);
    expect(d.templates.all('en').length).toBe(drafter.templates.all('en').length);
  });

  it.each([
    [{ locale: 'zh', templates: [{ id: 'a', nature: 'genuine_complaint', public: '抱歉{custmer}' }] }, ['templates', 0, 'public'], /unknown slot \{custmer\}.*\(id "a"\)/],
    [{ locale: 'zh', templates: [{ id: 'ok', nature: 'genuine_complaint', public: '抱歉' }, { id: 'b', nature: 'angry', public: '抱歉' }] }, ['templates', 1, 'nature'], /id "b"/],
    [{ locale: 'en', templates: [{ id: 'c', nature: 'misunderstanding', public: 'Hi', severity: ['urgent'] }] }, ['templates', 0, 'severity', 0], /id "c"/],
    [{ locale: 'en', templates: [{ id: 'd', nature: 'misunderstanding', public: 'Hi', colour: 'red' }] }, ['templates', 0], /colour/],
    [{ locale: 'en', templates: [{ id: 'e', nature: 'misunderstanding', public: 'Hi' }, { id: 'e', nature: 'misunderstanding', public: 'Hey' }] }, ['templates', 1, 'id'], /duplicate id "e"/],
    [{ locale: 'fr', templates: [] }, ['locale'], /./],
    [{ locale: 'en', remedies: { quality: 'a {remedy} inside' }, templates: [] }, ['remedies', 'quality'], /must not contain a slot/],
  ])('a bad entry is a TemplateError naming its path (%#)', (value, where, reason) => {
    const e = thrownBy(TemplateError, () => parseTemplates(value, 'inline'));
    expect(e.code).toBe('INVALID_TEMPLATES');
    expect(e.path).toEqual(where);
    expect(e.source).toBe('inline');
    expect(e.message).toMatch(reason);
  });

  it('a file that is not JSON, missing or a directory is a TemplateError naming the file, never quoting it', () => {
    const bad = write('broken.json', '{"locale": "zh", secret-text');
    const e = thrownBy(TemplateError, () => readTemplatesFile(bad));
    expect(e.source).toBe(bad);
    expect(e.reason).toMatch(/not valid JSON \(syntax error at line 1/);
    expect(e.message).not.toContain('secret-text');
    expect(thrownBy(TemplateError, () => readTemplatesFile(path.join(tmp, 'nope.json'))).reason).toMatch(/cannot read file \(ENOENT\)/);
    expect(thrownBy(TemplateError, () => readTemplatesFile(tmp)).reason).toMatch(/directory/);
    expect(() => createReplyDrafter({ templates: [bad] })).toThrow(TemplateError);
  });
});
