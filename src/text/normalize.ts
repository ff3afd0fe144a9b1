import type { NormalizationSignal } from '../kernel/doc.js';
import { isAsciiDigit, isFoldablePunct, isHan, isHanDigit, isInvisible, isLatinLetter, isPictographic } from '../util/chars.js';
import { identityMap, isIdentityMap } from '../util/offsets.js';

/**
 * Converts traditional to simplified Chinese; must keep length for offsets
 * (checked). `affects`, when given, says whether a code point may change, so
 * texts that are already simplified skip the conversion entirely.
 */
export type ChineseConverter = ((text: string) => string) & { affects?: (codePoint: number) => boolean };

export interface NormalizeOptions {
  /** Fold traditional characters to simplified (default true). */
  traditionalToSimplified?: boolean;
  /** Remove spaces inside spaced-out Chinese words (`差 评`) (default true). */
  joinSpacedHan?: boolean;
  /** Fold `！！！` to `！` (default true). */
  foldRepeatedPunctuation?: boolean;
  /**
   * Fold letters repeated 3+ times to 2 (`soooo` -> `soo`, `哈哈哈哈` -> `哈哈`) (default true). Never inside a
   * number: Han numerals (`八八八八`) and Latin runs touching a digit (`kkkk8899`) are parts of ids and phone numbers.
   */
  foldElongation?: boolean;
}

export interface Normalized {
  text: string;
  /** normalised index -> original index, length text.length + 1. */
  map: Int32Array;
  signals: NormalizationSignal[];
}

/**
 * Scratch maps, one per pass, reused across calls: normalising is
 * synchronous and each pass's map is consumed before the next call, so only
 * the final map is allocated (at its exact size).
 */
const scratch: Int32Array[] = [new Int32Array(1024), new Int32Array(1024)];

/**
 * Text plus the original offset of each of its UTF-16 units. Characters
 * copied unchanged from the source are gathered into slices (most of a
 * review), so the per-character cost is a typed-array write.
 */
class MappedBuilder {
  private parts: string[] = [];
  private map: Int32Array;
  private n = 0;
  private runStart = -1;
  private runEnd = -1;
  /** Some output unit's origin differs from its own index: the map is not the identity. */
  private shifted = false;
  constructor(
    private readonly source: string,
    /** Original offset of each source unit (identity for the first pass). */
    private readonly sourceMap: Int32Array | null,
    /** Which scratch map this pass writes into. */
    private readonly slot: 0 | 1,
  ) {
    const need = source.length + 16;
    if (scratch[slot]!.length < need) scratch[slot] = new Int32Array(Math.max(need, scratch[slot]!.length * 2));
    this.map = scratch[slot]!;
  }
  /** Copy source unit `i` unchanged. */
  keep(i: number): void {
    if (i !== this.runEnd) {
      this.flush();
      this.runStart = i;
    }
    this.runEnd = i + 1;
    this.reserve(1);
    const origin = this.sourceMap ? this.sourceMap[i]! : i;
    if (origin !== this.n) this.shifted = true;
    this.map[this.n++] = origin;
  }
  /** Emit replacement text standing for the source unit at `i`. */
  emit(text: string, i: number): void {
    this.flush();
    this.reserve(text.length);
    const origin = this.sourceMap ? this.sourceMap[i]! : i;
    if (text.length !== 1 || origin !== this.n) this.shifted = true;
    for (let k = 0; k < text.length; k++) this.map[this.n++] = origin;
    this.parts.push(text);
  }
  /**
   * `keep: true` copies the map out of scratch (the final pass); otherwise it is a view valid until the next call.
   * When no offset moved, the map is the shared identity view.
   */
  finish(originalLength: number, keep: boolean): { text: string; map: Int32Array } {
    this.flush();
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    if (!this.shifted && this.n === originalLength) return { text, map: identityMap(this.n) };
    this.reserve(1);
    this.map[this.n] = originalLength;
    return { text, map: keep ? this.map.slice(0, this.n + 1) : this.map.subarray(0, this.n + 1) };
  }
  private flush(): void {
    if (this.runStart >= 0) this.parts.push(this.source.slice(this.runStart, this.runEnd));
    this.runStart = this.runEnd = -1;
  }
  private reserve(k: number): void {
    if (this.n + k + 1 <= this.map.length) return;
    const bigger = new Int32Array(Math.max(this.map.length * 2, this.n + k + 16));
    bigger.set(this.map);
    this.map = scratch[this.slot] = bigger;
  }
}

/**
 * Folds the tricks that hide words from matchers, keeping a map back to the
 * original offsets. Linear in the text length: each pass is one scan.
 *   1. per code point: invalid UTF-16 -> U+FFFD, invisible characters dropped,
 *      full-width and compatibility forms folded (NFKC), whitespace runs -> one space;
 *   2. traditional -> simplified Chinese (whole text, length-preserving);
 *   3. spaced-out Han (`差 评`), repeated punctuation and elongation folded.
 */
