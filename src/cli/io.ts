import type { Readable, Writable } from 'node:stream';
import type { Analyzer, AnalyzerOptions } from '../analyzer/analyzer.js';

/** The CLI's outside world: streams, the analyzer factory and the clock (tests pass their own). */
export interface CliIO {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
  /** Builds the analyzer (tests pass a cached one: building loads dictionaries). */
  createAnalyzer?: (options: AnalyzerOptions) => Analyzer;
  /** Clock for the progress bar. */
  now?: () => number;
  /** Where SIGINT/SIGTERM come from (the process by default; tests emit them). */
  signals?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
}
