import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../bench/pathological-families.mjs';
import { defaultAnalyzer } from './helpers/analyzer.js';

/**
 * Issue 13: crafted text must cost time linear in its length. For each
 * family, 10x the text must cost well under 30x the time (quadratic code
 * costs about 100x). Times are the fastest of a few runs, so one GC pause
 * or a neighbour's burst on the shared machine does not decide the ratio.
 */
function fastestMs(text: string): number {
  const analyzer = defaultAnalyzer();
  let best = Infinity;
  let total = 0;
  for (let runs = 0; runs < 5 && (runs < 3 || total < 300); runs++) {
    const t0 = performance.now();
    analyzer.analyze({ text });
    const ms = performance.now() - t0;
    best = Math.min(best, ms);
    total += ms;
  }
  return best;
}

describe('analyze is linear in the text on pathological families', () => {
  it('every family is tested (the generators make texts of the asked length)', () => {
    expect(Object.keys(FAMILIES).length).toBeGreaterThanOrEqual(20);
    for (const gen of Object.values(FAMILIES)) expect(gen(1000).length).toBeGreaterThanOrEqual(999);
  });

  it.each(Object.keys(FAMILIES))('%s: 200k characters cost under 30x of 20k', (name) => {
    const gen = FAMILIES[name]!;
    const small = gen(20_000);
    const large = gen(200_000);
    // Warm the family's code path first: the first runs of a new path are interpreted, not compiled.
    for (let i = 0; i < 3; i++) defaultAnalyzer().analyze({ text: small });
    const smallMs = Math.max(fastestMs(small), 0.5); // below the timer's useful resolution
    const largeMs = fastestMs(large);
    expect(largeMs / smallMs, `${name}: ${smallMs.toFixed(1)} ms at 20k, ${largeMs.toFixed(1)} ms at 200k`).toBeLessThan(30);
  }, 60_000);
});
