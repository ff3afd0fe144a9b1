import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Bundling a consumer with esbuild, ESM and CJS (issue 11, item 5; docs/bundling.md). The consumer's
// node_modules is laid out as `npm install review-triage` lays it out (the package and the dependencies it
// loads at run time: opencc-js and @node-rs/jieba with its platform binary), here as links into this repository.
// Then the same bundles are moved to a folder without review-triage: the built-in data folder is not found, and
// the dataDir option brings it back. Needs the build (dist/).
const root = path.resolve(__dirname, '..');
const built = fs.existsSync(path.join(root, 'dist', 'index.js')) && fs.existsSync(path.join(root, 'dist', 'index.cjs'));
if (!built) console.warn('[review-triage tests] dist/ not found (run `npm run build`): the esbuild bundling tests are skipped.');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bundle-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The packages the library requires at run time (not bundled: native, or loaded on first use). */
function linkRuntimeDeps(dir: string, withPackage: boolean): void {
  const nm = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(nm, '@node-rs'), { recursive: true });
  if (withPackage) fs.symlinkSync(root, path.join(nm, 'review-triage'), 'dir');
  fs.symlinkSync(path.join(root, 'node_modules', 'opencc-js'), path.join(nm, 'opencc-js'), 'dir');
  for (const p of fs.readdirSync(path.join(root, 'node_modules', '@node-rs')).filter((n) => n.startsWith('jieba'))) {
    fs.symlinkSync(path.join(root, 'node_modules', '@node-rs', p), path.join(nm, '@node-rs', p), 'dir');
  }
}

// Our own review; the consumer prints what it got, and takes the data folder from RT_DATA when set.
const body = `
const analyzer = createAnalyzer(process.env.RT_DATA ? { dataDir: process.env.RT_DATA } : {});
const r = analyzer.analyze({ text: '發貨太慢了，等了一個星期，客服也不理人', rating: 1 });
console.log(JSON.stringify({ label: r.sentiment.label, topics: r.negative ? r.negative.topics : null, level: r.severity.level }));
`;
const consumer = path.join(work, 'consumer');
const moved = path.join(work, 'moved');
const bundles = { esm: 'app.esm.mjs', cjs: 'app.cjs.cjs' } as const;

function run(dir: string, file: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)('esbuild bundles of a consumer', () => {
  beforeAll(async () => {
    fs.mkdirSync(consumer);
    linkRuntimeDeps(consumer, true);
    fs.writeFileSync(path.join(consumer, 'app.mjs'), `import { createAnalyzer } from 'review-triage';\n${body}`);
    fs.writeFileSync(path.join(consumer, 'app.cjs'), `const { createAnalyzer } = require('review-triage');\n${body}`);
    for (const [format, out] of Object.entries(bundles) as Array<['esm' | 'cjs', string]>) {
      const result = await build({
        entryPoints: [path.join(consumer, format === 'esm' ? 'app.mjs' : 'app.cjs')],
        outfile: path.join(consumer, 'dist', out),
        bundle: true,
        platform: 'node',
        format,
        logLevel: 'silent',
        absWorkingDir: consumer,
      });
      expect(result.errors).toEqual([]);
    }
    fs.mkdirSync(moved);
    linkRuntimeDeps(moved, false);
    for (const out of Object.values(bundles)) fs.copyFileSync(path.join(consumer, 'dist', out), path.join(moved, out));
  }, 120_000);

  it('the bundles contain the library (zod, our stages), not an import of it', () => {
    for (const out of Object.values(bundles)) {
      const code = fs.readFileSync(path.join(consumer, 'dist', out), 'utf8');
      expect(code).not.toMatch(/(require\(|from )["']review-triage["']/);
      expect(code).toContain('built-in lexicon folder not found');
    }
  });

  for (const [format, out] of Object.entries(bundles)) {
    it(`${format}: the bundle runs beside node_modules/review-triage and finds the built-in data itself`, () => {
      const r = run(path.join(consumer, 'dist'), out);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const got = JSON.parse(r.stdout.trim());
      expect(got.label).toBe('negative');
      expect(got.topics).toEqual(expect.arrayContaining(['logistics', 'service']));
    });

    it(`${format}: moved away from the package, it names the dataDir option; with dataDir it runs`, () => {
      const lost = run(moved, out);
      expect(lost.status).not.toBe(0);
      expect(lost.stderr).toContain('LexiconError');
      expect(lost.stderr).toContain('pass the dataDir option');

      const found = run(moved, out, { RT_DATA: path.join(root, 'data') });
      expect(found.stderr).toBe('');
      expect(found.status).toBe(0);
      expect(JSON.parse(found.stdout.trim()).topics).toEqual(expect.arrayContaining(['logistics', 'service']));
    });
  }
});
