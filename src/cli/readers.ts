import type { Readable } from 'node:stream';
import type { InputFormat } from './args.js';
import { csvHeaderFields, detectDelimiter, type ColumnOverrides } from './columns.js';
import { DEFAULT_MAX_LINE_BYTES, readInputLines, type InputLine, type LineOptions, type OversizeLine } from './lines.js';
import { REVIEW_INPUT_KEYS } from '../kernel/review.js';

/**
 * One review read from the input, or why its line could not be read.
 * `line` is 1-based: the physical line the review starts on.
 */
export type SourceRecord = { line: number; input: Record<string, unknown> } | { line: number; error: string };

/** The input as a whole cannot be read in the chosen format (e.g. a CSV without a text column). */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface ReaderOptions {
  /** Called for problems that concern the whole file, not one line (e.g. ignored CSV columns). */
  onWarning?: (message: string) => void;
  /** The limit the lines were read with (for the message of an oversize line). */
  maxLineBytes?: number;
  /** CSV: the field separator; detected from the header line when absent. */
  delimiter?: string;
  /** CSV: `--column field=Header` choices, which win over the header aliases. */
  columns?: ColumnOverrides;
}

const BOM = '\uFEFF';

/** Physical lines of a byte stream, decoded (see lines.ts: encoding detection, size limit, LF-only splitting). */
export function readLines(input: Readable, options: LineOptions = {}): AsyncGenerator<InputLine> {
  return readInputLines(input, options);
}

/** Review records from lines in the chosen format. */
export function readRecords(format: InputFormat, lines: AsyncIterable<InputLine>, options: ReaderOptions = {}): AsyncGenerator<SourceRecord> {
  return format === 'csv' ? readCsv(lines, options) : readJsonl(lines, options);
}

function oversizeError(l: OversizeLine, options: ReaderOptions): string {
  return `line is ${l.oversizeBytes.toLocaleString('en-US')} bytes, over the ${(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES).toLocaleString('en-US')}-byte limit (--max-line-bytes); skipped`;
}

/** JSON.parse; a raw CR inside a string (invalid JSON, but common in exports) is read as an escaped "\r". */
function parseJsonLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!text.includes('\r')) throw e;
    try {
      return JSON.parse(text.replace(/\r/g, '\\r'));
    } catch {
      throw e;
    }
  }
}

const KNOWN_KEYS = new Set(REVIEW_INPUT_KEYS);
/** Unknown keys named in the JSONL warning at most (the rest are counted). */
const MAX_NAMED_KEYS = 20;

/**
 * A JSONL object with its keys that are not ReviewInput fields moved into
 * `meta` (an explicit `meta` object wins on a clash). Scalars are kept, null
 * is dropped, objects and arrays become their JSON text. Adds the moved keys to `moved`.
 */
export function withUnknownKeysInMeta(value: Record<string, unknown>, moved: Set<string>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  let meta: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    if (KNOWN_KEYS.has(key)) continue;
    if (out === null) {
      out = {};
      for (const k of Object.keys(value)) if (KNOWN_KEYS.has(k)) out[k] = value[k];
      const given = value.meta;
      // A `meta` that is not an object is left for validation to report.
      if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) return value;
      meta = { ...(given as Record<string, unknown> | undefined) };
    }
    moved.add(key);
    const v = value[key];
    if (v === null || v === undefined || Object.hasOwn(meta!, key)) continue;
    meta![key] = typeof v === 'object' ? JSON.stringify(v) : v;
  }
  if (out === null) return value;
  if (Object.keys(meta!).length) out.meta = meta;
  return out;
}

function movedKeysWarning(moved: Set<string>): string {
  const names = [...moved];
  const shown = names.slice(0, MAX_NAMED_KEYS).join(', ');
  return `keys that are not review fields went to "meta": ${shown}${names.length > MAX_NAMED_KEYS ? ` and ${names.length - MAX_NAMED_KEYS} more` : ''}`;
}

/**
 * JSONL: each non-blank line is a ReviewInput object or a bare JSON string
 * (the text). Keys that are not ReviewInput fields go to `meta`, with one
 * warning naming them at the end of the input.
 */
export async function* readJsonl(lines: AsyncIterable<InputLine>, options: ReaderOptions = {}): AsyncGenerator<SourceRecord> {
  const moved = new Set<string>();
  try {
    yield* jsonlRecords(lines, options, moved);
  } finally {
    if (moved.size) options.onWarning?.(movedKeysWarning(moved));
  }
}

