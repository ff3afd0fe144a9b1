/**
 * Finds contact details that pull buyers off the platform: WeChat / QQ ids,
 * phone numbers (also written with spaces, dashes, circled or Chinese
 * digits), and links (also without a scheme or with a spaced / spelled-out
 * dot). Works on `doc.normalized`, where full-width, zero-width and spaced-out
 * Han tricks are already folded. Patterns are compiled once at module load;
 * each review costs a few regex scans and one character pass.
 */

import { bitmap, hasBit, setBit } from '../util/bits.js';
import { TLD_PATTERN } from '../util/tlds.js';

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
// The homophone family is a rule, not a list of seen spellings: a character read wei (微薇威徽维巍卫危魏围唯喂伟韦惟)
// then one read xin (信芯鑫心新, or 亻言 split in two), with up to two symbols between (`微.信`, `薇❤信`).
const WECHAT_CUE = String.raw`(?:微信号?|[微薇威徽维巍卫危魏围唯喂伟韦惟][^\p{L}\p{N}\s]{0,2}(?:信|芯|鑫|心|新|亻言)号?|v\s?信|vx|v\.x|wx|weixin|wei\s?xin|wechat|加\s*v|[加求私]\s*[微薇威]|[+➕]\s*v|[+➕]\s*[微薇威]|v我|薇|威|微(?=[\s:：]*\d))`;
// QQ: the letters (`qq`, `q.q`, `q q`), the sound (扣扣 抠抠 寇寇 蔻蔻), the mascot (企鹅), and group numbers (q群, 群号).
const QQ_CUE = String.raw`(?:q[\s.]?q(?:号|群)?|[扣抠寇蔻叩]{2}(?:号)?|企鹅号?|q群|群号|q|球球|[+➕]\s*q|加\s*q)`;
// Between a cue and the id: colons, "号", "是", spaces, dashes, or any symbol / emoji a poster wedges in (`V❤abc123`).
const GAP = String.raw`(?:[\s:：号是为]|[^\p{L}\p{N}]){0,4}?`;
// A WeChat id: 5-20 letters/digits/_/-; must contain a digit or be all Latin letters of 6+.
const WECHAT_ID = String.raw`(?:[a-z][a-z0-9_-]{4,19}|\d{5,12})`;

const WECHAT_RE = new RegExp(String.raw`(?<![a-z])(${WECHAT_CUE})${GAP}(${WECHAT_ID})(?![a-z0-9])`, 'giu');
// A bare `V` before an id (`V❤abc123`, `V: kk8899`): needs a separator and a digit in the id, so English words (`viewed`) never match.
// The digit lookahead is bounded to the id's own length: an unbounded one rescans a long letter run after every `v-` (quadratic).
const BARE_V_RE = /(?<![a-z])v(?:[\s:：]|[^\p{L}\p{N}]){1,4}((?=[a-z_-]{0,19}\d)[a-z0-9_-]{5,20})(?![a-z0-9])/giu;
const QQ_RE = new RegExp(String.raw`(?<![a-z])(${QQ_CUE})${GAP}([1-9]\d{4,10})(?!\d)`, 'giu');
const PLAIN_CUE = /^(?:微信号?|wechat|weixin|qq|qq号)$/i;
// Numbers right after these words are order / tracking numbers, not contacts.
const REFERENCE_BEFORE = /(?:订单|单号|编号|运单|快递|工单|order|tracking)[\s:：#号是为]*$/i;
// Links the tokenizer misses: spaced dots (`abc . com`), spelled-out dots (`abc点com`, `abc dot com`), `watch?v=` fragments.
// Labels are 2-63 characters (the DNS limit): unbounded, the pattern rescans to the end of a `a-a-a-...` run at every `-`.
const TLD = TLD_PATTERN;
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
 * symbol or emoji (`138😀1234😀5678`). Letters, Han and newlines end a run.
 */
function isDigitSeparator(c: number): boolean {
  if (c === 0x20 || c === 0x2d || c === 0x2e || c === 0xb7 || c === 0x2014 || c === 0x2013 || c === 0x5f || c === 0x2f || c === 0x7e || c === 0x30fb) return true;
  if (c < 0x80) return c === 0x2a || c === 0x23 || c === 0x2b || c === 0x3d || c === 0x7c || c === 0x5e || c === 0x28 || c === 0x29; // * # + = | ^ ( )
  if (c >= 0xd800 && c <= 0xdfff) return true; // halves of an emoji
  return c === 0x2764 || c === 0x2605 || c === 0x2606 || (c >= 0x2190 && c <= 0x21ff) || (c >= 0x2600 && c <= 0x27bf) || c === 0xfe0f || c === 0x200d || c === 0xff5e;
}

/**
 * List punctuation (， , 、 ； ;): separates numbers in prose (`13，14，15`), so a run joined by it counts
 * only as a whole mobile number or after a contact cue, never as a lone `number`.
 */
function isListSeparator(c: number): boolean {
  return c === 0xff0c || c === 0x2c || c === 0x3001 || c === 0xff1b || c === 0x3b;
}

/** One run of digit-like characters with short separators between them. */
interface DigitRun {
  start: number;
  end: number;
  /** The digits as ASCII. */
  digits: string;
  /** Offset of each digit in the text. */
  at: number[];
  /** Digits written in ASCII. */
  ascii: number;
  hasSeparator: boolean;
  hasListSeparator: boolean;
  hasDash: boolean;
}

/**
 * Runs of digit-like characters (any script) joined by at most four separator
 * characters at a time. One pass over the text.
 */
function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (digitValue(text.charCodeAt(i)) < 0) {
      i++;
      continue;
    }
    const run: DigitRun = { start: i, end: i, digits: '', at: [], ascii: 0, hasSeparator: false, hasListSeparator: false, hasDash: false };
    let sepRun = 0;
    let pendingDash = false;
    let pendingList = false;
    let resume = i + 1;
    while (i < n) {
      const c = text.charCodeAt(i);
      const d = digitValue(c);
      if (d >= 0) {
        run.digits += d;
        run.at.push(i);
        if (c < 0x80) run.ascii++;
        // A separator counts only once a digit follows it.
        if (sepRun > 0) run.hasSeparator = true;
        if (pendingDash) run.hasDash = true;
        if (pendingList) run.hasListSeparator = true;
        sepRun = 0;
        pendingDash = pendingList = false;
        run.end = i + 1;
        resume = i + 1;
      } else if (sepRun < 4 && (isDigitSeparator(c) || isListSeparator(c))) {
        if (c === 0x2d) pendingDash = true;
        if (isListSeparator(c)) pendingList = true;
        sepRun++;
      } else break;
      i++;
    }
    runs.push(run);
    i = resume; // separators after the last digit may start the next word
  }
  return runs;
}

