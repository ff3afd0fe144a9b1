import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli/main.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-report-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function sink(): Writable & { text(): string } {
  let buf = '';
  const w = new Writable({ write(chunk, _enc, cb) { buf += String(chunk); cb(); } }) as Writable & { text(): string };
  w.text = () => buf;
  return w;
}

async function run(args: string[]) {
  const stdout = sink();
  const stderr = sink();
  const io: CliIO = { stdin: new PassThrough(), stdout, stderr, createAnalyzer: () => defaultAnalyzer() };
  const code = await main(args, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const example = path.resolve(__dirname, '..', 'examples', 'reviews.jsonl');

describe('review-triage report', () => {
  it('writes a zh report of the example in UTC+8, exit 0', async () => {
    const out = path.join(tmp, 'r.html');
    const r = await run(['report', example, '-o', out, '--locale', 'zh', '--utc-offset', '8', '--title', '店铺日报']);
    expect(r.code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('<title>店铺日报</title>');
    expect(html).toContain('<h2>待处理队列</h2>');
    expect(html).toContain('UTC+8');
    expect(r.stderr).toMatch(/report of \d+ review\(s\)/);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('bad lines are reported with their number and skipped (exit 1), the report is still written', async () => {
    const input = path.join(tmp, 'bad.jsonl');
    fs.writeFileSync(input, '{"text":"很好","timestamp":"2026-03-01T10:00:00Z"}\nnot json\n{"text":"bad","rating":9}\n');
    const out = path.join(tmp, 'bad.html');
    const r = await run(['report', input, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${input}:2:`);
    expect(r.stderr).toContain(`${input}:3: invalid review`);
    expect(fs.readFileSync(out, 'utf8')).toContain('</html>');
  });

  it.each([
    [['report'], /missing input file/],
    [['report', example, '--locale', 'fr'], /unknown --locale "fr"/],
    [['report', example, '--utc-offset', 'eight'], /--utc-offset must be hours/],
    [['report', example, '--utc-offset', '15'], /--utc-offset must be hours/],
    [['report', example, '-o', example], /must not be the input file/],
    [['report', path.join(tmp, 'nope.jsonl')], /cannot read input file/],
    [['report', example, '--nope'], /Unknown option '--nope'/],
  ])('usage error %j exits 2 and writes nothing', async (args, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('--help prints the report usage', async () => {
    const r = await run(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('review-triage report <file>');
  });

  it('an unwritable --out is a usage error and leaves no temp file', async () => {
    const r = await run(['report', example, '-o', path.join(tmp, 'no-such-dir', 'r.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write output file/);
  });
});
