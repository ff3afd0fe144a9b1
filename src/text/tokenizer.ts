import type { Token, TokenType } from '../kernel/doc.js';
import type { Segmenter } from './segmenter.js';
import { isIdentityMap, mapEnd, mapStart } from '../util/offsets.js';
import { isHan } from '../util/chars.js';
import { TLD_PATTERN } from '../util/tlds.js';
import { splitContractions } from './contractions.js';

/**
 * Splits normalised text into tokens by script: Chinese runs go to the
 * segmenter, Latin runs to the contraction splitter (Treebank style:
 * `isn't` -> `is` + `n't`, see contractions.ts), and URLs, emails, handles,
 * hashtags, numbers, emoji and emoticons are kept whole. One scan over
 * the text: linear in its length, because every unbounded repetition in
 * TOKEN_RE either cannot fail once started (the URL tail, numbers, Latin
 * words, spaces) or is bounded (domain labels 1-63 characters, at most 8
 * of them; email local part 1-64): the sticky regex is tried at every
 * position of a run like `1-1-1-...`, so an unbounded `[a-z0-9-]+\.`
 * would rescan to the end of the run each time (quadratic; issue 13).
 */
const TOKEN_RE = new RegExp(
  [
    // A link: with a scheme or www.; a bare domain with a listed ending (util/tlds.ts); or a bare domain with any
    // 2-10 letter ending followed by a path (`name.anything/x`), which a file name or an abbreviation never has.
    String.raw`((?:https?:\/\/|www\.)[^\s<>"'，。！？、]+|(?:[a-z0-9-]{1,63}\.){1,8}(?:${TLD_PATTERN}(?![a-z])|[a-z]{2,10}(?=\/[\w?=#%&~-]))(?:\/[^\s，。！？、]*)?)`,
    String.raw`([\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8})`,
    String.raw`(@[\p{L}\p{N}_]{1,30})`,
    String.raw`(#[\p{L}\p{N}_]+#?)`,
    String.raw`([:;=][-~^']?[)(\]\[DPpOo3|\\/*](?![\p{L}\p{N}])|\^_*\^|T_T|QAQ|<3)`,
    String.raw`(\d+(?:[.,:]\d+)*%?)`,
    String.raw`([\u{1F1E6}-\u{1F1FF}]{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*)`,
    String.raw`([A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*)`,
    String.raw`(\s+)`,
    String.raw`([\p{P}\p{S}])`,
    String.raw`([\s\S])`,
  ].join('|'),
  'iyu', // sticky: applied at one position at a time by the scan loop
);

/**
 * ASCII punctuation that can start nothing but a punctuation token (not an
 * emoticon `:` `;` `=` `^` `<`, handle `@`, hashtag `#`, or the `.`, `+`, `-`,
 * `_` an email may start with). The scan loop emits these without the regex.
 */
const PLAIN_PUNCT = new Uint8Array(128);
for (const ch of ',!?"\'()[]{}*&%$~/\\|>`') PLAIN_PUNCT[ch.charCodeAt(0)] = 1;

/** CJK and general punctuation blocks (minus the two emoji in them): always a punctuation token. */
/** `’` as `'`, without building a regex per token (most tokens have none). */
function straightQuotes(s: string): string {
  return s.includes('’') ? s.replaceAll('’', "'") : s;
}

function isWidePunct(c: number): boolean {
  return (c >= 0x3000 && c <= 0x303f && c !== 0x3030 && c !== 0x303d) || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || (c >= 0xff00 && c <= 0xffef);
}

/** What each capture group of TOKEN_RE is, in order (plain groups: named ones allocate an object per match). */
const GROUPS = ['url', 'email', 'handle', 'hashtag', 'emoticon', 'number', 'emoji', 'latin', 'space', 'punct', 'other'] as const;
const GROUP_TYPE: Record<(typeof GROUPS)[number], TokenType> = {
  url: 'url',
  email: 'email',
  handle: 'handle',
  hashtag: 'hashtag',
  emoticon: 'emoticon',
  number: 'number',
  emoji: 'emoji',
  latin: 'word',
  space: 'other',
  punct: 'punct',
  other: 'other',
};

export interface TokenizeHooks {
  /** Offset map of the normalised text (see src/util/offsets.ts); identity when omitted. */
  offsetMap?: Int32Array;
  /** The original text the map points into. */
  original?: string;
  /** Original-text spans where letters were elongated (`soooo`), in order. */
  elongated?: Array<{ start: number; end: number }>;
}

export class ScriptTokenizer {
  constructor(private readonly segmenter: Segmenter) {}

  get segmenterName(): string {
    return this.segmenter.name;
  }

