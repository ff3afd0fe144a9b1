import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { detectEncoding, EncodingError, SAMPLE_BYTES, type Encoding } from './encoding.js';

/** A physical line longer than the limit: its bytes were dropped, not buffered. */
export interface OversizeLine {
  oversizeBytes: number;
}

/** One physical line as the readers see it: its text, or the note that it was too long. */
export type InputLine = string | OversizeLine;

export interface LineOptions {
  /** 'auto' (default) detects it (see encoding.ts). */
  encoding?: Encoding | 'auto';
  /** Longest line kept, in bytes (default 10 MB); longer lines become OversizeLine. */
  maxLineBytes?: number;
  /** Told the encoding once it is known (for a warning or the tests). */
  onEncoding?: (encoding: Encoding) => void;
  /** Told the bytes of each line consumed (the progress bar's percentage). */
  onBytes?: (bytes: number) => void;
}

export const DEFAULT_MAX_LINE_BYTES = 10 * 1024 * 1024;

/**
 * Physical lines of a byte stream, split on LF only (a CR before it is
 * dropped; a lone CR stays inside the line, so it cannot shift the line
 * numbers the way readline's CR-as-break did). Splitting happens on bytes,
 * before decoding, so a line over the limit is counted and skipped without
 * ever being held, and a line with undecodable bytes is named by its number
 * (EncodingError: the file is not in the encoding it seemed to be).
 */
export async function* readInputLines(input: Readable, options: LineOptions = {}): AsyncGenerator<InputLine> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const asBuffer = (c: Buffer | string): Buffer => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c);

  // Sniff: gather up to SAMPLE_BYTES before deciding the encoding.
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SAMPLE_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    const b = asBuffer(next.value);
    head.push(b);
    headBytes += b.length;
  }
  const sample = Buffer.concat(head);
  if (sample.length === 0) return;
  const choice = options.encoding && options.encoding !== 'auto' ? { encoding: options.encoding, bomBytes: bomLength(options.encoding, sample) } : detectEncoding(sample, ended);
  options.onEncoding?.(choice.encoding);

  const wide = choice.encoding === 'utf-16le' || choice.encoding === 'utf-16be';
  const decoder = new TextDecoder(choice.encoding, { fatal: true, ignoreBOM: true });
  const utf8 = choice.encoding === 'utf-8';
  let lineNo = 0;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let total = 0; // bytes of the current line, also once over the limit
  let carry: Buffer | null = null; // UTF-16: an odd byte left over from the previous chunk

  const finishLine = (): InputLine => {
    lineNo++;
    options.onBytes?.(total + (wide ? 2 : 1));
    const size = total;
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, partBytes);
    parts = [];
    partBytes = 0;
    total = 0;
    if (size > maxLineBytes) return { oversizeBytes: size };
    let text: string;
    try {
      // UTF-8, by far the most common: simdutf's check and Buffer's decoder are several times faster per line than TextDecoder.
      if (utf8) {
        if (!isUtf8(bytes)) throw new Error('not UTF-8');
        text = bytes.toString('utf8');
      } else {
        text = decoder.decode(bytes);
      }
    } catch {
      throw new EncodingError(`bytes that are not valid ${choice.encoding} (the file's encoding as detected); convert the file or pass --encoding`, lineNo);
    }
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  };
  const keep = (piece: Buffer): void => {
    total += piece.length;
    if (total <= maxLineBytes) {
      parts.push(piece);
      partBytes += piece.length;
    } else if (parts.length) {
      // Over the limit: drop what was kept; only the count goes on.
      parts = [];
      partBytes = 0;
    }
  };

  /**
   * UTF-8 fast path: the whole lines of a chunk after its first line break,
   * when they are valid UTF-8 (one SIMD check) and need no size limit, are
   * decoded in one go and split as a string (per-line decoding costs ~10x
   * more). Returns where the byte-by-byte path must go on: 0 when it must do
   * everything (the first line finishes the pending parts; invalid bytes are
   * then found and named line by line).
   */
  const fastUtf8Lines = (buf: Buffer, done: InputLine[]): number => {
    const first = buf.indexOf(0x0a);
    const last = buf.lastIndexOf(0x0a);
    if (first === -1 || first === last || last - first > maxLineBytes) return 0;
    keep(buf.subarray(0, first));
    done.push(finishLine());
    const region = buf.subarray(first + 1, last);
    if (!isUtf8(region)) return first + 1;
    const text = region.toString('utf8');
    let at = 0;
    for (;;) {
      const nl = text.indexOf('\n', at);
      const line = nl === -1 ? text.slice(at) : text.slice(at, nl);
      lineNo++;
      options.onBytes?.(Buffer.byteLength(line) + 1);
      done.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      if (nl === -1) break;
      at = nl + 1;
    }
    return last + 1;
  };

  // The lines a chunk completes, as an array: one async yield per line is the only per-line overhead.
  const split = (chunk: Buffer): InputLine[] => {
    const done: InputLine[] = [];
    let buf = chunk;
    if (wide) {
      if (carry) {
        buf = Buffer.concat([carry, buf]);
        carry = null;
      }
      if (buf.length % 2) {
        carry = buf.subarray(buf.length - 1);
        buf = buf.subarray(0, buf.length - 1);
      }
    }
    let from = 0;
    if (utf8) from = fastUtf8Lines(buf, done);
    for (;;) {
      const nl = wide ? wideNewline(buf, from, choice.encoding === 'utf-16le') : buf.indexOf(0x0a, from);
      if (nl === -1) break;
      keep(buf.subarray(from, nl));
      done.push(finishLine());
      from = nl + (wide ? 2 : 1);
    }
    if (from < buf.length) keep(buf.subarray(from));
    return done;
  };

  for (const l of split(sample.subarray(choice.bomBytes))) yield l;
  if (!ended) {
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      for (const l of split(asBuffer(next.value))) yield l;
    }
  }
  if (carry) keep(carry);
  if (total > 0) yield finishLine();
}

/** Index of the next UTF-16 "\n" code unit at an even offset from `from` (which is even), or -1. */
function wideNewline(buf: Buffer, from: number, littleEndian: boolean): number {
  for (let i = buf.indexOf(0x0a, from); i !== -1; i = buf.indexOf(0x0a, i + 1)) {
    if (littleEndian ? (i - from) % 2 === 0 && buf[i + 1] === 0 : (i - from) % 2 === 1 && buf[i - 1] === 0) return littleEndian ? i : i - 1;
  }
  return -1;
}

function bomLength(encoding: Encoding, b: Buffer): number {
  if (encoding === 'utf-8' && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 3;
  if (encoding === 'utf-16le' && b[0] === 0xff && b[1] === 0xfe) return 2;
  if (encoding === 'utf-16be' && b[0] === 0xfe && b[1] === 0xff) return 2;
  return 0;
}
