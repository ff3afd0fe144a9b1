// The zod output schemas (src/schema/) against real outputs, and the published
// JSON Schemas (schema/*.json) against the zod schemas and the same outputs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, type Analysis, type BatchResult, type ReviewInput } from '../src/index.js';
import { AnalysisSchema, BatchResultSchema } from '../src/schema/index.js';
import { formatJsonSchema, outputJsonSchemas } from '../src/schema/json-schema.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The zod issues of a failed parse, as one readable string (empty when it parses). */
function problems(schema: typeof AnalysisSchema | typeof BatchResultSchema, value: unknown): string {
  const r = schema.safeParse(value);
  return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
}

const SINGLE_INPUTS: (string | ReviewInput)[] = [
  { id: 'harm', text: '用了两天脸上过敏起红疹，我要去12315投诉', rating: 1, likes: 60 },
  { id: 'ad', text: '正品低价私聊，加薇信 wx778899 拿货' },
  { id: 'praise', text: '面料很舒服，物流也快，会回购' },
  { id: 'en', text: 'The strap broke after one day and support never replied. Total scam!', rating: 1 },
  { id: 'mixed', text: '质量很差 totally fake' },
  { id: 'misunderstanding', text: '买小了，没看尺码表，想换大一号' },
  '',
  '😀😀😀',
  { id: 'pinned', text: '发货太慢了，客服也不回', pinned: true, replies: 12, lang: 'zh', platform: 'shop' },
  { id: 'order', text: '衣服洗一次就起球了', timestamp: '2026-02-01T08:00:00+08:00', productId: 'P-1', sku: 1002, orderId: 'O-77', country: 'CN', channel: 'SF', agent: 'amy', meta: { batch: 'B7', weight: 1.5, gift: false } },
];

const day = (d: number, h = 10) => new Date(Date.UTC(2026, 0, d, h, 0, 0)).toISOString();

/** A week of rated reviews with a bad last day, a spreading smear campaign, a harm report and an ad. */
function campaignBatch(): ReviewInput[] {
  const rows: ReviewInput[] = [];
  for (let d = 1; d <= 6; d++) {
    for (let i = 0; i < 6; i++) {
      rows.push({ id: `d${d}-${i}`, text: `第${i}次买了，包装很好，味道不错`, rating: 5, timestamp: day(d, 8 + i), authorId: `buyer${d}${i}` });
    }
  }
  for (let i = 0; i < 6; i++) {
    rows.push({ id: `bad-${i}`, text: '收到的东西坏了，质量太差，退货也没人理', rating: 1, timestamp: day(7, 8 + i), authorId: `late${i}` });
  }
  const smear = ['这家店卖假货，大家千万别买，骗子店铺', '这家店卖假货！大家千万别买了，骗子店铺', '这家店就是卖假货，大家千万别买，骗子店铺啊', '避雷！这家店卖假货，大家千万别买，骗子店铺', '这家店卖假货 大家千万别买 骗子店铺', '这家店卖假货，大家千万千万别买，骗子店铺'];
  smear.forEach((text, i) =>
    rows.push({ id: `smear-${i}`, text, rating: 1, timestamp: `2026-01-07T12:${String(10 + i * 5).padStart(2, '0')}:00Z`, authorId: `new${i}`, ip: `10.0.3.${i + 1}` }),
  );
  rows.push({ id: 'harm', text: '吃完拉肚子了，孩子也过敏起疹子，我要投诉到12315', rating: 1, timestamp: day(7, 15) });
  rows.push({ id: 'ad', text: '加薇信 wx556677 全网最低价', timestamp: day(7, 16) });
  rows.push({ id: 'undated', text: '还行吧' });
  return rows;
}

