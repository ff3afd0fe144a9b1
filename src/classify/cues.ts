import type { AnalyzerContext } from '../context/context.js';
import type { Token } from '../kernel/doc.js';
import type { LexiconLang } from '../lexicon/schema.js';
import { TOPICS, type Nature, type Topic } from '../types.js';
import { isHan } from '../util/chars.js';
import { bitmap, hasBit, setBit } from '../util/bits.js';


/** A topic cue. `problem` cues name the fault by themselves; aspect cues need a negative clause. */
export interface TopicCue {
  topic: Topic;
  /** Position of `topic` in TOPICS, so scoring indexes arrays instead of looking names up. */
  index: number;
  weight: number;
  problem: boolean;
  /** The lexicon term this cue came from (differs from the matched term when inherited). */
  term: string;
}

export interface NatureCue {
  nature: Nature;
  /** abuse | boycott | competitor | gap | experience (or a user's own cue name). */
  cue: string;
  weight: number;
  term: string;
}

/**
 * Everything one matched term means to this stage. One term can play several
 * roles (a sentiment word that is also a topic cue), so the roles of all
 * lexicon kinds are merged into a single table and matched in a single pass.
 */
export interface CueRoles {
  term: string;
  topics: TopicCue[];
  natures: NatureCue[];
  /** Weight from the sentiment lexicon (0 when the term has none). */
  polarity: number;
  /** Whether any topic cue of this term is a problem cue (precomputed for the hot path). */
  problem: boolean;
  /** > 0: a negator that flips opinion and problem cues within this many tokens. */
  negatorScope: number;
  /** A negator and nothing else (precomputed): phrases may start inside it. */
  pureNegator: boolean;
  /** Only aspect-word topic cues, no other role (precomputed): a short one must be a whole word. */
  aspectOnly: boolean;
  contrast: boolean;
}

/** Cue terms of the productive patterns (./patterns.ts) start with this, lexicon terms never do. */
export const PATTERN_TERM_PREFIX = 'pattern:';

/** Problem cues start at this weight (see the topics lexicon description). */
export const PROBLEM_WEIGHT = 2;

/**
 * Contrast markers used when the contrast lexicon (owned by the sentiment
 * capability) is missing or empty, so aspect scope still works on its own.
 */
const FALLBACK_CONTRAST = ['但', '但是', '可是', '不过', '然而', '只是', '就是', '可惜', '却', 'but', 'however', 'though', 'although', 'except'];
const FALLBACK_NEGATORS = ['不', '没', '没有', '无', '未', '别', '不是', '并不', 'not', "n't", 'no', 'never', 'without', 'nothing'];

interface TrieNode {
  next: Map<string, TrieNode> | null;
  roles: CueRoles | null;
}

export interface CueHit {
  /** Token range [from, to) the hit touches. */
  from: number;
  to: number;
  /** Normalised-text span (may start or end inside a token). */
  nStart: number;
  nEnd: number;
  roles: CueRoles;
}

/**
 * The compiled cue table. Chinese runs are matched character by character
 * (a character trie, leftmost-longest), so a cue is found whatever the
 * segmenter did with it (很难/吃 still holds 难吃; 质量问题 still holds 质量);
 * a single-character term must be a whole token, so 好 is not found in 好几个.
 * Everything else goes through a token trie. Both walk only while a prefix
 * exists, and bitmaps reject most positions before any lookup.
 */
export class CueTable {
  private readonly root: TrieNode = { next: new Map(), roles: null };
  /** The character trie (node 0 is the root): transitions in typed arrays, roles by node. */
  private readonly chars = new CharTrie();
  /**
   * Where a cue may start, as two bitmaps read before the trie: the
   * character pairs that begin a cue of 2+ characters (hashed to 2^16 bits)
   * and the characters that are a cue alone. Most positions of a review
   * start nothing, and these 16 KiB stay in cache where a table of nodes
   * by character (256 KiB) did not.
   */
  private readonly pairBits = bitmap(1 << 16);
  private readonly singleBits = bitmap(1 << 16);

