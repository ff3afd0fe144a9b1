import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The packed tarball in fresh consumer projects (issue 11, items 1, 5 and 6): `npm pack` of this tree, then
// `npm install <tarball>` into an empty project with a PATH that holds only node and npm, so no C++ compiler
// (g++, cc, make, python) can be found, as on a machine without build tools. The install reads the npm cache
// first (--prefer-offline; CI's `npm ci` fills it) and the registry for what is missing. Then the package is
// imported from ESM, required from CJS, type-checked under TypeScript's node16, bundler and legacy node
// resolution, and the examples run against it by name. Slow (an install, several analyzers): one file, skipped
// without the build.
const root = path.resolve(__dirname, '..');
const built = fs.existsSync(path.join(root, 'dist', 'index.js')) && fs.existsSync(path.join(root, 'dist', 'testing.d.cts'));
if (!built) console.warn('[review-triage tests] dist/ not found (run `npm run build`): the packed-tarball consumer tests are skipped.');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-tarball-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const consumer = path.join(work, 'consumer');
const bin = path.join(work, 'bin');
const env = { ...process.env, PATH: bin, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
delete (env as Record<string, unknown>).npm_config_prefix;
let install: { status: number | null; stderr: string; stdout: string };

/** npm's entry script, linked into a PATH folder that holds only node and npm: compilers and build tools are not found. */
function npmCliPath(): string {
  // npm lives beside node (../lib/node_modules/npm) in the usual installs; fall back to the one on PATH.
  const beside = path.resolve(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (fs.existsSync(beside)) return beside;
  const r = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' });
  return fs.realpathSync(r.stdout.trim());
}

/** Runs node in a child process without blocking this worker (vitest's RPC times out on a blocked one). */
function runNode(args: string[], cwd = consumer): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(bin, 'node'), args, { cwd, env, timeout: 240_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// skipLibCheck: the consumer's code is checked against our declarations (attw checks that they resolve, in
// lint:package); checking zod's own declarations three times would take minutes on a loaded 2-core machine.
function tsc(name: string, file: string, compilerOptions: Record<string, unknown>) {
  const dir = path.join(consumer, `ts-${name}`);
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(consumer, file), path.join(dir, file));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: 'es2022', types: [], typeRoots: [path.join(root, 'node_modules', '@types')], ...compilerOptions }, files: [file] }),
  );
  return runNode([path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], dir);
}

