import { defineSlot } from '../kernel/slots.js';
import { lowSeverity, type Evidence, type SeverityLevel, type SeverityResult } from '../types.js';
import type { SeverityInput } from './rules.js';

/** How urgently to act (`analysis.severity`); low with no target when no severity stage ran. */
export const SEVERITY = defineSlot<SeverityResult>('severity', { output: 'severity', fallback: lowSeverity });

/** What the severity stage read from the text and metadata: re-deciding after batch facts starts from it. */
export interface SeverityBasis {
  /** Rule inputs from the text and metadata; nature, topics and spam are re-read from their slots. */
  input: SeverityInput;
  /** Evidence from the text's cues and the metadata. */
  evidence: Evidence[];
  /** Whether the review is a complaint at all. */
  complaint: boolean;
}
export const SEVERITY_BASIS = defineSlot<SeverityBasis>('severity.basis');

/** Batch fact: a campaign or systemic issue the review belongs to raises it (the `escalation` batch stage). */
export interface Escalation {
  /** `campaign`: a coordinated member (attack actions); `systemic`: a reporter of a systemic issue (fix-the-product actions). */
  kind: 'campaign' | 'systemic';
  to: SeverityLevel;
  burst: boolean;
  groupId: string;
  size: number;
  distinctAuthors: number;
  /** Systemic issues: the defect terms the customers share. */
  terms?: string[];
}
export const ESCALATION = defineSlot<Escalation>('severity.escalation', { batchFact: true });
