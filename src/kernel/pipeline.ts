import { PipelineError } from './errors.js';
import { requirementName, type Requirement } from './slots.js';

export interface Placement {
  /** Insert before the stage with this name. */
  before?: string;
  /** Insert after the stage with this name. */
  after?: string;
  /** Insert at the very start (default: the end). */
  first?: boolean;
}

/** What the pipeline needs of a stage: a name, a run function, and optional declarations. */
export interface PipelineStage {
  readonly name: string;
  readonly requires?: readonly Requirement[];
  readonly provides?: readonly Requirement[];
  run(arg: never): void;
}

export interface PipelineOptions {
  /** Names provided before the first stage runs (a batch pipeline starts from what the per-review stages provide). */
  available?: () => Iterable<string>;
  /** Which known stage provides a name, for the error message ("add the built-in X"). */
  providerOf?: (name: string) => string | undefined;
}

/**
 * An ordered list of uniquely named components (spaCy's add_pipe /
 * replace_pipe / remove_pipe), used for per-review and batch stages. Every
 * change is checked: a stage whose `requires` no earlier stage provides is
 * refused with a PipelineError, and the pipeline is left as it was.
 */
export class Pipeline<S extends PipelineStage> {
  private stages: S[];
  private readonly options: PipelineOptions;
  private changes = 0;

  constructor(stages: S[] = [], options: PipelineOptions = {}) {
    this.options = options;
    this.stages = [];
    for (const s of stages) {
      assertStage(s);
      if (this.has(s.name)) throw new PipelineError(`A stage named "${s.name}" already exists; use replace("${s.name}", ...) instead.`);
      this.stages.push(s);
    }
    this.check(this.stages);
  }

  /** Counts changes (add, replace, remove): lets callers cache what they derive from the stage list. */
  get version(): number {
    return this.changes;
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

  /** Everything the stages provide, plus what was available before them. */
  provided(): Set<string> {
    const out = new Set(this.options.available?.() ?? []);
    for (const s of this.stages) for (const p of s.provides ?? []) out.add(requirementName(p));
    return out;
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
    const next = [...this.stages];
    next.splice(at, 0, stage);
    this.commit(next);
    return this;
  }

  /** Swap the stage called `name` for another (which may have a new name). */
  replace(name: string, stage: S): this {
    assertStage(stage);
    const at = this.indexOf(name);
    if (stage.name !== name && this.has(stage.name)) {
      throw new PipelineError(`Cannot rename "${name}" to "${stage.name}": that name is taken.`);
    }
    const next = [...this.stages];
    next[at] = stage;
    this.commit(next);
    return this;
  }

  remove(name: string): this {
    const next = [...this.stages];
    next.splice(this.indexOf(name), 1);
    this.commit(next);
    return this;
  }

  /** Throws a PipelineError naming the first requirement no earlier stage provides. */
  validate(): void {
    this.check(this.stages);
  }

  private commit(next: S[]): void {
    this.check(next);
    this.stages = next;
    this.changes++;
  }

  private check(stages: readonly S[]): void {
    const have = new Set(this.options.available?.() ?? []);
    for (const s of stages) {
      for (const r of s.requires ?? []) {
        const name = requirementName(r);
        if (have.has(name)) continue;
        const provider = this.options.providerOf?.(name);
        const fix = provider ? ` The built-in stage "${provider}" provides it: keep it before "${s.name}", or leave "${s.name}" out too.` : ' Add a stage that provides it before this one.';
        throw new PipelineError(`Stage "${s.name}" requires ${name}, which no earlier stage provides.${fix}`);
      }
      for (const p of s.provides ?? []) have.add(requirementName(p));
    }
  }

  private indexOf(name: string): number {
    const at = this.stages.findIndex((s) => s.name === name);
    if (at < 0) throw new PipelineError(`No stage named "${name}". Stages: ${this.names.join(', ') || '(none)'}.`);
    return at;
  }
}

function assertStage(stage: unknown): void {
  const s = stage as { name?: unknown; run?: unknown; requires?: unknown; provides?: unknown } | null;
  if (!s || typeof s.name !== 'string' || s.name === '' || typeof s.run !== 'function') {
    throw new PipelineError('A stage must be an object with a non-empty string `name` and a `run` function.');
  }
  for (const key of ['requires', 'provides'] as const) {
    const v = s[key];
    if (v === undefined) continue;
    const ok = Array.isArray(v) && v.every((r) => typeof r === 'string' || (typeof r === 'object' && r !== null && typeof (r as { name?: unknown }).name === 'string'));
    if (!ok) throw new PipelineError(`Stage "${s.name}": \`${key}\` must be an array of slots (defineSlot) or doc field names.`);
  }
}
