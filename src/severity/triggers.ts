import type { TriageDoc, Token } from '../kernel/doc.js';
import { negationDistance } from '../document/structure.js';
import type { AnalyzerContext } from '../context/context.js';
import type { LexiconLang } from '../lexicon/schema.js';
import { PhraseMatcher } from '../lexicon/matcher.js';
import type { Evidence } from '../types.js';
import { bitmap, hasBit, setBit } from '../util/bits.js';
import { scanSeverityPatterns } from './patterns.js';

export const TRIGGERS = ['safety', 'legal', 'fraud', 'escalate', 'intensity', 'loss'] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Summed lexicon weight per trigger, and the hits behind it. */
export interface TriggerHits {
  totals: Record<Trigger, number>;
  /** Hedges and softeners found (`感觉`, `有点`, `slightly`): a sign of mild dissatisfaction. */
  mild: number;
  /** Distinct terms naming a creative work's content (`plot`, `author`, `actors`): the review may critique a book or film, not the goods. */
  work: number;
  /** Chinese and Latin word tokens where matching started (a cue's later tokens are not counted): the review's length in words. */
  words: number;
  evidence: Evidence[];
}

interface Cue {
  /** `mild` marks a hedge (`severity` entries with trigger `mild`, and softeners from the intensifiers lexicon): not a trigger of its own. */
  trigger: Trigger | 'mild' | 'work';
  weight: number;
}

export function emptyTotals(): Record<Trigger, number> {
  return { safety: 0, legal: 0, fraud: 0, escalate: 0, intensity: 0, loss: 0 };
}

/**
 * Finds severity cues (data/lexicons/<lang>/severity.json) in a review's
 * tokens. Chinese and English cues share one matcher: their terms cannot
 * collide, and one pass over the tokens is cheaper than two.
 */
export class TriggerScanner {
  private readonly cues: PhraseMatcher<Cue>;
  /** Cue terms looked for inside @handles and #hashtags (`@问题食品大曝光`, `#假货#`), which are single tokens. */
  private readonly embedded: Array<{ term: string; trigger: Trigger; weight: number }> = [];
  /** Two-character Chinese softeners, also looked for at the start of longer words. */
  private readonly mildPrefixes = new Set<string>();
  /** First characters of those softeners, as a bitmap: most words are rejected without slicing a string. */
  private readonly mildFirstBits = bitmap(0x10000);

  constructor(ctx: AnalyzerContext) {
    const entries: Array<{ term: string; payload: Cue }> = [];
    for (const lang of ['zh', 'en'] as LexiconLang[]) {
      // Softeners are shared with the sentiment stage's intensifiers (factor < 1).
      for (const e of ctx.lexicons.get(lang, 'intensifiers')) {
        if (e.factor >= 1) continue;
        entries.push({ term: e.term, payload: { trigger: 'mild', weight: 1 } });
        if (lang === 'zh' && e.term.length === 2) {
          this.mildPrefixes.add(e.term);
          setBit(this.mildFirstBits, e.term.charCodeAt(0));
        }
      }
    }
    // Severity cues come last so they replace a softener with the same tokens.
    for (const lang of ['zh', 'en'] as LexiconLang[]) {
      for (const e of ctx.lexicons.get(lang, 'severity')) {
        entries.push({ term: e.term, payload: { trigger: e.trigger, weight: e.weight ?? 1 } });
        if (e.trigger !== 'mild' && e.trigger !== 'work' && e.term.length >= 2) this.embedded.push({ term: e.term, trigger: e.trigger, weight: e.weight ?? 1 });
      }
    }
    this.cues = new PhraseMatcher(ctx.text.tokenizeTerm, entries);
  }

  get size(): number {
    return this.cues.size;
  }

  get unmatchable(): string[] {
    return this.cues.unmatchable;
  }

  /** Leftmost-longest, non-overlapping cue matches over the tokens (norm or elongation-folded alt form). */
  scan(doc: TriageDoc): TriggerHits {
    const totals = emptyTotals();
    let mild = 0;
    const workTerms = new Set<string>();
    const evidence: Evidence[] = [];
    const tokens = doc.tokens;
    let words = 0;
    for (let i = 0; i < tokens.length; ) {
      const t = tokens[i]!;
      if (t.type === 'punct') {
        i++;
        continue;
      }
      if (t.type === 'han' || t.type === 'word') words++;
      else if (t.type === 'handle' || t.type === 'hashtag') {
        this.scanEmbedded(doc, t, totals, evidence);
        i++;
        continue;
      }
      const hit = this.cues.longestAt(tokens, i);
      if (hit === undefined) {
        // The segmenter may glue a softener to its word (`有点小`): count a two-character softener prefix.
        if (t.type === 'han' && t.norm.length > 2 && this.mayStartMild(t.norm.charCodeAt(0)) && this.mildPrefixes.has(t.norm.slice(0, 2))) mild++;
        i++;
        continue;
      }
      const to = i + hit.norms.length;
      if (!this.negated(tokens, i)) {
        const { trigger, weight } = hit.payload;
        if (trigger === 'mild') mild++;
        else if (trigger === 'work') workTerms.add(hit.term);
        else {
          totals[trigger] += weight;
          evidence.push(doc.spanEvidence(t.nStart, tokens[to - 1]!.nEnd, { source: 'lexicon', rule: hit.term, weight, label: trigger }));
        }
      }
      i = to;
    }
    scanSeverityPatterns(doc, { totals, evidence });
    return { totals, mild, work: workTerms.size, words, evidence };
  }

  private mayStartMild(c: number): boolean {
    return hasBit(this.mildFirstBits, c);
  }

  /** Handles and hashtags are rare: a substring test against every cue is affordable there. */
  private scanEmbedded(doc: TriageDoc, t: Token, totals: Record<Trigger, number>, evidence: Evidence[]): void {
    for (const e of this.embedded) {
      if (!t.norm.includes(e.term)) continue;
      totals[e.trigger] += e.weight;
      evidence.push(doc.spanEvidence(t.nStart, t.nEnd, { source: 'lexicon', rule: e.term, weight: e.weight, label: e.trigger, note: 'inside a handle or hashtag' }));
    }
  }

  /** A negator in the one or two tokens before the cue (not across punctuation) cancels it: the structure pass's negation flags. */
  private negated(tokens: Token[], at: number): boolean {
    const d = negationDistance(tokens[at]!);
    return d === 1 || d === 2;
  }
}

