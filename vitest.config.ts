import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples import the package by name, as users do; point that at the sources.
    alias: [
      { find: /^review-triage\/testing$/, replacement: src('testing/index.ts') },
      { find: /^review-triage\/extend$/, replacement: src('extend.ts') },
      { find: /^review-triage$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.spec.ts'],
    // Loading nodejieba's dictionary takes ~1 s per worker; two workers match the CI machine.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
  },
});