async function* jsonlRecords(lines: AsyncIterable<InputLine>, options: ReaderOptions, moved: Set<string>): AsyncGenerator<SourceRecord> {
  let line = 0;
  let seenContent = false;
  for await (const raw of lines) {
    line++;
    if (typeof raw !== 'string') {
      yield { line, error: oversizeError(raw, options) };
      seenContent = true;
      continue;
    }
    const text = line === 1 && raw.startsWith(BOM) ? raw.slice(1) : raw;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = parseJsonLine(text);
    } catch (e) {
      // A pretty-printed JSON array would fail on every line: say what to do once instead.
      if (!seenContent && text.trim() === '[') throw new SourceError('this is one JSON array, not JSONL (one review per line); convert it first, e.g. jq -c ".[]" file.json');
      yield { line, error: `invalid JSON: ${(e as Error).message}` };
      continue;
    } finally {
      seenContent = true;
    }
    if (typeof value === 'string') yield { line, input: { text: value } };
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) yield { line, input: withUnknownKeysInMeta(value as Record<string, unknown>, moved) };
    else yield { line, error: `expected a review object or a JSON string, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` };
  }
}

const NUMBER_FIELDS = new Set(['rating', 'likes', 'replies', 'accountAgeDays']);
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEANS = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

/**
 * A CSV cell as the ReviewInput field it fills: numbers and booleans are
 * converted; a cell that does not convert is passed on as written, so the
 * library's validation names the field and says what it expected.
 * Returns undefined for an empty cell (the field is left out).
 */
export function convertCsvCell(field: string, cell: string): unknown {
  if (field === 'text') return cell;
  const v = cell.trim();
  if (v === '') return undefined;
  if (field === 'rating') {
    // Chinese exports write "5星" or "4.5分" (a suffix check, not a backtracking regex).
    const num = v.replace(/(?:星|分|stars?)$/i, '').trimEnd();
    return NUMBER_RE.test(num) ? Number(num) : v;
  }
  if (NUMBER_FIELDS.has(field)) return NUMBER_RE.test(v) ? Number(v) : v;
  if (field === 'pinned') return BOOLEANS.get(v.toLowerCase()) ?? v;
  if (field === 'timestamp') return /^\d+$/.test(v) ? Number(v) : v;
  return v;
}


/**
 * Splits CSV records (RFC 4180) fed one physical line at a time; a quoted
 * field may run over several lines, joined with "\n". `irregular` records
 * text after a closing quote (`"a"b`): kept as written on a one-line record,
 * but the sign of a misplaced quote when the record spans lines.
 */
export class CsvRecordParser {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private stray = false;

  constructor(private readonly delimiter: string = ',') {}

  /** True while a quoted field is open: the record continues on the next line. */
  get pending(): boolean {
    return this.inQuotes;
  }

  /** True when the last completed record had text between a closing quote and the next separator. */
  get irregular(): boolean {
    return this.stray;
  }

  /** Forgets a half-read record (after a quoting error). */
  reset(): void {
    this.fields = [];
    this.field = '';
    this.inQuotes = false;
    this.stray = false;
  }

  /** Feeds one line (without its line break); returns the record when it is complete, else null. */
  feed(line: string): string[] | null {
    let i = 0;
    const n = line.length;
    if (!this.inQuotes && this.fields.length === 0 && this.field === '') this.stray = false;
    if (this.inQuotes) {
      this.field += '\n';
      i = this.readQuoted(line, 0);
      if (this.inQuotes) return null;
      this.noteStray(line, i);
    }
    for (;;) {
      // i is just after a closed quote, at a field start, or inside an unquoted field.
      if (i < n && line.charCodeAt(i) === 34 /* " */ && this.field === '') {
        this.inQuotes = true;
        i = this.readQuoted(line, i + 1);
        if (this.inQuotes) return null;
        this.noteStray(line, i);
        continue;
      }
      // Unquoted text (or text after a closing quote, kept as written) runs to the next separator.
      const sep = line.indexOf(this.delimiter, i);
      if (sep === -1) {
        this.field += line.slice(i);
        this.fields.push(this.field);
        const record = this.fields;
        this.fields = [];
        this.field = '';
        return record;
      }
      this.field += line.slice(i, sep);
      this.fields.push(this.field);
      this.field = '';
      i = sep + this.delimiter.length;
    }
  }

  private noteStray(line: string, i: number): void {
    if (i < line.length && !line.startsWith(this.delimiter, i)) this.stray = true;
  }

