// Package hygiene on the tarball users get (issue 11): packs this tree once (after `npm run build`), then
// publint --strict (package.json fields, exports, files) and @arethetypeswrong/cli (types resolve for every
// entry point under node10, node16 from CJS and ESM, and bundler). Exits non-zero on any problem.
// Usage: npm run lint:package
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) {
  console.error('lint-package: dist/ not found; run `npm run build` first.');
  process.exit(2);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-lint-package-'));
let failed = false;
try {
  const [packed] = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', work, '--loglevel=error'], { cwd: root, encoding: 'utf8' }));
  const tarball = path.join(work, packed.filename);
  for (const [name, args] of [
    ['publint', ['--strict', tarball]],
    ['attw', [tarball, '--format', 'table']],
  ]) {
    const r = spawnSync(bin(name), args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`lint-package: ${name} failed (exit ${r.status ?? r.signal}).`);
      failed = true;
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
