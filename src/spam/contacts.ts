/**
 * Finds contact details that pull buyers off the platform: WeChat / QQ ids,
 * phone numbers (also written with spaces, dashes, circled or Chinese
 * digits), and links (also without a scheme or with a spaced / spelled-out
 * dot). Works on `doc.normalized`, where full-width, zero-width and spaced-out
 * Han tricks are already folded. Patterns are compiled once at module load;
 * each review costs a few regex scans and one character pass.
 */

import { bitmap, hasBit, setBit } from '../util/bits.js';

/**
 * `wechat_plain` / `qq_plain`: an id after the plain word 微信 / QQ (people share these for honest reasons too);
 * `wechat` / `qq`: after a disguise (薇信, V信, 加v, 扣扣, q + digits...), which only an advertiser bothers with.
 * `phone_disguised`: written in Chinese or circled digits; `hotline`: 400/800 or landline numbers.
 */
export type ContactKind = 'wechat' | 'wechat_plain' | 'qq' | 'qq_plain' | 'phone' | 'phone_disguised' | 'hotline' | 'url' | 'number';

export interface ContactHit {
  kind: ContactKind;
  /** Offsets into the normalised text. */
  start: number;
  end: number;
}

// Cue words for a WeChat id, including the homophone disguises posters use to dodge filters.
const WECHAT_CUE = String.raw`(?:微信号?|薇信|威信|徽信|维信|巍信|卫信|危信|微芯|v信|vx|v\.x|wx|weixin|wechat|加\s*v|加\s*微|加\s*薇|加\s*威|[+➕]\s*v|[+➕]\s*微|v我|薇|威)`;
const QQ_CUE = String.raw`(?:qq|扣扣|企鹅号?|q|球球|[+➕]\s*q|加\s*q)`;
// Between a cue and the id: colons, "号", "是", spaces, dashes, or any symbol / emoji a poster wedges in (`V❤abc123`).
const GAP = String.raw`(?:[\s:：号是为]|[^\p{L}\p{N}]){0,4}?`;
// A WeChat id: 5-20 letters/digits/_/-; must contain a digit or be all Latin letters of 6+.
const WECHAT_ID = String.raw`(?:[a-z][a-z0-9_-]{4,19}|\d{5,12})`;

const WECHAT_RE = new RegExp(String.raw`(?<![a-z])(${WECHAT_CUE})${GAP}(${WECHAT_ID})(?![a-z0-9])`, 'giu');
// A bare `V` before an id (`V❤abc123`, `V: kk8899`): needs a separator and a digit in the id, so English words (`viewed`) never match.
// The digit lookahead is bounded to the id's own length: an unbounded one rescans a long letter run after every `v-` (quadratic).
const BARE_V_RE = /(?<![a-z])v(?:[\s:：]|[^\p{L}\p{N}]){1,4}((?=[a-z_-]{0,19}\d)[a-z0-9_-]{5,20})(?![a-z0-9])/giu;
const QQ_RE = new RegExp(String.raw`(?<![a-z])(${QQ_CUE})${GAP}([1-9]\d{4,10})(?!\d)`, 'giu');
const PLAIN_CUE = /^(?:微信号?|wechat|weixin|qq)$/i;
// Numbers right after these words are order / tracking numbers, not contacts.
const REFERENCE_BEFORE = /(?:订单|单号|编号|运单|快递|工单|order|tracking)[\s:：#号是为]*$/i;
// Links the tokenizer misses: spaced dots (`abc . com`), spelled-out dots (`abc点com`, `abc dot com`), `watch?v=` fragments.
// Labels are 2-63 characters (the DNS limit): unbounded, the pattern rescans to the end of a `a-a-a-...` run at every `-`.
const TLD = String.raw`(?:com|cn|net|org|cc|me|io|co|tv|top|xyz|info|shop|vip|link|site|ly)`;
const LOOSE_URL_RE = new RegExp(
  String.raw`(?<![a-z0-9])[a-z0-9-]{2,63}(?:\s*\.\s+|\s+\.\s*|\s*(?:点|。|\(点\)|（点）|\(dot\)|\[dot\]|\bdot\b)\s*)${TLD}(?![a-z])|watch\?v=[\w-]{6,}`,
  'giu',
);

// Han characters that stand for digits in phone numbers, by value: 〇零 一幺壹 二两贰 三叁 四肆 五伍 六陆 七拐柒 八捌 九玖.
const HAN_DIGITS: Array<[string, number]> = [
  ['〇零', 0], ['一幺壹', 1], ['二两贰', 2], ['三叁', 3], ['四肆', 4], ['五伍', 5], ['六陆', 6], ['七拐柒', 7], ['八捌', 8], ['九玖', 9],
];
/** Digit value + 1 for code points 0x3000..0x9fff (0: not a digit), built once. */
const DIGIT_TABLE = new Uint8Array(0xa000 - 0x3000);
/** The same set as a 3.5 KiB bitmap, read first: every Han character of every review is checked, and few are digits. */
const DIGIT_BITS = bitmap(0xa000 - 0x3000);
for (const [chars, value] of HAN_DIGITS) {
  for (const ch of chars) {
    const k = ch.charCodeAt(0) - 0x3000;
    DIGIT_TABLE[k] = value + 1;
    setBit(DIGIT_BITS, k);
  }
}

/** Digit value of a character that can stand for a digit in a phone number, else -1. */
function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x3000 && c < 0xa000) {
    const k = c - 0x3000;
    return hasBit(DIGIT_BITS, k) ? DIGIT_TABLE[k]! - 1 : -1;
  }
  // Dingbat circled digits that NFKC leaves alone: ❶-❾ ➀-➈ ➊-➒, and ⓿.
  if (c >= 0x2776 && c <= 0x277e) return c - 0x2775;
  if (c >= 0x2780 && c <= 0x2788) return c - 0x277f;
  if (c >= 0x278a && c <= 0x2792) return c - 0x2789;
  if (c === 0x24ff) return 0;
  return -1;
}