  /** Reads a quoted field's content from `i`; returns the index after the closing quote, or n if still open. */
  private readQuoted(line: string, i: number): number {
    for (;;) {
      const q = line.indexOf('"', i);
      if (q === -1) {
        this.field += line.slice(i);
        return line.length;
      }
      this.field += line.slice(i, q);
      if (line.charCodeAt(q + 1) === 34) {
        this.field += '"';
        i = q + 2;
        continue;
      }
      this.inQuotes = false;
      return q + 1;
    }
  }
}

/**
 * Longest run of physical lines one quoted field may span. Past it the
 * opening quote is taken for a mistake: reporting it then costs at most this
 * many re-read lines per line, so the reader stays linear on any input.
 */
export const MAX_RECORD_LINES = 200;

interface NumberedLine {
  n: number;
  line: InputLine;
}

/**
 * CSV with a header row; separator detected (comma, semicolon, tab);
 * headers mapped by columns.ts; see convertCsvCell for the cells.
 * Every physical line ends up in exactly one yielded record or error. A
 * record that spans lines must end where a row should (the header's number
 * of fields, nothing after a closing quote, within MAX_RECORD_LINES and the
 * byte limit); otherwise its first line is reported as a quoting error and
 * reading resumes at the next line, so one stray quote costs one row.
 */
export async function* readCsv(lines: AsyncIterable<InputLine>, options: ReaderOptions = {}): AsyncGenerator<SourceRecord> {
  const maxBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const source = lines[Symbol.asyncIterator]();
  let sourceLine = 0;
  const replay: NumberedLine[] = [];
  const next = async (): Promise<NumberedLine | null> => {
    if (replay.length) return replay.shift()!;
    const r = await source.next();
    if (r.done) return null;
    sourceLine++;
    return { n: sourceLine, line: r.value };
  };

  let parser: CsvRecordParser | null = null;
  let header: Array<string | null> | null = null;
  let metaKeys: Array<string | null> = [];
  let open: NumberedLine[] = []; // lines of the record being read, while a quote is open
  let openChars = 0;
  const quotingError = (rest: NumberedLine[]): SourceRecord => {
    const first = open[0]!;
    replay.unshift(...open.slice(1), ...rest);
    open = [];
    openChars = 0;
    parser!.reset();
    return { line: first.n, error: 'quoting error: a quote opened on this row is not closed where the row ends; row skipped' };
  };

  for (;;) {
    const item = await next();
    if (!item) {
      if (open.length) {
        yield quotingError([]);
        continue;
      }
      break;
    }
    const { n, line } = item;
    if (typeof line !== 'string') {
      if (open.length) yield quotingError([item]);
      else yield { line: n, error: oversizeError(line, options) };
      continue;
    }
    const text = n === 1 && line.startsWith(BOM) ? line.slice(1) : line;
    if (!parser) {
      if (text.trim() === '') continue;
      parser = new CsvRecordParser(options.delimiter ?? detectDelimiter(text));
    }
    if (!open.length && text.trim() === '') continue;
    const cells = parser.feed(text);
    if (!cells) {
      open.push(item);
      openChars += text.length;
      if (open.length > MAX_RECORD_LINES || openChars > maxBytes) yield quotingError([]);
      continue;
    }
    const spanned = open.length > 0;
    const recordLine = spanned ? open[0]!.n : n;
    if (!header) {
      if (spanned) {
        yield quotingError([item]);
        continue;
      }
      try {
        const mapped = csvHeaderFields(cells, options.columns);
        header = mapped.fields;
        metaKeys = mapped.meta;
        for (const w of mapped.warnings) options.onWarning?.(w);
      } catch (e) {
        throw new SourceError((e as Error).message);
      }
      continue;
    }
    if (spanned && (cells.length !== header.length || parser.irregular)) {
      yield quotingError([item]);
      continue;
    }
    open = [];
    openChars = 0;
    if (cells.length !== header.length) {
      yield { line: recordLine, error: `expected ${header.length} fields (as in the header), found ${cells.length}` };
      continue;
    }
    const input: Record<string, unknown> = {};
    let meta: Record<string, string> | null = null;
    for (let c = 0; c < cells.length; c++) {
      const field = header[c];
      if (!field) {
        // Other columns are kept as text under meta (an empty cell is left out).
        const key = metaKeys[c];
        const v = cells[c]!.trim();
        if (key && v !== '') (meta ??= {})[key] = v;
        continue;
      }
      const value = convertCsvCell(field, cells[c]!);
      if (value !== undefined) input[field] = value;
    }
    if (meta) input.meta = meta;
    yield { line: recordLine, input };
  }
}
