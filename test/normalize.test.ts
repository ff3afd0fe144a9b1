import { describe, expect, it } from 'vitest';
import { normalizeText } from '../src/extend.js';
import { traditionalToSimplified } from '../src/text/converter.js';

const convert = traditionalToSimplified();
const norm = (s: string) => normalizeText(s, convert);

/** Maps a normalised span back and returns the original substring. */
function backToOriginal(original: string, text: string, map: Int32Array, needle: string): string {
  const at = text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  const start = map[at]!;
  const end = map[at + needle.length - 1]! + 1;
  return original.slice(start, end);
}

describe('normalizeText', () => {
  it('folds full-width letters, digits and punctuation (NFKC)', () => {
    const r = norm('ＡＢＣ１２３！＠');
    expect(r.text).toBe('ABC123!@');
    expect(r.signals.some((s) => s.kind === 'fullwidth')).toBe(true);
  });

  it('folds compatibility characters such as circled digits and ligatures', () => {
    expect(norm('①②③').text).toBe('123');
    expect(norm('ﬁne').text).toBe('fine');
  });

  it('converts traditional Chinese to simplified, keeping length', () => {
    const r = norm('這個東西質量很差，發貨太慢');
    expect(r.text).toBe('这个东西质量很差,发货太慢');
    expect(r.signals.some((s) => s.kind === 'traditional')).toBe(true);
  });

  it('leaves simplified text that merely contains 么 or 着 alone', () => {
    expect(norm('为什么这么慢，等着吧').text).toBe('为什么这么慢,等着吧');
  });

  it('removes zero-width characters hidden inside words', () => {
    const r = norm('差\u200b评\u200c垃\ufeff圾');
    expect(r.text).toBe('差评垃圾');
    expect(r.signals.filter((s) => s.kind === 'zero_width').length).toBeGreaterThan(0);
  });

  it('joins spaced-out Chinese characters but keeps spaces between clauses', () => {
    expect(norm('差 评').text).toBe('差评');
    expect(norm('垃 圾 店 铺').text).toBe('垃圾店铺');
    expect(norm('质量很好 物流很快').text).toBe('质量很好 物流很快');
  });

  it('folds repeated punctuation to one mark', () => {
    const r = norm('太差了！！！！');
    expect(r.text).toBe('太差了!');
    const sig = r.signals.find((s) => s.kind === 'repeated_punctuation');
    expect(sig?.count).toBe(3);
    expect(norm('why???').text).toBe('why?');
  });

  it('folds elongated letters to two, but not www', () => {
    expect(norm('soooo baaaad').text).toBe('soo baad');
    expect(norm('哈哈哈哈哈').text).toBe('哈哈');
    expect(norm('www.example.com').text).toBe('www.example.com');
  });

  it('never folds inside a number: repeated digits of a phone number or id survive', () => {
    // ASCII, full-width and circled digits (both fold to ASCII first) and Han numerals.
    expect(norm('电话13988886666').text).toBe('电话13988886666');
    expect(norm('电话１３９８８８８６６６６').text).toBe('电话13988886666');
    expect(norm('①③⑨⑧⑧⑧⑧⑥⑥⑥⑥').text).toBe('13988886666');
    expect(norm('手机一三九八八八八六六六六').text).toBe('手机一三九八八八八六六六六');
    expect(norm('拐拐拐两两两〇〇〇零零零').text).toBe('拐拐拐两两两〇〇〇零零零');
    // Latin letters touching digits are part of an id.
    expect(norm('加v kkkk8899').text).toBe('加v kkkk8899');
    expect(norm('id 8899aaaa').text).toBe('id 8899aaaa');
    // Elongated words next to them still fold.
    expect(norm('好好好好 soooo 13988886666').text).toBe('好好 soo 13988886666');
  });

  it('keeps emoji, including skin tones and ZWJ sequences', () => {
    expect(norm('好评👍🏻👨‍👩‍👧').text).toBe('好评👍🏻👨‍👩‍👧');
  });

  it('replaces lone surrogates with U+FFFD without changing length', () => {
    const r = norm('ab\ud800cd\udc00');
    expect(r.text).toBe('ab\ufffdcd\ufffd');
    expect(r.signals.filter((s) => s.kind === 'invalid_utf16')).toHaveLength(2);
  });

  it('maps every normalised span back to the original text', () => {
    const original = '這 個\u200b質量！！！ ＶＸ：ａｂｃ soooo bad';
    const r = norm(original);
    expect(r.map.length).toBe(r.text.length + 1);
    expect(backToOriginal(original, r.text, r.map, '质量')).toBe('質量');
    expect(backToOriginal(original, r.text, r.map, 'VX:abc')).toBe('ＶＸ：ａｂｃ');
    expect(backToOriginal(original, r.text, r.map, 'bad')).toBe('bad');
    expect(r.map[r.text.length]).toBe(original.length);
    for (let i = 1; i < r.map.length; i++) expect(r.map[i]!).toBeGreaterThanOrEqual(r.map[i - 1]!);
  });

  it('can switch each fold off', () => {
    const r = normalizeText('差 评！！ soooo 這', convert, {
      joinSpacedHan: false,
      foldRepeatedPunctuation: false,
      foldElongation: false,
      traditionalToSimplified: false,
    });
    expect(r.text).toBe('差 评!! soooo 這');
  });

  it('handles empty and whitespace-only text', () => {
    expect(norm('').text).toBe('');
    expect(norm('   \t ').text).toBe(' ');
  });
});

describe('normalizeText: work it skips', () => {
  /** A converter that records its calls and may change only 質 (to 质). */
  function spyConverter() {
    const calls: string[] = [];
    const fn = Object.assign((s: string) => (calls.push(s), s.replace(/質/g, '质')), { affects: (cp: number) => cp === 0x8cea });
    return { fn, calls };
  }

  it('runs the traditional-to-simplified converter only when a character can change', () => {
    const spy = spyConverter();
    // `…`, `①` and `～` are folded by NFKC, but nothing they fold to is convertible.
    expect(normalizeText('好评…①～', spy.fn).text).toBe('好评.1~'); // the three dots then fold as repeated punctuation
    expect(spy.calls).toEqual([]);
    expect(normalizeText('質量…', spy.fn).text).toBe('质量.');
    expect(spy.calls).toHaveLength(1);
  });

  it('maps each position to itself when no offset moves, and past folds when one does', () => {
    const same = normalizeText('质量很好，物流也快！', null);
    expect(same.text).toBe('质量很好,物流也快!');
    expect([...same.map]).toEqual([...Array(same.text.length + 1).keys()]);
    const folded = normalizeText('太差了！！！质量', null);
    expect(folded.text).toBe('太差了!质量');
    expect(folded.map[folded.text.indexOf('质')]).toBe('太差了！！！质量'.indexOf('质'));
    expect(folded.map[folded.text.length]).toBe('太差了！！！质量'.length);
  });

  it('gives each caller its own map, even when no offset moved', () => {
    const a = normalizeText('质量很好', null);
    a.map[1] = 99;
    expect(normalizeText('质量很好', null).map[1]).toBe(1);
  });
});
