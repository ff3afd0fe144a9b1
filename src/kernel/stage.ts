import type { TriageDoc } from './doc.js';
import type { Requirement } from './slots.js';

/**
 * A named per-review step. Stages run in order over one TriageDoc. Each
 * declares what it reads (`requires`: an earlier stage must provide it) and
 * what it fills (`provides`); the pipeline checks the order when it is built
 * or changed. Build expensive things (matchers, models) in the factory,
 * never in `run`: `run` is the hot path.
 */
export interface Stage {
  readonly name: string;
  readonly requires?: readonly Requirement[];
  /** Read when present, with a documented neutral default otherwise (e.g. severity reads spam). */
  readonly reads?: readonly Requirement[];
  readonly provides?: readonly Requirement[];
  run(doc: TriageDoc): void;
  /**
   * Re-runs this stage's decisions on a doc that batch stages left facts on
   * (campaign membership, floods), after every batch fact is known, in
   * pipeline order. The stage owns its output fields: batch stages never
   * write them, so nature, spam score, severity, reasons and actions agree.
   */
  redecide?(doc: TriageDoc): void;
}

/**
 * A named step that runs once over a whole batch. `facts` stages (cluster,
 * flood, escalation) record what only the batch shows in batch-fact slots;
 * then the per-review stages re-decide the docs concerned; then `report`
 * stages (queue, summary, alerts) read the final results.
 */
export interface BatchStageOf<State = unknown> {
  readonly name: string;
  /** Default `report`. */
  readonly phase?: 'facts' | 'report';
  readonly requires?: readonly Requirement[];
  readonly reads?: readonly Requirement[];
  readonly provides?: readonly Requirement[];
  run(state: State): void;
}