describe('output zod schemas (strict) against real results', () => {
  const analyzer = defaultAnalyzer();

  it('every analyze() result of varied inputs parses, with no field the schema lacks', () => {
    const results = SINGLE_INPUTS.map((input) => analyzer.analyze(input));
    for (const a of results) expect(problems(AnalysisSchema, a), `review ${a.id}`).toBe('');
    // The inputs exercise the optional and nullable parts the schema describes.
    const byId = new Map(results.map((a) => [a.id, a]));
    expect(byId.get('harm')?.negative).not.toBeNull();
    expect(byId.get('harm')?.severity.level).toBe('critical');
    expect(byId.get('ad')?.spam.kinds).toContain('advertising');
    expect(results.some((a) => a.negative === null)).toBe(true);
    expect(results.flatMap((a) => a.sentiment.evidence).some((e) => e.start !== undefined && e.match !== undefined)).toBe(true);
  });

  it('a truncated result parses (the optional `truncated` field)', () => {
    const short = createAnalyzer({ maxTextLength: 20 });
    const a = short.analyze('质量太差了，用了一天就坏了，客服也不理人，再也不买了，大家注意');
    expect(a.truncated).toBe(true);
    expect(problems(AnalysisSchema, a)).toBe('');
  });

  it('a campaign batch with timestamps parses, groups, queue, summary and alerts included', () => {
    const batch = analyzer.analyzeBatch(campaignBatch());
    expect(problems(BatchResultSchema, batch)).toBe('');
    // Each optional part is really there, so its schema was exercised.
    expect(batch.groups?.some((g) => g.campaign && g.burst)).toBe(true);
    expect(batch.queue?.some((q) => q.group !== undefined && (q.members?.length ?? 0) > 1)).toBe(true);
    expect(batch.summary?.daily.length).toBe(7);
    expect(batch.summary?.undated).toBe(1);
    expect(Object.keys(batch.summary?.themes ?? {}).length).toBeGreaterThan(0);
    const kinds = new Set(batch.alerts?.map((a) => a.kind));
    expect(kinds.has('campaign')).toBe(true);
    expect(kinds.has('rating_drop')).toBe(true);
    expect(batch.alerts?.some((a) => a.value !== undefined && a.baseline !== undefined && a.window !== null)).toBe(true);
  });

  it('a batch with every batch stage disabled parses without the optional parts', () => {
    const bare = createAnalyzer({ disable: ['cluster', 'flood', 'escalation', 'queue', 'summary', 'alerts'] });
    const batch = bare.analyzeBatch(['很好', '太差了']);
    expect(Object.keys(batch)).toEqual(['items']);
    expect(problems(BatchResultSchema, batch)).toBe('');
  });

  it('rejects a field the schema does not describe, anywhere in the result', () => {
    const a = analyzer.analyze('快递太慢了');
    expect(problems(AnalysisSchema, { ...a, mood: 'sad' })).toMatch(/Unrecognized key/);
    expect(problems(AnalysisSchema, { ...a, spam: { ...a.spam, extra: 1 } })).toMatch(/spam/);
    expect(problems(AnalysisSchema, { ...a, sentiment: { ...a.sentiment, label: 'angry' } })).toMatch(/sentiment\.label/);
    // Custom stages put their fields under `extensions`, which the schema allows.
    expect(problems(AnalysisSchema, { ...a, extensions: { brand: { name: 'x' } } })).toBe('');
  });
});

describe('published JSON Schemas (schema/*.json)', () => {
  const generated = outputJsonSchemas();

  it('the files in schema/ are exactly what scripts/build-schemas.mjs generates now', () => {
    const dir = path.join(repo, 'schema');
    expect(fs.readdirSync(dir).sort()).toEqual(Object.keys(generated).sort());
    for (const [file, schema] of Object.entries(generated)) {
      expect(fs.readFileSync(path.join(dir, file), 'utf8'), `schema/${file} is stale: run npm run build`).toBe(formatJsonSchema(schema));
    }
  });

  it('package.json ships schema/ and the build writes it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { files: string[]; scripts: Record<string, string> };
    expect(pkg.files).toContain('schema');
    expect(pkg.scripts.build).toContain('scripts/build-schemas.mjs');
  });

  it('a JSON Schema validator accepts real results and rejects an extra field', () => {
    // `meta` values are `"type": ["string", "number", "boolean"]`: standard JSON Schema, which ajv's strict mode asks to allow by name.
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
    const analysis = ajv.compile(generated['analysis.schema.json']!);
    const batchResult = ajv.compile(generated['batch-result.schema.json']!);
    const analyzer = defaultAnalyzer();
    // Through JSON, as a CLI consumer reads them.
    const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
    for (const input of SINGLE_INPUTS) {
      const a = viaJson<Analysis>(analyzer.analyze(input));
      expect(analysis(a), JSON.stringify(analysis.errors)).toBe(true);
    }
    const batch = viaJson<BatchResult>(analyzer.analyzeBatch(campaignBatch()));
    expect(batchResult(batch), JSON.stringify(batchResult.errors)).toBe(true);
    expect(batchResult({ ...batch, extra: true })).toBe(false);
    expect(analysis({ ...batch.items[0], language: 'fr' })).toBe(false);
  });
});
