// Crafted texts that made regex-based scanners rescan a run at every position
// (issue 13). Shared by bench/pathological.bench.mjs and test/linear-time.test.ts.
// Each family is a short unit repeated to `n` characters.

/** Repeats `unit` until the text is exactly `n` UTF-16 units long (never splits a surrogate pair). */
function fill(unit, n) {
  let s = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const last = s.charCodeAt(s.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1) + 'x';
  return s;
}

/** Deterministic keyboard mash: letters, digits and punctuation from a small LCG. */
function mash(n) {
  const keys = 'qwertyuiopasdfghjklzxcvbnm1234567890-_.@:;/+=#';
  let x = 12345;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += keys[x % keys.length];
  }
  return out;
}

export const FAMILIES = {
  'digit-dash': (n) => fill('1-', n),
  'part-numbers': (n) => fill('A1-B2-C3-', n),
  'keyboard-mash': (n) => mash(n),
  'a.a.a.': (n) => fill('a.', n),
  'q1q1': (n) => fill('q1', n),
  'snake_case': (n) => fill('snake_case_', n),
  'url-like': (n) => fill('a.b.c.d.', n),
  'email-like': (n) => fill('a@', n),
  'emoticon-starters': (n) => fill(':', n),
  'long-latin-word': (n) => fill('abcdefghij', n),
  'long-digit-run': (n) => fill('1234567890', n),
  'han-ascii-interleaved': (n) => fill('好a差1退x货.', n),
  'wechat-cue-runs': (n) => fill('加v加v', n),
  'qq-digits': (n) => fill('qq1', n),
  'spaced-dots': (n) => fill('ab . ', n),
  // English severity patterns (src/severity/patterns.ts): their starters repeated with no ending.
  'severity-pattern-starters': (n) => fill('both hair in the third time kept ', n),
  'pest-then-long-word': (n) => 'hair ' + fill('abcdefghij', n - 5),
  'at-words': (n) => fill('@ab', n),
  'hash-runs': (n) => fill('#a', n),
  'plus-v': (n) => fill('+v ', n),
  'emoji-flood': (n) => fill('😀\u200d', n),
  'dot-com-dash': (n) => fill('a-', n),
  'bare-v-runs': (n) => fill('v-', n),
  'apostrophes': (n) => fill("a'", n),
  'spaces-then-dot': (n) => 'ab' + ' '.repeat(n - 6) + '. co',
  'combining-marks': (n) => 'a' + '\u0301'.repeat(n - 1),
  'elongation': (n) => fill('so', 2) + 'o'.repeat(n - 2),
  'negation-runs': (n) => fill('not ', n),
  'han-repeat': (n) => fill('好', n),
};

/**
 * Texts aimed at the reply compliance rules (data/replies/lint-rules.json):
 * cue words repeated without what completes them, and many anchors next to
 * many candidates of the `near` rule. Run through lintReply by
 * test/reply-linear-time.test.ts and bench/pathological.bench.mjs.
 */
export const REPLY_FAMILIES = {
  'delete-cue-runs': (n) => fill('删除', n),
  'ba-review-no-verb': (n) => fill('把差评', n),
  'anchors-and-refunds': (n) => fill('删除评价退款', n),
  'en-anchors-and-refunds': (n) => fill('delete the review refund ', n),
  'order-cue-digits': (n) => fill('订单1', n),
  'digit-capital-words': (n) => fill('1 Ab ', n),
  'courier-words': (n) => fill('courier ', n),
  'address-cue-no-end': (n) => fill('您的地址是', n),
  'email-local-part': (n) => fill('a_', n),
  'bare-domain-labels': (n) => fill('ab.', n),
  'url-without-end': (n) => 'https://' + fill('a', n - 8),
  'never-runs': (n) => fill('never ', n),
  'buyer-phone-cue': (n) => fill('您的手机13812345678', n),
};
