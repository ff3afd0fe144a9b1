import type { Token } from '../kernel/doc.js';

/**
 * Template text: generic praise or abuse with no product detail, the padding
 * paid posters use ("非常好非常好", "垃圾垃圾别买", "good good good").
 * A review is a template when every content token is either a generic word
 * (a `template` cue from the spam lexicon) or a filler, and it either repeats
 * a generic word or its generic words weigh `minGeneric` together (a cue
 * counts its weight, default 1; a canned phrase like 默认好评 weighs 3). Short natural
 * praise ("很好", "质量不错") is not a template: one generic word is normal,
 * and any product word (质量, 物流...) is detail.
 */

// Closed-class fillers: adverbs, particles and function words that add no detail.
const FILLERS = new Set(
  [
    '的', '了', '啊', '呀', '呢', '吧', '哦', '嘛', '哈', '哈哈', '很', '非常', '真的', '真', '太', '特别', '超', '超级', '都', '也', '还', '就', '是',
    '挺', '蛮', '比较', '十分', '相当', '简直', '实在', '好好', '大家', '我', '你', '这', '这个', '家', '一个', '一家', '和', '又', '再', '绝对', '千万',
    '要', '不', '有', '给', '个', '啦', '哇', '嗯', '喔', '耶',
    'very', 'so', 'really', 'the', 'a', 'an', 'is', 'it', 'this', 'i', 'and', 'too', 'such', 'just', 'was', 'its', "it's", 'so', 'soo', 'totally',
  ],
);

export interface TemplateResult {
  generic: number;
  repeated: boolean;
  /** Token range spanned by the generic words. */
  from: number;
  to: number;
}

export class TemplateDetector {
  constructor(private readonly minGeneric: number) {}

  /**
   * @param tokens the review's tokens
   * @param generic token ranges [from, to) matched by `template` cues, with their terms, in order
   */
  detect(tokens: Token[], generic: ReadonlyArray<{ from: number; to: number; term: string; weight: number }>): TemplateResult | null {
    if (generic.length === 0) return null;
    let g = 0;
    for (let i = 0; i < tokens.length; ) {
      const hit = generic[g];
      if (hit && hit.from === i) {
        i = hit.to;
        g++;
        continue;
      }
      const t = tokens[i]!;
      // Any content token that is neither generic nor a filler is product detail.
      if ((t.type === 'han' || t.type === 'word' || t.type === 'number' || t.type === 'url') && !FILLERS.has(t.norm)) return null;
      i++;
    }
    const seen = new Set<string>();
    let repeated = false;
    let total = 0;
    for (const h of generic) {
      if (seen.has(h.term)) repeated = true;
      seen.add(h.term);
      total += h.weight;
    }
    if (!(repeated && total >= 2) && total < this.minGeneric) return null;
    return { generic: total, repeated, from: generic[0]!.from, to: generic[generic.length - 1]!.to };
  }
}
