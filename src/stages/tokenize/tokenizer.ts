import TreebankWordTokenizer from 'natural/lib/natural/tokenizers/treebank_word_tokenizer';
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
    String.raw`(?<url>(?:https?:\/\/|www\.)[^\s<>"'，。！？、]+|(?:[a-z0-9-]+\.)+(?:com|cn|net|org|cc|me|io|co|tv|top|xyz|info|shop|vip|link|site)(?![a-z])(?:\/[^\s，。！？、]*)?)`,
    String.raw`(?<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)`,
    String.raw`(?<handle>@[\p{L}\p{N}_]{1,30})`,
    String.raw`(?<hashtag>#[\p{L}\p{N}_]+#?)`,
    String.raw`(?<emoticon>[:;=][-~^']?[)(\]\[DPpOo3|\\/*](?![\p{L}\p{N}])|\^_*\^|T_T|QAQ|<3)`,
    String.raw`(?<number>\d+(?:[.,:]\d+)*%?)`,
    String.raw`(?<emoji>[\u{1F1E6}-\u{1F1FF}]{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*)`,
    String.raw`(?<latin>[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*)`,
    String.raw`(?<han>[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u3007]+)`,
    String.raw`(?<space>\s+)`,
    String.raw`(?<punct>[\p{P}\p{S}])`,
    String.raw`(?<other>[\s\S])`,
  ].join('|'),
  'giu',
);

const SIMPLE_TYPES: Record<string, TokenType> = {
  url: 'url',
  email: 'email',
  handle: 'handle',
  hashtag: 'hashtag',
  emoticon: 'emoticon',
  number: 'number',
  emoji: 'emoji',
  punct: 'punct',
  other: 'other',
};

export interface TokenizeHooks {
  /** Maps a span of the normalised text to the original. */
  toOriginal(nStart: number, nEnd: number): { start: number; end: number };
  /** Original-text spans where letters were elongated (`soooo`), in order. */
  elongated?: Array<{ start: number; end: number }>;
}

export class ScriptTokenizer {
  private readonly treebank = new TreebankWordTokenizer();
  constructor(private readonly segmenter: Segmenter) {}

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
      const g = m.groups!;
      const at = m.index;
      if (g.space !== undefined) continue;
      if (g.han !== undefined) this.pushPieces(g.han, at, this.segmenter.cut(g.han), 'han', push);
      else if (g.latin !== undefined) this.pushPieces(g.latin, at, this.latinPieces(g.latin), 'word', push);
      else {
        const type = Object.keys(SIMPLE_TYPES).find((k) => g[k] !== undefined)!;
        push(m[0], SIMPLE_TYPES[type]!, at);
      }
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
