import type { BatchResult } from '../context/batch-result.js';
import type { Analysis } from '../types.js';
import type { OutputFormat } from './args.js';

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

export function createFormatter(format: OutputFormat): ResultFormatter {
  if (format === 'json') return new JsonFormatter();
  if (format === 'table') return new TableFormatter();
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

/** Columns: header, display width (terminal cells), and how to fill them. */
const TABLE_COLUMNS: Array<{ title: string; width: number; cell: (a: Analysis) => string }> = [
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

/** Fixed-width columns, so a streamed table lines up without knowing later rows. */
class TableFormatter implements ResultFormatter {
  start(): string {
    const head = TABLE_COLUMNS.map((c) => fit(c.title, c.width)).join('  ').trimEnd();
    const rule = TABLE_COLUMNS.map((c) => '-'.repeat(c.width)).join('  ');
    return `${head}\n${rule}\n`;
  }
  item(analysis: Analysis): string {
    return TABLE_COLUMNS.map((c) => fit(c.cell(analysis), c.width)).join('  ').trimEnd() + '\n';
  }
  finish(): string {
    return '';
  }
  *batch(result: BatchResult): Iterable<string> {
    yield* itemsOf(this, result);
    yield* batchFooter(result);
  }
}

/** Below a batch table: the campaigns and alerts the batch stages found (when present), one line each. */
function* batchFooter(result: BatchResult): Iterable<string> {
  const campaigns = (result.groups ?? []).filter((g) => g.campaign);
  if (campaigns.length) {
    yield `\ncampaigns (near-duplicate groups):\n`;
    for (const g of campaigns) yield `  ${g.id}  ${g.size} reviews${g.burst ? ', posting now' : ''}  ${fit(g.representative, 60).trimEnd()}\n`;
  }
  if (result.alerts?.length) {
    yield `\nalerts:\n`;
    for (const a of result.alerts) yield `  [${a.level}] ${a.kind}: ${a.message}\n`;
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

/** One line of at most `width` cells: control characters and line breaks become spaces; cut with "…"; padded. */
export function fit(text: string, width: number): string {
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
    out += cp < 0x20 || cp === 0x7f ? ' ' : ch;
    used += w;
    next = after;
  }
  return out + ' '.repeat(Math.max(0, width - used));
}
