import type { BatchResult } from '../context/batch-result.js';
import type { Analysis } from '../types.js';
import type { OutputFormat } from './args.js';
import { forTerminal } from './sanitize.js';

/**
 * Turns results into output text, piece by piece, so that a streaming run
 * never holds more than one result. The caller writes each piece.
 */
export interface ResultFormatter {
  /** Text before the first result. */
  start(): string;
  /** Text for one result (streaming, or a batch's items one by one). */
  item(analysis: Analysis): string;
  /** Text after the last result. */
  finish(): string;
  /**
   * Pieces for a whole batch result. For jsonl and table this is the items;
   * for json it is the BatchResult object itself (items plus cross-review fields).
   */
  batch(result: BatchResult): Iterable<string>;
}

export interface FormatterOptions {
  /** Table: the terminal's width in cells (standard output's columns when it is a terminal). */
  width?: number;
}

export function createFormatter(format: OutputFormat, options: FormatterOptions = {}): ResultFormatter {
  if (format === 'json') return new JsonFormatter();
  if (format === 'table') return new TableFormatter(options.width);
  if (format === 'csv') return new CsvFormatter();
  return new JsonlFormatter();
}

function* itemsOf(f: ResultFormatter, result: BatchResult): Iterable<string> {
  yield f.start();
  for (const item of result.items) yield f.item(item);
  yield f.finish();
}

class JsonlFormatter implements ResultFormatter {
  start(): string {
    return '';
  }
  item(analysis: Analysis): string {
    return JSON.stringify(analysis) + '\n';
  }
  finish(): string {
    return '';
  }
  batch(result: BatchResult): Iterable<string> {
    return itemsOf(this, result);
  }
}

/** One JSON document; arrays put one item per line so huge results are written in pieces. */
class JsonFormatter implements ResultFormatter {
  private count = 0;
  start(): string {
    this.count = 0;
    return '[';
  }
  item(analysis: Analysis): string {
    return (this.count++ === 0 ? '\n' : ',\n') + JSON.stringify(analysis);
  }
  finish(): string {
    return (this.count > 0 ? '\n]' : ']') + '\n';
  }
  *batch(result: BatchResult): Iterable<string> {
    // Written key by key so the items array never becomes one giant string.
    yield '{"items":';
    yield this.start();
    for (const item of result.items) yield this.item(item);
    yield this.count > 0 ? '\n]' : ']';
    for (const [key, value] of Object.entries(result)) {
      if (key === 'items' || value === undefined) continue;
      yield `,\n${JSON.stringify(key)}:${JSON.stringify(value)}`;
    }
    yield '}\n';
  }
}

interface TableColumn {
  title: string;
  width: number;
  cell: (a: Analysis) => string;
}

/** Columns: header, display width (terminal cells), and how to fill them. The text column takes what is left. */
const TABLE_COLUMNS: TableColumn[] = [
  { title: 'id', width: 8, cell: (a) => a.id },
  { title: 'lang', width: 5, cell: (a) => a.language },
  { title: 'sentiment', width: 14, cell: (a) => `${a.sentiment.label} ${signed(a.sentiment.score)}` },
  { title: 'nature/topics', width: 34, cell: (a) => (a.negative ? `${a.negative.nature}: ${a.negative.topics.join(',') || '-'}` : '-') },
  { title: 'spam', width: 24, cell: spamCell },
  { title: 'severity', width: 11, cell: (a) => `${a.severity.level} ${Math.round(a.severity.score)}` },
  { title: 'text', width: 40, cell: (a) => a.text },
];

/** Spam kinds, plus the near-duplicate group (from a batch) so copies can be spotted in the table. */
function spamCell(a: Analysis): string {
  const kinds = a.spam.isSpam ? a.spam.kinds.join(',') || 'spam' : '-';
  return a.spam.cluster ? `${kinds} ${a.spam.cluster}` : kinds;
}

function signed(x: number): string {
  return (x >= 0 ? '+' : '') + x.toFixed(2);
}

