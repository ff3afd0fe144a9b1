/**
 * `review-triage/testing`: helpers to unit-test custom lexicons and label
 * expectations inside any test runner.
 */
export { checkLexicon, type LexiconReport, type LexiconProblem, type LexiconProblemKind } from './checkLexicon.js';
export { checkLabels, expectLabels, type LabelCase, type LabelMismatch } from './expectLabels.js';
