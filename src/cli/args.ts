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
      /** Language of reasons, actions and alerts; null = the analyzer's default. */
      locale: 'en' | 'zh' | null;
      /** Days are cut at this offset (from --utc-offset or --tz); null = UTC. */
      utcOffset: UtcOffset | null;
      /** Extra meta keys to slice by. */
      sliceBy: string[];
      /** Level-2 core products; null = the top N by volume. */
      coreProducts: string[] | null;
    };

/** A fixed offset, or a time zone whose offset is read at the batch's latest review. */
export type UtcOffset = { minutes: number } | { timeZone: string };

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
  review-triage lint-reply <file|-> [--platform NAME] [--nature NATURE]
                       [--format human|json]
                           Check a reply against platform rules
                           ("lint-reply --help"); exit 1 on findings.
  review-triage monitor <file> --state STATE
                           Add reviews to a state that remembers earlier runs:
                           alerts, campaigns, queue ("monitor --help").
  review-triage monitor mark ID replied --state STATE
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
                           ip, likes, pinned, replies, platform, lang,
                           productId, sku, orderId, country, channel, agent,
                           accountAgeDays) from the column named HEADER.
                           Repeatable.
  --max-line-bytes N       Longest line read (default 10485760 = 10 MB); a
                           longer line is reported and skipped.

  JSONL: one review per line, either a ReviewInput object
    {"id":"a1","text":"...","rating":1,"authorId":"u9","ip":"10.0.0.1",
     "timestamp":"2024-05-01T10:00:00Z","likes":3,"pinned":false,"replies":0,
     "platform":"shop","lang":"zh","productId":"P1","sku":"P1-red-M",
     "orderId":"O-9","country":"DE","channel":"DHL","agent":"amy",
     "meta":{"batch":"B7"}}
  (only "text" is required) or a bare JSON string ("just the text").
  Other keys go to "meta" (one warning names them). Blank lines are skipped.

  CSV: a header row, then one review per row. A text column is required.
  Headers are matched to fields by name or alias, any letter case, e.g.
  text: text, content, comment, review, 评论内容, 评价内容, 内容, 评论
  rating: rating, stars, 评分, 星级   timestamp: time, date, 时间, 评论时间, 日期
  authorId: author, user, 用户, 用户名, 昵称   productId: product, 商品ID
  sku: sku, 规格   orderId: order, 订单号   country: 国家   channel:
  carrier, logistics, 渠道, 物流, 快递   agent: 客服   (full list: docs/cli.md).
  Other columns go to "meta" as text, with one warning naming them. rating ("4", "5星"), likes and
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
                           csv:   for Excel (UTF-8 with BOM): the
                                  review's own fields (platform, product,
                                  sku, order, country, channel, agent, time,
                                  meta), labels, reasons, response deadline,
                                  text.
                           Every result echoes the review's id, own fields
                           and time, so it can be joined back to the order.
  -o, --out FILE           Write results to FILE (through a temporary file
                           renamed at the end: an error or Ctrl-C leaves the
                           old FILE as it was). Refused when FILE is the input.
  --summary                Print a digest (counts, top topics, slices by
                           product, channel..., alerts with their response
                           plans, the first items of the queue) on standard output
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

Merchant:
  --locale LOCALE          en (default) | zh: language of reasons, actions
                           and alert messages.
  --utc-offset HOURS       The merchant's offset from UTC for cutting days
                           (e.g. 8 for China, -5, 5.5). Default 0.
  --tz NAME                An IANA time zone (Asia/Shanghai, Europe/Berlin)
                           instead of --utc-offset: its offset at the latest
                           review's time is used for the whole batch.
  --slice-by KEY           Also slice the summary by this meta key (a
                           column of the export, e.g. a production batch).
                           Repeatable. platform, productId, sku, country,
                           channel and agent are always sliced.
  --core-products IDS      Comma-separated product ids the level-2 crisis
                           rule watches (default: the 5 most reviewed).

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
  locale: { type: 'string' },
  'utc-offset': { type: 'string' },
  tz: { type: 'string' },
  'slice-by': { type: 'string', multiple: true },
  'core-products': { type: 'string' },
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
    locale: oneOf(values.locale, ['en', 'zh'] as const, '--locale'),
    utcOffset: utcOffsetOf(values['utc-offset'], values.tz),
    sliceBy: (values['slice-by'] ?? []).map((k) => {
      if (k.trim() === '') throw new UsageError('--slice-by needs a meta key');
      return k.trim();
    }),
    coreProducts: coreProductsOf(values['core-products']),
  };
}

/** `--utc-offset H` (hours, -14..14, whole minutes) or `--tz NAME` (checked with Intl), not both. */
export function utcOffsetOf(hours: string | undefined, tz: string | undefined): UtcOffset | null {
  if (hours !== undefined && tz !== undefined) throw new UsageError('give --utc-offset or --tz, not both');
  if (tz !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
    } catch {
      throw new UsageError(`unknown --tz "${tz}" (expected an IANA time zone such as Asia/Shanghai or Europe/Berlin)`);
    }
    return { timeZone: tz };
  }
  if (hours === undefined) return null;
  const h = Number(hours);
  if (!/^[+-]?\d+(\.\d+)?$/.test(hours.trim()) || !Number.isFinite(h) || Math.abs(h) > 14 || !Number.isInteger(h * 60)) {
    throw new UsageError(`--utc-offset must be hours from UTC between -14 and 14 (e.g. 8, -5, 5.5), got "${hours}"`);
  }
  return { minutes: Math.round(h * 60) };
}

/** Offset in minutes of a time zone at an instant (Intl; e.g. 480 for Asia/Shanghai). */
export function zoneOffsetMinutes(timeZone: string, atMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(atMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(atMs / 1000) * 1000) / 60_000);
}

function coreProductsOf(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  const ids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (!ids.length) throw new UsageError('--core-products needs comma-separated product ids');
  return ids;
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
