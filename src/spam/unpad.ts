/**
 * A view of the normalised text without the symbol / emoji padding posters
 * put between every character of a contact lure (`加🌟微🌟信🌟a🌟b🌟c1234`,
 * `q.q.1.2.3.4.5.6`), for the contact detectors only: the other stages keep
 * seeing the text as written. A map takes view offsets back to normalised
 * ones, so evidence still slices the original text.
 *
 * Only padded stretches are collapsed: at least MIN_PADDED one- or
 * two-character pieces of letters / digits in a row, each pair split by
 * 1-MAX_PAD padding units on one line. Ordinary prose, where words are longer
 * than two characters, is left as it is. One pass, linear in the text.
 */

import { findContacts, mergeHits, type ContactHit } from './contacts.js';

export interface PaddingView {
  /** The text with padding removed inside padded stretches. */
  text: string;
  /** `map[i]`: normalised offset of view unit `i`; `map[text.length]` is the normalised length. */
  map: Int32Array;
}

/** Padded pieces in a row that make a stretch padded (three is an abbreviation like `U.S.A`). */
const MIN_PADDED = 4;
/** Longest piece still counted as one padded piece (`加微🌟信`). */
const MAX_PIECE = 2;
/** Longest padding between two pieces, in UTF-16 units (an emoji with a skin tone is four, a ZWJ family eight or more). */
const MAX_PAD = 16;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A letter or digit in the BMP (surrogate halves are emoji or rare Han: padding here). */
function isCore(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  return LETTER_OR_DIGIT.test(String.fromCharCode(c));
}

/** The view, or null when the text has no padded stretch (most reviews): use the text itself then. */
export function paddingView(text: string): PaddingView | null {
  const n = text.length;
  // Runs of core (letter/digit) and padding units, as [start, end) pairs; runs alternate.
  const starts: number[] = [];
  const core: boolean[] = [];
  for (let i = 0; i < n; ) {
    const k = isCore(text.charCodeAt(i));
    let j = i + 1;
    while (j < n && isCore(text.charCodeAt(j)) === k) j++;
    starts.push(i);
    core.push(k);
    i = j;
  }
  starts.push(n);
  const runs = core.length;
  const runEnd = (r: number) => starts[r + 1]!;
  const runLen = (r: number) => runEnd(r) - starts[r]!;
  /** A padding run short enough, on one line, between two core runs. */
  const isGap = (r: number): boolean => {
    if (r <= 0 || r >= runs - 1 || core[r] || runLen(r) > MAX_PAD) return false;
    for (let i = starts[r]!; i < runEnd(r); i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || c === 0x0d) return false;
    }
    return true;
  };
  const hasLetter = (r: number): boolean => /[^0-9]/.test(text.slice(starts[r]!, runEnd(r)));
  const hasSpace = (r: number): boolean => /\s/.test(text.slice(starts[r]!, runEnd(r)));
  const drop = new Uint8Array(runs); // padding runs removed in the view
  let dropped = false;
  for (let r = 0; r < runs; ) {
    if (!core[r] || runLen(r) > MAX_PIECE) {
      r++;
      continue;
    }
    // A chain of short core runs joined by gaps, from r.
    let last = r;
    let count = 1;
    let letters = hasLetter(r);
    while (last + 2 < runs && isGap(last + 1) && core[last + 2] && runLen(last + 2) <= MAX_PIECE) {
      last += 2;
      count++;
      letters ||= hasLetter(last);
    }
    // Digits alone between punctuation are dates, times and lists (`13, 14, 15`); phone numbers padded
    // that way are already found by the phone scan, which reads separators itself.
    if (count >= MIN_PADDED && letters) {
      for (let g = r + 1; g < last; g += 2) drop[g] = 1;
      // The word the lure starts from or ends in (`加微信🌟a🌟b...`, `...🌟c1234`) joins too,
      // unless a space sets it apart (a word of the sentence around the lure).
      if (isGap(r - 1) && !hasSpace(r - 1)) drop[r - 1] = 1;
      if (isGap(last + 1) && !hasSpace(last + 1)) drop[last + 1] = 1;
      dropped = true;
    }
    r = last + 2;
  }
  if (!dropped) return null;
  const parts: string[] = [];
  const map = new Int32Array(n + 1);
  let v = 0;
  for (let r = 0; r < runs; r++) {
    if (drop[r]) continue;
    parts.push(text.slice(starts[r]!, runEnd(r)));
    for (let i = starts[r]!; i < runEnd(r); i++) map[v++] = i;
  }
  map[v] = n;
  return { text: parts.join(''), map: map.subarray(0, v + 1) };
}

/**
 * Contact details in a normalised text, also when padded between characters;
 * offsets are into the normalised text. A padded lure's hit spans the padding too.
 */
export function findContactsThroughPadding(text: string): ContactHit[] {
  const view = paddingView(text);
  if (!view) return findContacts(text);
  const { map } = view;
  const throughPadding = findContacts(view.text).map((h) => ({
    kind: h.kind,
    start: map[h.start]!,
    // Through the last view unit (every kept unit is one normalised unit).
    end: h.end > h.start ? map[h.end - 1]! + 1 : map[h.start]!,
  }));
  // The text as written too: the view also drops the symbol that may be part of a cue (`➕V：六-四-五…`).
  return mergeHits([...findContacts(text), ...throughPadding]);
}
