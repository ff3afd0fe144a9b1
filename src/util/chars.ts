/** Character classes by code point, as plain range checks: these run once per character on the hot path. */

export function isHan(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || cp === 0x3007 || (cp >= 0x20000 && cp <= 0x2ebef);
}

export function isLatinLetter(cp: number): boolean {
  return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7);
}

export function isKana(cp: number): boolean {
  return cp >= 0x3040 && cp <= 0x30ff;
}

export function isHangul(cp: number): boolean {
  return (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff);
}

/** Zero-width and invisible format characters used to split words past filters. */
export function isInvisible(cp: number): boolean {
  return cp === 0x200b || cp === 0x200c || cp === 0x200e || cp === 0x200f || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff || cp === 0xad || cp === 0x180e || cp === 0x034f;
}

const PICTO = /\p{Extended_Pictographic}/u;
export function isPictographic(cp: number): boolean {
  if (cp < 0xa9) return false;
  // Between the CJK symbols block and the emoji planes only a few code points are pictographic.
  if (cp >= 0x3040 && cp < 0x1f000) return cp === 0x3297 || cp === 0x3299;
  return PICTO.test(String.fromCodePoint(cp));
}

const LETTER = /\p{L}/u;
export function isLetter(cp: number): boolean {
  if (cp < 0x80) return isLatinLetter(cp);
  return LETTER.test(String.fromCodePoint(cp));
}

/** Punctuation whose repetition (`！！！`, `???`) is emphasis, folded to one. */
export function isFoldablePunct(cp: number): boolean {
  switch (cp) {
    case 0x21: case 0x3f: case 0x2e: case 0x2c: case 0x7e: case 0x2d: case 0x2a:
    case 0x3002: case 0xff01: case 0xff1f: case 0xff0c: case 0x3001: case 0x2026: case 0xff5e: case 0xff0e:
      return true;
    default:
      return false;
  }
}

/** Han characters that stand for digits in phone numbers and ids: 〇零 一幺壹 二两贰 三叁 四肆 五伍 六陆 七拐柒 八捌 九玖. */
const HAN_DIGIT_CHARS = '〇零一幺壹二两贰三叁四肆五伍六陆七拐柒八捌九玖';
export function isHanDigit(cp: number): boolean {
  return cp >= 0x3007 && HAN_DIGIT_CHARS.includes(String.fromCharCode(cp));
}

export function isAsciiDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}
