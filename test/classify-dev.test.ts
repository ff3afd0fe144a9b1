import { describe, expect, it } from 'vitest';
import { SENTIMENT } from '../src/extend.js';
import { createAnalyzer, type Nature, type Topic } from '../src/index.js';
import { readDev } from './helpers/devdata.js';

// Accuracy floors on the hand-labelled dev file (read at run time, skipped when absent).
// The floors sit a little under the measured numbers so a regression fails loudly.

interface Row {
  id: string;
  text: string;
  sentiment: string;
  nature: Nature | 'none';
  topics: Topic[];
}

const rows = readDev<Row>('zh_negative_types.jsonl');

/** Classification given the gold negative label: the sentiment stage is overridden. */
function classifyGoldNegatives(data: Row[]): Array<{ row: Row; nature: Nature; topics: Topic[] }> {
  // The cue rules alone: a regression guard on the rows they were written against, not an accuracy figure.
  // The learned model is trained on these rows, so it is measured leave-one-source-out in bench/types.bench.mjs.
  const analyzer = createAnalyzer({ stageOptions: { classify: { useModel: false } } });
  analyzer.pipeline.add(
    { name: 'force-negative', run: (doc) => void (doc.set(SENTIMENT, { label: 'negative', score: -0.8, confidence: 0.9, evidence: [] })) },
    { before: 'classify' },
  );
  return data
    .filter((r) => r.sentiment === 'negative')
    .map((row) => {
      const n = analyzer.analyze(row.text).negative!;
      return { row, nature: n.nature, topics: n.topics };
    });
}

describe.skipIf(!rows)('classify on ../shared/data/dev/zh_negative_types.jsonl (gold negatives)', () => {
  const results = rows ? classifyGoldNegatives(rows) : [];

  it('nature accuracy >= 0.93', () => {
    const ok = results.filter((r) => r.nature === r.row.nature).length;
    expect(ok / results.length).toBeGreaterThanOrEqual(0.93);
  });

  it.each(['malicious_attack', 'misunderstanding'] as const)('%s is found: precision and recall >= 0.6', (label) => {
    const tp = results.filter((r) => r.nature === label && r.row.nature === label).length;
    const predicted = results.filter((r) => r.nature === label).length;
    const gold = results.filter((r) => r.row.nature === label).length;
    expect(gold).toBeGreaterThan(0);
    expect(tp / Math.max(1, predicted), 'precision').toBeGreaterThanOrEqual(0.6);
    expect(tp / gold, 'recall').toBeGreaterThanOrEqual(0.6);
  });

  it('topics micro-F1 >= 0.82', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const r of results) {
      const gold = new Set(r.row.topics);
      for (const t of r.topics) gold.has(t) ? tp++ : fp++;
      for (const t of gold) if (!r.topics.includes(t)) fn++;
    }
    expect((2 * tp) / (2 * tp + fp + fn)).toBeGreaterThanOrEqual(0.82);
  });
});
