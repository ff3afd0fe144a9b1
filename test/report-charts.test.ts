import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchResult } from '../src/index.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

// echarts is an optional peer dependency (issue 11): without it the report either names the fix
// (MissingDependencyError, exit 2 in the CLI) or, with charts: false / --no-charts, is drawn without charts.
// "Not installed" is simulated by making Node's resolver fail for 'echarts', as it does when the package
// is absent; the modules under test are loaded afresh after that so none has echarts cached.
// The missing-echarts tests come first: once echarts is loaded in this process Node caches it.

type Resolver = { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolver = Module as unknown as Resolver;
const realResolve = resolver._resolveFilename;

function hideEcharts(): void {
  resolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    if (request === 'echarts' || request.startsWith('echarts/')) {
      throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
    }
    return realResolve.call(this, request, ...rest);
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-report-charts-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const example = path.resolve(__dirname, '..', 'examples', 'reviews.jsonl');

const inputs = [
  // Our own dated reviews: complaints of two topics, a positive one, an English one.
  { id: 'a', text: '快递三天都没到，客服也不回消息', rating: 1, timestamp: '2026-03-01T10:00:00Z', platform: 'shop' },
  { id: 'b', text: '手机用了两天就黑屏了，质量太差', rating: 1, timestamp: '2026-03-02T11:00:00Z', platform: 'shop' },
  { id: 'c', text: '很好用，推荐购买', rating: 5, timestamp: '2026-03-02T12:00:00Z', platform: 'shop' },
  { id: 'd', text: 'The charger melted and smelled of smoke', rating: 1, timestamp: '2026-03-03T09:00:00Z', platform: 'web' },
];
let result: BatchResult;
// The batch result is plain data: analyse once (the analyzer takes seconds to build) and render it in every test.
beforeAll(() => {
  result = defaultAnalyzer().analyzeBatch(inputs);
}, 60_000);

function sink(): Writable & { text(): string } {
  let buf = '';
  const w = new Writable({ write(chunk, _enc, cb) { buf += String(chunk); cb(); } }) as Writable & { text(): string };
  w.text = () => buf;
  return w;
}

async function runCli(args: string[]) {
  const { main } = await import('../src/cli/main.js');
  const stdout = sink();
  const stderr = sink();
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr, createAnalyzer: () => defaultAnalyzer() });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('report without echarts installed', () => {
  beforeEach(() => {
    vi.resetModules();
    hideEcharts();
  });
  afterEach(() => {
    resolver._resolveFilename = realResolve;
  });

  it('importing the library and analysing do not need echarts', async () => {
    const lib = await import('../src/index.js');
    expect(lib.createAnalyzer().analyze('物流太慢了').sentiment.label).toBe('negative');
  });

  it('renderReport with charts (the default) throws MissingDependencyError naming the install and charts: false', async () => {
    const lib = await import('../src/index.js');
    let caught: unknown;
    try {
      lib.renderReport(result, { inputs });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(lib.MissingDependencyError);
    expect(caught).toBeInstanceOf(lib.ReviewTriageError);
    const err = caught as InstanceType<typeof lib.MissingDependencyError>;
    expect(err.code).toBe('MISSING_DEPENDENCY');
    expect(err.dependency).toBe('echarts');
    expect(err.message).toContain('npm install echarts');
    expect(err.message).toContain('charts: false');
    expect((err.cause as { code?: string }).code).toBe('MODULE_NOT_FOUND');
  });

  it('charts: false renders the whole report: bar charts as tables of their counts, other figures with a note, no SVG', async () => {
    const lib = await import('../src/index.js');
    const html = lib.renderReport(result, { inputs, charts: false, minSliceSupport: 1 });
    expect(html).not.toContain('<svg');
    const severity = /<figure class="chart" data-chart="severity">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    for (const level of ['critical', 'high', 'medium', 'low'] as const) {
      const n = result.items.filter((i) => i.severity.level === level).length;
      expect(severity).toContain(`<tr><td>${level}</td><td class="nowrap">${n}</td></tr>`);
    }
    expect(severity.match(/<tr>/g)?.length).toBe(4);
    const daily = /<figure class="chart" data-chart="daily-volume">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(daily).toContain('Chart left out');
    expect(html).toContain('<h2>Action queue</h2>');
    // The zh page has its own note.
    expect(lib.renderReport(result, { inputs, charts: false, locale: 'zh' })).toContain('此图表未绘制');
  });

  it('the CLI exits 2 before analysing, naming "npm install echarts" and --no-charts; with --no-charts it writes the report', async () => {
    const out = path.join(tmp, 'no-echarts.html');
    const r = await runCli(['report', example, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('npm install echarts');
    expect(r.stderr).toContain('--no-charts');
    expect(fs.existsSync(out)).toBe(false);

    const ok = await runCli(['report', example, '-o', out, '--no-charts']);
    expect(ok.stderr).toMatch(/report of \d+ review/);
    expect(ok.code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('data-chart="severity"');
    expect(html).not.toContain('<svg');
  });

  it('a failure other than "not found" while loading echarts is not disguised as a missing dependency', async () => {
    resolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
      if (request === 'echarts') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return realResolve.call(this, request, ...rest);
    };
    const lib = await import('../src/index.js');
    expect(() => lib.renderReport(result)).toThrow(/EACCES/);
    let caught: unknown;
    try {
      lib.renderReport(result);
    } catch (e) {
      caught = e;
    }
    expect(caught).not.toBeInstanceOf(lib.MissingDependencyError);
  });
});

describe('report with echarts installed', () => {
  it('draws SVG charts by default, and charts: false still draws none', async () => {
    vi.resetModules();
    const lib = await import('../src/index.js');
    const html = lib.renderReport(result, { inputs });
    const severity = /<figure class="chart" data-chart="severity">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(severity).toContain('<svg');
    expect(severity).not.toContain('<table>');
    expect(lib.renderReport(result, { inputs, charts: false })).not.toContain('<svg');
  });

  it('charts must be a boolean', async () => {
    const lib = await import('../src/index.js');
    expect(() => lib.renderReport({ items: [] }, { charts: 'no' as unknown as boolean })).toThrow(lib.OptionsError);
  });
});
