import { describe, expect, it } from 'vitest';
import { createAnalyzer, type SeverityLevel, type Topic } from '../src/index.js';
import { NEGATIVE, type TriageDoc } from '../src/extend.js';
import { LEVEL_RANK } from '../src/severity/index.js';
import { readDev } from './helpers/devdata.js';

interface Row {
  id: string;
  text: string;
  sentiment: string;
  nature: string;
  topics: Topic[];
  severity: SeverityLevel;
}

const rows = readDev<Row>('zh_negative_types.jsonl');

/** Kendall's tau-b (ties in either ranking handled), O(n^2): fine for a few hundred rows. */
function kendallTauB(x: number[], y: number[]): number {
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const a = Math.sign(x[i]! - x[j]!);
      const b = Math.sign(y[i]! - y[j]!);
      if (a === 0 && b === 0) continue;
      if (a === 0) tiesX++;
      else if (b === 0) tiesY++;
      else if (a === b) concordant++;
      else discordant++;
    }
  }
  return (concordant - discordant) / Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
}

function evaluate(gold: boolean) {
  const analyzer = createAnalyzer();
  let current: Row | null = null;
  if (gold) {
    // Hand-labelled nature and topics replace the classify stage's, so severity's own errors show.
    analyzer.pipeline.add(
      {
        name: 'gold',
        run(doc: TriageDoc) {
          const r = current!;
          doc.set(NEGATIVE, r.sentiment === 'negative' ? { nature: r.nature === 'none' ? 'genuine_complaint' : (r.nature as 'genuine_complaint'), topics: r.topics, evidence: [] } : null);
        },
      },
      { before: 'severity' },
    );
  }
  const scores: number[] = [];
  const labels: number[] = [];
  let within = 0;
  let safetyBelowHigh = 0;
  for (const r of rows!) {
    current = r;
    const s = analyzer.analyze({ id: r.id, text: r.text }).severity;
    scores.push(s.score);
    labels.push(LEVEL_RANK[r.severity]);
    if (Math.abs(LEVEL_RANK[s.level] - LEVEL_RANK[r.severity]) <= 1) within++;
    if (gold && r.topics.includes('safety') && LEVEL_RANK[s.level] < LEVEL_RANK.high) safetyBelowHigh++;
  }
  return { within: within / rows!.length, tau: kendallTauB(scores, labels), safetyBelowHigh };
}

describe.skipIf(!rows)('severity on the hand-labelled dev reviews', () => {
  it('with gold nature/topics: within one level >= 95%, Kendall tau >= 0.6, no safety review below high', () => {
    const r = evaluate(true);
    expect(r.within).toBeGreaterThanOrEqual(0.95);
    expect(r.tau).toBeGreaterThanOrEqual(0.6);
    expect(r.safetyBelowHigh).toBe(0);
  });
  it('with the real pipeline: within one level >= 93%, Kendall tau >= 0.5', () => {
    const r = evaluate(false);
    expect(r.within).toBeGreaterThanOrEqual(0.93);
    expect(r.tau).toBeGreaterThanOrEqual(0.5);
  });
});
