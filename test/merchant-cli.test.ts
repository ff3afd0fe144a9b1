import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type Analysis, type Analyzer, type AnalyzerOptions, type BatchResult } from '../src/index.js';
import { main, type CliIO } from '../src/cli/main.js';
import { parseCliArgs, UsageError, zoneOffsetMinutes } from '../src/cli/args.js';

/** The merchant's export through the CLI (issue 14 acceptance): own fields, unknown columns, slices, alerts, locale, time zone. */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'review-triage-merchant-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};

function collector(): Writable & { text(): string } {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  }) as Writable & { text(): string };
  w.text = () => Buffer.concat(chunks).toString('utf8');
  return w;
}
const analyzers = new Map<string, Analyzer>();
const factory = (options: AnalyzerOptions): Analyzer => {
  const key = JSON.stringify(options);
  if (!analyzers.has(key)) analyzers.set(key, createAnalyzer(options));
  return analyzers.get(key)!;
};
async function run(argv: string[]) {
  const stdout = collector();
  const stderr = collector();
  const stdin = new PassThrough();
  stdin.end('');
  const io: CliIO = { stdin, stdout, stderr, createAnalyzer: factory, signals: new EventEmitter() };
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

// Our own sentences: two quality complaints about one SKU, one delivery complaint about another, praise.
const PILLING = '毛衣洗了一次就起球了，质量太差';
const PILLING_2 = '穿了两天袖口就起球，面料质量很差';
const LATE = '快递太慢了，等了十天才到，物流太差';
const PRAISE = '很好看，穿着舒服，推荐购买';

interface Row {
  id: string;
  text: string;
  sku: string;
  orderId: string;
  country: string;
  channel: string;
  warehouse: string;
  batch: string;
  time: string;
}
const ROWS: Row[] = [
  { id: 'r1', text: PILLING, sku: 'KN-01', orderId: 'O-1001', country: 'DE', channel: 'DHL', warehouse: 'W1', batch: 'B7', time: '2026-05-01T09:00:00+08:00' },
  { id: 'r2', text: PILLING_2, sku: 'KN-01', orderId: 'O-1002', country: 'FR', channel: 'DHL', warehouse: 'W1', batch: 'B7', time: '2026-05-01T10:00:00+08:00' },
  { id: 'r3', text: PRAISE, sku: 'KN-01', orderId: 'O-1003', country: 'DE', channel: 'UPS', warehouse: 'W2', batch: 'B8', time: '2026-05-01T11:00:00+08:00' },
  { id: 'r4', text: LATE, sku: 'TS-02', orderId: 'O-1004', country: 'DE', channel: 'UPS', warehouse: 'W2', batch: 'B3', time: '2026-05-01T12:00:00+08:00' },
  { id: 'r5', text: PRAISE, sku: 'TS-02', orderId: 'O-1005', country: 'FR', channel: 'UPS', warehouse: 'W2', batch: 'B3', time: '2026-05-01T13:00:00+08:00' },
  { id: 'r6', text: PRAISE, sku: 'TS-02', orderId: 'O-1006', country: 'FR', channel: 'DHL', warehouse: 'W1', batch: 'B3', time: '2026-05-01T14:00:00+08:00' },
  { id: 'r7', text: PRAISE, sku: 'TS-02', orderId: 'O-1007', country: 'DE', channel: 'DHL', warehouse: 'W1', batch: 'B3', time: '2026-05-01T15:00:00+08:00' },
];
const csv = () => 'id,评价内容,sku,订单号,国家,物流,仓库,生产批次,评价时间\n' + ROWS.map((r) => [r.id, r.text, r.sku, r.orderId, r.country, r.channel, r.warehouse, r.batch, r.time].join(',')).join('\n') + '\n';
const jsonl = () => ROWS.map((r) => JSON.stringify({ id: r.id, text: r.text, sku: r.sku, orderId: r.orderId, country: r.country, channel: r.channel, warehouse: r.warehouse, batch: r.batch, timestamp: r.time })).join('\n') + '\n';

function checkResult(result: BatchResult, metaKeys: [string, string]): void {
  expect(result.items).toHaveLength(ROWS.length);
  const first = result.items[0]!;
  expect(first).toMatchObject({ id: 'r1', sku: 'KN-01', orderId: 'O-1001', country: 'DE', channel: 'DHL', time: '2026-05-01T01:00:00.000Z' });
  expect(first.meta).toEqual({ [metaKeys[0]]: 'W1', [metaKeys[1]]: 'B7' });
  const sku = result.summary!.slices!.sku!;
  expect(sku.values.map((v) => v.value)).toEqual(['KN-01', 'TS-02']);
  expect(sku.values[0]!.negativeRate).toBeGreaterThan(sku.values[1]!.negativeRate);
  expect(sku.values[0]!.topics[0]!.topic).toBe('quality');
  expect(sku.values[1]!.topics.map((t) => t.topic)).toContain('logistics');
}

describe('a merchant export through the CLI', () => {
  it('CSV with sku, orderId, country, channel and two unknown columns: no rejected line, unknown columns under meta, slices by sku', async () => {
    const r = await run(['analyze', file('export.csv', csv()), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: CSV columns that are not review fields go to "meta": 仓库, 生产批次');
    checkResult(JSON.parse(r.stdout) as BatchResult, ['仓库', '生产批次']);
  });

  it('the same as JSONL', async () => {
    const r = await run(['analyze', file('export.jsonl', jsonl()), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: keys that are not review fields went to "meta": warehouse, batch');
    checkResult(JSON.parse(r.stdout) as BatchResult, ['warehouse', 'batch']);
  });

  it('--slice-by names a meta key; --summary prints the slices', async () => {
    const r = await run(['analyze', file('export2.csv', csv()), '--summary', '--slice-by', '生产批次']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/slices \(highest negative rate first/);
    expect(r.stdout).toMatch(/ {2}sku \(2 value\(s\)\):\n {4}KN-01 +66\.7% negative of 3; quality 2/);
    expect(r.stdout).toMatch(/ {2}生产批次 \(3 value\(s\)\):\n {4}B7 +100\.0% negative of 2/);
  });

  it('--locale zh gives Chinese alerts and actions; --utc-offset and --tz cut the days', async () => {
    const utc = JSON.parse((await run(['analyze', file('e3.jsonl', jsonl()), '--format', 'json'])).stdout) as BatchResult;
    // 09:00 to 15:00 at +08:00 is 01:00 to 07:00 UTC: the same day both ways; shift one review over midnight.
    const late = ROWS.map((r, i) => (i === 0 ? { ...r, time: '2026-04-30T20:00:00Z' } : r));
    const lines = late.map((r) => JSON.stringify({ id: r.id, text: r.text, sku: r.sku, timestamp: r.time })).join('\n');
    const f = file('late.jsonl', lines);
    const dates = (out: string) => (JSON.parse(out) as BatchResult).summary!.daily.map((d) => [d.date, d.reviews]);
    expect(dates((await run(['analyze', f, '--format', 'json'])).stdout)).toEqual([
      ['2026-04-30', 1],
      ['2026-05-01', 6],
    ]);
    expect(dates((await run(['analyze', f, '--format', 'json', '--utc-offset', '8'])).stdout)).toEqual([['2026-05-01', 7]]);
    expect(dates((await run(['analyze', f, '--format', 'json', '--tz', 'Asia/Shanghai'])).stdout)).toEqual([['2026-05-01', 7]]);
    expect(utc.alerts!.find((a) => a.kind === 'penalty_line')?.message).toMatch(/^The negative rate over/);
    const zh = JSON.parse((await run(['analyze', file('e4.jsonl', jsonl()), '--format', 'json', '--locale', 'zh'])).stdout) as BatchResult;
    const complaint = zh.items.find((a) => a.id === 'r1')! as Analysis;
    expect(complaint.severity.actions.length).toBeGreaterThan(0);
    expect(complaint.severity.actions.every((a) => /[\u4e00-\u9fff]/.test(a))).toBe(true);
    const penalty = zh.alerts!.find((a) => a.kind === 'penalty_line');
    expect(penalty?.message).toMatch(/处罚线/);
  });

  it('bad --locale, --utc-offset, --tz and both offsets are usage errors', () => {
    for (const argv of [
      ['analyze', 'x.csv', '--locale', 'fr'],
      ['analyze', 'x.csv', '--utc-offset', '15'],
      ['analyze', 'x.csv', '--utc-offset', 'eight'],
      ['analyze', 'x.csv', '--tz', 'Mars/Olympus'],
      ['analyze', 'x.csv', '--tz', 'Asia/Shanghai', '--utc-offset', '8'],
      ['analyze', 'x.csv', '--core-products', ' , '],
    ]) {
      expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
    expect(parseCliArgs(['analyze', 'x.csv', '--utc-offset', '5.5', '--core-products', 'A, B'])).toMatchObject({ utcOffset: { minutes: 330 }, coreProducts: ['A', 'B'] });
  });

  it('zoneOffsetMinutes reads the offset of a zone at an instant, daylight saving included', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(2026, 0, 1))).toBe(480);
    expect(zoneOffsetMinutes('Europe/Berlin', Date.UTC(2026, 0, 15))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', Date.UTC(2026, 6, 15))).toBe(120);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 0, 15))).toBe(-300);
  });
});

describe('docs/merchant.md', () => {
  it('its CSV export through the CLI prints the slice lines the page shows', async () => {
    const page = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'docs', 'merchant.md'), 'utf8');
    const block = (lang: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(page)![1]!;
    const r = await run(['analyze', file('export-doc.csv', block('csv')), '--summary', '--utc-offset', '8', '--slice-by', '生产批次']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: CSV columns that are not review fields go to "meta": 生产批次');
    for (const line of block('text').trimEnd().split('\n')) expect(r.stdout).toContain(line);
  });
});