  constructor(ctx: AnalyzerContext) {
    const byTerm = collectRoles(ctx);
    inheritInnerCues(byTerm);
    for (const roles of byTerm.values()) {
      roles.problem = roles.topics.some((c) => c.problem);
      roles.pureNegator = roles.negatorScope > 0 && roles.topics.length === 0 && roles.natures.length === 0 && roles.polarity === 0 && !roles.contrast;
      roles.aspectOnly = roles.topics.length > 0 && !roles.problem && roles.natures.length === 0 && roles.polarity === 0 && roles.negatorScope === 0 && !roles.contrast;
      if (allHan(roles.term)) {
        this.addChars(roles);
        continue;
      }
      const norms = ctx.text.tokenizeTerm(roles.term).map((t) => t.norm);
      if (norms.length === 0) continue;
      let node = this.root;
      for (const n of norms) {
        node.next ??= new Map();
        let child = node.next.get(n);
        if (!child) {
          child = { next: null, roles: null };
          node.next.set(n, child);
        }
        node = child;
      }
      node.roles = roles;
    }
  }

  private addChars(roles: CueRoles): void {
    const first = roles.term.charCodeAt(0);
    if (roles.term.length === 1) setBit(this.singleBits, first);
    else setBit(this.pairBits, pairKey(first, roles.term.charCodeAt(1)));
    this.chars.add(roles.term, roles);
  }

  /** Cue hits in text order. `text` is the normalised text the tokens point into. */
  match(tokens: Token[], text: string): CueHit[] {
    const hits: CueHit[] = [];
    const n = tokens.length;
    for (let i = 0; i < n; ) {
      if (tokens[i]!.type === 'han') {
        // A run of Han tokens with nothing between them.
        let j = i;
        while (j + 1 < n && tokens[j + 1]!.type === 'han' && tokens[j + 1]!.nStart === tokens[j]!.nEnd) j++;
        this.matchHanRun(tokens, i, j + 1, text, hits);
        i = j + 1;
        continue;
      }
      let node: TrieNode | undefined = this.root;
      let best: CueRoles | null = null;
      let bestTo = i;
      for (let j = i; j < n && node?.next; j++) {
        const t = tokens[j]!;
        node = node.next.get(t.norm) ?? (t.alt !== undefined ? node.next.get(t.alt) : undefined);
        if (node?.roles) {
          best = node.roles;
          bestTo = j + 1;
        }
      }
      if (best) {
        hits.push({ from: i, to: bestTo, nStart: tokens[i]!.nStart, nEnd: tokens[bestTo - 1]!.nEnd, roles: best });
        i = bestTo;
      } else i++;
    }
    return hits;
  }

  /** Leftmost-longest character matching over tokens [from, to), which are contiguous in `text`. */
  private matchHanRun(tokens: Token[], from: number, to: number, text: string, hits: CueHit[]): void {
    const end = tokens[to - 1]!.nEnd;
    let tok = from; // token containing position p
    const trie = this.chars;
    for (let p = tokens[from]!.nStart; p < end; ) {
      const c = text.charCodeAt(p);
      if (!hasBit(this.singleBits, c) && !(p + 1 < end && hasBit(this.pairBits, pairKey(c, text.charCodeAt(p + 1))))) {
        p++;
        continue;
      }
      let node = trie.child(0, c);
      if (node < 0) {
        p++;
        continue;
      }
      while (tokens[tok]!.nEnd <= p) tok++;
      let best: CueRoles | null = trie.roles[node]!;
      let bestEnd = p + 1;
      for (let q = p + 1; q < end && trie.hasChildren[node] === 1; q++) {
        node = trie.child(node, text.charCodeAt(q));
        if (node < 0) break;
        const roles = trie.roles[node]!;
        if (roles !== null) {
          best = roles;
          bestEnd = q + 1;
        }
      }
      // One character is a word only when the segmenter says so (好 alone, not inside 好几个).
      if (best && bestEnd - p === 1 && !(tokens[tok]!.nStart === p && tokens[tok]!.nEnd === bestEnd)) best = null;
      let last = tok;
      while (best && tokens[last]!.nEnd < bestEnd) last++;
      // A two-character aspect noun that touches no word edge (inside 设施工 or across 原味/道具) is part of
      // other words. At either edge it still counts: the segmenter glues aspect and opinion (服务员, 质量不好).
      // Problem and opinion cues keep matching anywhere (很难/吃 still holds 难吃).
      if (best?.aspectOnly && bestEnd - p === 2 && tokens[tok]!.nStart < p && tokens[last]!.nEnd > bestEnd) best = null;
      if (!best) {
        p++;
        continue;
      }
      hits.push({ from: tok, to: last + 1, nStart: p, nEnd: bestEnd, roles: best });
      // A long negator may hide the start of a phrase (根本不是进口的 holds 不是进口): look inside it too.
      p = best.pureNegator ? p + 1 : bestEnd;
    }
  }
}