/** The table's width when standard output is not a terminal (a file or a pipe): every column at full width. */
export const DEFAULT_TABLE_WIDTH = TABLE_COLUMNS.reduce((sum, c) => sum + c.width, 0) + 2 * (TABLE_COLUMNS.length - 1);

/**
 * Columns for a `width`-cell terminal: the text column takes the room left;
 * when that is under 12 cells, spam, then nature/topics, then sentiment narrow or go.
 */
export function tableColumns(width: number): TableColumn[] {
  const MIN_TEXT = 12;
  let cols = TABLE_COLUMNS.map((c) => ({ ...c }));
  const room = () => width - cols.reduce((sum, c) => sum + (c.title === 'text' ? 0 : c.width), 0) - 2 * (cols.length - 1);
  for (const title of ['spam', 'nature/topics', 'sentiment']) {
    if (room() >= MIN_TEXT) break;
    const col = cols.find((c) => c.title === title)!;
    const shrunk = col.width - (MIN_TEXT - room());
    if (shrunk >= 9) col.width = shrunk;
    else cols = cols.filter((c) => c !== col);
  }
  const text = cols.find((c) => c.title === 'text')!;
  text.width = Math.max(MIN_TEXT, room());
  return cols;
}

/** Fixed-width columns, so a streamed table lines up without knowing later rows; fitted to the terminal's width. */
class TableFormatter implements ResultFormatter {
  private readonly columns: TableColumn[];
  constructor(width = DEFAULT_TABLE_WIDTH) {
    this.columns = tableColumns(width);
  }
  start(): string {
    const head = this.columns.map((c) => fit(c.title, c.width)).join('  ').trimEnd();
    const rule = this.columns.map((c) => '-'.repeat(c.width)).join('  ');
    return `${head}\n${rule}\n`;
  }
  item(analysis: Analysis): string {
    return this.columns.map((c) => fit(c.cell(analysis), c.width)).join('  ').trimEnd() + '\n';
  }
  finish(): string {
    return '';
  }
  *batch(result: BatchResult): Iterable<string> {
    yield* itemsOf(this, result);
    yield* batchFooter(result);
  }
}

/** Below a batch table: the campaigns, systemic issues and alerts the batch stages found (when present), one line each. */
function* batchFooter(result: BatchResult): Iterable<string> {
  const campaigns = (result.groups ?? []).filter((g) => g.campaign);
  if (campaigns.length) {
    yield `\ncampaigns (near-duplicate groups):\n`;
    for (const g of campaigns) yield `  ${forTerminal(g.id)}  ${g.size} reviews${g.burst ? ', posting now' : ''}  ${fit(g.representative, 60).trimEnd()}\n`;
  }
  const systemic = (result.groups ?? []).filter((g) => g.verdict === 'systemic_issue');
  if (systemic.length) {
    yield `\nsystemic issues (many customers, one defect):\n`;
    for (const g of systemic) yield `  ${forTerminal(g.id)}  ${g.size} customers  ${forTerminal((g.defect?.terms ?? []).join(', '))}  ${fit(g.representative, 50).trimEnd()}\n`;
  }
  if (result.alerts?.length) {
    yield `\nalerts:\n`;
    for (const a of result.alerts) yield `  [${a.level}] ${a.kind}: ${forTerminal(a.message)}\n`;
  }
}

/**
 * Terminal cells a code point takes: 2 for CJK, full-width forms and most
 * emoji, 0 for combining marks and joiners, else 1. An approximation of
 * wcwidth good enough to line up review text.
 */
