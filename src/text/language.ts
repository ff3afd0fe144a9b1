import type { Language } from '../types.js';
import { isHan, isKana, isLatinLetter, isLetter } from '../util/chars.js';

/**
 * Language by script counts over normalised text. Chinese written in Han
 * (simplified or traditional) is `zh`; Latin-script text is taken as English
 * (the only Latin language the lexicons cover); both in weight is `mixed`;
 * no letters, or mostly another script (kana, Hangul, Cyrillic...), is `other`.
 */
export function detectLanguage(text: string): Language {
  let han = 0;
  let latin = 0;
  let kana = 0;
  let otherLetters = 0;
  let latinWords = 0;
  let inLatinWord = false;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      inLatinWord = false;
      continue;
    }
    if (isLatinLetter(cp)) {
      latin++;
      if (!inLatinWord) latinWords++;
      inLatinWord = true;
      continue;
    }
    inLatinWord = false;
    if (cp < 0x80) continue;
    if (isHan(cp)) han++;
    else if (isKana(cp)) kana++;
    else if (isLetter(cp)) otherLetters++;
  }
  if (han === 0 && latin === 0) return 'other';
  if (kana > 0 && kana * 5 >= han) return 'other'; // Japanese: kanji with kana
  if (otherLetters + kana > han + latin) return 'other';
  if (han === 0) return 'en';
  if (latin === 0) return 'zh';
  // A brand name or two inside Chinese stays `zh`; whole English phrases make it mixed.
  if (han >= 2 && latinWords >= 2 && latin * 2 >= han) return 'mixed';
  if (han < 2 && latinWords >= 1) return 'en';
  return 'zh';
}
