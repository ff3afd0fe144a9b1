import { describe, expect, it } from 'vitest';
import { FeatureExtractor, quantize } from '../src/sentiment/index.js';
import type { TriageDoc } from '../src/kernel/doc.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

/** The doc after tokenisation, for feeding the extractor directly. */
function docOf(text: string): TriageDoc {
  const analyzer = defaultAnalyzer();
  let doc: TriageDoc | undefined;
  analyzer.pipeline.add({ name: 'peek-doc', run: (d) => void (doc = d) }, { after: 'tokenize' });
  try {
    analyzer.analyze(text);
  } finally {
    analyzer.pipeline.remove('peek-doc');
  }
  return doc!;
}

describe('sentiment model: quantised weights', () => {
  it('decodes every weight to its nearest level, and codes order like levels', () => {
    const weights = Array.from({ length: 5000 }, (_, k) => Math.round(Math.sin(k * 12.9898) * 3000));
    const { codes, levels } = quantize(weights);
    for (let c = -126; c <= 127; c++) if (c !== 0 && c - 1 !== 0) expect(levels[c + 128]!).toBeGreaterThanOrEqual(levels[c + 127]!);
    let worst = 0;
    weights.forEach((w, k) => {
      if (w === 0) return expect(codes[k]).toBe(0);
      const decoded = levels[codes[k]! + 128]!;
      expect(Math.sign(decoded)).toBe(Math.sign(w));
      worst = Math.max(worst, Math.abs(decoded - w));
    });
    // 127 levels over magnitudes up to 3000: an error well under 2% of the range.
    expect(worst).toBeLessThan(60);
  });
});

describe('sentiment model: scoring pass', () => {
  const bits = 12;
  const mask = (1 << bits) - 1;
  // A deterministic table: every bucket gets some code.
  const codes = Int8Array.from({ length: 1 << bits }, (_, k) => ((k * 37) % 255) - 127);
  const levels = Int32Array.from({ length: 256 }, (_, k) => (k - 128) * 10);

  for (const text of ['质量很差，但是物流很快！', '不错不错 good value!! 😀', '好']) {
    it(`sums exactly the weights of the features extract() lists: ${text}`, () => {
      const doc = docOf(text);
      const listing = new FeatureExtractor(bits);
      const n = listing.extract(doc, null);
      const cut = 4; // features ending at or before offset 4 count as before a contrast
      let before = 0;
      let after = 0;
      for (let k = 0; k < n; k++) {
        const w = levels[codes[listing.index[k]! & mask]! + 128]!;
        if (listing.spanEnd[k]! <= cut) before += w;
        else after += w;
      }
      const scoring = new FeatureExtractor(bits);
      scoring.scoreWith(codes, levels, 1);
      expect(scoring.score(doc, null, cut)).toBe(n);
      expect(scoring.sumBefore).toBe(before);
      expect(scoring.sumAfter).toBe(after);
      // The same with a span to skip takes the general path, and leaves those features out.
      const skipping = new FeatureExtractor(bits);
      skipping.scoreWith(codes, levels, 1);
      expect(skipping.score(doc, [0, 1], cut)).toBeLessThan(n);
    });
  }
});
