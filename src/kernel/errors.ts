/**
 * Every error the library throws on purpose is a ReviewTriageError with a
 * stable `code`, so callers can branch on it without parsing messages.
 */
export type ErrorCode = 'INVALID_INPUT' | 'INVALID_OPTIONS' | 'INVALID_LEXICON' | 'INVALID_TEMPLATES' | 'PIPELINE' | 'SEGMENTER' | 'STATE' | 'MISSING_DEPENDENCY';

export class ReviewTriageError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** One problem found by validation: where (a path of keys/indexes) and why. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/** A review (or its options) did not match the documented shape. */
export class InputError extends ReviewTriageError {
  readonly issues: ValidationIssue[];
  /** The first offending field, e.g. `rating`, or `''` for the whole input. */
  readonly field: string;
  constructor(message: string, issues: ValidationIssue[] = []) {
    super('INVALID_INPUT', message);
    this.issues = issues;
    this.field = issues[0]?.path.join('.') ?? '';
  }
}

/** Analyzer or batch options were wrong: unknown keys, wrong types, bad ranges. */
export class OptionsError extends ReviewTriageError {
  readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[] = []) {
    super('INVALID_OPTIONS', message);
    this.issues = issues;
  }
}

/** A lexicon file or object is malformed; `source` and `entry` point at the culprit. */
export class LexiconError extends ReviewTriageError {
  readonly source: string;
  /** Index of the offending entry in `entries`, or null when the file itself is wrong. */
  readonly entry: number | null;
  readonly reason: string;
  constructor(source: string, entry: number | null, reason: string, options?: { cause?: unknown }) {
    const where = entry === null ? source : `${source}, entry #${entry}`;
    super('INVALID_LEXICON', `Invalid lexicon ${where}: ${reason}`, options);
    this.source = source;
    this.entry = entry;
    this.reason = reason;
  }
}

/**
 * A reply-template file or object is malformed; `source` names it (a file path or `templates[1]`) and `path`
 * the offending field (`['templates', 3, 'public']`, empty when the file itself is wrong).
 */
export class TemplateError extends ReviewTriageError {
  readonly source: string;
  readonly path: (string | number)[];
  readonly reason: string;
  constructor(source: string, path: (string | number)[], reason: string, options?: { cause?: unknown }) {
    super('INVALID_TEMPLATES', `Invalid reply templates ${source}${path.length ? `, at ${path.join('.')}` : ''}: ${reason}`, options);
    this.source = source;
    this.path = path;
    this.reason = reason;
  }
}

/** Adding, replacing or removing a stage that does not fit the pipeline. */
export class PipelineError extends ReviewTriageError {
  constructor(message: string) {
    super('PIPELINE', message);
  }
}

/**
 * A monitor's state store cannot be used: a corrupt or foreign file, a newer
 * schema version, a missing driver or an unreachable server. `location` names
 * the file or server so the message says which state is meant.
 */
export class StateError extends ReviewTriageError {
  readonly location: string;
  readonly reason: string;
  constructor(location: string, reason: string, options?: { cause?: unknown }) {
    super('STATE', `Monitor state ${location}: ${reason}`, options);
    this.location = location;
    this.reason = reason;
  }
}

/**
 * An optional peer dependency a feature needs is not installed (echarts for
 * the report's charts); the message says what to install or which option
 * does without it.
 */
export class MissingDependencyError extends ReviewTriageError {
  /** The package to install, e.g. `echarts`. */
  readonly dependency: string;
  constructor(dependency: string, message: string, options?: { cause?: unknown }) {
    super('MISSING_DEPENDENCY', message, options);
    this.dependency = dependency;
  }
}