/**
 * A character trie whose transitions live in one open-addressing table of
 * typed arrays, keyed by (parent node, UTF-16 unit): a lookup hashes two
 * integers and reads one or two adjacent slots, where a Map per node
 * hashed a boxed key and chased pointers.
 */
class CharTrie {
  /** Roles of each node (null: a prefix only). Node 0 is the root. */
  readonly roles: Array<CueRoles | null> = [null];
  /** 1 when a node has children. */
  hasChildren = new Uint8Array(64);
  private slotParent = new Int32Array(1024).fill(-1);
  private slotUnit = new Int32Array(1024);
  private slotChild = new Int32Array(1024);
  private transitions = 0;

  add(term: string, roles: CueRoles): void {
    let node = 0;
    for (let i = 0; i < term.length; i++) {
      const c = term.charCodeAt(i);
      let next = this.child(node, c);
      if (next < 0) {
        next = this.roles.length;
        this.roles.push(null);
        this.setChild(node, c, next);
      }
      node = next;
    }
    this.roles[node] = roles;
  }

  /** The child of `node` by unit `c`, or -1. */
  child(node: number, c: number): number {
    const mask = this.slotParent.length - 1;
    for (let h = slotHash(node, c) & mask; ; h = (h + 1) & mask) {
      const parent = this.slotParent[h]!;
      if (parent === -1) return -1;
      if (parent === node && this.slotUnit[h] === c) return this.slotChild[h]!;
    }
  }

  private setChild(node: number, c: number, child: number): void {
    // Keep the table at most half full, so probes stay short.
    if ((this.transitions + 1) * 2 > this.slotParent.length) this.grow();
    const mask = this.slotParent.length - 1;
    let h = slotHash(node, c) & mask;
    while (this.slotParent[h] !== -1) h = (h + 1) & mask;
    this.slotParent[h] = node;
    this.slotUnit[h] = c;
    this.slotChild[h] = child;
    this.transitions++;
    if (node >= this.hasChildren.length) {
      const bigger = new Uint8Array(Math.max(node + 1, this.hasChildren.length * 2));
      bigger.set(this.hasChildren);
      this.hasChildren = bigger;
    }
    this.hasChildren[node] = 1;
  }

  private grow(): void {
    const parents = this.slotParent;
    const units = this.slotUnit;
    const children = this.slotChild;
    this.slotParent = new Int32Array(parents.length * 2).fill(-1);
    this.slotUnit = new Int32Array(parents.length * 2);
    this.slotChild = new Int32Array(parents.length * 2);
    this.transitions = 0;
    for (let k = 0; k < parents.length; k++) if (parents[k] !== -1) this.setChild(parents[k]!, units[k]!, children[k]!);
  }
}

function slotHash(node: number, c: number): number {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b);
  return h ^ (h >>> 15);
}

/** A 16-bit hash of two UTF-16 units. */
function pairKey(a: number, b: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b);
  return (h ^ (h >>> 16)) & 0xffff;
}

function allHan(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isHan(s.charCodeAt(i))) return false;
  return true;
}

function emptyRoles(term: string): CueRoles {
  return { term, topics: [], natures: [], polarity: 0, problem: false, negatorScope: 0, pureNegator: false, aspectOnly: false, contrast: false };
}

