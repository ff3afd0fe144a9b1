import { describe, expect, it } from 'vitest';
import { FAMILIES, REPLY_FAMILIES } from '../bench/pathological-families.mjs';
import { lintReply } from '../src/index.js';

/**
 * The reply compliance check on crafted text, as test/linear-time.test.ts
 * does for analyze(): 10x the text must cost well under 30x the time
 * (quadratic code costs about 100x). Fastest of a few runs.
 */
function fastestMs(text: string): number {
  let best = Infinity;
  let total = 0;
  for (let runs = 0; runs < 5 && (runs < 3 || total < 300); runs++) {
    const t0 = performance.now();
    lintReply(text, { nature: 'genuine_complaint' });
    const ms = performance.now() - t0;
    best = Math.min(best, ms);
    total += ms;
  }
  return best;
}

const ALL = { ...REPLY_FAMILIES, ...FAMILIES };

describe('lintReply is linear in the reply on pathological families', () => {
  it('the reply families make texts of the asked length', () => {
    expect(Object.keys(REPLY_FAMILIES).length).toBeGreaterThanOrEqual(10);
    for (const gen of Object.values(REPLY_FAMILIES)) expect(gen(1000).length).toBeGreaterThanOrEqual(999);
  });

  it.each(Object.keys(ALL))('%s: 200k characters cost under 30x of 20k', (name) => {
    const gen = ALL[name as keyof typeof ALL]!;
    const small = gen(20_000);
    const large = gen(200_000);
    for (let i = 0; i < 3; i++) lintReply(small);
    const smallMs = Math.max(fastestMs(small), 0.5);
    const largeMs = fastestMs(large);
    expect(largeMs / smallMs, `${name}: ${smallMs.toFixed(1)} ms at 20k, ${largeMs.toFixed(1)} ms at 200k`).toBeLessThan(30);
  }, 60_000);
});
