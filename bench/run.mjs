// Runs every bench/*.bench.mjs in its own process, in name order, prints their tables
// as they come, and writes them all to BENCHMARKS.md with a header saying when and where.
// Usage: npm run bench            (all; writes BENCHMARKS.md)
//        npm run bench -- spam    (only files whose name contains "spam"; prints only, so
//                                  BENCHMARKS.md always holds one complete run)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { devDataDir, repoRoot } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

/** Runs one bench file, echoing its stdout while keeping a copy; stderr goes straight through. */
function runBench(file) {
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(process.execPath, [path.join(here, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      chunks.push(chunk);
      process.stdout.write(chunk);
    });
    child.on('close', (code, signal) => resolve({ code: code ?? signal, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

function gitCommit() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) return null;
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' });
  return r.stdout.trim() + (dirty.stdout.trim() ? ' (with uncommitted changes)' : '');
}

function header(startedAt, minutes, commit) {
  const cpus = os.cpus();
  return [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/run.mjs); do not edit by hand: rerun it. -->',
    '',
    `Run on ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}${commit ? ` at commit ${commit}` : ''}, taking ${minutes} min:`,
    `Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM.`,
    '',
    'Each section below is the output of one `bench/<name>.bench.mjs`, as it printed it (run one alone with',
    '`npm run bench -- <name>`, which prints without writing this file). The data is `../shared/data/dev` (never',
    'copied into the repository): a development signal, not the held-out sets the targets were set on. Timings come',
    'from a machine that may be shared with other jobs; ratios to `nodejieba.cut` measured in the same run are the',
    'meaningful speed figures. What each measure means: [docs/](docs/) (one page per capability) and',
    '[DEVELOPMENT.md](DEVELOPMENT.md) (how the figures are measured).',
    '',
  ].join('\n');
}

const startedAt = new Date();
// Taken before the benches run: the code they measure is the tree as it was then.
const commit = gitCommit();
const sections = [];
let failed = 0;
for (const f of files) {
  const title = `## ${f.replace('.bench.mjs', '')}`;
  console.log(`\n${title}`);
  const { code, output } = await runBench(f);
  let section = `${title}\n${output.replace(/\s+$/, '')}\n`;
  if (code !== 0) {
    failed++;
    console.log(`(${f} exited with ${code})`);
    section += `\n(${f} exited with ${code})\n`;
  }
  sections.push(section);
}

if (only.length > 0) {
  console.log('\n(a filtered run: BENCHMARKS.md is left as it is; `npm run bench` without arguments rewrites it)');
} else if (!devDataDir()) {
  console.log('\n(../shared/data/dev not found: BENCHMARKS.md is left as it is rather than filled with skipped benches)');
} else {
  const minutes = ((Date.now() - startedAt.getTime()) / 60000).toFixed(1);
  fs.writeFileSync(path.join(repoRoot, 'BENCHMARKS.md'), `${header(startedAt, minutes, commit)}\n${sections.join('\n')}`);
  console.log('\nwrote BENCHMARKS.md');
}
process.exit(failed ? 1 : 0);
