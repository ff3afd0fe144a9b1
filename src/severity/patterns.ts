import type { Token, TriageDoc } from '../kernel/doc.js';
import { negationDistance } from '../document/structure.js';
import type { Evidence } from '../types.js';

/**
 * Productive English phrasing the severity lexicon cannot list term by term
 * (issue 12): counts and repetition ("on my third drive", "keeps freezing",
 * "both units died") and a pest or foreign object found in food. Each rule
 * is one statement of TAXONOMY section 4 ("large or repeated losses" are
 * high; health harm is critical), written as a regex over the normalised
 * text. Every gap is a bounded run of one character class and no group
 * repeats another quantifier, so a scan is linear in the text's length.
 */
/** The triggers these rules feed (of ./triggers.ts TRIGGERS; named here so the scanner can import this module). */
type PatternTrigger = 'loss' | 'safety';

interface SeverityPattern {
  /** Evidence rule name. */
  id: string;
  trigger: PatternTrigger;
  weight: number;
  regex: RegExp;
}

/** Ordinals from third up: "second time" alone is too often "second time buying, love it". */
const LATER_ORDINAL = String.raw`(?:third|fourth|fifth|sixth|seventh|3rd|4th|5th|6th|7th)`;
/** Verbs of a product failing (stems: "keeps breaking", "kept crashing", "continues to freeze"). */
const FAILING = String.raw`(?:break|breaking|broke|fail|failing|crash|crashing|freez|froze|die|dying|died|stop|stopp|shut|disconnect|drop|leak|overheat|reboot|restart|fall apart|falling apart|come apart|coming apart|come off|coming off|malfunction|glitch)`;
/** A product dying outright, for "both/all three ... died". */
const DIED = String.raw`(?:broke|broken|breaking|died|failed|failing|stopped working|quit working|froze up|fell apart|burned out|burnt out)`;
/** Food and drink a pest or object can be found in (restaurant and grocery reviews). */
const FOOD = String.raw`(?:food|meal|dish|plate|bowl|soup|salad|sauce|rice|noodles?|pasta|pizza|burger|sandwich|sushi|bread|cake|dessert|drink|coffee|tea|juice|beer|wine|takeout|curry|steak|chicken|fish|fries|omelet|omelette|cereal|snack)`;
const PEST = String.raw`(?:hairs?|bugs?|worms?|maggots?|flies|fly|insects?|roach(?:es)?|cockroach(?:es)?|ants|rats?|droppings|glass|shards?|metal|plastic|band-?aid|staple|stones?|mold|mould)`;

const PATTERNS: readonly SeverityPattern[] = [
  // Repeated replacements: "the fourth replacement" ("on my third pair" is as often a loyal buyer: not counted).
  { id: 'repeated failure: nth replacement', trigger: 'loss', weight: 2, regex: new RegExp(String.raw`\b${LATER_ORDINAL} (?:replacement|repair|return|exchange)s?\b`, 'gi') },
  // A counted time of sending back or failing ("the fourth time I've sent it back"), not of buying again.
  { id: 'repeated failure: nth time', trigger: 'loss', weight: 2, regex: new RegExp(String.raw`\b${LATER_ORDINAL} time\b[^.!?\n]{0,16}?\b(?:sent|send|returned|return|replaced|repaired|fixed|broke|broken|failed|died|stopped|crashed|called|contacted)\b`, 'gi') },
  // A failure that recurs: "keeps breaking", "kept freezing", "continues to crash".
  { id: 'repeated failure: keeps failing', trigger: 'loss', weight: 2, regex: new RegExp(String.raw`\b(?:keeps?|kept|continues to|continued to|keep on) (?:on )?${FAILING}`, 'gi') },
  // Several units failing: "both of them broke", "all three stopped working", "the first two died".
  { id: 'repeated failure: several units', trigger: 'loss', weight: 2, regex: new RegExp(String.raw`\b(?:both|all (?:three|four|five|\d)|the first (?:two|three|one)|two of (?:them|the)|each one)\b[^.!?\n]{0,40}?\b${DIED}`, 'gi') },
  // Repairs or returns counted: "returned it twice", "replaced three times", "sent back multiple times".
  { id: 'repeated failure: counted repairs', trigger: 'loss', weight: 2, regex: /\b(?:replaced|returned|repaired|exchanged|fixed|sent (?:it |them )?back)\b[^.!?\n]{0,20}?\b(?:twice|three times|four times|several times|multiple times|many times|\d+ times)\b/gi },
  // A pest or foreign object in food: "found a maggot in the sauce", "hair in my soup".
  { id: 'contamination: object in food', trigger: 'safety', weight: 2, regex: new RegExp(String.raw`\b${PEST} (?:\w+ )?(?:in|inside|on|baked into|cooked into) [^.!?\n]{0,24}?\b${FOOD}\b`, 'gi') },
];

/** Runs the patterns over a review's normalised text (English-bearing reviews only: the rules are English). */
export function scanSeverityPatterns(doc: TriageDoc, into: { totals: Record<PatternTrigger, number>; evidence: Evidence[] }): void {
  if (!/[A-Za-z]/.test(doc.normalized)) return;
  const text = doc.normalized;
  for (const p of PATTERNS) {
    p.regex.lastIndex = 0;
    // One hit per rule is enough: a repeated failure counted three times is not three losses.
    const m = p.regex.exec(text);
    if (!m || negatedAt(doc.tokens, m.index)) continue;
    into.totals[p.trigger] += p.weight;
    into.evidence.push(doc.spanEvidence(m.index, m.index + m[0].length, { source: 'rule', rule: p.id, weight: p.weight, label: p.trigger }));
  }
}

/** Whether the token starting at `offset` is right after a negator ("never found a hair in my food"), as the lexicon cues' rule. */
function negatedAt(tokens: readonly Token[], offset: number): boolean {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.nStart < offset) lo = mid + 1;
    else hi = mid;
  }
  const t = tokens[lo];
  if (!t) return false;
  const d = negationDistance(t);
  return d === 1 || d === 2;
}
