import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type Analysis, type Analyzer, type AnalyzerOptions } from '../src/index.js';
import { main, type CliIO } from '../src/cli/main.js';
import { cellWidth } from '../src/cli/writers.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const FIXTURES = path.resolve(__dirname, 'fixtures', 'cli');
const fixture = (name: string) => path.join(FIXTURES, name);
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-triage-cli-'));
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

/** A Writable that keeps what was written. */
function collector(isTTY = false): Writable & { isTTY: boolean; text(): string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  }) as Writable & { isTTY: boolean; text(): string };
  w.isTTY = isTTY;
  w.text = () => chunks.join('');
  return w;
}

interface Calls {
  options: AnalyzerOptions[];
  analyze: number;
  analyzeBatch: number;
}

/**
 * Analyzers are cached (building one loads dictionaries) and wrapped to count
 * calls, so tests can tell streaming from batch runs.
 */
const analyzers = new Map<string, Analyzer>();
function countingFactory(calls: Calls) {
  return (options: AnalyzerOptions): Analyzer => {
    calls.options.push(options);
    const key = JSON.stringify(options);
    let real = analyzers.get(key);
    if (!real) {
      real = key === JSON.stringify({ lexicons: [], disable: [] }) ? defaultAnalyzer() : createAnalyzer(options);
      analyzers.set(key, real);
    }
    const r = real;
    return {
      ...r,
      pipeline: r.pipeline,
      batchPipeline: r.batchPipeline,
      context: r.context,
      analyze(input) {
        calls.analyze++;
        return r.analyze(input);
      },
      analyzeBatch(inputs, opts) {
        calls.analyzeBatch++;
        return r.analyzeBatch(inputs, opts);
      },
    };
  };
}

async function run(argv: string[], opts: { stdin?: string; ttyErr?: boolean; now?: () => number } = {}) {
  const stdout = collector();
  const stderr = collector(opts.ttyErr ?? false);
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? '');
  const calls: Calls = { options: [], analyze: 0, analyzeBatch: 0 };
  const io: CliIO = { stdin, stdout, stderr, createAnalyzer: countingFactory(calls), ...(opts.now ? { now: opts.now } : {}) };
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text(), calls };
}

const jsonLines = (out: string): Analysis[] =>
  out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Analysis);

