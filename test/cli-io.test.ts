import { EventEmitter } from 'node:events';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type Analysis, type Analyzer, type AnalyzerOptions } from '../src/index.js';
import { main, type CliIO } from '../src/cli/main.js';
import { forTerminal } from '../src/cli/sanitize.js';
import { cellWidth, createFormatter } from '../src/cli/writers.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'review-triage-cli-io-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};

function collector(tty = false, columns?: number): Writable & { isTTY: boolean; columns?: number; text(): string } {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  }) as Writable & { isTTY: boolean; columns?: number; text(): string };
  w.isTTY = tty;
  if (columns) w.columns = columns;
  w.text = () => Buffer.concat(chunks).toString('utf8');
  return w;
}

const analyzers = new Map<string, Analyzer>();
function factory(options: AnalyzerOptions): Analyzer {
  const key = JSON.stringify(options);
  if (!analyzers.has(key)) analyzers.set(key, (options.lexicons ?? []).length === 0 && (options.disable ?? []).length === 0 ? defaultAnalyzer() : createAnalyzer(options));
  return analyzers.get(key)!;
}

interface RunOptions {
  stdin?: string | PassThrough;
  ttyOut?: number;
  ttyErr?: boolean;
  now?: () => number;
  signals?: EventEmitter;
}
async function run(argv: string[], opts: RunOptions = {}) {
  const stdout = collector(opts.ttyOut !== undefined, opts.ttyOut);
  const stderr = collector(opts.ttyErr ?? false);
  let stdin: PassThrough;
  if (opts.stdin instanceof PassThrough) stdin = opts.stdin;
  else {
    stdin = new PassThrough();
    stdin.end(opts.stdin ?? '');
  }
  const io: CliIO = { stdin, stdout, stderr, createAnalyzer: factory, ...(opts.now ? { now: opts.now } : {}), signals: opts.signals ?? new EventEmitter() };
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
const jsonl = (out: string): Analysis[] =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Analysis);

/** GBK bytes of a string, from the platform's own GB18030 decoder run backwards (no encoder in Node, no dependency). */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else bytes.push(...table.get(ch)!);
  }
  return Buffer.from(bytes);
}

const CHINESE_CSV = '用户,评论内容,评分,时间\r\nu1,物流太慢了，差评,1,2024/05/01 10:00\r\nu2,质量很好，推荐购买,5,2024年5月2日\r\n';

