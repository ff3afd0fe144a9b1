import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const built = fs.existsSync(path.join(root, 'dist', 'cli.cjs'));
if (!built) console.warn('[review-triage tests] dist/cli.cjs not found (run `npm run build`): the built-bin CLI test is skipped.');

/** Runs bin/review-triage.cjs as a user would, in the repo root. */
function bin(args: string[], input?: string) {
  return spawnSync(process.execPath, [path.join(root, 'bin', 'review-triage.cjs'), ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
}

describe.skipIf(!built)('built CLI (bin/review-triage.cjs)', () => {
  it('analyze mixed.jsonl prints one Analysis per line with the right languages, exit 0', () => {
    const r = bin(['analyze', 'test/fixtures/cli/mixed.jsonl']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const items = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; language: string });
    expect(items.map((a) => a.language)).toEqual(['zh', 'en', 'zh', 'other']);
  });

  it('bad lines: reported on stderr with line numbers, exit 1; stdin with "-"', () => {
    const r = bin(['analyze', '-', '--no-batch'], '{"text":"很好"}\nnot json\n{"text":"fine"}\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('<stdin>:2: invalid JSON');
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('usage error exits 2; --version prints a version', () => {
    const bad = bin(['analyze', 'test/fixtures/cli/mixed.jsonl', '--nope']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    const v = bin(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