describe('cli: JSONL input', () => {
  it('prints one Analysis per line with the right language for zh, en, traditional zh and empty text', async () => {
    const r = await run(['analyze', fixture('mixed.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const items = jsonLines(r.stdout);
    expect(items.map((a) => [a.id, a.language])).toEqual([
      ['zh-1', 'zh'],
      ['en-1', 'en'],
      ['zh-hant-1', 'zh'],
      ['empty-1', 'other'],
    ]);
    for (const a of items) {
      expect(typeof a.text).toBe('string');
      expect(a.sentiment).toHaveProperty('label');
      expect(a.spam).toHaveProperty('isSpam');
      expect(a.severity).toHaveProperty('level');
    }
  });

  it('uses analyzeBatch by default and analyze() per line with --no-batch', async () => {
    const batch = await run(['analyze', fixture('mixed.jsonl')]);
    expect(batch.calls).toMatchObject({ analyzeBatch: 1, analyze: 0 });
    const stream = await run(['analyze', fixture('mixed.jsonl'), '--no-batch']);
    expect(stream.calls).toMatchObject({ analyzeBatch: 0, analyze: 4 });
    expect(stream.code).toBe(0);
  });

  it('--no-batch writes exactly what the library returns for each review', async () => {
    const r = await run(['analyze', fixture('mixed.jsonl'), '--no-batch']);
    const lines = fs.readFileSync(fixture('mixed.jsonl'), 'utf8').trim().split('\n');
    const expected = lines.map((l) => JSON.parse(JSON.stringify(defaultAnalyzer().analyze(JSON.parse(l)))));
    expect(jsonLines(r.stdout)).toEqual(expected);
  });

  it('reports bad lines with their line numbers, skips them, processes the rest, exits 1', async () => {
    for (const mode of [[], ['--no-batch']]) {
      const r = await run(['analyze', fixture('bad.jsonl'), ...mode]);
      expect(r.code).toBe(1);
      const name = fixture('bad.jsonl');
      expect(r.stderr).toContain(`${name}:2: invalid JSON`);
      expect(r.stderr).toMatch(new RegExp(`${escape(name)}:3: invalid review: rating`));
      expect(r.stderr).toContain(`${name}:5: expected a review object or a JSON string, got an array`);
      // An unknown key is not a bad line: it goes to meta, with one warning naming it.
      expect(r.stderr).toContain('warning: keys that are not review fields went to "meta": colour');
      expect(r.stderr).toContain('3 of 7');
      // Good lines keep their order; the bare string gets its line number as id.
      expect(jsonLines(r.stdout).map((a) => a.id)).toEqual(['ok-1', '6', 'ok-2', '8']);
      expect(jsonLines(r.stdout)[3]!.meta).toEqual({ colour: 'red' });
      expect(jsonLines(r.stdout)[1]!.text).toBe('包装很用心，下次还会再买');
    }
  });

  it('keeps line numbers right over a long streamed input with a bad line in the middle', async () => {
    const lines = Array.from({ length: 600 }, (_, i) => JSON.stringify({ text: i % 2 ? `第${i}条评论，发货很快` : `review number ${i} was fine` }));
    lines[299] = '{"text": 12}';
    const r = await run(['analyze', '-', '--no-batch'], { stdin: lines.join('\n') + '\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/<stdin>:300: invalid review: text/);
    const ids = jsonLines(r.stdout).map((a) => a.id);
    expect(ids).toHaveLength(599);
    expect(ids).not.toContain('300');
    expect(ids[0]).toBe('1');
    expect(ids.at(-1)).toBe('600');
  });
});

describe('cli: failures inside the analyzer', () => {
  const io = (analyzer: Partial<Analyzer>, stdin: string) => {
    const stdout = collector();
    const stderr = collector();
    const input = new PassThrough();
    input.end(stdin);
    return { stdout, stderr, io: { stdin: input, stdout, stderr, createAnalyzer: () => analyzer as Analyzer } };
  };

  it('--no-batch: a review whose analysis throws is reported with its line and skipped', async () => {
    const flaky: Partial<Analyzer> = {
      analyze(input) {
        const text = typeof input === 'string' ? input : input.text;
        if (text.includes('boom')) throw new Error('stage exploded');
        return defaultAnalyzer().analyze(input);
      },
    };
    const t = io(flaky, '"fine"\n"boom here"\n"还好"\n');
    expect(await main(['analyze', '-', '--no-batch'], t.io)).toBe(1);
    expect(t.stderr.text()).toContain('<stdin>:2: analysis failed: stage exploded');
    expect(jsonLines(t.stdout.text()).map((a) => a.id)).toEqual(['1', '3']);
  });

  it('batch: a failing analyzeBatch is reported, exit 1, nothing written', async () => {
    const broken: Partial<Analyzer> = {
      analyzeBatch() {
        throw new Error('queue stage exploded');
      },
    };
    const t = io(broken, '"a"\n"b"\n');
    expect(await main(['analyze', '-'], t.io)).toBe(1);
    expect(t.stderr.text()).toContain('batch analysis failed: queue stage exploded');
    expect(t.stdout.text()).toBe('');
  });
});

describe('cli: CSV input', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, a BOM and converted columns', async () => {
    const r = await run(['analyze', fixture('reviews.csv'), '--no-batch']);
    const items = jsonLines(r.stdout);
    expect(items.map((a) => a.id)).toEqual(['c1', 'c2', 'c3', 'c5']);
    expect(items[0]!.text).toBe('质量很差, 用了两天就坏了');
    expect(items[1]!.text).toBe('He called it "the best purchase ever", I disagree');
    expect(items[2]!.text).toBe('第一行说物流慢\n第二行还是同一条评论');
    expect(items[3]!.language).toBe('en');
    // The short row is on line 6 (the quoted line break makes c3 two lines); nothing else failed,
    // so rating/likes/pinned/timestamp cells were converted to the types the schema wants.
    expect(r.stderr).toContain(`${fixture('reviews.csv')}:6: expected 6 fields (as in the header), found 3`);
    expect(r.stderr.match(/reviews\.csv:\d+:/g)).toHaveLength(1);
    expect(r.code).toBe(1);
  });

  it('maps header names in any case, warns about unknown columns and names a badly typed field', async () => {
    const r = await run(['analyze', fixture('typed.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning: CSV columns that are not review fields go to "meta": colour');
    expect(r.stderr).toMatch(/typed\.csv:2: invalid review: rating/);
    expect(jsonLines(r.stdout).map((a) => [a.id, a.text])).toEqual([['3', '很好用']]);
  });

  it('a pretty-printed JSON array is refused with one clear message (exit 2)', async () => {
    const r = await run(['analyze', '-', '--no-batch', '--format', 'json'], { stdin: '[\n  {"text": "好"}\n]\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<stdin>: this is one JSON array, not JSONL');
    expect(r.stdout).toBe('');
  });

  it('a CSV without a text column is a usage error (exit 2) and writes nothing', async () => {
    const r = await run(['analyze', fixture('no-text.csv'), '--format', 'json', '--no-batch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no review text column');
    expect(r.stdout).toBe('');
  });

  it('--input-format csv reads a file whose extension says nothing', async () => {
    const r = await run(['analyze', fixture('notes.dat'), '--input-format', 'csv']);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((a) => a.text)).toEqual(['fine']);
  });
});

describe('cli: usage errors exit 2 with a clear message and no output', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown flag', ['analyze', fixture('mixed.jsonl'), '--colour'], /Unknown option '--colour'/],
    ['no command', [], /missing command/],
    ['unknown command', ['analyse', fixture('mixed.jsonl')], /unknown command "analyse"/],
    ['missing file argument', ['analyze'], /missing input file/],
    ['two files', ['analyze', 'a.jsonl', 'b.jsonl'], /takes one input file/],
    ['missing file', ['analyze', path.join(tmpDir, 'nope.jsonl')], /cannot read input file .*nope\.jsonl.*no such file/],
    ['directory', ['analyze', FIXTURES], /is a directory/],
    ['unknown output format', ['analyze', fixture('mixed.jsonl'), '--format', 'xml'], /unknown --format "xml"/],
    ['unknown input format', ['analyze', fixture('mixed.jsonl'), '--input-format', 'tsv'], /unknown --input-format "tsv"/],
    ['unknown extension', ['analyze', fixture('notes.dat')], /cannot tell the format/],
    ['unknown stage', ['analyze', fixture('mixed.jsonl'), '--disable', 'nosuchstage'], /Unknown stage "nosuchstage"/],
    ['malformed lexicon', ['analyze', fixture('mixed.jsonl'), '--lexicon', fixture('bad-lexicon.json')], /bad-lexicon\.json/],
    ['missing lexicon', ['analyze', fixture('mixed.jsonl'), '--lexicon', path.join(tmpDir, 'none.json')], /none\.json/],
    ['--out is the input', ['analyze', fixture('mixed.jsonl'), '--out', fixture('mixed.jsonl')], /is the input file/],
    ['unwritable --out', ['analyze', fixture('mixed.jsonl'), '--out', path.join(tmpDir, 'no', 'such', 'dir.jsonl')], /cannot write output file/],
  ];
  it.each(cases)('%s', async (_label, argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('--help');
    expect(r.stdout).toBe('');
  });
});

describe('cli: options and formats', () => {
  it('--help documents the command, every option, batch mode and the exit codes', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      for (const word of ['analyze', '--format', 'jsonl', 'json', 'table', '--out', '--no-batch', '--input-format', '--lexicon', '--disable', '--version', 'analyzeBatch', 'Exit codes', 'stdin']) {
        expect(r.stdout, word).toContain(word === 'stdin' ? 'standard input' : word);
      }
    }
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    const r = await run(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('--out writes the results to a file and nothing to stdout', async () => {
    const out = path.join(tmpDir, 'out.jsonl');
    const r = await run(['analyze', fixture('mixed.jsonl'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(jsonLines(fs.readFileSync(out, 'utf8')).map((a) => a.id)).toEqual(['zh-1', 'en-1', 'zh-hant-1', 'empty-1']);
  });

  it('--format json: an array with --no-batch, the whole batch result otherwise', async () => {
    const stream = await run(['analyze', fixture('mixed.jsonl'), '--format', 'json', '--no-batch']);
    const arr = JSON.parse(stream.stdout) as Analysis[];
    expect(Array.isArray(arr)).toBe(true);
    expect(arr.map((a) => a.language)).toEqual(['zh', 'en', 'zh', 'other']);

    const batch = await run(['analyze', fixture('mixed.jsonl'), '-f', 'json']);
    const obj = JSON.parse(batch.stdout) as Record<string, unknown>;
    const direct = JSON.parse(JSON.stringify(defaultAnalyzer().analyzeBatch(fs.readFileSync(fixture('mixed.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)))));
    // Every field of BatchResult (items plus whatever cross-review fields exist) is written.
    expect(Object.keys(obj).sort()).toEqual(Object.keys(direct).sort());
    expect(obj.items).toEqual(direct.items);
  });

  it('--format json with no valid reviews is still valid JSON', async () => {
    expect(JSON.parse((await run(['analyze', '-', '--format', 'json', '--no-batch'], { stdin: '' })).stdout)).toEqual([]);
    expect(JSON.parse((await run(['analyze', '-', '--format', 'json'], { stdin: '[1]\n' })).stdout)).toMatchObject({ items: [] });
  });

  it('--format table lines up the columns, Chinese text included', async () => {
    for (const mode of [[], ['--no-batch']]) {
      const r = await run(['analyze', fixture('mixed.jsonl'), '--format', 'table', ...mode]);
      expect(r.code).toBe(0);
      const rows = r.stdout.trimEnd().split('\n');
      expect(rows).toHaveLength(2 + 4);
      const header = rows[0]!;
      for (const title of ['id', 'lang', 'sentiment', 'nature/topics', 'spam', 'severity', 'text']) expect(header).toContain(title);
      expect(rows[1]).toMatch(/^[- ]+$/);
      // The text column starts at the same terminal cell on every row.
      const textCol = header.indexOf('text');
      for (const row of rows.slice(2, 5)) {
        const cells = [...row];
        let width = 0;
        let i = 0;
        while (width < textCol) width += cellWidth(cells[i++]!.codePointAt(0)!);
        expect(width).toBe(textCol);
        expect(cells[i - 1]).toBe(' ');
      }
      expect(rows[2]).toMatch(/^zh-1\s+zh\s/);
      expect(rows[5]).toMatch(/^empty-1\s+other\s/); // empty text: the row ends after severity
    }
  });

  it('--format table after a batch lists the campaigns and alerts the batch stages found', async () => {
    const lines = fs.readFileSync(fixture('campaign.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const direct = defaultAnalyzer().analyzeBatch(lines);
    const r = await run(['analyze', fixture('campaign.jsonl'), '--format', 'table']);
    expect(r.code).toBe(0);
    const campaigns = (direct.groups ?? []).filter((g) => g.campaign);
    for (const g of campaigns) expect(r.stdout).toMatch(new RegExp(`^  ${g.id}  ${g.size} reviews`, 'm'));
    for (const a of direct.alerts ?? []) expect(r.stdout).toContain(`[${a.level}] ${a.kind}: ${a.message}`);
    // Each item row shows its near-duplicate group, if any.
    for (const item of direct.items.filter((i) => i.spam.cluster)) expect(r.stdout).toMatch(new RegExp(`^${item.id} .* ${item.spam.cluster}\\b`, 'm'));
    const streamed = await run(['analyze', fixture('campaign.jsonl'), '--format', 'table', '--no-batch']);
    expect(streamed.stdout).not.toContain('campaigns (near-duplicate groups)');
    expect(streamed.stdout.trimEnd().split('\n')).toHaveLength(2 + lines.length);
  });

  it('reads standard input with "-" (JSONL by default, CSV with --input-format)', async () => {
    const jsonl = '"第一条：物流很快"\n{"id":"x","text":"Works as described."}\n';
    const r = await run(['analyze', '-'], { stdin: jsonl });
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((a) => [a.id, a.language])).toEqual([
      ['1', 'zh'],
      ['x', 'en'],
    ]);
    const csv = 'text,likes\n"多行\n评论",3\n';
    const c = await run(['analyze', '-', '--input-format', 'csv', '--no-batch'], { stdin: csv });
    expect(c.code).toBe(0);
    expect(jsonLines(c.stdout).map((a) => [a.id, a.text])).toEqual([['2', '多行\n评论']]);
  });

  it('passes --lexicon and --disable to createAnalyzer, and a valid lexicon runs', async () => {
    const r = await run(['analyze', fixture('mixed.jsonl'), '--lexicon', fixture('good-lexicon.json'), '--lexicon', fixture('good-lexicon.json'), '--disable', 'language']);
    expect(r.code).toBe(0);
    // The CLI reads the files itself (with its --max-lexicon-bytes limit) and passes the parsed lexicons.
    const good = JSON.parse(fs.readFileSync(fixture('good-lexicon.json'), 'utf8')) as { kind: string; lang: string };
    expect(r.calls.options).toEqual([{ lexicons: [expect.objectContaining({ kind: good.kind, lang: good.lang }), expect.objectContaining({ kind: good.kind, lang: good.lang })], disable: ['language'], workers: Math.min(64, os.availableParallelism()) }]);
    // With language detection left out every review keeps the documented default.
    expect(jsonLines(r.stdout).map((a) => a.language)).toEqual(['other', 'other', 'other', 'other']);
  });

  it('passes --workers to createAnalyzer (one thread with --no-batch) and refuses a count below 1', async () => {
    const w = await run(['analyze', fixture('mixed.jsonl'), '--workers', '1']);
    expect(w.code).toBe(0);
    expect(w.calls.options).toEqual([{ lexicons: [], disable: [], workers: 1 }]);
    const s = await run(['analyze', fixture('mixed.jsonl'), '--workers', '3', '--no-batch']);
    expect(s.calls.options).toEqual([{ lexicons: [], disable: [], workers: 1 }]);
    const bad = await run(['analyze', fixture('mixed.jsonl'), '--workers', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--workers needs a whole number of at least 1/);
  });

  it('draws a progress bar on stderr only when stderr is a terminal', async () => {
    let t = 0;
    const tty = await run(['analyze', fixture('mixed.jsonl'), '--no-batch'], { ttyErr: true, now: () => (t += 1000) });
    expect(tty.stderr).toMatch(/\r\x1b\[K\[#*-*\]\s+\d+%\s+\d+ reviews/);
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true); // the bar is cleared at the end
    expect(jsonLines(tty.stdout)).toHaveLength(4);
    const pipe = await run(['analyze', fixture('mixed.jsonl'), '--no-batch'], { now: () => (t += 1000) });
    expect(pipe.stderr).toBe('');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