describe('analysts\' files: encodings (issue 11, item 3)', () => {
  it('a GBK CSV with Chinese headers, as Excel saves it on Chinese Windows, analyses correctly', async () => {
    const r = await run(['analyze', file('gbk.csv', gbk(CHINESE_CSV)), '--no-batch']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const items = jsonl(r.stdout);
    expect(items.map((a) => a.text)).toEqual(['物流太慢了，差评', '质量很好，推荐购买']);
    expect(items.map((a) => a.sentiment.label)).toEqual(['negative', 'positive']);
    expect(items.every((a) => a.timestampIssue === undefined)).toBe(true);
  });

  it('UTF-16 LE tab-separated with a BOM (Excel "Unicode text", .txt) and UTF-16 BE analyse correctly', async () => {
    const tsv = CHINESE_CSV.replace(/,(?=[^，])/g, '\t');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [['unicode.txt', le], ['be.csv', be]] as const) {
      const r = await run(['analyze', file(name, bytes), '--no-batch']);
      expect(r.stderr, name).toBe('');
      expect(jsonl(r.stdout).map((a) => a.text), name).toEqual(['物流太慢了，差评', '质量很好，推荐购买']);
    }
  });

  it('UTF-8 with and without a BOM; semicolons; English aliases; --column overrides an alias', async () => {
    const semi = 'Content;Stars;Nickname\n"Terrible, broke in a day";1;bob\n';
    const r1 = await run(['analyze', file('semi.csv', '\uFEFF' + semi), '--no-batch']);
    expect(r1.stderr).toBe('');
    expect(jsonl(r1.stdout)[0]).toMatchObject({ text: 'Terrible, broke in a day', sentiment: { label: 'negative' } });
    const two = '编号,评论,评价内容\n7,short,真正的评价内容很差\n';
    const r2 = await run(['analyze', file('two.csv', two), '--no-batch', '--column', 'text=评价内容']);
    expect(jsonl(r2.stdout)[0]).toMatchObject({ id: '7', text: '真正的评价内容很差' });
    const r3 = await run(['analyze', file('two2.csv', two), '--no-batch', '--column', 'text=nope']);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/no column "nope"/);
  });

  it('an undecodable file exits 2 naming the line, and writes no garbage (issue 13, item 4)', async () => {
    const bad = Buffer.concat([Buffer.from('text\nfine\nalso fine\n'), Buffer.from([0x62, 0xff, 0xfe, 0x80, 0x0a])]);
    const r = await run(['analyze', file('bad-bytes.csv', bad)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-bytes\.csv:4: not valid UTF-8/);
    expect(r.stdout).toBe('');
    // Valid UTF-8 at the start, a stray byte later: still the line, never U+FFFD in the results.
    const late = Buffer.concat([Buffer.from('{"text":"ok"}\n'.repeat(5000)), Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a])]);
    const r2 = await run(['analyze', file('late.jsonl', late)]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/late\.jsonl:5001: bytes that are not valid utf-8/);
    expect(r2.stdout).not.toContain('\uFFFD');
  });

  it('an .xlsx workbook is refused with what to do instead', async () => {
    const r = await run(['analyze', file('book.csv', Buffer.from('PK\x03\x04rest-of-zip', 'latin1'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ZIP archive .*CSV UTF-8/);
  });
});

describe('every input row accounted for (issue 13, item 4)', () => {
  it('an unclosed quote on row 10 of 1,000: that row is reported, the 999 others are written', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => (i === 9 ? `${i + 1},"broken quote here,3` : `${i + 1},review number ${i + 1},4`));
    const r = await run(['analyze', file('thousand.csv', 'id,text,rating\n' + rows.join('\n') + '\n'), '--no-batch']);
    expect(r.code).toBe(1);
    const ids = jsonl(r.stdout).map((a) => a.id);
    expect(ids).toHaveLength(999);
    expect(ids).not.toContain('10');
    expect(r.stderr).toMatch(/thousand\.csv:11: quoting error/);
    expect(r.stderr).toMatch(/1 of 1000 row\(s\) failed/);
  });

  it('a stray quote closed by a later row does not merge the rows', async () => {
    const csv = 'id,text,rating\n1,"stray quote text,5\n2,"ok",4\n3,fine,5\n4,"two\nlines",5\n';
    const r = await run(['analyze', file('stray.csv', csv), '--no-batch']);
    expect(jsonl(r.stdout).map((a) => [a.id, a.text])).toEqual([
      ['2', 'ok'],
      ['3', 'fine'],
      ['4', 'two\nlines'],
    ]);
    expect(r.stderr).toMatch(/stray\.csv:2: quoting error/);
    // Counted in rows (the quoted line break does not make a fifth one).
    expect(r.stderr).toMatch(/1 of 4 row\(s\) failed/);
  });

  it('a raw carriage return inside a JSONL line does not shift later line numbers or ids', async () => {
    const text = '{"text":"first\rline"}\n{"text":"second"}\nnot json\n{"text":"third"}\n';
    const r = await run(['analyze', '-', '--no-batch'], { stdin: text });
    expect(jsonl(r.stdout).map((a) => [a.id, a.text])).toEqual([
      ['1', 'first\rline'],
      ['2', 'second'],
      ['4', 'third'],
    ]);
    expect(r.stderr).toMatch(/<stdin>:3: invalid JSON/);
  });

  it('a line over --max-line-bytes is reported and skipped, never a stack trace', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(50_000) });
    const r = await run(['analyze', '-', '--no-batch', '--max-line-bytes', '1000'], { stdin: `{"text":"a"}\n${big}\n{"text":"b"}\n` });
    expect(r.code).toBe(1);
    expect(jsonl(r.stdout).map((a) => a.id)).toEqual(['1', '3']);
    expect(r.stderr).toMatch(/<stdin>:2: line is 50,011 bytes, over the 1,000-byte limit/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--out never damages or loses a file (issue 13, item 3)', () => {
  const input = () => file('in.jsonl', '{"text":"很好"}\n{"text":"很差"}\n');

  it('refuses an --out that is the input through a symlink or a hard link; the input is intact', async () => {
    const src = input();
    const before = fs.readFileSync(src, 'utf8');
    const sym = path.join(tmp, 'sym.jsonl');
    const hard = path.join(tmp, 'hard.jsonl');
    fs.rmSync(sym, { force: true });
    fs.rmSync(hard, { force: true });
    fs.symlinkSync(src, sym);
    fs.linkSync(src, hard);
    for (const out of [sym, hard]) {
      const r = await run(['analyze', src, '--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/is the input file/);
      expect(fs.readFileSync(src, 'utf8')).toBe(before);
    }
  });

  it.skipIf(!fs.existsSync('/dev/full'))('a full disk (/dev/full) is a non-zero exit with a message', async () => {
    const r = await run(['analyze', input(), '--out', '/dev/full']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/cannot write output "\/dev\/full": .*(ENOSPC|no space)/i);
  });

  it('writes through a temporary file: no stray files, the result replaces the old file, a symlinked target keeps its link', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'out-'));
    const target = path.join(dir, 'result.jsonl');
    fs.writeFileSync(target, 'old\n');
    const link = path.join(dir, 'link.jsonl');
    fs.symlinkSync(target, link);
    const r = await run(['analyze', input(), '--out', link]);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(jsonl(fs.readFileSync(target, 'utf8'))).toHaveLength(2);
    expect(fs.readdirSync(dir).sort()).toEqual(['link.jsonl', 'result.jsonl']);
  });

  it.each(['SIGINT', 'SIGTERM'])('on %s the previous --out file is left intact (also with --format json)', async (signal) => {
    const dir = fs.mkdtempSync(path.join(tmp, 'sig-'));
    const out = path.join(dir, 'batch.json');
    fs.writeFileSync(out, '{"previous":true}\n');
    for (const mode of [['--no-batch'], []]) {
      const stdin = new PassThrough();
      stdin.write('{"text":"很好"}\n{"text":"很差"}\n');
      const signals = new EventEmitter();
      setTimeout(() => signals.emit(signal, signal), 300);
      const r = await run(['analyze', '-', '--format', 'json', '--out', out, ...mode], { stdin, signals });
      expect(r.code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(fs.readFileSync(out, 'utf8')).toBe('{"previous":true}\n');
      expect(fs.readdirSync(dir)).toEqual(['batch.json']);
    }
  });
});