/**
 * Reports the digit runs that read as a phone number. Chinese-numeral runs must
 * be written entirely as digits to count, so prose like 三四天 never does.
 */
function findPhones(text: string, runs: readonly DigitRun[], out: ContactHit[]): void {
  for (const run of runs) {
    const { digits, start, end } = run;
    const len = digits.length;
    const disguised = run.ascii < len; // Chinese or circled digits in the run
    let kind: ContactKind | null = null;
    if (len === 11 && digits[0] === '1' && digits.charCodeAt(1) >= 0x33) kind = disguised ? 'phone_disguised' : 'phone'; // mobile: 1[3-9]xxxxxxxxx
    else if (run.hasListSeparator) kind = null; // a list of numbers, unless it spells a whole mobile number
    else if ((len === 10 && (digits.startsWith('400') || digits.startsWith('800'))) || (run.hasDash && digits[0] === '0' && len >= 10 && len <= 12)) kind = 'hotline';
    else if (!disguised && !run.hasSeparator && len >= 6 && len <= 12) kind = 'number';
    if (kind && !REFERENCE_BEFORE.test(text.slice(Math.max(0, start - 8), start))) out.push({ kind, start, end });
  }
}

/**
 * The text with every run of 5+ digits written as plain ASCII digits, separators dropped
 * (`扣扣：捌、陆、叁、零…` -> `扣扣：8630…`), so the id patterns after a cue read any digit
 * script and separator. `map[i]` is the text offset of view unit i. Null when nothing changes.
 */
function digitView(text: string, runs: readonly DigitRun[]): { text: string; map: Int32Array } | null {
  const rewrite = runs.filter((r) => r.digits.length >= 5 && (r.ascii < r.digits.length || r.end - r.start > r.digits.length));
  if (rewrite.length === 0) return null;
  const parts: string[] = [];
  const map: number[] = [];
  let from = 0;
  for (const r of rewrite) {
    parts.push(text.slice(from, r.start));
    for (let i = from; i < r.start; i++) map.push(i);
    parts.push(r.digits);
    for (const at of r.at) map.push(at);
    from = r.end;
  }
  parts.push(text.slice(from));
  for (let i = from; i <= text.length; i++) map.push(i);
  return { text: parts.join(''), map: Int32Array.from(map) };
}

function hasAsciiAlnum(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20; // folds A-Z onto a-z; digits stay 0x30-0x39
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return true;
  }
  return false;
}

function collect(re: RegExp, text: string, kind: ContactKind, plainKind: ContactKind, out: ContactHit[], map: Int32Array | null): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const plain = m[1] !== undefined && PLAIN_CUE.test(m[1]);
    const end = m.index + m[0].length;
    // Through the last view unit: a digit's own offset + 1 (separators dropped from the view stay inside the span).
    out.push({ kind: plain ? plainKind : kind, start: map ? map[m.index]! : m.index, end: map ? map[end - 1]! + 1 : end });
  }
}

/** Contact details in a normalised text, in text order; overlapping hits keep the strongest kind. */
export function findContacts(text: string): ContactHit[] {
  const hits: ContactHit[] = [];
  const runs = digitRuns(text);
  // Every id and link pattern needs an ASCII letter or digit once the digit view is written (normalisation
  // already folded full-width and compatibility forms to ASCII), so most Chinese reviews skip the regex scans.
  const view = runs.length > 0 ? digitView(text, runs) : null;
  const scan = view ? view.text : text;
  if (hasAsciiAlnum(scan)) {
    const map = view ? view.map : null;
    collect(WECHAT_RE, scan, 'wechat', 'wechat_plain', hits, map);
    collect(BARE_V_RE, scan, 'wechat', 'wechat', hits, map);
    collect(QQ_RE, scan, 'qq', 'qq_plain', hits, map);
    collect(LOOSE_URL_RE, text, 'url', 'url', hits, null);
  }
  findPhones(text, runs, hits);
  return mergeHits(hits);
}

/** Hits in text order; overlapping hits merge into one span of the strongest kind. */
export function mergeHits(hits: ContactHit[]): ContactHit[] {
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
