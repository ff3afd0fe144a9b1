// What a user's `npm install review-triage` costs, measured on the packed
// tarball (npm pack of this tree, after `npm run build`) installed into an
// empty project with an empty npm cache: packages, size on disk, wall time.
// Then, in that install, the load time and memory of each segmenter (a fresh
// process per measure). Needs the npm registry (it downloads the dependencies).
// Run after `npm run build`: node bench/install.bench.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printTable, repoRoot } from './lib.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-install-bench-'));
const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];

const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', work, ...quiet], { cwd: repoRoot, encoding: 'utf8' }));
const tarball = path.join(work, packed[0].filename);

/** Package folders under node_modules (nested and scoped included). */
function countPackages(dir) {
  let n = 0;
  const walk = (nm) => {
    if (!fs.existsSync(nm)) return;
    for (const e of fs.readdirSync(nm, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      const p = path.join(nm, e.name);
      if (e.name.startsWith('@')) {
        walk(p);
        continue;
      }
      if (fs.existsSync(path.join(p, 'package.json'))) {
        n++;
        walk(path.join(p, 'node_modules'));
      }
    }
  };
  walk(path.join(dir, 'node_modules'));
  return n;
}

function sizeOf(dir) {
  let total = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) total += fs.statSync(p).size;
    }
  };
  walk(dir);
  return total;
}

/** Installs `specs` into a new empty project with an empty cache; returns the project folder and the numbers. */
function install(name, specs) {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  const t0 = performance.now();
  const r = spawnSync(npm, ['install', ...specs, '--cache', path.join(work, `cache-${name}`), ...quiet], { cwd: dir, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`npm install ${specs.join(' ')} failed:\n${r.stderr}`);
  return { dir, seconds, packages: countPackages(dir), mb: sizeOf(path.join(dir, 'node_modules')) / 1e6 };
}

const plain = install('default', [tarball]);
const withNodejieba = install('with-nodejieba', [tarball, 'nodejieba', '@mapbox/node-pre-gyp']);
printTable(
  `Install of the packed tarball (${packed[0].filename}, ${(packed[0].size / 1e6).toFixed(2)} MB packed, ${(packed[0].unpackedSize / 1e6).toFixed(2)} MB unpacked) into an empty project, empty npm cache`,
  ['install', 'packages', 'MB on disk', 'seconds'],
  [
    ['`npm install review-triage` (default)', plain.packages, plain.mb.toFixed(1), plain.seconds.toFixed(1)],
    ['`npm install review-triage nodejieba @mapbox/node-pre-gyp` (for `segmenter: "nodejieba"`; compiles it)', withNodejieba.packages, withNodejieba.mb.toFixed(1), withNodejieba.seconds.toFixed(1)],
  ],
);
console.log('Goal (issue 11): default install <= 15 packages, <= 40 MB, <= 10 s from an empty cache.');

// Load time and memory of each segmenter, each in a fresh process inside the install.
const probe = `
const t0 = performance.now();
const rss0 = process.memoryUsage().rss;
const { createAnalyzer } = await import('review-triage');
const tImport = performance.now();
const analyzer = createAnalyzer({ segmenter: process.argv[1] });
analyzer.analyze({ id: '1', text: '物流太慢了，包装也破了，客服不理人' });
const tReady = performance.now();
console.log(JSON.stringify({ importMs: tImport - t0, readyMs: tReady - tImport, rssMb: (process.memoryUsage().rss - rss0) / 1e6 }));
`;
const rows = [];
for (const segmenter of ['jieba', 'nodejieba']) {
  const runs = [];
  for (let k = 0; k < 3; k++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe, segmenter], { cwd: withNodejieba.dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`probe ${segmenter} failed:\n${r.stderr}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  const median = (key) => runs.map((x) => x[key]).sort((a, b) => a - b)[1];
  rows.push([segmenter === 'jieba' ? 'jieba (default, @node-rs/jieba)' : 'nodejieba', median('importMs').toFixed(0), median('readyMs').toFixed(0), median('rssMb').toFixed(0)]);
}
printTable('Load per segmenter (fresh process; median of 3)', ['segmenter', 'import ms', 'createAnalyzer + first analyze() ms', 'RSS added MB'], rows);
fs.rmSync(work, { recursive: true, force: true });
