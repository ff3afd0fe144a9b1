import { readBuiltinLexicons } from '../lexicon/load.js';
import type { LexiconLang } from '../lexicon/schema.js';
import type { AnalyzerContext } from '../context/context.js';
import type { Token, TriageDoc } from '../kernel/doc.js';
import type { Evidence } from '../types.js';
import { afinnBase } from './english-base.js';
import { PhraseMatcher } from '../lexicon/matcher.js';
import { bitmap, hasBit, setBit, shapeKey } from '../util/bits.js';

/** What one lexicon term does; a term may be several things (`可惜` is an opinion and a contrast). */
interface Cue {
  /** Opinion weight -3..3. */
  weight?: number;
  /** Negator: flips the next opinion within this many tokens. */
  negScope?: number;
  /** Intensifier / diminisher factor for the next opinion. */
  factor?: number;
  /** Contrast marker: the text after it weighs this many times the text before. */
  contrast?: number;
  /** The opinion weight was set by the caller's lexicon, not the built-in one. */
  user?: boolean;
  /** Makes a question rhetorical (`难道`); 'afterYe': only right after 也 (`这也叫好吃?`). */
  rhetorical?: true | 'afterYe';
}

export interface LexiconRuleOptions {
  /** An opinion word is flipped and scaled by this when negated (`not bad` -> mildly good). */
  negationFactor: number;
  /** Default contrast weight when an entry has none. */
  contrastWeight: number;
  /** Clause ending in `!`: its opinions are scaled by this. */
  exclamationFactor: number;
  /** Clause that is a genuine question: its opinions are scaled by this (`好用吗?` states no opinion). */
  questionFactor: number;
}

/** The lexicon layer's verdict on one review. */
export interface LexiconScore {
  /** Sum of opinion contributions after negation, intensity, contrast and clause rules. */
  score: number;
  /** Sums of the positive and (absolute) negative contributions. */
  pos: number;
  neg: number;
  /** Opinion terms found. */
  hits: number;
  /** The part of `score` that comes from the caller's own lexicon entries. */
  userScore: number;
  /** Normalised-text spans [start, end, start, end...] of the caller's terms, or null. */
  userSpans: number[] | null;
  contrast: boolean;
  /** Normalised offset of the last contrast marker (-1: none) and its weight: the model discounts what precedes it too. */
  contrastAt: number;
  contrastWeight: number;
  /** Every clause with an opinion was a (non-rhetorical) question. */
  questionOnly: boolean;
  exclamation: boolean;
  evidence: Evidence[];
}

