import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { LexiconError } from '../kernel/errors.js';
import { readJsonFile } from '../util/json-file.js';
import { moduleFile } from '../util/module-file.js';
import { ENTRY_SCHEMAS, LexiconFileSchema, type Lexicon, type LexiconEntry, type LexiconKind, type LexiconLang } from './schema.js';

/** What a caller may pass as a lexicon: a parsed object or a path to a JSON file. */
export type LexiconSource = string | Lexicon | { kind: string; lang: string; entries: unknown[] };

/**
 * Validates one lexicon object. `source` names it in errors (a file path or
 * `lexicons[2]`). Errors name the entry index and the field.
 */
export function parseLexicon(value: unknown, source: string): Lexicon {
  const file = LexiconFileSchema.safeParse(value);
  if (!file.success) {
    const i = file.error.issues[0]!;
    const at = i.path.length ? `${i.path.join('.')}: ` : '';
    throw new LexiconError(source, null, `${at}${i.message}`);
  }
  const { kind, lang, entries, description, replace } = file.data;
  const schema = ENTRY_SCHEMAS[kind];
  const parsed: LexiconEntry[] = entries.map((entry, index) => {
    const r = schema.safeParse(entry);
    if (!r.success) {
      const i = r.error.issues[0]!;
      const field = i.path.length ? `field "${i.path.join('.')}": ` : '';
      const term = typeof (entry as { term?: unknown })?.term === 'string' ? ` (term "${(entry as { term: string }).term}")` : '';
      throw new LexiconError(source, index, `${field}${i.message}${term}`);
    }
    return r.data;
  });
  const lex: Lexicon = { kind, lang, entries: parsed };
  if (description !== undefined) lex.description = description;
  if (replace !== undefined) lex.replace = replace;
  return lex;
}

/** Largest lexicon file read by default (bytes). The built-in ones are well under 1 MB. */
export const DEFAULT_MAX_LEXICON_BYTES = 20 * 1024 * 1024;

/**
 * Reads and validates a lexicon file. Only a regular file of at most
 * `maxBytes` is read (checked on the open file before reading: /dev/zero, a
 * FIFO or a directory is refused, never read without end), and the errors
 * never quote the file's content: a path named by mistake (/etc/passwd)
 * must not end up printed.
 */
export function readLexiconFile(file: string, options: { maxBytes?: number } = {}): Lexicon {
  const json = readJsonFile(file, options.maxBytes ?? DEFAULT_MAX_LEXICON_BYTES, 'lexicons', (reason, cause) => new LexiconError(file, null, reason, cause === undefined ? undefined : { cause }));
  return parseLexicon(json, file);
}

export function resolveLexiconSource(src: LexiconSource, index: number): Lexicon {
  if (typeof src === 'string') return readLexiconFile(path.resolve(src));
  return parseLexicon(src, `lexicons[${index}]`);
}

/**
 * The folder holding the built-in lexicons (and models): found from this
 * module's location, or, when a bundler moved the code away from the
 * package, from where `review-triage` resolves beside the bundle.
 */
export function dataDir(): string {
  const here = moduleFile();
  let dir = path.dirname(here);
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'data', 'lexicons');
    if (fs.existsSync(candidate)) return path.join(dir, 'data');
    dir = path.dirname(dir);
  }
  try {
    const pkg = createRequire(here).resolve('review-triage/package.json');
    if (fs.existsSync(path.join(path.dirname(pkg), 'data', 'lexicons'))) return path.join(path.dirname(pkg), 'data');
  } catch {
    // not resolvable from here: fall through to the error
  }
  throw new LexiconError('data/lexicons', null, 'built-in lexicon folder not found next to the package: pass the dataDir option (the data/ folder of review-triage)');
}

/** Every built-in lexicon in `dir` (the data folder; dataDir() by default), read and validated. */
export function readBuiltinLexicons(dir: string = dataDir()): Lexicon[] {
  // Read and validated once per process and folder: every analyzer, and the sentiment stage's check of which
  // entries a caller changed, use the same files. Nothing mutates them (LexiconSet copies entries).
  let cached = builtinCache.get(dir);
  if (!cached) builtinCache.set(dir, (cached = readBuiltinLexiconFiles(dir)));
  return [...cached];
}

const builtinCache = new Map<string, Lexicon[]>();

function readBuiltinLexiconFiles(dir: string): Lexicon[] {
  const root = path.join(dir, 'lexicons');
  if (!fs.existsSync(root)) throw new LexiconError(root, null, 'no lexicons folder in the data folder (check the dataDir option)');
  const out: Lexicon[] = [];
  for (const lang of fs.readdirSync(root).sort()) {
    const langDir = path.join(root, lang);
    if (!fs.statSync(langDir).isDirectory()) continue;
    for (const f of fs.readdirSync(langDir).sort()) {
      if (!f.endsWith('.json')) continue;
      const lex = readLexiconFile(path.join(langDir, f));
      if (lex.lang !== lang) throw new LexiconError(path.join(langDir, f), null, `lang "${lex.lang}" does not match its folder "${lang}"`);
      out.push(lex);
    }
  }
  return out;
}

/**
 * All lexicon entries by language and kind. Later lexicons override earlier
 * ones entry by entry (same normalised term), or wholesale with `replace`.
 */
export class LexiconSet {
  private readonly byKey = new Map<string, Map<string, LexiconEntry>>();

  constructor(lexicons: Lexicon[], normalizeTerm: (term: string, lang: LexiconLang) => string) {
    for (const lex of lexicons) {
      const key = `${lex.lang}/${lex.kind}`;
      let entries = this.byKey.get(key);
      if (!entries || lex.replace) {
        entries = new Map();
        this.byKey.set(key, entries);
      }
      for (const e of lex.entries) {
        const norm = normalizeTerm(e.term, lex.lang);
        if (!norm) continue;
        entries.delete(norm); // re-insert so overrides keep file order predictable
        entries.set(norm, { ...e, term: norm } as LexiconEntry);
      }
    }
  }

  /** Entries of one kind and language, terms normalised like review text. */
  get<K extends LexiconKind>(lang: LexiconLang, kind: K): LexiconEntry<K>[] {
    return [...(this.byKey.get(`${lang}/${kind}`)?.values() ?? [])] as LexiconEntry<K>[];
  }

  /** Every term of every kind of one language (for the segmenter's user dictionary). */
  terms(lang: LexiconLang): string[] {
    const out = new Set<string>();
    for (const [key, entries] of this.byKey) if (key.startsWith(`${lang}/`)) for (const t of entries.keys()) out.add(t);
    return [...out];
  }
}
