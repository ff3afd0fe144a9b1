// How a user unit-tests a custom lexicon inside vitest (run by `npm test`).
// In your project import from 'review-triage' and 'review-triage/testing'.
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from 'review-triage';
import { checkLexicon, expectLabels } from 'review-triage/testing';

const courier = { kind: 'topics', lang: 'zh', entries: [{ term: '闪电侠快运', topic: 'logistics' }] } as const;

describe('our shop lexicon', () => {
  it('is well-formed', () => {
    expect(checkLexicon(courier).ok).toBe(true);
  });

  it('labels our own reviews as we expect', () => {
    const analyzer = createAnalyzer({ lexicons: [courier] });
    expectLabels(analyzer, [
      { text: '闪电侠快运五天才送到，太慢了', sentiment: 'negative', topics: ['logistics'] },
      { text: 'The strap snapped after two days, terrible quality', sentiment: 'negative', topics: ['quality'] },
    ]);
  });
});
