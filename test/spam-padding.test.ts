import { describe, expect, it } from 'vitest';
import { findContacts } from '../src/spam/index.js';
import { findContactsThroughPadding, paddingView } from '../src/spam/unpad.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

/** Contact evidence of a review: [rule, start, end, match]. */
function contacts(text: string) {
  return defaultAnalyzer()
    .analyze({ text })
    .spam.evidence.filter((e) => e.rule.startsWith('contact:'));
}

/** Puts `pad` between every character (code point) of `s`. */
const padded = (s: string, pad: string) => [...s].join(pad);

// Lures in the shapes advertisers use; each is detected unpadded (checked below).
const LURES = ['加微信abc1234', '加薇信 tb889900 发你图', '威信：mm556677', 'V信 shop2024x', '扣扣 52013140', 'qq 284756193', '电话13812345678', '加v abc12345'];
const PADS = ['🌟', '.', '❤', '★', '~', '·', '👍🏽', '|'];

describe('spam: contact lures padded between every character (issue 13)', () => {
  it.each(LURES)('%s is found with and without padding, and evidence slices the padded original', (lure) => {
    expect(contacts(lure).length, 'unpadded lure must be a contact').toBeGreaterThan(0);
    for (const pad of PADS) {
      const text = padded(lure, pad);
      const found = contacts(text);
      expect(found.length, `padded with ${pad}: ${text}`).toBeGreaterThan(0);
      for (const e of found) expect(text.slice(e.start!, e.end!)).toBe(e.match);
      // The id is inside the matched span, padding and all.
      const digits = lure.match(/\d/g)!.join('');
      expect(found.some((e) => e.match!.replace(/\D/g, '').includes(digits)), `${text}: ${JSON.stringify(found)}`).toBe(true);
    }
  });

  it('padding between the cue and the id counts too (`加🌟微🌟信🌟a🌟b🌟c1234`)', () => {
    const text = '加🌟微🌟信🌟a🌟b🌟c1234';
    const [hit] = contacts(text);
    expect(hit?.rule).toBe('contact:wechat_plain');
    expect(hit?.match).toBe('微🌟信🌟a🌟b🌟c1234');
  });

  it('the other stages keep seeing the padded text: only the contact detectors use the view', () => {
    const text = padded('质量太差了退款', '🌟');
    const a = defaultAnalyzer().analyze({ text });
    expect(a.text).toBe(text);
    // Sentiment evidence still points at single characters of the padded text, not at joined words.
    for (const e of a.sentiment.evidence) if (e.match !== undefined) expect(e.match).toBe(text.slice(e.start!, e.end!));
  });

  it('leaves ordinary text alone: no view, and the same hits as the plain detector', () => {
    const ordinary = [
      '物流很快，包装完好，客服态度也不错，下次还来。',
      'The U.S.A. version shipped in 3-5 days; order #12345678, call 400-123-4567.',
      '第1、2、3点都说了，订单号 2024060112345',
      'v1.2.3 works, but the 2.0 update broke it.',
      '好评！好评！好评！',
      'chapters 13, 14, 15, 16 and the 9:02, 12/15/75 entry',
    ];
    for (const text of ordinary) {
      expect(paddingView(text), text).toBeNull();
      expect(findContactsThroughPadding(text)).toEqual(findContacts(text));
    }
  });

  it('maps every view offset back to the character it came from', () => {
    const text = 'hello 加🌟微🌟信🌟a🌟b🌟c1234 world';
    const view = paddingView(text)!;
    expect(view.text).toBe('hello 加微信abc1234 world');
    for (let i = 0; i < view.text.length; i++) expect(text[view.map[i]!]).toBe(view.text[i]);
    expect(view.map[view.text.length]).toBe(text.length);
  });
});
