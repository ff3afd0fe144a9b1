import { NEGATIVE } from '../classify/slots.js';
import type { TriageDoc } from '../kernel/doc.js';
import type { Pipeline } from '../kernel/pipeline.js';
import type { Slot } from '../kernel/slots.js';
import type { Stage } from '../kernel/stage.js';
import { SENTIMENT } from '../sentiment/slots.js';
import { SEVERITY } from '../severity/slots.js';
import { SPAM } from '../spam/slots.js';
import type { Analysis } from '../types.js';
import { timestampIssue } from '../kernel/timestamp.js';
import { reviewEcho } from '../kernel/review.js';

const BUILTIN_OUTPUTS = new Set([SENTIMENT, NEGATIVE, SPAM, SEVERITY].map((s) => s.output));

/**
 * Projects docs to the public result: the built-in result slots, plus every
 * slot a stage provides with an `output` name, under `extensions`. Which
 * slots those are is read from the pipeline once per change, not per review.
 */
export class ResultProjector {
  private version = -1;
  private extensions: Slot<unknown>[] = [];

  constructor(private readonly pipeline: Pipeline<Stage>) {}

  /** `ms`: the review's time when the batch has parsed it already. */
  project(doc: TriageDoc, ms?: number | null): Analysis {
    const a: Analysis = {
      id: doc.review.id,
      ...reviewEcho(doc.review, ms),
      text: doc.review.text,
      language: doc.language,
      sentiment: doc.get(SENTIMENT),
      negative: doc.get(NEGATIVE),
      spam: doc.get(SPAM),
      severity: doc.get(SEVERITY),
    };
    if (doc.truncated) a.truncated = true;
    // A time that cannot be used is left out of the batch's windows and series; say why on the review.
    const issue = timestampIssue(doc.review.timestamp);
    if (issue !== undefined) a.timestampIssue = issue;
    const ext = this.extensionSlots();
    if (ext.length) {
      let out: Record<string, unknown> | undefined;
      for (const slot of ext) {
        const v = doc.peek(slot);
        if (v !== undefined) (out ??= {})[slot.output!] = v;
      }
      if (out) a.extensions = out;
    }
    return a;
  }

  private extensionSlots(): Slot<unknown>[] {
    if (this.version !== this.pipeline.version) {
      const seen = new Set<Slot<unknown>>();
      for (const s of this.pipeline.list()) {
        for (const p of s.provides ?? []) if (typeof p !== 'string' && p.output !== undefined && !BUILTIN_OUTPUTS.has(p.output)) seen.add(p);
      }
      this.extensions = [...seen];
      this.version = this.pipeline.version;
    }
    return this.extensions;
  }
}
