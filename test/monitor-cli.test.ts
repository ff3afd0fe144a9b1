import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';
import { days } from './helpers/monitor-stream.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-monitor-cli-'));
  for (const d of [3, 4]) fs.writeFileSync(path.join(dir, `day${d}.jsonl`), days(d, d)[0]!.map((r) => JSON.stringify(r)).join('\n') + '\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  const io: CliIO = { stdin: new PassThrough(), stdout, stderr };
  const code = await main(args, io);
  return { code, out, err };
}

describe('review-triage monitor', () => {
  it('remembers between runs and marks an item replied', async () => {
    const state = path.join(dir, 'state.db');
    const first = await cli(['monitor', path.join(dir, 'day3.jsonl'), '--state', state]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out).added).toBe(days(3, 3)[0]!.length);
    const second = await cli(['monitor', path.join(dir, 'day4.jsonl'), '--state', state]);
    expect(second.code).toBe(0);
    const run = JSON.parse(second.out);
    const campaign = run.alerts.find((a: { kind: string }) => a.kind === 'campaign');
    expect(campaign.evidenceIds).toEqual(expect.arrayContaining(['c3-0', 'c3-1', 'c4-0'])); // day 3's copies joined day 4's
    const again = await cli(['monitor', path.join(dir, 'day4.jsonl'), '--state', state]);
    expect(JSON.parse(again.out).added).toBe(0);
    const marked = await cli(['monitor', 'mark', 'c4-0', 'replied', '--state', state, '--at', '2026-03-04T12:00:00Z']);
    expect(marked.code).toBe(0);
    expect(JSON.parse(marked.out)).toMatchObject({ key: campaign.group, status: 'replied', repliedAt: '2026-03-04T12:00:00.000Z' });
    const queue = JSON.parse((await cli(['monitor', 'queue', '--state', state])).out);
    expect(queue.queue.find((q: { key: string }) => q.key === campaign.group).status).toBe('replied');
    expect(queue.summary.queue.replied).toBe(1);
  }, 60_000);

  it('usage errors: no state, unknown status, a corrupt state file', async () => {
    expect((await cli(['monitor', path.join(dir, 'day3.jsonl')])).code).toBe(2);
    expect((await cli(['monitor', 'mark', 'x', 'done', '--state', path.join(dir, 's.db')])).err).toMatch(/unknown status "done"/);
    const bad = path.join(dir, 'bad.db');
    fs.writeFileSync(bad, 'not a database '.repeat(300));
    const r = await cli(['monitor', path.join(dir, 'day3.jsonl'), '--state', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(bad);
  });
});
