import { PipelineError } from './errors.js';

/**
 * A typed place on a TriageDoc where one stage leaves a value for later
 * stages (spaCy's `Doc.set_extension`, with the type checked). A stage lists
 * the slots it fills in `provides` and the ones it reads in `requires`, and
 * the pipeline refuses an order in which a requirement is not met.
 *
 * `output` names the field of the public result the slot is projected to:
 * the built-in result slots use `sentiment`, `negative`, `spam`, `severity`;
 * a user slot with an `output` lands in `analysis.extensions[output]`.
 * `batchFact` marks slots written by batch stages: a doc that receives one is
 * re-decided after the batch stages (see Stage.redecide).
 */
export interface Slot<T> {
  readonly name: string;
  /** Dense index into a doc's slot array (assigned at definition). */
  readonly id: number;
  readonly output: string | undefined;
  readonly batchFact: boolean;
  /** The value a reader gets when no stage filled the slot; undefined: reading it unfilled is an error. */
  readonly fallback: (() => T) | undefined;
  /** Phantom field: carries T for type inference only. */
  readonly __type?: T;
}

export interface SlotOptions<T> {
  output?: string;
  /** Value when no stage filled the slot (a documented neutral result). */
  fallback?: () => T;
  batchFact?: boolean;
  description?: string;
}

const byName = new Map<string, Slot<unknown>>();
const byId: Slot<unknown>[] = [];

/** Slot names: dotted lower-case words (`sentiment`, `sentiment.negativeProbability`, `myshop.priority`). */
const SLOT_NAME = /^[a-z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)*$/;

export function defineSlot<T>(name: string, options: SlotOptions<T> = {}): Slot<T> {
  if (typeof name !== 'string' || !SLOT_NAME.test(name)) {
    throw new PipelineError(`Invalid slot name ${JSON.stringify(name)}: use dotted words such as "myshop.priority".`);
  }
  if (byName.has(name)) throw new PipelineError(`A slot named "${name}" is already defined; give yours a prefix of its own (e.g. "myshop.${name}").`);
  const slot: Slot<T> = {
    name,
    id: byId.length,
    output: options.output,
    batchFact: options.batchFact === true,
    fallback: options.fallback,
  };
  byName.set(name, slot as Slot<unknown>);
  byId.push(slot as Slot<unknown>);
  return slot;
}

/** The slot defined under `name`, or undefined (a doc snapshot from a worker names its slots). */
export function slotNamed(name: string): Slot<unknown> | undefined {
  return byName.get(name);
}

/** Every slot defined so far, in definition order. */
export function definedSlots(): readonly Slot<unknown>[] {
  return byId;
}

/**
 * What a stage may require or provide: a slot, or one of the doc's own
 * fields, which the text stages fill (`doc.normalized`, `doc.language`,
 * `doc.tokens`, `doc.clauses` with the tokens' flags).
 */
export type Requirement = Slot<unknown> | DocField;

export const DOC_FIELDS = ['normalized', 'language', 'tokens', 'structure'] as const;
export type DocField = (typeof DOC_FIELDS)[number];

export function requirementName(r: Requirement): string {
  return typeof r === 'string' ? `doc.${r}` : r.name;
}
