import os from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SEVERITY_LEVELS, type SeverityLevel } from '../types.js';
import { COLUMN_FIELDS } from './columns.js';
import { ENCODINGS, type Encoding } from './encoding.js';
import { DEFAULT_MAX_LINE_BYTES } from './lines.js';
import type { Selection } from './select.js';
import { DEFAULT_MAX_LEXICON_BYTES } from '../lexicon/load.js';

/** Result formats the CLI can write. */
export const OUTPUT_FORMATS = ['jsonl', 'json', 'table', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Input formats the CLI can read. */
export const INPUT_FORMATS = ['jsonl', 'csv'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** What the user asked for, after parsing and checking the command line. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'analyze';
      /** A path, or `-` for standard input. */
      file: string;
      format: OutputFormat;
      /** Null when the extension should decide. */
      inputFormat: InputFormat | null;
      /** Null for standard output. */
      out: string | null;
      batch: boolean;
      lexicons: string[];
      disable: string[];
      /** 'auto' detects it. */
      encoding: Encoding | 'auto';
      /** CSV separator; null = detect from the header line. */
      delimiter: string | null;
      /** --column field=Header. */
      columns: Map<string, string>;
      maxLineBytes: number;
      maxLexiconBytes: number;
      /** Worker threads for the per-review analysis (1: this thread). */
      workers: number;
      /** Print the digest on standard output (results then go only to --out). */
      summary: boolean;
      selection: Selection;
    };

/** The command line is wrong: the CLI prints the message and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_SOME_FAILED = 1;
export const EXIT_USAGE = 2;

export const HELP_TEXT = `review-triage - triage customer reviews (Chinese and English): sentiment,
problem type, spam and urgency.

Usage:
  review-triage analyze <file|-> [options]
  review-triage report <file> [-o report.html] [--locale zh|en]
                       [--utc-offset H] [--title TEXT]
                           An HTML report of the batch ("report --help").
  review-triage --help | -h
  review-triage --version

Input:
  <file>                   A JSONL or CSV file; "-" reads standard input.
  --input-format FORMAT    jsonl | csv. Default: from the extension (.jsonl,
                           .ndjson and .json are JSONL; .csv, .tsv and .txt
                           are delimited text); standard input: jsonl.
  --encoding ENC           auto (default) | utf-8 | utf-16le | utf-16be |
                           gb18030. auto: a BOM decides, else UTF-16 by its
                           zero bytes, else strict UTF-8, else GB18030/GBK.
                           A file that does not decode is refused (exit 2)
                           naming the line; it is never read as garbage.
  --delimiter SEP          comma | semicolon | tab. Default: detected from
                           the header line.
  --column FIELD=HEADER    Take FIELD (text, id, rating, authorId, timestamp,
                           ip, likes, pinned, replies, platform, lang) from
                           the column named HEADER. Repeatable.
  --max-line-bytes N       Longest line read (default 10485760 = 10 MB); a
                           longer line is reported and skipped.

  JSONL: one review per line, either a ReviewInput object
    {"id":"a1","text":"...","rating":1,"authorId":"u9","ip":"10.0.0.1",
     "timestamp":"2024-05-01T10:00:00Z","likes":3,"pinned":false,"replies":0,
     "platform":"shop","lang":"zh"}
  (only "text" is required) or a bare JSON string ("just the text").
  Blank lines are skipped.

  CSV: a header row, then one review per row. A text column is required.
  Headers are matched to fields by name or alias, any letter case, e.g.
  text: text, content, comment, review, 评论内容, 评价内容, 内容, 评论
  rating: rating, stars, 评分, 星级   timestamp: time, date, 时间, 评论时间, 日期
  authorId: author, user, 用户, 用户名, 昵称   (full list: docs/cli.md).
  Other columns are ignored with a warning. rating ("4", "5星"), likes and
  replies are read as numbers, pinned as a boolean (true/false, yes/no,
  1/0); an empty cell leaves the field out. Quoted fields may hold
  separators, doubled quotes ("") and line breaks (RFC 4180). A row whose
  quotes do not close where the row should end is reported and skipped, and
  reading resumes on the next line.

  A review without an id gets the line number it starts on as its id.

Output:
  -f, --format FORMAT      jsonl (default) | json | table | csv
                           jsonl: one Analysis JSON object per line.
                           json:  one JSON document: with --no-batch an array
                                  of Analysis objects; otherwise the whole
                                  batch result ({"items":[...], plus the
                                  cross-review fields}).
                           table: columns fitted to the terminal: id,
                                  language, sentiment, nature/topics, spam,
                                  severity, text.
                           csv:   for Excel (UTF-8 with BOM): labels,
                                  reasons, response deadline, text.
  -o, --out FILE           Write results to FILE (through a temporary file
                           renamed at the end: an error or Ctrl-C leaves the
                           old FILE as it was). Refused when FILE is the input.
  --summary                Print a digest (counts, top topics, alerts, the
                           first items of the queue) on standard output
                           instead of the results; with --out the results
                           still go to FILE. Not with --no-batch.
  --min-severity LEVEL     Only results at LEVEL or above (low, medium,
                           high, critical).
  --sort ORDER             input (default) | severity (most urgent first;
                           not with --no-batch).
  --top N                  Only the first N results (after filter and sort).
  --no-batch               Stream: analyse and write each review as soon as
                           its line is read, with constant memory. Reviews
                           are analysed one by one, so cross-review work
                           (campaign/duplicate clustering, floods, the
                           severity queue, summary and alerts) is skipped.
                           Without this flag (the default) all valid reviews
                           are read first and analysed together with
                           analyzeBatch, so that cross-review work applies;
                           the whole input is then held in memory.

Analyzer:
  --lexicon PATH           A lexicon JSON file to add to (or override) the
                           built-in lexicons. Repeatable; later files win.
  --max-lexicon-bytes N    Largest lexicon file read (default 20971520 =
                           20 MB); only regular files are read.
  --disable STAGE          Leave out a built-in stage by name (for example
                           spam or alerts; an unknown name lists them all).
                           Repeatable.
  --workers N              Worker threads for the per-review analysis
                           (default: the available cores; 1 analyses on
                           the main thread). Results are the same and in
                           input order whatever N. Not used by --no-batch.

Other:
  -h, --help               Show this help.
  --version                Print the version.

Results go to standard output (or --out) and nothing else does. Bad rows,
warnings and a progress bar with rate and ETA (only when standard error is a
terminal) go to standard error, with control characters escaped. A bad row
(invalid JSON, a review failing validation, a CSV row with the wrong number
of fields or broken quotes, a line over the size limit) is reported as
FILE:LINE: reason and skipped; the rest is still processed.

Exit codes:
  0  every row was analysed
  1  some rows failed (reported on standard error); the others were written
  2  usage error: unknown option or command, missing or unreadable file,
     unknown format, a file that does not decode, CSV without a text column,
     a JSON array instead of JSONL, bad --lexicon or --disable, --out that is
     the input, an --out that cannot be written (e.g. disk full)
  130, 143  stopped by SIGINT (Ctrl-C) or SIGTERM; --out left as it was

Examples:
  review-triage analyze reviews.jsonl > results.jsonl
  review-triage analyze 评论导出.csv --summary --out results.csv --format csv
  review-triage analyze comments.csv --format table --min-severity high
  cat reviews.jsonl | review-triage analyze - --no-batch --format jsonl
  review-triage analyze export.txt --column text=评价内容 --sort severity --top 20
  review-triage analyze reviews.jsonl --lexicon my-terms.json --disable spam
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  summary: { type: 'boolean' },
  'min-severity': { type: 'string' },
  top: { type: 'string' },
  sort: { type: 'string' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  column: { type: 'string', multiple: true },
  'max-line-bytes': { type: 'string' },
  'max-lexicon-bytes': { type: 'string' },
  workers: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'no-batch': { type: 'boolean' },
  'input-format': { type: 'string' },
  lexicon: { type: 'string', multiple: true },
  disable: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | null {
  if (value === undefined) return null;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`unknown ${flag} "${value}" (expected ${allowed.join(', ')})`);
}

/** node:util's parseArgs with positionals, strict; its errors become UsageErrors (shared by every subcommand). */
type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export function strictArgs<const O extends OptionsConfig>(argv: string[], options: O): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    // node:util's messages name the option; drop its hint about "--" which does not apply here.
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

/** Parses argv (without `node` and the script). Throws UsageError when it does not make sense. */
export function parseCliArgs(argv: string[]): CliCommand {
  const { values, positionals } = strictArgs(argv, OPTIONS);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('missing command (expected "analyze <file>")');
  if (command === 'help') return { kind: 'help' };
  if (command !== 'analyze') throw new UsageError(`unknown command "${command}" (expected "analyze")`);
  if (rest.length === 0) throw new UsageError('missing input file for "analyze" (use "-" for standard input)');
  if (rest.length > 1) throw new UsageError(`"analyze" takes one input file, got ${rest.length}: ${rest.join(' ')}`);

  const out = values.out ?? null;
  if (out === '') throw new UsageError('--out needs a file name');
  const batch = !values['no-batch'];
  const sort = oneOf(values.sort, ['input', 'severity'] as const, '--sort') ?? 'input';
  if (!batch && sort === 'severity') throw new UsageError('--sort severity needs the whole batch; it cannot be combined with --no-batch');
  if (!batch && values.summary) throw new UsageError('--summary needs the whole batch; it cannot be combined with --no-batch');
  return {
    kind: 'analyze',
    file: rest[0]!,
    format: oneOf(values.format, OUTPUT_FORMATS, '--format') ?? 'jsonl',
    inputFormat: oneOf(values['input-format'], INPUT_FORMATS, '--input-format'),
    out,
    batch,
    lexicons: values.lexicon ?? [],
    disable: values.disable ?? [],
    encoding: oneOf(values.encoding, ['auto', ...ENCODINGS] as const, '--encoding') ?? 'auto',
    delimiter: delimiterOf(values.delimiter),
    columns: columnsOf(values.column ?? []),
    maxLineBytes: positiveInt(values['max-line-bytes'], '--max-line-bytes') ?? DEFAULT_MAX_LINE_BYTES,
    maxLexiconBytes: positiveInt(values['max-lexicon-bytes'], '--max-lexicon-bytes') ?? DEFAULT_MAX_LEXICON_BYTES,
    workers: positiveInt(values.workers, '--workers') ?? Math.min(64, os.availableParallelism()),
    summary: values.summary === true,
    selection: {
      minSeverity: oneOf<SeverityLevel>(values['min-severity'], SEVERITY_LEVELS, '--min-severity'),
      sort,
      top: positiveInt(values.top, '--top'),
    },
  };
}

function positiveInt(value: string | undefined, flag: string): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) throw new UsageError(`${flag} needs a whole number of at least 1, got "${value}"`);
  return Number(value);
}

function delimiterOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  const named: Record<string, string> = { comma: ',', ',': ',', semicolon: ';', ';': ';', tab: '\t', '\\t': '\t', '\t': '\t' };
  const d = named[value];
  if (!d) throw new UsageError(`unknown --delimiter "${value}" (expected comma, semicolon or tab)`);
  return d;
}

function columnsOf(values: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values) {
    const eq = v.indexOf('=');
    const field = eq > 0 ? COLUMN_FIELDS.find((f) => f.toLowerCase() === v.slice(0, eq).trim().toLowerCase()) : undefined;
    if (!field || v.slice(eq + 1).trim() === '') throw new UsageError(`--column needs FIELD=HEADER with FIELD one of ${COLUMN_FIELDS.join(', ')}; got "${v}"`);
    out.set(field, v.slice(eq + 1).trim());
  }
  return out;
}

/** Format from the file name's extension, or null when it does not say. */
export function formatFromExtension(file: string): InputFormat | null {
  const m = /\.([A-Za-z]+)$/.exec(file);
  const ext = m?.[1]?.toLowerCase();
  if (ext === 'jsonl' || ext === 'ndjson' || ext === 'json') return 'jsonl';
  // .tsv and .txt: Excel's "Text (Tab delimited)" and "Unicode Text" exports (the separator is detected).
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  return null;
}
