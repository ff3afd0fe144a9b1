import type { Token } from '../kernel/doc.js';
import { bitmap, hasBit, setBit } from '../util/bits.js';

/**
 * Gibberish: text that carries no words. Three shapes:
 *   - only punctuation, emoji or emoticons;
 *   - keyboard mash in Latin letters (`asdfgh`, `qwrtzxcv`): long vowel-less
 *     runs or runs along a keyboard row;
 *   - random Han characters: most of them outside the common-character set
 *     (a table built from the dev reviews by scripts/train-spam.mjs).
 */

export interface GibberishResult {
  kind: 'symbols' | 'keyboard' | 'random_han';
  /** Token index range (from, to) the evidence points at. */
  from: number;
  to: number;
}

const VOWELS = new Set('aeiouy');
// Rows of a QWERTY keyboard: a mash walks along one of them.
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];
const ROW_OF = new Map<string, number>();
ROWS.forEach((row, r) => [...row].forEach((ch) => ROW_OF.set(ch, r)));

/** Letters of a Latin word that look mashed: in a vowel-less run of 5+ or a same-row run of 6+. */
function mashedLetters(word: string): number {
  let mashed = 0;
  let consonantRun = 0;
  let rowRun = 0;
  let prevRow = -1;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    consonantRun = VOWELS.has(ch) ? 0 : consonantRun + 1;
    const row = ROW_OF.get(ch) ?? -2;
    // Walking along a row means new keys: `hahaha` stays on one row but repeats two keys.
    rowRun = row !== prevRow ? 1 : i >= 2 && word[i - 2] === ch ? 2 : rowRun + 1;
    prevRow = row;
    if (consonantRun === 5) mashed += 5;
    else if (consonantRun > 5) mashed++;
    else if (rowRun === 6) mashed += 6;
    else if (rowRun > 6) mashed++;
  }
  return Math.min(mashed, word.length);
}

export class GibberishDetector {
  /** Common Han characters of the BMP as a bitmap (8 KiB, stays in cache): one read per character. */
  private readonly common = bitmap(0x10000);
  private readonly enabled: boolean;

  /** @param commonHan common Han characters (code points); empty disables the random-Han check. */
  constructor(commonHan: ReadonlySet<number>) {
    for (const cp of commonHan) if (cp < 0x10000) setBit(this.common, cp);
    this.enabled = commonHan.size > 0;
  }

  detect(tokens: Token[], text: string): GibberishResult | null {
    if (tokens.length === 0) return null;
    let wordish = 0; // tokens that carry letters or digits
    let latinLetters = 0;
    let mashed = 0;
    let han = 0;
    let rareHan = 0;
    for (const t of tokens) {
      switch (t.type) {
        case 'word':
          wordish++;
          latinLetters += t.norm.length;
          if (t.norm.length >= 5) mashed += mashedLetters(t.norm);
          break;
        case 'han':
          wordish++;
          if (this.enabled) {
            for (let i = 0; i < t.text.length; i++) {
              han++;
              if (!hasBit(this.common, t.text.charCodeAt(i))) rareHan++;
            }
          }
          break;
        case 'number':
        case 'url':
        case 'email':
        case 'handle':
        case 'hashtag':
          wordish++;
          break;
        default:
          break;
      }
    }
    const last = tokens.length;
    if (wordish === 0) return text.trim().length > 0 ? { kind: 'symbols', from: 0, to: last } : null;
    if (latinLetters >= 5 && mashed / latinLetters >= 0.6 && han === 0) return { kind: 'keyboard', from: 0, to: last };
    if (han >= 6 && rareHan / han >= 0.5) return { kind: 'random_han', from: 0, to: last };
    return null;
  }
}