/**
 * Characters a poster puts between digit groups: spaces, dashes, dots, and any
 * symbol or emoji (`138😀1234😀5678`). Letters, Han, newlines and list
 * punctuation (，、；) end a run, so separate numbers in prose never join.
 */
function isDigitSeparator(c: number): boolean {
  if (c === 0x20 || c === 0x2d || c === 0x2e || c === 0xb7 || c === 0x2014 || c === 0x2013 || c === 0x5f || c === 0x2f || c === 0x7e || c === 0x30fb) return true;
  if (c < 0x80) return c === 0x2a || c === 0x23 || c === 0x2b || c === 0x3d || c === 0x7c || c === 0x5e; // * # + = | ^
  if (c >= 0xd800 && c <= 0xdfff) return true; // halves of an emoji
  return c === 0x2764 || c === 0x2605 || c === 0x2606 || (c >= 0x2600 && c <= 0x27bf) || c === 0xfe0f || c === 0x200d;
}

/**
 * Scans runs of digit-like characters (with short separators between them)
 * and reports those that read as a phone number. Chinese-numeral runs must
 * be written entirely as digits to count, so prose like 三四天 never does.
 */
function findPhones(text: string, out: ContactHit[]): void {
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (digitValue(text.charCodeAt(i)) < 0) {
      i++;
      continue;
    }
    const start = i;
    let end = i;
    let digits = '';
    let ascii = 0;
    let sepRun = 0;
    let hasDash = false;
    let hasSeparator = false;
    let pendingDash = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      const d = digitValue(c);
      if (d >= 0) {
        digits += d;
        if (c < 0x80) ascii++;
        // A separator counts only once a digit follows it.
        if (sepRun > 0) hasSeparator = true;
        if (pendingDash) hasDash = true;
        sepRun = 0;
        pendingDash = false;
        end = i + 1;
      } else if (isDigitSeparator(c) && sepRun < 3 && digits.length > 0) {
        if (c === 0x2d) pendingDash = true;
        sepRun++;
      } else break;
      i++;
    }
    const len = digits.length;
    const disguised = ascii < len; // Chinese or circled digits in the run
    let kind: ContactKind | null = null;
    if (len === 11 && digits[0] === '1' && digits.charCodeAt(1) >= 0x33) kind = disguised ? 'phone_disguised' : 'phone'; // mobile: 1[3-9]xxxxxxxxx
    else if ((len === 10 && (digits.startsWith('400') || digits.startsWith('800'))) || (hasDash && digits[0] === '0' && len >= 10 && len <= 12)) kind = 'hotline';
    else if (!disguised && !hasSeparator && len >= 6 && len <= 12) kind = 'number';
    if (kind && !REFERENCE_BEFORE.test(text.slice(Math.max(0, start - 8), start))) out.push({ kind, start, end });
    if (i === start) i++;
  }
}

function hasAsciiAlnum(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20; // folds A-Z onto a-z; digits stay 0x30-0x39
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return true;
  }
  return false;
}

function collect(re: RegExp, text: string, kind: ContactKind, plainKind: ContactKind, out: ContactHit[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const plain = m[1] !== undefined && PLAIN_CUE.test(m[1]);
    out.push({ kind: plain ? plainKind : kind, start: m.index, end: m.index + m[0].length });
  }
}

/** Contact details in a normalised text, in text order; overlapping hits keep the strongest kind. */
export function findContacts(text: string): ContactHit[] {
  const hits: ContactHit[] = [];
  // Every id and link pattern needs an ASCII letter or digit (normalisation already folded full-width
  // and compatibility forms to ASCII), so most Chinese reviews skip the four regex scans.
  if (hasAsciiAlnum(text)) {
    collect(WECHAT_RE, text, 'wechat', 'wechat_plain', hits);
    collect(BARE_V_RE, text, 'wechat', 'wechat', hits);
    collect(QQ_RE, text, 'qq', 'qq_plain', hits);
    collect(LOOSE_URL_RE, text, 'url', 'url', hits);
  }
  findPhones(text, hits);
  if (hits.length < 2) return hits;
  hits.sort((a, b) => a.start - b.start || RANK[b.kind] - RANK[a.kind]);
  const kept: ContactHit[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) {
      if (RANK[h.kind] > RANK[last.kind]) kept[kept.length - 1] = { ...h, start: Math.min(h.start, last.start), end: Math.max(h.end, last.end) };
      else last.end = Math.max(last.end, h.end);
      continue;
    }
    kept.push(h);
  }
  return kept;
}

const RANK: Record<ContactKind, number> = { number: 0, hotline: 1, url: 2, qq_plain: 3, qq: 4, phone: 5, phone_disguised: 6, wechat_plain: 7, wechat: 8 };
