/**
 * Which text encoding an input file uses. Analysts' files come from Excel:
 * "CSV UTF-8" (with a BOM), plain "CSV" on Chinese Windows (GBK, read as its
 * superset GB18030), "Unicode text" (UTF-16 LE with a BOM, tab-separated).
 * The decision, on the first bytes of the file:
 *   1. a BOM decides (UTF-8, UTF-16 LE, UTF-16 BE);
 *   2. a ZIP signature (an .xlsx workbook) is refused with what to do instead;
 *   3. many zero bytes on one side of the byte pairs: UTF-16 without a BOM;
 *   4. a strict UTF-8 decode that succeeds: UTF-8 (ASCII included);
 *   5. else a strict GB18030 decode that succeeds and yields mostly Chinese
 *      characters where the bytes are not ASCII: GB18030;
 *   6. else the file is refused, naming the first line that is not UTF-8.
 * Node's TextDecoder (full ICU, built in) does the decoding: no dependency.
 */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The file cannot be read as text (or is a workbook). `line` is 1-based when known. */
export class EncodingError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'EncodingError';
  }
}

export interface EncodingChoice {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bomBytes: number;
}

/** How many bytes detectEncoding wants to look at (less when the file is shorter). */
export const SAMPLE_BYTES = 64 * 1024;

/**
 * Picks the encoding from the first bytes. `complete` says the sample is the
 * whole input (else its last, possibly cut, line is not judged).
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): EncodingChoice {
  const b = sample;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    throw new EncodingError('this is a ZIP archive (an .xlsx workbook?), not text: in Excel use "Save As" > "CSV UTF-8" (or "Unicode Text") and analyse that file', null);
  }
  const utf16 = zeroBytesSide(b);
  if (utf16) return { encoding: utf16, bomBytes: 0 };
  // Judge whole lines only: the sample may end inside a character.
  const judged = complete ? b : b.subarray(0, lastNewline(b) + 1);
  if (strictDecodes('utf-8', judged)) return { encoding: 'utf-8', bomBytes: 0 };
  if (strictDecodes('gb18030', judged) && mostlyChinese(new TextDecoder('gb18030').decode(judged))) return { encoding: 'gb18030', bomBytes: 0 };
  const line = firstBadUtf8Line(judged);
  throw new EncodingError('not valid UTF-8, and not GB18030/GBK or UTF-16 either; convert the file to UTF-8 (or pass --encoding)', line);
}

/** UTF-16 without a BOM: ASCII-heavy text then has a zero in (nearly) every other byte. */
function zeroBytesSide(b: Uint8Array): Encoding | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.3 && odd < pairs * 0.05) return 'utf-16be';
  return null;
}

function lastNewline(b: Uint8Array): number {
  for (let i = b.length - 1; i >= 0; i--) if (b[i] === 0x0a) return i;
  return -1;
}

function strictDecodes(encoding: Encoding, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** At least 60% of the non-ASCII characters are CJK ideographs or CJK punctuation/full-width forms. */
function mostlyChinese(text: string): boolean {
  let nonAscii = 0;
  let cjk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x3400 && c <= 0x4dbf)) cjk++;
  }
  return nonAscii === 0 || cjk / nonAscii >= 0.6;
}

/** 1-based number of the first line that does not decode as UTF-8. */
export function firstBadUtf8Line(b: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= b.length; i++) {
    if (i < b.length && b[i] !== 0x0a) continue;
    try {
      decoder.decode(b.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line;
}