/** Merges the roles of every lexicon kind this stage reads, for both languages, by normalised term. */
function collectRoles(ctx: AnalyzerContext): Map<string, CueRoles> {
  const byTerm = new Map<string, CueRoles>();
  const get = (term: string): CueRoles => {
    let r = byTerm.get(term);
    if (!r) byTerm.set(term, (r = emptyRoles(term)));
    return r;
  };
  for (const lang of ['zh', 'en'] as LexiconLang[]) {
    for (const e of ctx.lexicons.get(lang, 'topics')) {
      const weight = e.weight ?? 1;
      if (weight > 0) get(e.term).topics.push({ topic: e.topic, index: TOPICS.indexOf(e.topic), weight, problem: weight >= PROBLEM_WEIGHT, term: e.term });
    }
    for (const e of ctx.lexicons.get(lang, 'nature')) {
      const weight = e.weight ?? 1;
      if (weight > 0) get(e.term).natures.push({ nature: e.nature, cue: e.cue ?? defaultCue(e.nature), weight, term: e.term });
    }
    for (const e of ctx.lexicons.get(lang, 'sentiment')) get(e.term).polarity = e.weight;
    const negators = ctx.lexicons.get(lang, 'negators');
    if (negators.length) for (const e of negators) get(e.term).negatorScope = e.scope ?? 3;
    const contrast = ctx.lexicons.get(lang, 'contrast');
    if (contrast.length) for (const e of contrast) get(e.term).contrast = true;
  }
  // Fallbacks only fill languages whose lexicon is empty, so a user's lexicon stays in charge.
  const hasNeg = (lang: LexiconLang) => ctx.lexicons.get(lang, 'negators').length > 0;
  const hasCon = (lang: LexiconLang) => ctx.lexicons.get(lang, 'contrast').length > 0;
  for (const w of FALLBACK_NEGATORS) if (!hasNeg(langOf(w))) get(ctx.text.normalizeTerm(w)).negatorScope ||= 3;
  for (const w of FALLBACK_CONTRAST) if (!hasCon(langOf(w))) get(ctx.text.normalizeTerm(w)).contrast = true;
  return byTerm;
}

function langOf(word: string): LexiconLang {
  return allHan(word) ? 'zh' : 'en';
}

function defaultCue(nature: Nature): string {
  return nature === 'malicious_attack' ? 'abuse' : nature === 'misunderstanding' ? 'gap' : 'experience';
}

/**
 * The segmenter is taught every lexicon term, so a longer term (a sentiment
 * phrase like 物流太慢) comes out as one token and hides the topic cue inside
 * it (物流). Such terms inherit the topic and nature roles of the terms they
 * contain; a positive host term does not inherit problem cues (不掉色).
 */
function inheritInnerCues(byTerm: Map<string, CueRoles>): void {
  const snapshot = [...byTerm.values()].map((r) => ({ term: r.term, topics: [...r.topics], natures: [...r.natures] }));
  const inner = new Map(snapshot.map((s) => [s.term, s]));
  for (const host of byTerm.values()) {
    const s = host.term;
    if (s.length < 3) continue;
    const han = allHan(s);
    for (let a = 0; a < s.length; a++) {
      for (let b = a + 2; b <= s.length; b++) {
        if (b - a === s.length) continue;
        if (!han && !(isWordEdge(s, a - 1) && isWordEdge(s, b))) continue;
        const sub = inner.get(s.slice(a, b));
        if (!sub) continue;
        for (const c of sub.topics) {
          if (host.topics.some((h) => h.topic === c.topic)) continue;
          if (c.problem && host.polarity > 0) continue;
          host.topics.push(c);
        }
        if (host.natures.length === 0 || host.natures.every((n) => n.term !== host.term)) {
          for (const c of sub.natures) if (!host.natures.some((h) => h.nature === c.nature && h.cue === c.cue)) host.natures.push(c);
        }
      }
    }
  }
}

function isWordEdge(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return true;
  const c = s.charCodeAt(i);
  return !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57));
}
