import TreebankWordTokenizer from 'natural/lib/natural/tokenizers/treebank_word_tokenizer.js';
import type { Token, TokenType } from '../../pipeline/doc.js';
import type { Segmenter } from './segmenter.js';

/**
 * Splits normalised text into tokens by script: Chinese runs go to the
 * segmenter, Latin runs to natural's Treebank tokenizer (which splits
 * contractions: `isn't` -> `is` + `n't`), and URLs, emails, handles,
 * hashtags, numbers, emoji and emoticons are kept whole. One regex pass
 * over the text: linear in its length.
 */
const TOKEN_RE = new RegExp(
  [
    String.raw`((?:https?:\/\/|www\.)[^\s<>"'，。！？、]+|(?:[a-z0-9-]+\.)+(?:com|cn|net|org|cc|me|io|co|tv|top|xyz|info|shop|vip|link|site)(?![a-z])(?:\/[^\s，。！？、]*)?)`,
    String.raw`([\w.+-]+@[\w-]+(?:\.[\w-]+)+)`,
    String.raw`(@[\p{L}\p{N}_]{1,30})`,
    String.raw`(#[\p{L}\p{N}_]+#?)`,
    String.raw`([:;=][-~^']?[)(\]\[DPpOo3|\\/*](?![\p{L}\p{N}])|\^_*\^|T_T|QAQ|<3)`,
    String.raw`(\d+(?:[.,:]\d+)*%?)`,
    String.raw`([\u{1F1E6}-\u{1F1FF}]{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*)`,
    String.raw`([A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*)`,
    String.raw`([\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u3007]+)`,
    String.raw`(\s+)`,
    String.raw`([\p{P}\p{S}])`,
    String.raw`([\s\S])`,
  ].join('|'),
  'giu',
);

/** What each capture group of TOKEN_RE is, in order (plain groups: named ones allocate an object per match). */
const GROUPS = ['url', 'email', 'handle', 'hashtag', 'emoticon', 'number', 'emoji', 'latin', 'han', 'space', 'punct', 'other'] as const;
const GROUP_TYPE: Record<(typeof GROUPS)[number], TokenType> = {
  url: 'url',
  email: 'email',
  handle: 'handle',
  hashtag: 'hashtag',
  emoticon: 'emoticon',
  number: 'number',
  emoji: 'emoji',
  latin: 'word',
  han: 'han',
  space: 'other',
  punct: 'punct',
  other: 'other',
};

export interface TokenizeHooks {
  /** Maps a span of the normalised text to the original. */
  toOriginal(nStart: number, nEnd: number): { start: number; end: number };
  /** Original-text spans where letters were elongated (`soooo`), in order. */
  elongated?: Array<{ start: number; end: number }>;
}

/** Short Chinese runs repeat across reviews (不错, 很好, 物流很快): remember their segmentation. */
const CACHE_MAX_RUN = 16;
const CACHE_MAX_ENTRIES = 200_000;

export class ScriptTokenizer {
  private readonly treebank = new TreebankWordTokenizer();
  private readonly cache = new Map<string, string[]>();
  constructor(private readonly segmenter: Segmenter) {}

  /** Forget cached segmentations (call after teaching the segmenter new words). */
  clearCache(): void {
    this.cache.clear();
  }

  private segment(run: string): string[] {
    if (run.length > CACHE_MAX_RUN) return this.segmenter.cut(run);
    let pieces = this.cache.get(run);
    if (!pieces) {
      pieces = this.segmenter.cut(run);
      if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
      this.cache.set(run, pieces);
    }
    return pieces;
  }

  get segmenterName(): string {
    return this.segmenter.name;
  }

  /** Tokens of a normalised text; offsets map back through `hooks.toOriginal` (identity when omitted). */
  tokenize(text: string, hooks?: TokenizeHooks): Token[] {
    const toOriginal = hooks?.toOriginal ?? ((s: number, e: number) => ({ start: s, end: e }));
    const tokens: Token[] = [];
    const push = (surface: string, type: TokenType, nStart: number): void => {
      const nEnd = nStart + surface.length;
      const { start, end } = toOriginal(nStart, nEnd);
      const norm = type === 'word' || type === 'url' || type === 'email' || type === 'handle' || type === 'hashtag' ? surface.toLowerCase().replace(/’/g, "'") : surface;
      tokens.push({ text: surface, norm, type, start, end, nStart, nEnd });
    };
    TOKEN_RE.lastIndex = 0;
    for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
      let k = 1;
      while (m[k] === undefined) k++;
      const group = GROUPS[k - 1]!;
      const at = m.index;
      if (group === 'space') continue;
      if (group === 'han') this.pushPieces(m[0], at, this.segment(m[0]), 'han', push);
      else if (group === 'latin') this.pushPieces(m[0], at, this.latinPieces(m[0]), 'word', push);
      else push(m[0], GROUP_TYPE[group], at);
    }
    if (hooks?.elongated?.length) markElongated(tokens, hooks.elongated);
    return tokens;
  }

  private latinPieces(run: string): string[] {
    // Treebank only earns its cost on contractions; plain words are already tokens.
    return run.includes("'") || run.includes('’') ? this.treebank.tokenize(run.replace(/’/g, "'")) : [run];
  }

  /** Places pieces of a run at their offsets; pieces that do not occur in order are skipped. */
  private pushPieces(run: string, at: number, pieces: string[], type: TokenType, push: (s: string, t: TokenType, n: number) => void): void {
    let pos = 0;
    for (const piece of pieces) {
      if (!piece) continue;
      const found = run.startsWith(piece, pos) ? pos : run.indexOf(piece, pos);
      if (found < 0) continue;
      const surface = run.slice(found, found + piece.length);
      if (surface.trim() === '') {
        pos = found + piece.length;
        continue;
      }
      push(surface, type, at + found);
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
