/**
 * Why a stage decided what it did. `start`/`end` are UTF-16 offsets into the
 * ORIGINAL input text (end exclusive); rules that are not tied to a span
 * (a star rating, a batch campaign) leave them out.
 */
export interface Evidence {
  /** What fired: a lexicon term, a rule name, a model feature. */
  source: 'lexicon' | 'rule' | 'model' | 'metadata' | 'batch';
  /** The term or rule id, e.g. `差评`, `negation`, `rating<=2`. */
  rule: string;
  /** The text span as written in the original input, when span-based. */
  match?: string;
  start?: number;
  end?: number;
  /** Signed contribution to the stage's score, when it has one. */
  weight?: number;
  /** A label this evidence supports (a topic, a nature, a spam kind...). */
  label?: string;
  /** Free-form short explanation for a person. */
  note?: string;
}
