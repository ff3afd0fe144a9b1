import os from 'node:os';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatFromExtension, parseCliArgs, UsageError } from '../src/cli/args.js';
import type { InputLine } from '../src/cli/lines.js';
import { convertCsvCell, CsvRecordParser, readCsv, readJsonl, readLines, SourceError, type SourceRecord } from '../src/cli/readers.js';

async function* linesOf(text: string): AsyncGenerator<InputLine> {
  // Same splitting as the CLI: the byte-level line reader over a stream.
  yield* readLines(Readable.from([text]));
}

async function collect(gen: AsyncIterable<SourceRecord>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

/** Feeds lines to a fresh parser and returns the completed records. */
function parseCsvLines(lines: string[]): string[][] {
  const p = new CsvRecordParser();
  const records: string[][] = [];
  for (const l of lines) {
    const r = p.feed(l);
    if (r) records.push(r);
  }
  expect(p.pending).toBe(false);
  return records;
}

describe('CsvRecordParser (RFC 4180)', () => {
  it('splits plain fields, keeping empty ones (leading, middle, trailing)', () => {
    expect(parseCsvLines(['a,b,c', ',x,', ''])).toEqual([['a', 'b', 'c'], ['', 'x', ''], ['']]);
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    expect(parseCsvLines(['"a,b","say ""hi""",""', '"""",x'])).toEqual([
      ['a,b', 'say "hi"', ''],
      ['"', 'x'],
    ]);
  });

  it('continues a quoted field over line breaks, blank lines included', () => {
    const p = new CsvRecordParser();
    expect(p.feed('1,"first')).toBeNull();
    expect(p.pending).toBe(true);
    expect(p.feed('')).toBeNull();
    expect(p.feed('third, ""quoted"" end",2')).toEqual(['1', 'first\n\nthird, "quoted" end', '2']);
    expect(p.pending).toBe(false);
  });

  it('keeps stray quotes inside unquoted fields as written', () => {
    expect(parseCsvLines(['5" screen,ok'])).toEqual([['5" screen', 'ok']]);
  });

  it('keeps Chinese text and full-width commas inside a field', () => {
    expect(parseCsvLines(['"好评，推荐",差评'])).toEqual([['好评，推荐', '差评']]);
  });
});

describe('readCsv', () => {
  it('maps headers to review fields, converts cells, strips a BOM, numbers records by their first line', async () => {
    const warnings: string[] = [];
    const csv = '\uFEFFID,Text,rating,Likes,pinned,timestamp,extra\r\n7,"two\r\nlines",4.5,3,YES,1700000000000,z\r\n\r\n8,plain,,,,2024-01-02,\r\n';
    const records = await collect(readCsv(linesOf(csv), { onWarning: (w) => warnings.push(w) }));
    expect(records).toEqual([
      { line: 2, input: { id: '7', text: 'two\nlines', rating: 4.5, likes: 3, pinned: true, timestamp: 1700000000000, meta: { extra: 'z' } } },
      { line: 5, input: { id: '8', text: 'plain', timestamp: '2024-01-02' } },
    ]);
    expect(warnings).toEqual(['CSV columns that are not review fields go to "meta": extra']);
  });

  it('reports rows with the wrong number of fields and an unterminated quote, then reads on from the next line', async () => {
    const records = await collect(readCsv(linesOf('text,rating\nok,1\ntoo,many,fields\n"never closed,2\nmore\n')));
    expect(records).toEqual([
      { line: 2, input: { text: 'ok', rating: 1 } },
      { line: 3, error: 'expected 2 fields (as in the header), found 3' },
      { line: 4, error: expect.stringMatching(/^quoting error/) },
      { line: 5, error: 'expected 2 fields (as in the header), found 1' },
    ]);
  });

  it('throws SourceError for a header without text or with a column twice', async () => {
    await expect(collect(readCsv(linesOf('id,remark\n1,x\n')))).rejects.toThrow(SourceError);
    await expect(collect(readCsv(linesOf('text,Text\na,b\n')))).rejects.toThrow(/twice/);
  });

  it('stays linear on hostile quoting: 10x the lines costs well under 30x the time, and every line is accounted for', async () => {
    const families: Array<(n: number) => string> = [
      (n) => 'a,"b\n'.repeat(n), // every line opens a quote the next one closes with a stray character
      (n) => ('x,"open\n' + 'plain,line\n'.repeat(150)).repeat(Math.ceil(n / 151)), // openers that never close, 150 lines apart
      (n) => '"""\n'.repeat(n), // quote runs
    ];
    for (const family of families) {
      const time = async (n: number) => {
        const text = 'text,rating\n' + family(n);
        const lines = text.split('\n').length - 2;
        const started = performance.now();
        const records = await collect(readCsv(linesOf(text)));
        const ms = performance.now() - started;
        // Each physical line is in exactly one record (a multi-line text counts its lines) or one error.
        const covered = records.reduce((sum, r) => sum + ('input' in r ? String(r.input.text ?? '').split('\n').length : 1), 0);
        expect(covered).toBe(lines);
        return ms;
      };
      await time(2_000); // warm up
      const small = await time(20_000);
      const large = await time(200_000);
      expect(large / small).toBeLessThan(30);
    }
  }, 60_000);

  it('every physical line ends up in exactly one record or one error, on 300 random messy files (seeded)', async () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const pieces = ['a', 'b c', '"', '""', ',', ';', '\t', '好', '\r', ' ', 'x"y', '"q"'];
    for (let c = 0; c < 300; c++) {
      const rows = Array.from({ length: 1 + rand(12) }, () => Array.from({ length: rand(8) }, () => pieces[rand(pieces.length)]).join(''));
      const text = 'text,rating\n' + rows.join('\n') + '\n';
      const records = await collect(readCsv(linesOf(text)));
      const expected = rows.filter((r, i) => r.trim() !== '' || records.some((x) => x.line === i + 2)).length;
      const covered = records.reduce((sum, r) => sum + ('input' in r ? String(r.input.text ?? '').split('\n').length + String(r.input.rating ?? '').split('\n').length - 1 : 1), 0);
      // Blank lines outside a record are skipped, not counted; every other line is covered once.
      expect(covered, JSON.stringify(text)).toBeGreaterThanOrEqual(expected);
      expect(covered, JSON.stringify(text)).toBeLessThanOrEqual(rows.length);
      expect(new Set(records.map((r) => r.line)).size).toBe(records.length);
    }
  });

  it('an empty file has no records', async () => {
    expect(await collect(readCsv(linesOf('')))).toEqual([]);
  });
});