describe.skipIf(!built)('the packed tarball in fresh consumers', () => {
  beforeAll(async () => {
    fs.mkdirSync(bin);
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    fs.symlinkSync(npmCliPath(), path.join(bin, 'npm'));
    const [packed] = JSON.parse(execFileSync(path.join(bin, 'npm'), ['pack', '--json', '--pack-destination', work, '--loglevel=error'], { cwd: root, env, encoding: 'utf8' })) as Array<{ filename: string }>;
    fs.mkdirSync(consumer);
    fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'rt-consumer', private: true, version: '1.0.0' }));
    install = await runNode([path.join(bin, 'npm'), 'install', path.join(work, packed!.filename), '--prefer-offline', '--loglevel=error']);
  }, 360_000);

  it('npm install of the tarball succeeds with no C++ compiler on PATH, and installs no optional peer', () => {
    const probe = spawnSync('/bin/sh', ['-c', 'command -v g++ c++ gcc cc clang make python3 || true'], { env, encoding: 'utf8' });
    expect(probe.stdout.trim()).toBe('');
    expect(install.stderr).not.toMatch(/gyp|npm error/);
    expect(install.status).toBe(0);
    const nm = path.join(consumer, 'node_modules');
    expect(fs.existsSync(path.join(nm, 'review-triage', 'data', 'lexicons'))).toBe(true);
    expect(fs.existsSync(path.join(nm, '@node-rs', 'jieba'))).toBe(true);
    for (const optional of ['nodejieba', 'echarts', '@mapbox/node-pre-gyp']) expect(fs.existsSync(path.join(nm, optional)), optional).toBe(false);
  }, 300_000);

  it('ESM: imports every entry point by name, analyses with the default segmenter; the report needs echarts or charts: false', async () => {
    fs.writeFileSync(
      path.join(consumer, 'esm.mjs'),
      `import { createAnalyzer, renderReport, MissingDependencyError } from 'review-triage';
import { defineSlot } from 'review-triage/extend';
import { checkLabels } from 'review-triage/testing';
const a = createAnalyzer();
const r = a.analyze({ text: '收到的杯子是裂的，联系客服三天没人回', rating: 1 });
const batch = a.analyzeBatch([{ id: 'x', text: '杯子裂了，客服不回' }, { id: 'y', text: '很好用' }]);
let missing = null;
try { renderReport(batch); } catch (e) { missing = e instanceof MissingDependencyError ? e.dependency : String(e); }
const html = renderReport(batch, { charts: false });
console.log(JSON.stringify({ label: r.sentiment.label, topics: r.negative?.topics, missing, page: html.startsWith('<!DOCTYPE html>'), slot: typeof defineSlot, check: typeof checkLabels }));
`,
    );
    const r = await runNode(['esm.mjs']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const got = JSON.parse(r.stdout.trim());
    expect(got).toMatchObject({ label: 'negative', missing: 'echarts', page: true, slot: 'function', check: 'function' });
    expect(got.topics).toContain('service');
  }, 300_000);

  it('CJS: requires every entry point by name and analyses', async () => {
    fs.writeFileSync(
      path.join(consumer, 'cjs.cjs'),
      `const { createAnalyzer, InputError } = require('review-triage');
const { Pipeline } = require('review-triage/extend');
const { checkLexicon } = require('review-triage/testing');
const a = createAnalyzer();
let bad = null;
try { a.analyze({ text: 'ok', rating: 9 }); } catch (e) { bad = e instanceof InputError ? e.field : String(e); }
console.log(JSON.stringify({ label: a.analyze('The parcel arrived broken and support never replied').sentiment.label, bad, pipeline: typeof Pipeline, lexicon: typeof checkLexicon }));
`,
    );
    const r = await runNode(['cjs.cjs']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ label: 'negative', bad: 'rating', pipeline: 'function', lexicon: 'function' });
  }, 300_000);

  it('TypeScript: a consumer type-checks under node16, bundler and legacy node resolution, and a type error is caught', async () => {
    fs.writeFileSync(
      path.join(consumer, 'consumer.ts'),
      `import { createAnalyzer, type Analysis, type BatchResult, type ReportOptions } from 'review-triage';
import { defineSlot, type Stage } from 'review-triage/extend';
import { checkLabels } from 'review-triage/testing';
const a = createAnalyzer({ segmenter: 'jieba' });
const r: Analysis = a.analyze('物流很慢');
const level: 'critical' | 'high' | 'medium' | 'low' = r.severity.level;
const b: BatchResult = a.analyzeBatch(['物流很慢']);
const o: ReportOptions = { charts: false, locale: 'zh' };
export { level, b, o, defineSlot, checkLabels };
export type S = Stage;
`,
    );
    for (const options of [
      { module: 'node16', moduleResolution: 'node16' },
      { module: 'esnext', moduleResolution: 'bundler' },
      // zod's CJS declarations default-import their locales, which a CJS project compiles with esModuleInterop.
      { module: 'commonjs', moduleResolution: 'node', esModuleInterop: true },
    ]) {
      const r = await tsc(options.moduleResolution, 'consumer.ts', options);
      expect(r.stdout + r.stderr, options.moduleResolution).toBe('');
      expect(r.status, options.moduleResolution).toBe(0);
    }
    // The check is real: a wrong option type is reported.
    fs.writeFileSync(path.join(consumer, 'wrong.ts'), `import type { ReportOptions } from 'review-triage';\nexport const o: ReportOptions = { charts: 'no' };\n`);
    const wrong = await tsc('wrong', 'wrong.ts', { module: 'node16', moduleResolution: 'node16' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toContain("Type 'string' is not assignable to type 'boolean | undefined'");
  }, 300_000);

  it('the examples run against the installed package by name', async () => {
    const examples = path.join(consumer, 'examples');
    fs.cpSync(path.join(root, 'examples'), examples, { recursive: true });
    const basic = await runNode([path.join(examples, 'basic.mjs')]);
    expect(basic.stderr).toBe('');
    expect(basic.stdout).toMatch(/^r3 .*critical .*safety/m);
    expect((await runNode([path.join(examples, 'custom-lexicon.mjs')])).stdout).toContain('all label expectations hold');
    expect((await runNode([path.join(examples, 'custom-stage.mjs')])).stdout).toContain('verdict: 用了两天就坏了');
  }, 300_000);
});
