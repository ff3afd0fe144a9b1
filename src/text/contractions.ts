/**
 * Splits an English contraction off the word it is attached to, as the Penn
 * Treebank convention does (`isn't` -> `is` + `n't`, `we'll` -> `we` + `'ll`),
 * which is all the tokenizer needed from natural's Treebank tokenizer.
 *
 * Input is one Latin run with straight apostrophes (letters joined by `'`,
 * as the tokenizer's Latin pattern matches them). A suffix is split where it
 * is followed by a word boundary (the end, or a character that is not
 * [A-Za-z0-9_]) and has at least one character before it that no earlier
 * split used, matching a left-to-right `(.)(suffix)\b` scan. One pass over
 * the run: linear in its length.
 */
const SUFFIXES = ["'ll", "'re", "'ve", "n't", "'s", "'m", "'d"] as const;

function isAsciiWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** The suffix starting at `i` of `run` (case-insensitive) that ends on a word boundary, or undefined. */
function suffixAt(run: string, i: number): string | undefined {
  const c = run.charCodeAt(i);
  if (c !== 0x27 && c !== 0x6e && c !== 0x4e) return undefined; // every suffix starts with ' or n
  for (const s of SUFFIXES) {
    const end = i + s.length;
    if (end > run.length) continue;
    if (run.slice(i, end).toLowerCase() !== s) continue;
    if (end === run.length || !isAsciiWordChar(run.charCodeAt(end))) return s;
  }
  return undefined;
}

/** The pieces of `run`: the word parts and the contraction suffixes, in order; they concatenate back to `run`. */
export function splitContractions(run: string): string[] {
  const pieces: string[] = [];
  let pieceStart = 0;
  // A suffix needs one character before it that is not part of an earlier split.
  let earliest = 1;
  for (let i = 1; i < run.length; i++) {
    if (i < earliest) continue;
    const s = suffixAt(run, i);
    if (s === undefined) continue;
    pieces.push(run.slice(pieceStart, i));
    pieceStart = i;
    earliest = i + s.length + 1;
    i += s.length - 1;
  }
  pieces.push(run.slice(pieceStart));
  return pieces;
}
