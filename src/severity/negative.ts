import type { TriageDoc } from '../kernel/doc.js';
import { NEGATIVE } from '../classify/slots.js';
import { SENTIMENT } from '../sentiment/slots.js';
import { SEVERITY_BASIS } from './slots.js';

/**
 * A negative review for counts, rates and campaign escalation: negative
 * sentiment, a classified complaint, or (without a sentiment stage) what the
 * severity stage judged a complaint.
 */
export function isNegative(doc: TriageDoc): boolean {
  return doc.get(SENTIMENT).label === 'negative' || doc.get(NEGATIVE) !== null || doc.peek(SEVERITY_BASIS)?.complaint === true;
}
