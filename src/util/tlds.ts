/**
 * Domain endings a bare link (no scheme, no `www.`) may end in, as a regex
 * alternation: the common generic and country endings plus the cheap new
 * endings spam links favour. File extensions (`.jpg`, `.txt`) are not on it,
 * so `photo.jpg` is not a link. A link with a path (`name.anything/...`) or a
 * scheme needs no listed ending (see the tokenizer).
 */
const ENDINGS = [
  // generic and the largest country endings
  'com', 'net', 'org', 'info', 'biz', 'edu', 'gov', 'cn', 'hk', 'tw', 'jp', 'kr', 'uk', 'de', 'fr', 'ru', 'br', 'au', 'ca', 'eu', 'nl',
  // short endings sold as brand hacks
  'cc', 'me', 'io', 'co', 'tv', 'ly', 'gg', 'fm', 'ws', 'tk', 'ml', 'ga', 'cf', 'gq', 'vc', 'pw', 'su',
  // new endings that are not English words
  'top', 'xyz', 'shop', 'store', 'vip', 'link', 'site', 'online', 'club', 'website', 'icu', 'mobi', 'asia', 'wang', 'ren', 'xin', 'kim', 'loan', 'bid',
];
// Endings that are English words (`in`, `it`, `to`, `fun`, `live`, `app`...) are left off: `suitable.In fact`
// with a missing space is not a link. With a path (`name.fun/x`) they are links all the same.

/** Longest first, so the alternation prefers `store` to `st`-anything. */
export const TLD_PATTERN = `(?:${[...new Set(ENDINGS)].sort((a, b) => b.length - a.length).join('|')})`;

/** Endings sold cheaply and favoured by spam links: a link ending in one is advertising on its own in a review. */
export const PROMO_ENDINGS = new Set(['top', 'xyz', 'shop', 'store', 'vip', 'link', 'site', 'online', 'club', 'fun', 'live', 'win', 'click', 'bid', 'icu', 'work', 'loan', 'men', 'party', 'buzz', 'stream', 'download', 'deals', 'sale', 'free', 'money', 'tk', 'ml', 'ga', 'cf', 'gq', 'pw']);