export function cellWidth(cp: number): number {
  if (cp === 0x200d || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/**
 * One line of at most `width` cells, cut with "…" and padded: line breaks
 * and tabs become spaces, other controls and bidi overrides are escaped (forTerminal).
 */
export function fit(raw: string, width: number): string {
  const text = forTerminal(raw.replace(/[\n\r\t]/g, ' '));
  let out = '';
  let used = 0;
  const chars = text[Symbol.iterator]();
  let next = chars.next();
  while (!next.done) {
    const ch = next.value;
    const cp = ch.codePointAt(0)!;
    const w = cellWidth(cp);
    const after = chars.next();
    // Keep one cell for "…" while more text follows.
    if (used + w > (after.done ? width : width - 1)) {
      out += '…';
      used += 1;
      break;
    }
    out += ch;
    used += w;
    next = after;
  }
  return out + ' '.repeat(Math.max(0, width - used));
}

/** CSV columns: the main labels, the reasons and the response deadline, then the text. */
const CSV_COLUMNS: Array<{ title: string; cell: (a: Analysis) => string; freeText?: boolean }> = [
  { title: 'id', cell: (a) => a.id, freeText: true },
  { title: 'language', cell: (a) => a.language },
  // The merchant's own fields and the review's time, to join a row back to the order (empty when not given).
  { title: 'platform', cell: (a) => a.platform ?? '', freeText: true },
  { title: 'product_id', cell: (a) => a.productId ?? '', freeText: true },
  { title: 'sku', cell: (a) => a.sku ?? '', freeText: true },
  { title: 'order_id', cell: (a) => a.orderId ?? '', freeText: true },
  { title: 'country', cell: (a) => a.country ?? '', freeText: true },
  { title: 'channel', cell: (a) => a.channel ?? '', freeText: true },
  { title: 'agent', cell: (a) => a.agent ?? '', freeText: true },
  { title: 'time', cell: (a) => a.time ?? '' },
  { title: 'meta', cell: (a) => (a.meta ? JSON.stringify(a.meta) : ''), freeText: true },
  { title: 'sentiment', cell: (a) => a.sentiment.label },
  { title: 'sentiment_score', cell: (a) => a.sentiment.score.toFixed(2) },
  { title: 'nature', cell: (a) => a.negative?.nature ?? '' },
  { title: 'topics', cell: (a) => a.negative?.topics.join(';') ?? '' },
  { title: 'spam', cell: (a) => (a.spam.isSpam ? 'yes' : 'no') },
  { title: 'spam_kinds', cell: (a) => a.spam.kinds.join(';') },
  { title: 'spam_group', cell: (a) => a.spam.cluster ?? '', freeText: true },
  { title: 'severity', cell: (a) => a.severity.level },
  { title: 'severity_score', cell: (a) => String(Math.round(a.severity.score)) },
  { title: 'respond_within_hours', cell: (a) => (a.severity.respondWithinHours === null ? '' : String(a.severity.respondWithinHours)) },
  { title: 'reasons', cell: (a) => a.severity.reasons.join(' | '), freeText: true },
  { title: 'timestamp_issue', cell: (a) => a.timestampIssue ?? '' },
  { title: 'text', cell: (a) => a.text, freeText: true },
];

/**
 * One CSV cell: quoted when it holds a comma, quote or line break. A free
 * text cell starting with = + - @ (or a tab/CR) gets a leading apostrophe so
 * that Excel shows it instead of running it as a formula (CSV injection).
 */
export function csvCell(value: string, freeText = false): string {
  const v = freeText && /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
  return /[",\r\n]/.test(v) || v !== v.trim() ? '"' + v.replace(/"/g, '""') + '"' : v;
}

/** CSV for Excel: UTF-8 with a byte-order mark (else Excel reads it as the local code page), CRLF line ends. */
class CsvFormatter implements ResultFormatter {
  start(): string {
    return '\uFEFF' + CSV_COLUMNS.map((c) => c.title).join(',') + '\r\n';
  }
  item(analysis: Analysis): string {
    return CSV_COLUMNS.map((c) => csvCell(c.cell(analysis), c.freeText)).join(',') + '\r\n';
  }
  finish(): string {
    return '';
  }
  batch(result: BatchResult): Iterable<string> {
    return itemsOf(this, result);
  }
}
