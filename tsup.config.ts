import { defineConfig } from 'tsup';

// Library entries ship as ESM + CJS with types; the CLI is CJS so bin/ can require it on any Node >= 20.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', extend: 'src/extend.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    shims: true, // import.meta.url in the CJS build (used to find data/)
    sourcemap: true,
    clean: true,
    target: 'node20',
    external: ['@node-rs/jieba', 'nodejieba', 'natural', 'opencc-js', 'zod', 'vitest', 'echarts'],
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['cjs'],
    shims: true,
    sourcemap: true,
    target: 'node20',
    external: ['@node-rs/jieba', 'nodejieba', 'natural', 'opencc-js', 'zod', 'echarts'],
  },
]);
