import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The examples import the package by name ('review-triage', 'review-triage/extend'), as users do: Node
// resolves that to this package's own exports, so they need the build (CI builds before testing).
const root = path.resolve(__dirname, '..');
const built = fs.existsSync(path.join(root, 'dist', 'extend.js'));
if (!built) console.warn('[review-triage tests] dist/ not found (run `npm run build`): the examples are not run.');

function runExample(file: string) {
  const r = spawnSync(process.execPath, [path.join(root, 'examples', file)], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

describe.skipIf(!built)('examples', () => {
  it('every example imports the package by name, not dist/ or src/', () => {
    for (const f of fs.readdirSync(path.join(root, 'examples')).filter((x) => /\.(mjs|cjs|js|ts)$/.test(x))) {
      const text = fs.readFileSync(path.join(root, 'examples', f), 'utf8');
      expect(text, f).not.toMatch(/from ['"]\.\.?\/(dist|src)\//);
    }
  });

  it('basic.mjs triages the sample reviews, the safety complaint critical and the ad as spam', () => {
    const out = runExample('basic.mjs');
    expect(out).toMatch(/^r3 .*critical .*safety/m);
    expect(out).toMatch(/^r5 .*spam: advertising/m);
  });

  it('custom-lexicon.mjs checks its lexicon and its label table', () => {
    expect(runExample('custom-lexicon.mjs')).toContain('all label expectations hold');
  });

  it('custom-stage.mjs adds a field from a slot it declares, read from the clauses and negation flags', () => {
    const out = runExample('custom-stage.mjs');
    expect(out).toContain('verdict: 用了两天就坏了');
    expect(out).toContain('verdict: 东西质量没问题');
    expect(out).toMatch(/verdict: the battery does not last a day\s+negated: \[last\]\s+clauses: 2/);
  });
});