export function normalizeText(original: string, convert: ChineseConverter | null, options: NormalizeOptions = {}): Normalized {
  const n = normalizeShared(original, convert, options);
  // Callers own what they get: a copy instead of the shared identity view.
  return isIdentityMap(n.map) ? { ...n, map: n.map.slice() } : n;
}

/**
 * normalizeText for the pipeline: when no offset moved, `map` is a view of
 * the shared identity array (read-only; no allocation per review).
 */
export function normalizeShared(original: string, convert: ChineseConverter | null, options: NormalizeOptions = {}): Normalized {
  const signals = new SignalList();
  const convertNow = convert && options.traditionalToSimplified !== false ? convert : null;
  const first = foldCodePoints(original, signals, convertNow ? (convertNow.affects ?? isHan) : null);
  let text = first.text;
  if (convertNow && first.mayConvert) {
    const converted = convertKeepingLength(text, convertNow);
    if (converted !== text) {
      signals.push({ kind: 'traditional', start: 0, end: original.length, count: diffCount(text, converted) });
      text = converted;
    }
  }
  // Pass 3 only changes texts with a space or a repeated character; most reviews have neither.
  const firstIsIdentity = isIdentityMap(first.map);
  const second = mayFoldSequences(text) ? foldSequences(text, firstIsIdentity ? null : first.map, signals, options) : { text, map: firstIsIdentity ? first.map : first.map.slice() };
  return { text: second.text, map: second.map, signals: signals.sorted() };
}

/** Signals of one kind on touching spans merge, so `ｈｔｔｐ` is one fullwidth span, not four. */
class SignalList {
  private readonly items: NormalizationSignal[] = [];
  push(s: NormalizationSignal): void {
    for (let k = this.items.length - 1; k >= Math.max(0, this.items.length - 3); k--) {
      const last = this.items[k]!;
      if (last.kind === s.kind && last.end === s.start) {
        last.end = s.end;
        last.count += s.count;
        return;
      }
    }
    this.items.push(s); // callers pass a fresh object literal
  }
  sorted(): NormalizationSignal[] {
    return this.items.length > 1 ? this.items.sort((a, b) => a.start - b.start || a.end - b.end) : this.items;
  }
}

/** Pass 1. `affects` (when converting) flags characters the traditional converter may change, so most texts skip it. */
function foldCodePoints(s: string, signals: SignalList, affects: ((cp: number) => boolean) | null): { text: string; map: Int32Array; mayConvert: boolean } {
  const out = new MappedBuilder(s, null, 0);
  let mayConvert = false;
  let lastWasSpace = false;
  let prevPicto = false;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    // Fast path: printable ASCII other than space.
    if (c > 0x20 && c < 0x7f) {
      out.keep(i);
      lastWasSpace = false;
      prevPicto = false;
      i++;
      continue;
    }
    let cp = c;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        width = 2;
      } else cp = -1;
    } else if (c >= 0xdc00 && c <= 0xdfff) cp = -1;

    if (cp === -1) {
      signals.push({ kind: 'invalid_utf16', start: i, end: i + 1, count: 1 });
      out.emit('\ufffd', i);
      lastWasSpace = prevPicto = false;
    } else if (isInvisible(cp) || (cp === 0x200d && !(prevPicto && nextIsPicto(s, i + 1)))) {
      signals.push({ kind: 'zero_width', start: i, end: i + width, count: width });
    } else if (cp === 0x20 || cp === 0x09 || cp === 0x3000 || cp === 0xa0 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f) {
      if (!lastWasSpace) {
        if (c === 0x20) out.keep(i);
        else out.emit(' ', i);
      }
      lastWasSpace = true;
      prevPicto = false;
    } else if (cp === 0x0a || cp === 0x0d) {
      out.emit('\n', i);
      lastWasSpace = true;
      prevPicto = false;
    } else if (cp < 0x20 || cp === 0x7f) {
      // other control characters carry nothing
    } else if (cp >= 0xff01 && cp <= 0xff5e) {
      const ascii = cp - 0xfee0;
      // Full-width letters and digits are a disguise worth recording; full-width punctuation is ordinary Chinese typing.
      if ((ascii >= 0x30 && ascii <= 0x39) || ((ascii | 0x20) >= 0x61 && (ascii | 0x20) <= 0x7a)) signals.push({ kind: 'fullwidth', start: i, end: i + 1, count: 1 });
      out.emit(String.fromCharCode(ascii), i);
      lastWasSpace = prevPicto = false;
    } else if (isHan(cp) || cp === 0x200d || cp === 0xfe0f || (cp > 0x3000 && cp < 0x3040 && cp !== 0x3030 && cp !== 0x303d && cp !== 0x3036)) {
      // Han and CJK punctuation are already canonical under NFKC.
      if (affects !== null && !mayConvert && affects(cp)) mayConvert = true;
      out.keep(i);
      if (width === 2) out.keep(i + 1);
      lastWasSpace = false;
      if (cp !== 0x200d && cp !== 0xfe0f) prevPicto = false;
    } else {
      const ch = s.slice(i, i + width);
      const picto = isPictographic(cp);
      const folded = picto ? ch : ch.normalize('NFKC');
      if (folded === ch) {
        out.keep(i);
        if (width === 2) out.keep(i + 1);
      } else {
        out.emit(folded, i);
        // A compatibility ideograph may fold to a traditional one; `…` or `①` folds to nothing convertible.
        if (affects !== null && !mayConvert) for (let k = 0; k < folded.length; k++) if (affects(folded.charCodeAt(k))) mayConvert = true;
      }
      lastWasSpace = false;
      prevPicto = picto;
    }
    i += width;
  }
  const done = out.finish(s.length, false);
  return { text: done.text, map: done.map, mayConvert };
}

