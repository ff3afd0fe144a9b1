import { createAnalyzer, type Analyzer } from '../analyzer/analyzer.js';
import { LexiconFileSchema, ENTRY_SCHEMAS, type LexiconKind } from '../lexicon/schema.js';

export type LexiconProblemKind = 'invalid' | 'duplicate' | 'conflict' | 'unmatchable' | 'rewritten';

export interface LexiconProblem {
  kind: LexiconProblemKind;
  /** Index in `entries`, or null for a file-level problem. */
  entry: number | null;
  term?: string;
  message: string;
}

export interface LexiconReport {
  /** True when there is no problem of kind invalid, duplicate, conflict or unmatchable. */
  ok: boolean;
  problems: LexiconProblem[];
}

/** Carrier sentences: a term must still come out as its own tokens inside running text. */
const CARRIERS = {
  zh: ['{}', '这个{}了', '真的{}啊', '我觉得{}，下次再说'],
  en: ['{}', 'this is {} really', 'i think {}.'],
} as const;

/**
 * Reviews a lexicon (object or parsed JSON) for mistakes that would make it
 * silently useless: every invalid entry (not just the first), duplicate
 * terms (after normalisation: full-width, traditional, case), duplicates with
 * different weights or labels, and entries the tokenizer cannot produce as
 * written (so they would never match). Pass the analyzer you will use, or a
 * default one is built.
 */
export function checkLexicon(lexicon: unknown, analyzer?: Analyzer): LexiconReport {
  const problems: LexiconProblem[] = [];
  const file = LexiconFileSchema.safeParse(lexicon);
  if (!file.success) {
    for (const i of file.error.issues) problems.push({ kind: 'invalid', entry: null, message: `${i.path.join('.') || '(root)'}: ${i.message}` });
    return { ok: false, problems };
  }
  const { kind, lang, entries } = file.data;
  const schema = ENTRY_SCHEMAS[kind as LexiconKind];
  const ctx = (analyzer ?? defaultAnalyzer()).context;
  const seen = new Map<string, { index: number; payload: string }>();

  entries.forEach((raw, index) => {
    const r = schema.safeParse(raw);
    if (!r.success) {
      for (const i of r.error.issues) problems.push({ kind: 'invalid', entry: index, message: `${i.path.join('.') || '(entry)'}: ${i.message}` });
      return;
    }
    const { term, note: _note, ...rest } = r.data as { term: string; note?: string } & Record<string, unknown>;
    const norm = ctx.text.normalizeTerm(term);
    const payload = JSON.stringify(rest);
    const prior = seen.get(norm);
    if (prior) {
      const same = prior.payload === payload;
      problems.push({
        kind: same ? 'duplicate' : 'conflict',
        entry: index,
        term,
        message: same
          ? `"${term}" repeats entry #${prior.index}`
          : `"${term}" repeats entry #${prior.index} with different values (${prior.payload} vs ${payload}); the later one wins`,
      });
    } else seen.set(norm, { index, payload });

    if (norm !== term.toLowerCase().trim()) {
      problems.push({ kind: 'rewritten', entry: index, term, message: `"${term}" is matched as "${norm}" after normalisation` });
    }
    const tokens = ctx.text.tokenizeTerm(norm).map((t) => t.norm);
    if (tokens.length === 0) {
      problems.push({ kind: 'unmatchable', entry: index, term, message: `"${term}" has no word, number or emoji the tokenizer keeps` });
      return;
    }
    const lost = CARRIERS[lang].find((carrier) => !containsRun(ctx.text.tokenizeTerm(carrier.replace('{}', norm)).map((t) => t.norm), tokens));
    if (lost !== undefined) {
      problems.push({
        kind: 'unmatchable',
        entry: index,
        term,
        message: `"${term}" is split differently inside text (e.g. "${lost.replace('{}', norm)}"), so it will rarely match; use the words the tokenizer produces: ${tokens.join(' | ')}`,
      });
    }
  });
  return { ok: !problems.some((p) => p.kind !== 'rewritten'), problems };
}

function containsRun(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

let fallback: Analyzer | null = null;
function defaultAnalyzer(): Analyzer {
  fallback ??= createAnalyzer();
  return fallback;
}
