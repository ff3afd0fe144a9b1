import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli/main.js';
import { LintResultSchema } from '../src/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-lint-reply-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function sink(): Writable & { text(): string } {
  let buf = '';
  const w = new Writable({ write(chunk, _enc, cb) { buf += String(chunk); cb(); } }) as Writable & { text(): string };
  w.text = () => buf;
  return w;
}

async function run(args: string[], stdinText?: string) {
  const stdout = sink();
  const stderr = sink();
  const stdin = new PassThrough();
  if (stdinText !== undefined) stdin.end(stdinText);
  const io: CliIO = { stdin, stdout, stderr };
  const code = await main(args, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const write = (name: string, text: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('review-triage lint-reply', () => {
  it('prints each finding as FILE:LINE:COLUMN with its rule, span and reason, and exits 1', async () => {
    const file = write('bad.txt', '亲，实在抱歉。\n麻烦把差评删了，这是快递的问题。');
    const r = await run(['lint-reply', file, '--nature', 'genuine_complaint']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:3: ask-to-change-review "把差评删": .+`));
    expect(lines[1]).toContain(':2:11: blame-shifting "快递的问题"');
    expect(lines.at(-1)).toBe(`${file}: 2 finding(s)`);
    expect(r.stderr).toBe('');
  });

  it('a clean reply exits 0; --format json prints a LintResult', async () => {
    const file = write('ok.txt', 'We are sorry about the cracked lid; a new one ships today.');
    const human = await run(['lint-reply', file, '--nature', 'genuine_complaint']);
    expect([human.code, human.stdout]).toEqual([0, `${file}: no finding\n`]);
    const json = await run(['lint-reply', file, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(LintResultSchema.parse(JSON.parse(json.stdout))).toEqual({ ok: true, locale: 'en', findings: [] });
  });

  it('reads standard input, and --platform allows the platform\'s own links', async () => {
    const reply = 'Sorry! Start the return at https://www.amazon.com/returns';
    const flagged = await run(['lint-reply', '-', '--format', 'json'], reply);
    expect(flagged.code).toBe(1);
    const result = LintResultSchema.parse(JSON.parse(flagged.stdout));
    expect(result.findings.map((f) => [f.rule, f.start, f.end])).toEqual([['off-platform-contact', reply.indexOf('https'), reply.length]]);
    expect((await run(['lint-reply', '-', '--platform', 'amazon'], reply)).code).toBe(0);
  });

  it('usage errors exit 2: no file, a missing file, a directory, an unknown option value', async () => {
    for (const args of [['lint-reply'], ['lint-reply', path.join(tmp, 'nope.txt')], ['lint-reply', tmp], ['lint-reply', '-', '--nature', 'angry'], ['lint-reply', '-', '--disable', 'tone'], ['lint-reply', '-', '--colour']]) {
      const r = await run(args, '');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^review-triage: /);
    }
  });

  it('--help prints its usage; the main help names the subcommand', async () => {
    expect((await run(['lint-reply', '--help'])).stdout).toMatch(/^Usage:\n {2}review-triage lint-reply/);
    expect((await run(['--help'])).stdout).toContain('review-triage lint-reply <file|->');
  });
});
