import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createAnalyzer, InputError, type ReviewInput } from '../src/index.js';

// The workers run the built entry (dist/worker.js); the test skips without a build.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = fs.existsSync(path.join(root, 'dist', 'worker.js'));
if (!built) console.warn('[review-triage tests] dist/worker.js not found (run `npm run build`): the worker pool tests are skipped.');

// Our own sentences: complaints, praise, a copied smear (a campaign), English and Chinese.
const SENTENCES = [
  '快递三天才到，外包装压坏了，客服也不回消息',
  '面料摸起来很舒服，尺码标准，会回购',
  '这家店的耳机左边没声音，申请退货一直没人处理',
  'The blender arrived with a cracked jar and support never answered my emails.',
  'Lovely little teapot, pours cleanly and keeps the tea hot for ages.',
  '颜色和详情页差太多了，拍出来是灰色，实物发黄',
  '用了两天充电口就松了，质量太差，大家别买',
  '物流很快，包装仔细，老板还送了小礼物',
];
const SMEAR = '这家店卖的全是翻新机，用一周就坏，千万别上当受骗';

function reviews(n: number): ReviewInput[] {
  const out: ReviewInput[] = [];
  const t0 = Date.UTC(2026, 2, 1);
  for (let i = 0; i < n; i++) {
    const smear = i % 17 === 5;
    const text = smear ? SMEAR + '!'.repeat(i % 3) : `${SENTENCES[i % SENTENCES.length]}${i % 4 === 0 ? '' : ` (${i})`}`;
    out.push({ id: `t${i}`, text, authorId: smear ? `s${i % 3}` : `u${i}`, ip: smear ? '10.9.8.7' : `10.0.${i % 250}.${i % 7}`, timestamp: new Date(t0 + i * 600_000).toISOString(), rating: (i % 5) + 1 });
  }
  return out;
}

describe.skipIf(!built)('worker pool (workers > 1)', () => {
  const serial = createAnalyzer();
  const pooled = createAnalyzer({ workers: 2 });
  afterAll(() => pooled.close());

  it('gives the same batch result as one thread, items in input order', () => {
    const input = reviews(400);
    const a = serial.analyzeBatch(input);
    const b = pooled.analyzeBatch(input);
    expect(b.items.map((x) => x.id)).toEqual(input.map((x) => x.id));
    expect(a.groups!.some((g) => g.campaign)).toBe(true); // the copies form a campaign: batch facts are exercised
    expect(b).toEqual(a);
  });

  it('reports progress for every review, in order', () => {
    const seen: number[] = [];
    pooled.analyzeBatch(reviews(200), {}, (done) => seen.push(done));
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('throws the same InputError as one thread for the first bad review', () => {
    const input: unknown[] = reviews(150);
    input[70] = { text: 42 };
    input[120] = { text: 'fine', rating: 'many' };
    const catchOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return null;
    };
    const a = catchOf(() => serial.analyzeBatch(input as ReviewInput[])) as InputError;
    const b = catchOf(() => pooled.analyzeBatch(input as ReviewInput[])) as InputError;
    expect(b).toBeInstanceOf(InputError);
    expect(b.message).toBe(a.message);
    expect(b.issues).toEqual(a.issues);
    expect(b.message).toMatch(/^Review #70:/);
  });

  it('with a stage added as a function, warns once and stays on one thread with the same results', () => {
    const custom = createAnalyzer({ workers: 2 });
    custom.pipeline.add({ name: 'shout', run: () => {} }, { after: 'severity' });
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const input = reviews(100);
      expect(custom.analyzeBatch(input)).toEqual(serial.analyzeBatch(input));
      custom.analyzeBatch(input);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/one thread.*pipeline was changed/);
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects a workers option that is not a whole number of at least 1', () => {
    expect(() => createAnalyzer({ workers: 0 })).toThrow(/workers/);
    expect(() => createAnalyzer({ workers: 1.5 })).toThrow(/workers/);
  });
});
