import { readBuiltinLexicons } from '../lexicon/load.js';
import type { LexiconLang } from '../lexicon/schema.js';
import type { AnalyzerContext } from '../context/context.js';
import type { Topic } from '../types.js';

/**
 * The topic and nature terms a caller's lexicon added or changed (compared
 * with the built-in lexicons). Where one occurs, the model does not see its
 * words and the caller's entry decides: a new cue adds its topic, a weight 0
 * takes the topic away, a nature cue sets the nature by the rules.
 */
export class UserCues {
  readonly terms: ReadonlySet<string>;
  private readonly list: string[];
  /** (term, topic) pairs a caller switched off with weight 0. */
  private readonly removed: Array<[string, Topic]>;

  constructor(ctx: AnalyzerContext) {
    const builtin = new Map<string, string>();
    for (const lex of readBuiltinLexicons(ctx.dataDir)) {
      if (lex.kind !== 'topics' && lex.kind !== 'nature') continue;
      for (const e of lex.entries) builtin.set(`${lex.lang}/${lex.kind}/${ctx.text.normalizeTerm(e.term)}`, signature(e));
    }
    const terms = new Set<string>();
    const removed: Array<[string, Topic]> = [];
    for (const lang of ['zh', 'en'] as LexiconLang[]) {
      for (const kind of ['topics', 'nature'] as const) {
        for (const e of ctx.lexicons.get(lang, kind)) {
          if (builtin.get(`${lang}/${kind}/${e.term}`) === signature(e)) continue;
          terms.add(e.term);
          if ('topic' in e && e.weight === 0) removed.push([e.term, e.topic]);
        }
      }
    }
    this.terms = terms;
    this.removed = removed;
    this.list = [...terms].filter((t) => t.length > 0);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** Topics a caller's weight-0 entry switches off for this text (its term occurs in it). */
  removedTopics(text: string): Set<Topic> | null {
    let out: Set<Topic> | null = null;
    for (const [term, topic] of this.removed) if (text.includes(term)) (out ??= new Set()).add(topic);
    return out;
  }

  /** [start, end, ...] of every occurrence of a caller's term in the normalised text, or null. */
  spans(text: string): number[] | null {
    let out: number[] | null = null;
    for (const term of this.list) {
      for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) (out ??= []).push(at, at + term.length);
    }
    return out;
  }
}

function signature(e: object): string {
  const { term: _term, ...rest } = e as { term: string };
  return JSON.stringify(rest, Object.keys(rest).sort());
}
