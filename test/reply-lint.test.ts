import { describe, expect, it } from 'vitest';
import { InputError, lintReply, OptionsError, type LintOptions, type LintRule } from '../src/index.js';
import { unboundedRepetition } from '../src/reply/index.js';
import { thrownBy } from './helpers/errors.js';

// Replies written for these tests. Each row: the reply, options, and the findings as [rule, span text];
// the expected offsets are where the span text first occurs in the reply (or 0..0 for a missing apology).
type Row = [string, LintOptions, Array<[LintRule, string]>];

const VIOLATIONS: Record<LintRule, Row[]> = {
  'ask-to-change-review': [
    ['麻烦您把这条差评删掉，谢谢', {}, [['ask-to-change-review', '把这条差评删']]],
    ['您看能不能修改一下评价呢', {}, [['ask-to-change-review', '修改一下评价']]],
    ['希望您能改成五星好评', {}, [['ask-to-change-review', '改成五星好评']]],
    ['Could you please remove your negative review?', {}, [['ask-to-change-review', 'remove your negative review']]],
    ['We would love it if you could change your rating.', {}, [['ask-to-change-review', 'change your rating']]],
  ],
  'incentive-for-review': [
    ['追评晒图返现十元', {}, [['incentive-for-review', '晒图返现']]],
    ['给您发个红包，麻烦删除差评', {}, [['incentive-for-review', '红包'], ['ask-to-change-review', '删除差评']]],
    ['您把评价改一下，我们就给您退款', {}, [['ask-to-change-review', '把评价改'], ['incentive-for-review', '退款']]],
    ['We offer cashback for a five-star review.', {}, [['incentive-for-review', 'cashback'], ['incentive-for-review', 'for a five-star review']]],
    ['If you delete the review we will refund you in full.', {}, [['ask-to-change-review', 'delete the review'], ['incentive-for-review', 'refund']]],
  ],
  'off-platform-contact': [
    ['有问题请加我微信 shop8866 联系', {}, [['off-platform-contact', '加我微信 shop8866']]],
    ['售后请拨打 400-123-4567', {}, [['off-platform-contact', '400-123-4567']]],
    ['客服QQ 12345678 随时在线', {}, [['off-platform-contact', 'QQ 12345678']]],
    ['Text us directly on WhatsApp or visit www.deal-outlet.net', {}, [['off-platform-contact', 'Text us directly'], ['off-platform-contact', 'WhatsApp'], ['off-platform-contact', 'www.deal-outlet.net']]],
    ['Email us at care@pinegoods.io', {}, [['off-platform-contact', 'Email us at'], ['off-platform-contact', 'care@pinegoods.io']]],
    ['See https://help.taobao.com/returns for the steps', {}, [['off-platform-contact', 'https://help.taobao.com/returns']]],
  ],
  'buyer-data': [
    ['已经按您的手机13912345678联系过了', {}, [['buyer-data', '13912345678']]],
    ['您的订单号 2025010855512345 已经处理', {}, [['buyer-data', '订单号 2025010855512345']]],
    ['收件：西湖区文三路88号', {}, [['buyer-data', '西湖区文三路88号']]],
    ['We shipped it to 42 Maple Street as you asked.', {}, [['buyer-data', '42 Maple Street']]],
    ['Your order #TR20250108 was refunded.', {}, [['buyer-data', 'order #TR20250108']]],
    ['We called your phone number 13712345678 twice.', {}, [['buyer-data', '13712345678']]],
  ],
  'blame-shifting': [
    ['这个是快递的问题，跟我们没关系', {}, [['blame-shifting', '快递的问题'], ['blame-shifting', '跟我们没关系']]],
    ['破损是快递员摔的', {}, [['blame-shifting', '是快递员摔']]],
    ['这不是我们的责任', {}, [['blame-shifting', '不是我们的责任']]],
    ["The delay was the carrier's fault, not ours.", {}, [['blame-shifting', "the carrier's fault"]]],
    ['Honestly this is not our fault.', {}, [['blame-shifting', 'not our fault']]],
  ],
  'missing-apology': [
    ['我们会给您换一个新的。', { nature: 'genuine_complaint' }, [['missing-apology', '']]],
    ['We will send a new one.', { nature: 'genuine_complaint' }, [['missing-apology', '']]],
  ],
  'unverifiable-promise': [
    ['我们保证以后不会再出现', {}, [['unverifiable-promise', '保证以后不会再出现']]],
    ['百分百正品', {}, [['unverifiable-promise', '百分百']]],
    ['We guarantee it will never happen again.', {}, [['unverifiable-promise', 'guarantee'], ['unverifiable-promise', 'will never happen again']]],
    ['100% satisfaction for every customer', {}, [['unverifiable-promise', '100%']]],
  ],
};

const expected = (text: string, spans: Array<[LintRule, string]>) =>
  spans.map(([rule, match]) => {
    const start = match === '' ? 0 : text.indexOf(match);
    expect(start, `"${match}" is in "${text}"`).toBeGreaterThanOrEqual(0);
    return { rule, start, end: start + match.length, match };
  });

