import type { TriageDoc, Token } from '../../pipeline/doc.js';
import type { AnalyzerContext } from '../../pipeline/context.js';
import { PhraseMatcher } from '../../lexicon/matcher.js';
import type { LexiconLang } from '../../lexicon/schema.js';
import type { Evidence } from '../../types.js';

export const TRIGGERS = ['safety', 'legal', 'fraud', 'escalate', 'intensity', 'loss'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Summed lexicon weight per trigger, and the hits behind it. */
export interface TriggerHits {
  totals: Record<Trigger, number>;
  /** Softeners found (`有点`, `slightly`): a sign of mild dissatisfaction. */
  mild: number;
  evidence: Evidence[];
}

interface Cue {
  /** `mild` marks a softener from the intensifiers lexicon (factor < 1), not a severity trigger. */
  trigger: Trigger | 'mild';
  weight: number;
}

/**
 * Words that cancel a trigger right after them (`不是假货`, `not fake`).
 * Used when the analyzer has no negator lexicon; the sentiment engineer's
 * `negators` lexicon replaces this list when present.
 */
const FALLBACK_NEGATORS = ['不', '没', '没有', '不是', '并非', '无', '未', '从未', '不会', '并不', 'not', 'no', 'never', "n't", 'without', 'nothing'];

export function emptyTotals(): Record<Trigger, number> {
  return { safety: 0, legal: 0, fraud: 0, escalate: 0, intensity: 0, loss: 0 };
}

/**
 * Finds severity cues (data/lexicons/<lang>/severity.json) in a review's
 * tokens. Chinese and English cues share one matcher: their terms cannot
 * collide, and one pass over the tokens is cheaper than two.
 */
export class TriggerScanner {
  private readonly matcher: PhraseMatcher<Cue>;
  private readonly negators: Set<string>;

  constructor(ctx: AnalyzerContext) {
    const cues: Array<{ term: string; payload: Cue }> = [];
    const negators = new Set<string>();
    for (const lang of ['zh', 'en'] as LexiconLang[]) {
      for (const e of ctx.lexicons.get(lang, 'severity')) cues.push({ term: e.term, payload: { trigger: e.trigger, weight: e.weight ?? 1 } });
      for (const e of ctx.lexicons.get(lang, 'negators')) negators.add(e.term);
      // Softeners are shared with the sentiment stage's intensifiers; severity cues win a clash.
      for (const e of ctx.lexicons.get(lang, 'intensifiers')) if (e.factor < 1) cues.unshift({ term: e.term, payload: { trigger: 'mild', weight: 1 } });
    }
    for (const n of negators.size ? [] : FALLBACK_NEGATORS) negators.add(n);
    this.matcher = new PhraseMatcher(ctx, cues);
    this.negators = negators;
  }

  get size(): number {
    return this.matcher.size;
  }

  scan(doc: TriageDoc): TriggerHits {
    const totals = emptyTotals();
    let mild = 0;
    const evidence: Evidence[] = [];
    const tokens = doc.tokens;
    for (const m of this.matcher.match(tokens)) {
      if (this.negated(tokens, m.from)) continue;
      const { trigger, weight } = m.payload;
      if (trigger === 'mild') {
        mild++;
        continue;
      }
      totals[trigger] += weight;
      const first = tokens[m.from]!;
      const last = tokens[m.to - 1]!;
      evidence.push(doc.spanEvidence(first.nStart, last.nEnd, { source: 'lexicon', rule: m.term, weight, label: trigger }));
    }
    return { totals, mild, evidence };
  }

  /** A negator in the one or two tokens before the cue (not across punctuation) cancels it. */
  private negated(tokens: Token[], at: number): boolean {
    for (let i = at - 1; i >= 0 && i >= at - 2; i--) {
      const t = tokens[i]!;
      if (t.type === 'punct') return false;
      if (this.negators.has(t.norm)) return true;
    }
    return false;
  }
}