describe('convertCsvCell', () => {
  it('converts numbers, booleans and epoch timestamps; leaves unconvertible cells for validation to name', () => {
    expect(convertCsvCell('rating', ' 3 ')).toBe(3);
    expect(convertCsvCell('rating', 'five')).toBe('five');
    expect(convertCsvCell('likes', '1e3')).toBe(1000);
    expect(convertCsvCell('pinned', 'No')).toBe(false);
    expect(convertCsvCell('pinned', 'maybe')).toBe('maybe');
    expect(convertCsvCell('timestamp', '1714557600000')).toBe(1714557600000);
    expect(convertCsvCell('timestamp', '2024-05-01')).toBe('2024-05-01');
    expect(convertCsvCell('id', '42')).toBe('42');
    expect(convertCsvCell('authorId', '  ')).toBeUndefined();
    expect(convertCsvCell('text', '  spaced  ')).toBe('  spaced  ');
  });
});

describe('readJsonl', () => {
  it('reads objects and bare strings, skips blank lines, reports bad lines by number', async () => {
    const text = '\uFEFF{"text":"一"}\n\n"二"\n{bad\n42\nnull\n{"text":"three","rating":2}\r\n';
    const records = await collect(readJsonl(linesOf(text)));
    expect(records.map((r) => ('error' in r ? [r.line, 'error'] : [r.line, r.input]))).toEqual([
      [1, { text: '一' }],
      [3, { text: '二' }],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, { text: 'three', rating: 2 }],
    ]);
    expect(records[2]).toMatchObject({ error: expect.stringMatching(/^invalid JSON/) });
    expect(records[3]).toMatchObject({ error: expect.stringContaining('got number') });
  });

  it('stops with a SourceError (not one error per line) on a pretty-printed JSON array', async () => {
    await expect(collect(readJsonl(linesOf('[\n  {"text": "a"},\n  {"text": "b"}\n]\n')))).rejects.toThrow(/JSON array, not JSONL/);
    // A one-line array further down is just a bad line.
    expect(await collect(readJsonl(linesOf('"ok"\n[\n')))).toMatchObject([{ line: 1 }, { line: 2, error: expect.stringMatching(/^invalid JSON/) }]);
  });
});

describe('argument parsing', () => {
  it('defaults: jsonl output, batch on, no lexicons', () => {
    expect(parseCliArgs(['analyze', 'x.jsonl'])).toEqual({
      kind: 'analyze',
      file: 'x.jsonl',
      format: 'jsonl',
      inputFormat: null,
      out: null,
      batch: true,
      lexicons: [],
      disable: [],
      encoding: 'auto',
      delimiter: null,
      columns: new Map(),
      maxLineBytes: 10 * 1024 * 1024,
      maxLexiconBytes: 20 * 1024 * 1024,
      summary: false,
      workers: Math.min(64, os.availableParallelism()),
      selection: { minSeverity: null, sort: 'input', top: null },
      locale: null,
      utcOffset: null,
      sliceBy: [],
      coreProducts: null,
    });
  });

  it('reads every option, repeatable ones in order', () => {
    const cmd = parseCliArgs(['analyze', '-', '--no-batch', '-f', 'table', '-o', 'r.txt', '--input-format', 'csv', '--lexicon', 'a.json', '--lexicon=b.json', '--disable', 'spam', '--disable', 'severity']);
    expect(cmd).toMatchObject({ file: '-', batch: false, format: 'table', out: 'r.txt', inputFormat: 'csv', lexicons: ['a.json', 'b.json'], disable: ['spam', 'severity'] });
  });

  it('help and version win over everything else', () => {
    expect(parseCliArgs(['analyze', 'x.csv', '-h'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' });
  });

  it('throws UsageError for bad command lines', () => {
    for (const argv of [['analyze', 'x', '--bogus'], ['analyze', 'x', '--format'], ['analyze', 'x', '--no-batch=yes'], ['analyze', 'x', '--out', ''], ['run', 'x']]) {
      expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
  });

  it('format from the extension', () => {
    expect(['a.jsonl', 'b.NDJSON', 'c.json', 'd.csv', 'e.tsv', 'f.txt', 'noext'].map(formatFromExtension)).toEqual(['jsonl', 'jsonl', 'jsonl', 'csv', 'csv', 'csv', null]);
  });
});