  /** Tokens of a normalised text; offsets map back through `hooks.offsetMap` (identity when omitted). */
  tokenize(text: string, hooks?: TokenizeHooks): Token[] {
    const given = hooks?.offsetMap;
    const map = given && !isIdentityMap(given) ? given : undefined;
    const original = hooks?.original ?? text;
    const tokens: Token[] = [];
    const push = (surface: string, type: TokenType, nStart: number): void => {
      const nEnd = nStart + surface.length;
      let start = nStart;
      let end = nEnd;
      if (map) {
        start = mapStart(map, nStart);
        end = mapEnd(map, original, nStart, nEnd, start);
      }
      const norm = type === 'word' || type === 'url' || type === 'email' || type === 'handle' || type === 'hashtag' ? straightQuotes(surface.toLowerCase()) : surface;
      // `alt` is always present so every token has one shape (monomorphic property reads downstream).
      tokens.push({ text: surface, norm, alt: undefined, type, start, end, nStart, nEnd, flags: 0 });
    };
    const han = this.segmentHanRuns(text);
    // Chinese runs, spaces and plain punctuation (most of a Chinese review) are scanned by hand;
    // everything else goes through the sticky regex at its position.
    const n = text.length;
    for (let i = 0; i < n; ) {
      const c = text.charCodeAt(i);
      if (isHan(c)) {
        let j = i + 1;
        while (j < n && isHan(text.charCodeAt(j))) j++;
        if (!han!.pushRun(i, j, push)) this.pushPieces(text.slice(i, j), i, this.segmenter.cut(text.slice(i, j)), 'han', push);
        i = j;
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) {
        i++;
        continue;
      }
      if ((c < 0x80 && PLAIN_PUNCT[c] === 1) || isWidePunct(c)) {
        push(text[i]!, 'punct', i);
        i++;
        continue;
      }
      TOKEN_RE.lastIndex = i;
      const m = TOKEN_RE.exec(text)!; // the last alternative matches any character
      let k = 1;
      while (m[k] === undefined) k++;
      const group = GROUPS[k - 1]!;
      if (group === 'latin') this.pushPieces(m[0], i, this.latinPieces(m[0]), 'word', push);
      else if (group !== 'space') push(m[0], GROUP_TYPE[group], i);
      i += m[0].length;
    }
    if (hooks?.elongated?.length) markElongated(tokens, hooks.elongated);
    return tokens;
  }

  /**
   * One segmenter call per text, not per Chinese run (the call overhead
   * dominated short runs), on the Chinese runs alone joined by newlines:
   * the segmenter never joins words across a newline, and every piece it
   * returns costs a string, so the punctuation, Latin and digits that the
   * scan tokenises anyway are left out. Null when the text has no Chinese.
   */
  private segmentHanRuns(text: string): PieceCursor | null {
    const n = text.length;
    let runs: string[] | null = null;
    let whole = true; // the text is one Chinese run
    for (let i = 0; i < n; ) {
      if (!isHan(text.charCodeAt(i))) {
        whole = false;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && isHan(text.charCodeAt(j))) j++;
      (runs ??= []).push(text.slice(i, j));
      i = j;
    }
    if (runs === null) return null;
    return new PieceCursor(this.segmenter.cut(whole ? text : runs.join('\n')), text);
  }

  private latinPieces(run: string): string[] {
    // Only a run with an apostrophe can hold a contraction; plain words are already tokens.
    if (run.includes('’')) {
      // Split as if the quotes were straight (same length), but keep the text's own characters in each piece,
      // so `didn’t` gives `did` + `n’t` at their offsets (the norm of `n’t` is `n't`) instead of losing `n’t`.
      const pieces = splitContractions(straightQuotes(run));
      let at = 0;
      return pieces.map((p) => run.slice(at, (at += p.length)));
    }
    return run.includes("'") ? splitContractions(run) : [run];
  }

  /** Places pieces of a run at their offsets; pieces that do not occur in order are skipped. */
  private pushPieces(run: string, at: number, pieces: string[], type: TokenType, push: (s: string, t: TokenType, n: number) => void): void {
    let pos = 0;
    for (const piece of pieces) {
      if (!piece) continue;
      // Runs hold only Han or only Latin letters, so a piece is never blank and is its own surface.
      const found = run.startsWith(piece, pos) ? pos : run.indexOf(piece, pos);
      if (found < 0) continue;
      push(piece, type, at + found);
      pos = found + piece.length;
    }
  }
}

function markElongated(tokens: Token[], spans: Array<{ start: number; end: number }>): void {
  let k = 0;
  for (const t of tokens) {
    while (k < spans.length && spans[k]!.end <= t.start) k++;
    if (k < spans.length && spans[k]!.start < t.end && t.type === 'word') {
      const single = t.norm.replace(/([a-z])\1+/g, '$1');
      if (single !== t.norm) t.alt = single;
    }
  }
}

/**
 * Walks the segmenter's pieces of the joined Chinese runs (see
 * segmentHanRuns) in step with the scan, pushing the pieces that exactly
 * cover one run. A run whose pieces do not spell it (a segmenter that
 * dropped or changed characters) is refused, and the caller segments that
 * run alone; the cursor then moves on to the next run's pieces.
 */
class PieceCursor {
  private index = 0;
  constructor(
    private readonly pieces: string[],
    private readonly text: string,
  ) {}

  /** Pushes the pieces of the next run, [at, end), and returns true; or returns false and pushes nothing. */
  pushRun(at: number, end: number, push: (surface: string, type: TokenType, nStart: number) => void): boolean {
    const pieces = this.pieces;
    // Check first, push after: a refused run must leave no tokens behind.
    let k = this.index;
    let pos = at;
    while (k < pieces.length && pos < end) {
      const p = pieces[k]!;
      if (!this.text.startsWith(p, pos)) break;
      pos += p.length;
      k++;
    }
    const ok = pos === end;
    if (ok) {
      pos = at;
      for (let q = this.index; q < k; q++) {
        push(pieces[q]!, 'han', pos);
        pos += pieces[q]!.length;
      }
    } else while (k < pieces.length && pieces[k] !== '\n') k++;
    // Past this run's separator.
    this.index = k < pieces.length && pieces[k] === '\n' ? k + 1 : k;
    return ok;
  }
}
