import { TokenFlag, type Token } from '../kernel/doc.js';

/**
 * Template text: generic praise or abuse with no product detail, the padding
 * paid posters use ("非常好非常好", "垃圾垃圾别买", "good good good").
 * A review is a template when every content token is either a generic word
 * (a `template` cue from the spam lexicon) or a filler (the fillers lexicon,
 * flagged by the structure pass), and it either repeats
 * a generic word or its generic words weigh `minGeneric` together (a cue
 * counts its weight, default 1; a canned phrase like 默认好评 weighs 3). Short natural
 * praise ("很好", "质量不错") is not a template: one generic word is normal,
 * and any product word (质量, 物流...) is detail.
 */

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
      if ((t.type === 'han' || t.type === 'word' || t.type === 'number' || t.type === 'url') && !(t.flags & TokenFlag.FILLER)) return null;
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