describe('lintReply finds each class of violation with its span', () => {
  for (const [rule, rows] of Object.entries(VIOLATIONS)) {
    it(`${rule}: in Chinese and in English`, () => {
      expect(rows.some(([t]) => /\p{Script=Han}/u.test(t))).toBe(true);
      expect(rows.some(([t]) => !/\p{Script=Han}/u.test(t))).toBe(true);
    });
    it.each(rows)(`${rule}: %s`, (text, options, spans) => {
      const r = lintReply(text, options);
      expect(r.findings.map(({ rule: id, start, end, match }) => ({ rule: id, start, end, match }))).toEqual(expected(text, spans));
      expect(r.ok).toBe(false);
      for (const f of r.findings) expect(f.reason.length).toBeGreaterThan(5);
    });
  }
});

describe('clean replies pass', () => {
  it.each<[string, LintOptions]>([
    ['非常抱歉给您添麻烦了，我们会为您补发一件新的，运费由我们承担。', { nature: 'genuine_complaint' }],
    ['感谢您的评价，我们会继续改进包装。', {}],
    ['订单页可以查看物流进度，如有疑问请联系在线客服。', { nature: 'misunderstanding' }],
    ['We are sorry about the scratch. A replacement is on its way, and you can reach us from your order page any time.', { nature: 'genuine_complaint' }],
    ['Thanks for your review; we have passed your notes to the packing team.', {}],
    ['Sorry for the trouble. We will issue a 100% refund once the parcel is back.', { nature: 'genuine_complaint' }],
    ['Sorry! You can start a return at https://www.amazon.com/returns', { nature: 'genuine_complaint', platform: 'amazon' }],
    ['抱歉，退货步骤见 https://help.taobao.com/returns', { nature: 'genuine_complaint', platform: 'Taobao' }],
    ['Sorry, the steps are on https://support.pinegoods.io/returns', { nature: 'genuine_complaint', allowedDomains: ['pinegoods.io'] }],
    ['我们会给您换一个新的。', { nature: 'misunderstanding' }],
    ['如果是我们的问题，我们一定负责到底。抱歉！', { nature: 'genuine_complaint' }],
  ])('%s', (text, options) => {
    expect(lintReply(text, options)).toEqual({ ok: true, locale: /\p{Script=Han}/u.test(text) ? 'zh' : 'en', findings: [] });
  });
});

describe('spans are UTF-16 offsets into the reply as written', () => {
  it.each<[string, LintRule, string]>([
    ['請把差評刪掉吧', 'ask-to-change-review', '把差評刪'],
    ['😀😀 Please update your review', 'ask-to-change-review', 'update your review'],
    ['客服電話１３８１２３４５６７８', 'off-platform-contact', '１３８１２３４５６７８'],
    ['我们  保证', 'unverifiable-promise', '保证'],
  ])('%s', (text, rule, match) => {
    expect(lintReply(text).findings.map((f) => [f.rule, f.start, f.end, f.match])).toEqual([[rule, text.indexOf(match), text.indexOf(match) + match.length, match]]);
  });
});

describe('options and bad input', () => {
  it('the locale sets the language of the reasons; by default it follows the reply', () => {
    const zh = lintReply('不是我们的问题');
    const en = lintReply('不是我们的问题', { locale: 'en' });
    expect(zh.locale).toBe('zh');
    expect(en.locale).toBe('en');
    expect(zh.findings[0]!.reason).toMatch(/\p{Script=Han}/u);
    expect(en.findings[0]!.reason).not.toMatch(/\p{Script=Han}/u);
    expect(lintReply('not our fault').locale).toBe('en');
  });

  it('disable skips rules by id', () => {
    expect(lintReply('红包 and not our fault', { disable: ['incentive-for-review'] }).findings.map((f) => f.rule)).toEqual(['blame-shifting']);
  });

  it('unknown options, a bad nature and a non-string reply are typed errors', () => {
    expect(thrownBy(OptionsError, () => lintReply('hi', { plattform: 'jd' } as never)).message).toMatch(/plattform/);
    expect(() => lintReply('hi', { nature: 'angry' } as never)).toThrow(OptionsError);
    expect(() => lintReply(42 as never)).toThrow(InputError);
    expect(lintReply('')).toEqual({ ok: true, locale: 'en', findings: [] });
  });
});

describe('rule patterns stay linear', () => {
  it('only bounded repetition and no backreference is accepted', () => {
    for (const bad of ['\\bword', 'a+', '(?:ab)*', 'x{2,}', '(a)\\1', '(?<n>a)\\k<n>', 'a{0,3}b+']) expect(unboundedRepetition(bad), bad).not.toBeNull();
    for (const ok of ['[+*]', '\\+\\*', 'a{1,3}', '(?:ab){0,2}?', '\\d{4}', 'x{3}']) expect(unboundedRepetition(ok), ok).toBeNull();
  });
});
