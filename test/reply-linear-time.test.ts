import { describe, expect, it } from 'vitest';
import { FAMILIES, REPLY_FAMILIES } from '../bench/pathological-families.mjs';
import { lintReply } from '../src/index.js';

/**
 * The reply compliance check on crafted text, as test/linear-time.test.ts
 * does for analyze(): 10x the text must cost well under 30x the time
 * (quadratic code costs about 100x). Fastest of a few runs. The check is
 * about 50 times cheaper per character than analyze(), so the sizes are 100k
 * and 1M: at 20k a run takes a millisecond or two and the ratio measures
 * the caches (20k fits in them, 200k does not), not the algorithm.
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

// The analyzer's families that reach the check's own patterns (links, e-mail, digits, long runs of one script).
const SHARED = ['a.a.a.', 'url-like', 'email-like', 'at-words', 'spaced-dots', 'dot-com-dash', 'long-latin-word', 'long-digit-run', 'digit-dash', 'keyboard-mash', 'han-ascii-interleaved', 'spaces-then-dot'];
const ALL = { ...REPLY_FAMILIES, ...Object.fromEntries(SHARED.map((k) => [k, FAMILIES[k]!])) };

describe('lintReply is linear in the reply on pathological families', () => {
  it('the reply families make texts of the asked length, and every shared family exists', () => {
    for (const k of SHARED) expect(FAMILIES[k], k).toBeTypeOf('function');
    expect(Object.keys(REPLY_FAMILIES).length).toBeGreaterThanOrEqual(10);
    for (const gen of Object.values(REPLY_FAMILIES)) expect(gen(1000).length).toBeGreaterThanOrEqual(999);
  });

  it.each(Object.keys(ALL))('%s: 1M characters cost under 30x of 100k', (name) => {
    const gen = ALL[name as keyof typeof ALL]!;
    const small = gen(100_000);
    const large = gen(1_000_000);
    for (let i = 0; i < 3; i++) lintReply(small);
    const smallMs = Math.max(fastestMs(small), 0.5);
    const largeMs = fastestMs(large);
    expect(largeMs / smallMs, `${name}: ${smallMs.toFixed(1)} ms at 100k, ${largeMs.toFixed(1)} ms at 1M`).toBeLessThan(30);
  }, 60_000);
});