describe('lexicon files are checked before they are read (issue 13, item 5)', () => {
  it('refuses /dev/zero, a FIFO and a directory at once, and a file over --max-lexicon-bytes', async () => {
    const fifo = path.join(tmp, 'lex.fifo');
    const made = spawnSync('mkfifo', [fifo]).status === 0;
    const cases: Array<[string[], RegExp]> = [
      [['--lexicon', '/dev/zero'], /not a regular file/],
      [['--lexicon', tmp], /not a regular file \(a directory\)/],
      [['--lexicon', file('big-lex.json', JSON.stringify({ kind: 'sentiment', lang: 'en', entries: [] }) + ' '.repeat(5000)), '--max-lexicon-bytes', '4096'], /over the 4096-byte limit/],
    ];
    if (made) cases.push([['--lexicon', fifo], /not a regular file/]);
    for (const [args, message] of cases) {
      const started = Date.now();
      const r = await run(['analyze', '-', ...args], { stdin: '{"text":"ok"}\n' });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it('error messages never echo the content of the file named', async () => {
    const secret = file('passwd', 'root:x:0:0:SECRET-hash-1234:/root:/bin/bash\n');
    const r = await run(['analyze', '-', '--lexicon', secret], { stdin: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(r.stderr).not.toMatch(/root|SECRET/);
    const json = file('almost.json', '{"kind":"sentiment","lang":"en","entries":[SECRET-TOKEN]}');
    const r2 = await run(['analyze', '-', '--lexicon', json], { stdin: '' });
    expect(r2.stderr).toMatch(/not valid JSON \(syntax error/);
    expect(r2.stderr).not.toMatch(/SECRET/);
  });
});

const HOSTILE_ID = 'id\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202Eevil';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('one sanitiser for the terminal (issue 13, item 6)', () => {
  it('table cells escape ESC, C1 controls and bidi overrides; JSONL keeps the id byte-exact', async () => {
    const line = JSON.stringify({ id: HOSTILE_ID, text: 'bad\u001b[31m text \u202E reversed' });
    const table = await run(['analyze', '-', '--format', 'table'], { stdin: line + '\n' });
    expect(table.stdout).not.toMatch(RAW_CONTROL);
    expect(table.stdout).toContain('\\x1B');
    const out = await run(['analyze', '-'], { stdin: line + '\n' });
    expect(jsonl(out.stdout)[0]!.id).toBe(HOSTILE_ID);
  });

  it('the batch footer (alerts, campaign ids) is sanitised', () => {
    const analysis = defaultAnalyzer().analyze({ id: HOSTILE_ID, text: 'ok' });
    const pieces = [...createFormatter('table').batch({
      items: [analysis],
      groups: [{ id: HOSTILE_ID, campaign: true, size: 3, burst: true, representative: 'x\u001b[2J' } as never],
      alerts: [{ kind: 'critical_review', level: 'red', message: `review ${HOSTILE_ID} needs action`, period: null } as never],
    })].join('');
    expect(pieces).toContain('alerts:');
    expect(pieces).not.toMatch(RAW_CONTROL);
  });

  it('stderr escapes unknown key names and file names', async () => {
    // The unknown key goes to meta; the warning naming it is escaped.
    const r = await run(['analyze', '-', '--no-batch'], { stdin: '{"text":"x","\\u001b]0;t\\u0007key":1}\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('\\x1B]0;t\\x07key');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    const odd = file('name\u001b[2J.dat', 'x');
    const r2 = await run(['analyze', odd]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).not.toMatch(RAW_CONTROL);
    expect(r2.stderr).toContain('name\\x1B[2J.dat');
  });

  it('forTerminal: one pass, text without controls returned as is', () => {
    expect(forTerminal('普通 text')).toBe('普通 text');
    expect(forTerminal('a\nb', { keepNewlines: true })).toBe('a\nb');
    expect(forTerminal('a\nb\u2066')).toBe('a\\nb\\u2066');
  });
});

describe('analysts\' outputs (issue 11, item 4)', () => {
  const reviews = [
    { id: 'r1', text: '很好用，推荐', rating: 5 },
    { id: 'r2', text: '收到的商品是坏的，客服不理人，要求退款，否则投诉到消费者协会', rating: 1 },
    { id: 'r3', text: '=HYPERLINK("http://x")', rating: 3 },
    { id: 'r4', text: '物流太慢了', rating: 2, timestamp: 1e20 },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n');

  it('--format csv: UTF-8 with BOM, one row per review with labels, reasons and deadline; formulas defused', async () => {
    const r = await run(['analyze', '-', '--format', 'csv'], { stdin: reviews });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\uFEFFid,language,platform,product_id,sku,order_id,country,channel,agent,time,meta,sentiment,')).toBe(true);
    const rows = r.stdout.slice(1).trim().split('\r\n');
    expect(rows).toHaveLength(5);
    expect(rows[0]).toContain('respond_within_hours');
    expect(rows[0]).toContain('reasons');
    expect(rows[3]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(rows[4]).toMatch(/too large for epoch/);
  });

  it('--min-severity, --sort severity and --top select and order the results', async () => {
    const all = jsonl((await run(['analyze', '-'], { stdin: reviews })).stdout);
    const rank = (l: string) => ['low', 'medium', 'high', 'critical'].indexOf(l);
    const sorted = jsonl((await run(['analyze', '-', '--sort', 'severity'], { stdin: reviews })).stdout);
    expect(sorted.map((a) => rank(a.severity.level))).toEqual([...all.map((a) => rank(a.severity.level))].sort((x, y) => y - x));
    const top = jsonl((await run(['analyze', '-', '--sort', 'severity', '--top', '1'], { stdin: reviews })).stdout);
    expect(top.map((a) => a.id)).toEqual([sorted[0]!.id]);
    const medium = jsonl((await run(['analyze', '-', '--min-severity', 'medium'], { stdin: reviews })).stdout);
    expect(medium.map((a) => a.id)).toEqual(all.filter((a) => rank(a.severity.level) >= 1).map((a) => a.id));
    expect(medium.length).toBeLessThan(all.length);
    const bad = await run(['analyze', '-', '--no-batch', '--sort', 'severity'], { stdin: reviews });
    expect(bad.code).toBe(2);
  });

  it('--summary prints counts, topics and the head of the queue instead of the results', async () => {
    const r = await run(['analyze', '-', '--summary'], { stdin: reviews });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^reviews: 4\n/);
    expect(r.stdout).toMatch(/severity: critical \d+, high \d+, medium \d+, low \d+/);
    expect(r.stdout).toMatch(/top complaint topics: /);
    expect(r.stdout).toMatch(/unusable timestamps: 1/);
    expect(r.stdout).not.toContain('{"id"');
  });

  it('the table fits a narrow terminal', async () => {
    const r = await run(['analyze', '-', '--format', 'table'], { stdin: reviews, ttyOut: 80 });
    const width = (line: string) => [...line].reduce((s, ch) => s + cellWidth(ch.codePointAt(0)!), 0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(width(line)).toBeLessThanOrEqual(80);
  });

  it('batch mode draws a progress bar with rate and ETA while analysing (stderr a terminal)', async () => {
    let t = 0;
    const many = Array.from({ length: 30 }, (_, i) => JSON.stringify({ text: `第${i}条评价，质量不错` })).join('\n');
    const r = await run(['analyze', '-'], { stdin: many, ttyErr: true, now: () => (t += 1000) });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/analysing \[[#-]+\] +\d+%  \d+ reviews  \d+\/s  ETA \d+s/);
  });
});