function nextIsPicto(s: string, i: number): boolean {
  const cp = s.codePointAt(i);
  return cp !== undefined && isPictographic(cp);
}

/** Whole-text conversion keeps phrase context; if it ever changes the length, convert per character so offsets stay exact. */
function convertKeepingLength(s: string, convert: ChineseConverter): string {
  const whole = convert(s);
  if (whole.length === s.length) return whole;
  let out = '';
  for (const ch of s) {
    const c = convert(ch);
    out += c.length === ch.length ? c : ch;
  }
  return out;
}

function diffCount(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) n++;
  return n;
}

/** Whether pass 3 can change `s`: everything it folds starts at a space or a repeated character. */
function mayFoldSequences(s: string): boolean {
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === prev) return true;
    prev = c;
  }
  return false;
}

/**
 * Whether the run of `c` starting at `start` is an elongated word, not part of a number or id.
 * `w` is exempt: `www.` is a URL prefix and `wwww` is laughter. Han numerals are digits (`一三八八八八…`
 * is a phone number), and a Latin run touching a digit is part of an id (`wxaaaa123`). Looks past the run
 * once per run, so the pass stays linear.
 */
function isElongatable(s: string, start: number, c: number): boolean {
  if (c === 0x77 || c === 0x57) return false;
  if (isHan(c)) return !isHanDigit(c);
  if (!isLatinLetter(c)) return false;
  if (start > 0 && isAsciiDigit(s.charCodeAt(start - 1))) return false;
  let end = start;
  while (end < s.length && s.charCodeAt(end) === c) end++;
  return !(end < s.length && isAsciiDigit(s.charCodeAt(end)));
}

/** Pass 3. `map` is pass 1's map, or null when pass 1 moved no offset. */
function foldSequences(s: string, map: Int32Array | null, signals: SignalList, o: NormalizeOptions): { text: string; map: Int32Array } {
  const origin = (i: number): number => (map ? map[i]! : i);
  const joinSpaced = o.joinSpacedHan !== false;
  const foldPunct = o.foldRepeatedPunctuation !== false;
  const foldElong = o.foldElongation !== false;
  const out = new MappedBuilder(s, map, 1);
  let hanRun = 0; // length of the Han run just before i
  let repeat = 0; // how many times the previous character repeated
  let prev = -1;
  let foldStart = -1;
  let folded = 0;
  let runFoldable = false; // decided once per run of one repeated character, when it reaches three
  const flushFold = (kind: NormalizationSignal['kind'], end: number): void => {
    if (folded > 0) signals.push({ kind, start: origin(foldStart), end: origin(end), count: folded });
    folded = 0;
    foldStart = -1;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 && joinSpaced && hanRun > 0 && i + 1 < s.length && isHan(s.charCodeAt(i + 1))) {
      let right = 0;
      while (i + 1 + right < s.length && isHan(s.charCodeAt(i + 1 + right))) right++;
      if (hanRun === 1 || right === 1) {
        signals.push({ kind: 'spacing_trick', start: origin(i), end: origin(i + 1), count: 1 });
        continue; // drop the space; the Han run continues
      }
    }
    if (c === prev) repeat++;
    else {
      if (folded > 0) flushFold(isFoldablePunct(prev) ? 'repeated_punctuation' : 'elongation', i);
      repeat = 1;
    }
    prev = c;
    const dropPunct = foldPunct && repeat >= 2 && isFoldablePunct(c);
    if (repeat === 3) runFoldable = foldElong && isElongatable(s, i - 2, c);
    const dropElong = repeat >= 3 && runFoldable;
    if (dropPunct || dropElong) {
      if (foldStart < 0) foldStart = i - repeat + 1;
      folded++;
      continue;
    }
    hanRun = isHan(c) ? hanRun + 1 : 0;
    out.keep(i);
  }
  if (folded > 0) flushFold(isFoldablePunct(prev) ? 'repeated_punctuation' : 'elongation', s.length);
  return out.finish(origin(s.length), true);
}
