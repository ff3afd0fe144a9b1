import readline from 'node:readline';
import type { Readable } from 'node:stream';
import type { InputFormat } from './args.js';

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
}

const BOM = '\uFEFF';

/** Physical lines of a stream (LF or CRLF), streamed. */
export function readLines(input: Readable): AsyncIterable<string> {
  return readline.createInterface({ input, crlfDelay: Infinity, terminal: false });
}

/** Review records from lines in the chosen format. */
export function readRecords(format: InputFormat, lines: AsyncIterable<string>, options: ReaderOptions = {}): AsyncGenerator<SourceRecord> {
  return format === 'csv' ? readCsv(lines, options) : readJsonl(lines);
}

/** JSONL: each non-blank line is a ReviewInput object or a bare JSON string (the text). */
export async function* readJsonl(lines: AsyncIterable<string>): AsyncGenerator<SourceRecord> {
  let line = 0;
  let seenContent = false;
  for await (const raw of lines) {
    line++;
    const text = line === 1 && raw.startsWith(BOM) ? raw.slice(1) : raw;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      // A pretty-printed JSON array would fail on every line: say what to do once instead.
      if (!seenContent && text.trim() === '[') throw new SourceError('this is one JSON array, not JSONL (one review per line); convert it first, e.g. jq -c ".[]" file.json');
      yield { line, error: `invalid JSON: ${(e as Error).message}` };
      continue;
    } finally {
      seenContent = true;
    }
    if (typeof value === 'string') yield { line, input: { text: value } };
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) yield { line, input: value as Record<string, unknown> };
    else yield { line, error: `expected a review object or a JSON string, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` };
  }
}

/** ReviewInput fields a CSV column can fill, by lower-cased header name. */
const CSV_FIELDS = new Map(
  ['id', 'text', 'rating', 'authorId', 'ip', 'timestamp', 'likes', 'pinned', 'replies', 'platform', 'lang'].map((f) => [f.toLowerCase(), f]),
);

const NUMBER_FIELDS = new Set(['rating', 'likes', 'replies']);
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
  if (NUMBER_FIELDS.has(field)) return NUMBER_RE.test(v) ? Number(v) : v;
  if (field === 'pinned') return BOOLEANS.get(v.toLowerCase()) ?? v;
  if (field === 'timestamp') return /^\d+$/.test(v) ? Number(v) : v;
  return v;
}

/**
 * Splits CSV records (RFC 4180) fed one physical line at a time; a quoted
 * field may run over several lines, joined with "\n".
 */
export class CsvRecordParser {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;

  /** True while a quoted field is open: the record continues on the next line. */
  get pending(): boolean {
    return this.inQuotes;
  }

  /** Feeds one line (without its line break); returns the record when it is complete, else null. */
  feed(line: string): string[] | null {
    let i = 0;
    const n = line.length;
    if (this.inQuotes) {
      this.field += '\n';
      i = this.readQuoted(line, 0);
      if (this.inQuotes) return null;
    }
    for (;;) {
      // i is just after a closed quote, at a field start, or inside an unquoted field.
      if (i < n && line.charCodeAt(i) === 34 /* " */ && this.field === '') {
        this.inQuotes = true;
        i = this.readQuoted(line, i + 1);
        if (this.inQuotes) return null;
        continue;
      }
      // Unquoted text (or text after a closing quote, kept as written) runs to the next comma.
      const comma = line.indexOf(',', i);
      if (comma === -1) {
        this.field += line.slice(i);
        this.fields.push(this.field);
        const record = this.fields;
        this.fields = [];
        this.field = '';
        return record;
      }
      this.field += line.slice(i, comma);
      this.fields.push(this.field);
      this.field = '';
      i = comma + 1;
    }
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

/** CSV with a header row; `text` column required; see convertCsvCell for the other columns. */
export async function* readCsv(lines: AsyncIterable<string>, options: ReaderOptions = {}): AsyncGenerator<SourceRecord> {
  const parser = new CsvRecordParser();
  let header: Array<string | null> | null = null;
  let line = 0;
  let recordLine = 0;
  for await (const raw of lines) {
    line++;
    const text = line === 1 && raw.startsWith(BOM) ? raw.slice(1) : raw;
    if (!parser.pending) {
      if (text.trim() === '') continue;
      recordLine = line;
    }
    const cells = parser.feed(text);
    if (!cells) continue;
    if (!header) {
      header = csvHeader(cells, options);
      continue;
    }
    if (cells.length !== header.length) {
      yield { line: recordLine, error: `expected ${header.length} fields (as in the header), found ${cells.length}` };
      continue;
    }
    const input: Record<string, unknown> = {};
    for (let c = 0; c < cells.length; c++) {
      const field = header[c];
      if (!field) continue;
      const value = convertCsvCell(field, cells[c]!);
      if (value !== undefined) input[field] = value;
    }
    yield { line: recordLine, input };
  }
  if (parser.pending) yield { line: recordLine, error: 'unterminated quoted field (a " is never closed)' };
}

/** Header cells -> the ReviewInput field of each column (null = ignored). */
function csvHeader(cells: string[], options: ReaderOptions): Array<string | null> {
  const seen = new Set<string>();
  const ignored: string[] = [];
  const fields = cells.map((cell) => {
    const name = cell.trim();
    const field = CSV_FIELDS.get(name.toLowerCase()) ?? null;
    if (!field) ignored.push(name === '' ? '(unnamed)' : name);
    else if (seen.has(field)) throw new SourceError(`CSV header names the column "${field}" twice`);
    else seen.add(field);
    return field;
  });
  if (!seen.has('text')) throw new SourceError(`CSV header has no "text" column (found: ${cells.map((c) => c.trim()).join(', ') || 'nothing'})`);
  if (ignored.length) options.onWarning?.(`ignoring CSV columns that are not review fields: ${ignored.join(', ')}`);
  return fields;
}
