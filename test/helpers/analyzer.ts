import { createAnalyzer, type Analyzer } from '../../src/index.js';

let shared: Analyzer | null = null;

/** One default analyzer per test worker: building it loads dictionaries, so share it. */
export function defaultAnalyzer(): Analyzer {
  shared ??= createAnalyzer();
  return shared;
}
