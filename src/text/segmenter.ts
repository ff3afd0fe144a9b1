import { createRequire } from 'node:module';
import { moduleFile } from '../util/module-file.js';
import { ReviewTriageError } from '../kernel/errors.js';

/**
 * Splits a run of Chinese characters into words. The pieces must concatenate
 * back to the input (the tokenizer checks, and realigns if not).
 *
 * An analyzer teaches its segmenter the multi-character Chinese lexicon
 * terms so they come out whole. `withWords` returns a segmenter that knows
 * them and leaves this one unchanged: each analyzer then has a dictionary of
 * its own, and no analyzer's lexicon changes another's tokens. A segmenter
 * with only `addWord` is taught in place (give each analyzer its own); one
 * with neither is used as it is.
 */
export interface Segmenter {
  readonly name: string;
  cut(text: string): string[];
  withWords?(words: readonly string[]): Segmenter;
  /** Teaches the word to this very segmenter (it changes every analyzer that shares it). */
  addWord?(word: string): void;
}

/** Names of the built-in segmenters, for `createAnalyzer({ segmenter: 'nodejieba' })`. */
export const SEGMENTER_NAMES = ['jieba', 'nodejieba'] as const;
export type SegmenterName = (typeof SEGMENTER_NAMES)[number];

const require = createRequire(moduleFile());

interface JiebaInstance {
  cut(text: string, hmm?: boolean): string[];
  loadDict(dict: Uint8Array): void;
}
interface NodeRsJieba {
  Jieba: { withDict(dict: Uint8Array): JiebaInstance };
}

/**
 * Frequency given to a taught word: the dictionary's median (3), which is
 * what nodejieba gives user words (cppjieba's default median weight). The
 * lexicons were tuned on that segmentation: on dev shopping reviews it makes
 * jieba-rs agree with taught nodejieba on 78% of reviews exactly and 98.8% of
 * tokens, against 14% and 91.5% with a frequency of 2000.
 */
const TAUGHT_FREQUENCY = 3;

let rsModule: NodeRsJieba | null = null;
let rsDict: Uint8Array | null = null;
/** One jieba instance per distinct set of taught words: analyzers with the same lexicons share it. */
const rsInstances = new Map<string, JiebaInstance>();

function loadNodeRs(): { mod: NodeRsJieba; dict: Uint8Array } {
  if (!rsModule || !rsDict) {
    try {
      rsModule = require('@node-rs/jieba') as NodeRsJieba;
      rsDict = (require('@node-rs/jieba/dict.js') as { dict: Uint8Array }).dict;
    } catch (cause) {
      throw new ReviewTriageError(
        'SEGMENTER',
        `@node-rs/jieba could not be loaded (${(cause as Error).message}). Reinstall the package (its prebuilt binary is an optional dependency for your platform), use segmenter: 'nodejieba' after "npm install nodejieba", or pass your own: createAnalyzer({ segmenter: { name, cut } }).`,
        { cause },
      );
    }
  }
  return { mod: rsModule, dict: rsDict };
}

function rsInstance(words: readonly string[]): JiebaInstance {
  const sorted = [...new Set(words)].sort();
  const key = sorted.join('\n');
  let j = rsInstances.get(key);
  if (!j) {
    const { mod, dict } = loadNodeRs();
    j = mod.Jieba.withDict(dict);
    if (sorted.length) j.loadDict(Buffer.from(sorted.map((w) => `${w} ${TAUGHT_FREQUENCY}`).join('\n') + '\n'));
    j.cut('初始化', false); // builds its tables now, not on the first review
    rsInstances.set(key, j);
  }
  return j;
}

function jiebaWith(words: readonly string[]): Segmenter {
  const j = rsInstance(words);
  return {
    name: 'jieba',
    // No HMM for unknown words: lexicon terms are in the dictionary, and it is faster.
    cut: (text) => j.cut(text, false),
    withWords: (more) => jiebaWith([...words, ...more]),
  };
}

/**
 * The default segmenter: jieba-rs through @node-rs/jieba (a prebuilt binary,
 * no compiler needed), with a dictionary per set of taught words.
 */
export function jiebaSegmenter(): Segmenter {
  return jiebaWith([]);
}

interface NodeJieba {
  cut(text: string, hmm?: boolean): string[];
}
let nodejieba: NodeJieba | null = null;

/**
 * nodejieba (an optional peer dependency the user installs; compiled from source).
 * Its dictionary is process-global, so it is never taught lexicon terms:
 * doing so would change every other analyzer's tokens. Multi-character
 * terms still match as token sequences (see PhraseMatcher).
 */
export function nodejiebaSegmenter(): Segmenter {
  if (!nodejieba) {
    try {
      nodejieba = require('nodejieba') as NodeJieba;
      nodejieba.cut('初始化'); // loads the dictionaries now, not on the first review
    } catch (cause) {
      throw new ReviewTriageError(
        'SEGMENTER',
        `nodejieba could not be loaded (${(cause as Error).message}). Install it ("npm install nodejieba @mapbox/node-pre-gyp", which needs a C++ compiler) or rebuild it ("npm rebuild nodejieba"), or use the default segmenter.`,
        { cause },
      );
    }
  }
  const j = nodejieba;
  return { name: 'nodejieba', cut: (text) => j.cut(text) };
}

/** A built-in segmenter by name. */
export function builtinSegmenter(name: SegmenterName): Segmenter {
  return name === 'nodejieba' ? nodejiebaSegmenter() : jiebaSegmenter();
}
