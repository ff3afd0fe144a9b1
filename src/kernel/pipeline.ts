import { PipelineError } from './errors.js';

export interface Placement {
  /** Insert before the stage with this name. */
  before?: string;
  /** Insert after the stage with this name. */
  after?: string;
  /** Insert at the very start (default: the end). */
  first?: boolean;
}

/**
 * An ordered list of uniquely named components (spaCy's add_pipe /
 * replace_pipe / remove_pipe). Used for both per-review and batch stages.
 */
export class Pipeline<S extends { readonly name: string; run(arg: never): void }> {
  private stages: S[];

  constructor(stages: S[] = []) {
    this.stages = [];
    for (const s of stages) this.add(s);
  }

  get names(): string[] {
    return this.stages.map((s) => s.name);
  }

  has(name: string): boolean {
    return this.stages.some((s) => s.name === name);
  }

  get(name: string): S {
    return this.stages[this.indexOf(name)]!;
  }

  /** The stages in run order (a copy: mutate through add/replace/remove). */
  list(): S[] {
    return [...this.stages];
  }

  /** Runs every stage in order: the per-review hot path, so no copy of the list. */
  runAll(arg: Parameters<S['run']>[0]): void {
    const stages = this.stages;
    for (let i = 0; i < stages.length; i++) stages[i]!.run(arg as never);
  }

  add(stage: S, where: Placement = {}): this {
    assertStage(stage);
    if (this.has(stage.name)) {
      throw new PipelineError(`A stage named "${stage.name}" already exists; use replace("${stage.name}", ...) instead.`);
    }
    const given = [where.before !== undefined, where.after !== undefined, where.first === true].filter(Boolean).length;
    if (given > 1) throw new PipelineError('Give at most one of before, after or first.');
    let at = this.stages.length;
    if (where.before !== undefined) at = this.indexOf(where.before);
    else if (where.after !== undefined) at = this.indexOf(where.after) + 1;
    else if (where.first) at = 0;
    this.stages.splice(at, 0, stage);
    return this;
  }

  /** Swap the stage called `name` for another (which may have a new name). */
  replace(name: string, stage: S): this {
    assertStage(stage);
    const at = this.indexOf(name);
    if (stage.name !== name && this.has(stage.name)) {
      throw new PipelineError(`Cannot rename "${name}" to "${stage.name}": that name is taken.`);
    }
    this.stages[at] = stage;
    return this;
  }

  remove(name: string): this {
    this.stages.splice(this.indexOf(name), 1);
    return this;
  }

  private indexOf(name: string): number {
    const at = this.stages.findIndex((s) => s.name === name);
    if (at < 0) throw new PipelineError(`No stage named "${name}". Stages: ${this.names.join(', ') || '(none)'}.`);
    return at;
  }
}

function assertStage(stage: unknown): void {
  const s = stage as { name?: unknown; run?: unknown } | null;
  if (!s || typeof s.name !== 'string' || s.name === '' || typeof s.run !== 'function') {
    throw new PipelineError('A stage must be an object with a non-empty string `name` and a `run` function.');
  }
}
