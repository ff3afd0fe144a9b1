// A stage of your own, written against review-triage/extend: it declares a
// slot, reads the clauses and the negation flags the structure pass left on
// the tokens, and adds a field to every result (analysis.extensions.verdict).
// Run from the repository root after `npm run build`: node examples/custom-stage.mjs
import { createAnalyzer, SEVERITY_LEVELS } from 'review-triage';
import { defineSlot, negationDistance, SEVERITY, TokenFlag } from 'review-triage/extend';

/** What the writer concludes: the clause after the last contrast marker ("..., 但是 X"), and the words they negate. */
const VERDICT = defineSlot('myshop.verdict', { output: 'verdict' });

const verdictStage = {
  name: 'verdict',
  requires: ['tokens', 'structure'],
  reads: [SEVERITY],
  provides: [VERDICT],
  run(doc) {
    const clauses = doc.clauses;
    const last = [...clauses].reverse().find((c) => c.afterContrast) ?? null;
    // The clause as written, from its first word after the marker to its end (offsets point into the original text).
    const words = (c) => {
      const inner = doc.tokens.slice(c.from, c.to).filter((t) => !(t.flags & TokenFlag.CONTRAST) && t.type !== 'punct');
      return inner.length ? doc.original.slice(inner[0].start, inner.at(-1).end) : '';
    };
    const negated = doc.tokens.filter((t) => t.flags & TokenFlag.NEGATED && negationDistance(t) === 1).map((t) => t.text);
    doc.set(VERDICT, {
      afterContrast: last ? words(last) : null,
      negated,
      clauses: clauses.length,
      // Read another stage's slot: raise nothing, just repeat its level for the dashboard.
      urgent: SEVERITY_LEVELS.indexOf(doc.get(SEVERITY).level) <= 1,
    });
  },
};

const analyzer = createAnalyzer();
analyzer.pipeline.add(verdictStage); // after severity, the last built-in stage

const reviews = [
  '包装很好看，但是用了两天就坏了，客服也不回复',
  '物流不快，不过东西质量没问题',
  'The screen is bright, but the battery does not last a day.',
];
for (const text of reviews) {
  const { verdict } = analyzer.analyze(text).extensions;
  console.log(`${text}\n  verdict: ${verdict.afterContrast ?? '(no contrast)'}  negated: [${verdict.negated.join(', ')}]  clauses: ${verdict.clauses}  urgent: ${verdict.urgent}`);
}