/** A set of UTF-16 code units as a lookup table: one array read on the hot path instead of a hash lookup. */
function unitTable(chars: string): Uint8Array {
  const table = new Uint8Array(65536);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** Punctuation that ends a clause (after NFKC: full-width forms are already ASCII). */
const CLAUSE_END = unitTable('!?,.;。~…');
/** Sentence-final particles the segmenter leaves attached (`太差了`, `挺好的`, `不错啊`). */
const PARTICLES = unitTable('了的啊呀啦哦吧呢嘛哈');
/** A repeated opinion word (`不错不错`) counts this many times its weight. */
const REPEAT_FACTOR = 1.3;
/** A long text keeps only its strongest lexicon evidence (the score still counts every word). */
const MAX_EVIDENCE = 64;
/** Intensifiers reach this many tokens ahead (`太 不 好` still counts). */
const INTENSIFIER_SCOPE = 2;

/**
 * The curated lexicon layer: one leftmost-longest pass over the tokens with
 * negation scope, intensifiers, contrast, exclamation and (rhetorical)
 * questions. Built once per analyzer; `score` is linear in the token count.
 */
export class LexiconScorer {
  private readonly trie: PhraseMatcher<Cue>;
  /** Emoji by first code point, so `👍🏻` (with a skin tone) scores like `👍`. */
  private readonly emojiBase = new Map<string, Cue>();
  /** Every cue by its normalised term, to split segmenter compounds such as `真不错` = `真` + `不错`. */
  private readonly byTerm: Map<string, Cue>;
  /** Single-character negators (不, 没, 别): a two-character word starting with one may negate what follows. */
  private readonly negatorChars = new Uint8Array(65536);
  /** First characters of 1-2 character modifiers: most tokens are rejected by this one check. */
  private readonly modifierFirstChars = new Uint8Array(65536);
  /**
   * (length, first unit, last unit) of every term in `byTerm`, as a bitmap:
   * a part of a token is sliced out and looked up only when some term has
   * its shape. Those lookups hash a fresh string each, for most Chinese words.
   */
  private readonly termShapes = bitmap(1 << 16);

  constructor(
    ctx: AnalyzerContext,
    private readonly rules: LexiconRuleOptions,
  ) {
    const cues = new Map<string, Cue>();
    const cue = (term: string): Cue => {
      let c = cues.get(term);
      if (!c) cues.set(term, (c = {}));
      return c;
    };
    // English base list first: curated and user entries below override it by term.
    const fromBase = new Set<Cue>();
    for (const { term, weight } of afinnBase()) {
      const c = cue(ctx.text.normalizeTerm(term));
      c.weight = weight;
      fromBase.add(c);
    }
    for (const lang of ['zh', 'en'] as LexiconLang[]) {
      const builtin = builtinWeights(ctx, lang);
      for (const e of ctx.lexicons.get(lang, 'sentiment')) {
        const c = cue(e.term);
        c.weight = e.weight;
        c.user = builtin.get(e.term) !== e.weight;
        fromBase.delete(c);
      }
      for (const e of ctx.lexicons.get(lang, 'negators')) cue(e.term).negScope = e.scope ?? 3;
      for (const e of ctx.lexicons.get(lang, 'intensifiers')) cue(e.term).factor = e.factor;
      for (const e of ctx.lexicons.get(lang, 'contrast')) cue(e.term).contrast = e.weight ?? rules.contrastWeight;
    }
    for (const c of cues.values()) {
      // A negator keeps its role even where the base list scores it (`no` is -1 in AFINN: `no issues` is good news).
      if (c.negScope !== undefined && fromBase.has(c)) delete c.weight;
      // Weight 0 takes a word out of the opinion vocabulary (`support` in `customer support`); a caller's 0 is
      // kept so the word still masks the model's features (its way of saying "this word means nothing here").
      if (c.weight === 0 && !c.user) delete c.weight;
    }
    // Rhetorical markers (the rhetorical lexicon) live in the same table so an ordinary token costs one lookup.
    // `afterYe` ones (`X也叫/也算 good?`) are checked as a pair so the common words alone stay plain.
    const rhetorical = (['zh', 'en'] as LexiconLang[]).flatMap((l) => ctx.lexicons.get(l, 'rhetorical'));
    for (const e of rhetorical) if (!e.afterYe) cue(e.term).rhetorical = true;
    for (const e of rhetorical) if (e.afterYe) cue(e.term).rhetorical ??= 'afterYe';
    this.byTerm = cues;
    for (const term of cues.keys()) setBit(this.termShapes, shapeKey(term));
    for (const [term, c] of cues) {
      if (term.length <= 2 && (c.negScope !== undefined || c.factor !== undefined)) this.modifierFirstChars[term.charCodeAt(0)] = 1;
      if (term.length === 1 && c.negScope !== undefined) this.negatorChars[term.charCodeAt(0)] = 1;
    }
    this.trie = new PhraseMatcher(ctx.text.tokenizeTerm, [...cues].map(([term, payload]) => ({ term, payload })));
    for (const [term, c] of cues) {
      const cp = term.codePointAt(0)!;
      if (c.weight !== undefined && cp >= 0x2190 && !(cp >= 0x3000 && cp <= 0xffef)) {
        const base = String.fromCodePoint(cp);
        if (!this.emojiBase.has(base) || base === term) this.emojiBase.set(base, c);
      }
    }
  }

  get size(): number {
    return this.trie.size;
  }

  /** `[modifier, opinion]` when a token is a negator/intensifier glued to an opinion word, else null. */
  private splitCompound(norm: string): [Cue, Cue] | null {
    if (this.modifierFirstChars[norm.charCodeAt(0)] !== 1) return null;
    for (let p = 1; p <= 2 && p < norm.length; p++) {
      if (!this.mayBeTerm(norm, 0, p) || !this.mayBeTerm(norm, p, norm.length)) continue;
      const mod = this.byTerm.get(norm.slice(0, p));
      if (!mod || (mod.negScope === undefined && mod.factor === undefined)) continue;
      const opinion = this.byTerm.get(norm.slice(p));
      if (opinion?.weight !== undefined) return [mod, opinion];
    }
    return null;
  }

  /** Whether some term has the shape of norm[from, to) (false: certainly none). */
  private mayBeTerm(norm: string, from: number, to: number): boolean {
    return hasBit(this.termShapes, shapeKey(norm, from, to));
  }

  /** The opinion cue a token repeats whole (`不错不错` -> `不错`), else undefined. */
  private repeatedUnit(norm: string): Cue | undefined {
    for (let len = 1; len <= 4 && len * 2 <= norm.length; len++) {
      // Cheap rejection first: this runs for every unmatched Chinese word.
      if (norm.length % len !== 0 || norm.charCodeAt(0) !== norm.charCodeAt(len)) continue;
      const unit = norm.slice(0, len);
      if (unit.repeat(norm.length / len) !== norm) continue;
      const c = this.byTerm.get(unit);
      if (c?.weight !== undefined) return c;
    }
    return undefined;
  }

  score(doc: TriageDoc): LexiconScore {
    const tokens = doc.tokens;
    const rules = this.rules;
    const evidence: Evidence[] = [];
    let total = 0;
    let totalUser = 0;
    let pos = 0;
    let neg = 0;
    let hits = 0;
    let userSpans: number[] | null = null;
    let sawContrast = false;
    let contrastAt = -1;
    let contrastWeight = 1;
    let sawExclamation = false;
    let opinionClauses = 0;
    let questionClauses = 0;

    // Per clause: opinion sum, the caller's part of it, and where its evidence starts.
    let clause = 0;
    let clauseUser = 0;
    let clauseEvidenceFrom = 0;
    let rhetorical = false;
    let negUntil = -1;
    let negAt = -1;
    let intensity = 1;
    let intUntil = -1;

    const closeClause = (endChar: string, lastToken: Token | undefined, endTok: Token | undefined): void => {
      if (clause !== 0) {
        let factor = 1;
        const question = endChar === '?' || lastToken?.norm === '吗';
        opinionClauses++;
        if (question && rhetorical) {
          factor = -1;
          if (endTok) evidence.push(withNote(doc.evidenceAt(endTok.nStart, endTok.nEnd, 'rule', 'rhetorical-question'), 'a rhetorical question says the opposite'));
        } else if (question) {
          factor = rules.questionFactor;
          questionClauses++;
        } else if (endChar === '!') {
          factor = rules.exclamationFactor;
          sawExclamation = true;
        }
        if (factor !== 1) for (let k = clauseEvidenceFrom; k < evidence.length; k++) if (evidence[k]!.weight !== undefined) evidence[k]!.weight! *= factor;
        total += clause * factor;
        totalUser += clauseUser * factor;
      }
      clause = 0;
      clauseUser = 0;
      clauseEvidenceFrom = evidence.length;
      rhetorical = false;
      negUntil = -1;
      intUntil = -1;
      intensity = 1;
    };

    let lastWordToken: Token | undefined;
    for (let i = 0; i < tokens.length; ) {
      const t = tokens[i]!;
      let c: Cue | undefined;
      let matchedTerm: string | undefined;
      let to = i + 1;
      const found = t.type === 'punct' ? undefined : this.trie.longestAt(tokens, i);
      if (found) {
        c = found.payload;
        matchedTerm = found.term;
        to = i + found.norms.length;
      } else if (t.type === 'emoji') c = this.emojiBase.get(String.fromCodePoint(t.text.codePointAt(0)!));
      else if (t.type === 'han' && t.norm.length >= 2) {
        // The segmenter glues things to words it knows. Try, in order: a trailing particle
        // (`太差了` -> `太差`), a 1-2 character modifier in front (`真不错` = 真 + 不错), a repeated
        // word (`不错不错` is emphasis), and a negator in front of a verb (`没睡` + `好`).
        let norm = t.norm;
        if (PARTICLES[norm.charCodeAt(norm.length - 1)] === 1) {
          norm = norm.slice(0, -1);
          const bare = this.mayBeTerm(norm, 0, norm.length) ? this.byTerm.get(norm) : undefined;
          if (bare?.weight !== undefined) c = bare;
        }
        const split = c || norm.length < 2 ? null : this.splitCompound(norm);
        if (split) {
          const [mod, opinion] = split;
          if (mod.negScope !== undefined) {
            negUntil = i;
            negAt = i;
          }
          if (mod.factor !== undefined) {
            intensity *= mod.factor;
            intUntil = i;
          }
          c = opinion;
        } else if (!c) {
          const unit = this.repeatedUnit(norm);
          if (unit) {
            c = unit;
            intensity *= REPEAT_FACTOR;
            intUntil = i;
          } else if (norm.length === 2 && this.negatorChars[norm.charCodeAt(0)] === 1) {
            negUntil = i + 1;
            negAt = i;
          }
        }
        if (c) matchedTerm = t.norm;
      }

      if (!c) {
        if (t.type === 'punct' && t.norm.length === 1 && CLAUSE_END[t.norm.charCodeAt(0)] === 1) closeClause(t.norm, lastWordToken, t);
        else lastWordToken = t;
        i = to;
        continue;
      }
      if (c.rhetorical !== undefined && (c.rhetorical === true || tokens[i - 1]?.norm === '也')) rhetorical = true;
      if (c.weight === undefined && c.negScope === undefined && c.factor === undefined && c.contrast === undefined) {
        lastWordToken = t;
        i = to;
        continue;
      }
      const first = t;
      const last = tokens[to - 1]!;
      lastWordToken = last;
      if (c.contrast !== undefined && (total !== 0 || clause !== 0)) {
        // A contrast needs something before it to contrast with (`难道这就是...` is not one).
        // What came before now weighs 1/contrast of what follows.
        const keepRhetorical: boolean = rhetorical;
        closeClause('', undefined, undefined);
        rhetorical = keepRhetorical;
        total /= c.contrast;
        totalUser /= c.contrast;
        pos /= c.contrast;
        neg /= c.contrast;
        for (const e of evidence) if (e.weight !== undefined && e.source === 'lexicon') e.weight /= c.contrast;
        sawContrast = true;
        contrastAt = first.nStart;
        contrastWeight = c.contrast;
        evidence.push(withNote(doc.evidenceAt(first.nStart, last.nEnd, 'rule', 'contrast'), `the clause after it weighs ${c.contrast}x`));
        clauseEvidenceFrom = evidence.length;
      }
      if (c.weight === undefined) {
        if (c.negScope !== undefined) {
          negUntil = to - 1 + c.negScope;
          negAt = i;
        }
        if (c.factor !== undefined) {
          intensity *= c.factor;
          intUntil = to - 1 + INTENSIFIER_SCOPE;
        }
      } else {
        let w = c.weight;
        const how: string[] = c.user ? ['your lexicon'] : [];
        if (i <= intUntil && intensity !== 1) {
          w *= intensity;
          how.push(`${intensity > 1 ? 'intensified' : 'softened'} x${Math.round(intensity * 100) / 100}`);
        }
        if (i <= negUntil) {
          w = -w * rules.negationFactor;
          const n = tokens[negAt]!;
          evidence.push(withNote(doc.evidenceAt(n.nStart, last.nEnd, 'rule', 'negation'), 'flips the opinion word'));
          how.push('negated');
        }
        negUntil = -1;
        intUntil = -1;
        intensity = 1;
        if (w !== 0) hits++;
        clause += w;
        if (w > 0) pos += w;
        else neg -= w;
        if (c.user) {
          clauseUser += w;
          (userSpans ??= []).push(first.nStart, last.nEnd);
        }
        const ev = doc.evidenceAt(first.nStart, last.nEnd, 'lexicon', matchedTerm ?? first.norm, w);
        if (how.length) ev.note = how.join(', ');
        evidence.push(ev);
      }
      i = to;
    }
    closeClause('', lastWordToken, undefined);

    for (const e of evidence) if (e.weight !== undefined) e.weight = Math.round(e.weight * 1000) / 1000;
    const shown = evidence.length > MAX_EVIDENCE ? strongest(evidence, MAX_EVIDENCE) : evidence;
    return {
      score: total,
      pos,
      neg,
      hits,
      userScore: totalUser,
      userSpans,
      contrast: sawContrast,
      contrastAt,
      contrastWeight,
      questionOnly: opinionClauses > 0 && questionClauses === opinionClauses,
      exclamation: sawExclamation,
      evidence: shown,
    };
  }
}

/** Built-in sentiment weights by normalised term, to tell which entries a caller changed. */
function builtinWeights(ctx: AnalyzerContext, lang: LexiconLang): Map<string, number> {
  const out = new Map<string, number>();
  for (const lex of readBuiltinLexicons(ctx.dataDir)) {
    if (lex.lang !== lang || lex.kind !== 'sentiment') continue;
    for (const e of lex.entries as Array<{ term: string; weight: number }>) out.set(ctx.text.normalizeTerm(e.term), e.weight);
  }
  return out;
}

function withNote(e: Evidence, note: string): Evidence {
  e.note = note;
  return e;
}

/** The `n` items with the largest |weight| (rules without a weight rank last), back in text order. */
function strongest(evidence: Evidence[], n: number): Evidence[] {
  return evidence
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Math.abs(b.e.weight ?? 0) - Math.abs(a.e.weight ?? 0))
    .slice(0, n)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.e);
}
