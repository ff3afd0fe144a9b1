import { describe, expect, it } from 'vitest';
import { findContacts } from '../src/spam/index.js';
import { findLures } from '../src/spam/lures.js';
import { normalizeText } from '../src/extend.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const spamOf = (text: string) => defaultAnalyzer().analyze(text).spam;
const isAd = (text: string) => spamOf(text).kinds.includes('advertising');
const contactKinds = (text: string) => findContacts(normalizeText(text, null).text).map((h) => h.kind);

// Each digit script, written from ASCII digits.
const CIRCLED = '⓪①②③④⑤⑥⑦⑧⑨';
const DINGBAT = '⓿❶❷❸❹❺❻❼❽❾';
const SCRIPTS: Record<string, (d: string) => string> = {
  ascii: (d) => d,
  'full-width': (d) => d.replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c))),
  circled: (d) => d.replace(/\d/g, (c) => CIRCLED[Number(c)]!),
  'dingbat circled': (d) => d.replace(/\d/g, (c) => DINGBAT[Number(c)]!),
  'Chinese numerals with 〇': (d) => d.replace(/\d/g, (c) => '〇一二三四五六七八九'[Number(c)]!),
  'Chinese numerals with 零, 幺, 两, 拐': (d) => d.replace(/\d/g, (c) => '零幺两三四五六拐八九'[Number(c)]!),
  'financial numerals': (d) => d.replace(/\d/g, (c) => '零壹贰叁肆伍陆柒捌玖'[Number(c)]!),
};
const SEPARATORS: Record<string, string> = {
  none: '',
  space: ' ',
  dash: '-',
  dot: '.',
  'middle dot': '·',
  underscore: '_',
  slash: '/',
  star: '*',
  bar: '|',
  'Chinese comma': '，',
  'enumeration comma': '、',
  emoji: '🎁',
  heart: '❤',
};
/** Digits in groups of three joined by the separator (every digit split when it is one character wide). */
const split = (digits: string, sep: string) => (sep ? digits.match(/.{1,3}/g)!.join(sep) : digits);

describe('contact ids in any digit script with any separator', () => {
  // Ids with repeated digits inside (888, 0000): the elongation fold must not shorten them.
  const mobile = '13988870000';
  const qq = '284777561';
  const wechatDigits = '5566688';
  for (const [script, write] of Object.entries(SCRIPTS)) {
    for (const [sepName, sep] of Object.entries(SEPARATORS)) {
      it(`phone, ${script}, separator ${sepName}`, () => {
        expect(isAd(`低价转让，有需要的联系${split(write(mobile), sep)}`)).toBe(true);
        // Circled and full-width digits are ASCII after normalisation; the stage reads the disguise off the original.
        expect(contactKinds(`号码 ${split(write(mobile), sep)}`)).toEqual([script === 'ascii' || script === 'full-width' || script === 'circled' ? 'phone' : 'phone_disguised']);
      });
      it(`QQ, ${script}, separator ${sepName}`, () => {
        expect(contactKinds(`扣扣：${split(write(qq), sep)}`)).toContain('qq');
        expect(isAd(`低价出，扣扣：${split(write(qq), sep)}`)).toBe(true);
      });
      it(`WeChat, ${script}, separator ${sepName}`, () => {
        expect(contactKinds(`薇信 ${split(write(wechatDigits), sep)}`)).toContain('wechat');
        expect(isAd(`要同款的加薇信 ${split(write(wechatDigits), sep)}`)).toBe(true);
      });
    }
  }

  it.each([
    ['微.信', '微.信 abc778899'],
    ['薇❤信', '薇❤信：abc778899'],
    ['徽芯', '徽芯 abc778899'],
    ['微亻言', '微亻言 abc778899'],
    ['求微 + digits', '求微 7788991234'],
    ['wei xin', 'wei xin: abc778899'],
  ])('reads the WeChat cue spelled %s', (_name, text) => {
    expect(contactKinds(text)).toContain('wechat');
  });

  it.each([
    ['q.q', 'q.q 52013140'],
    ['抠抠', '抠抠 52013140'],
    ['寇寇', '寇寇：52013140'],
    ['QQ号', 'QQ号 52013140'],
    ['q群', 'q群 52013140'],
  ])('reads the QQ cue spelled %s', (_name, text) => {
    expect(contactKinds(text).some((k) => k === 'qq' || k === 'qq_plain')).toBe(true);
  });

  it.each([
    ['a list of quantities', '买了13，14，15号三天的票，一共三张'],
    ['Chinese numerals in prose', '等了三四天，一二楼都找了'],
    ['a date and a time', '2024-03-15 13:45 下的单'],
    ['an order number with separators', '订单号 1398-8870-0001 还没到'],
  ])('finds no contact in %s', (_name, text) => {
    expect(contactKinds(text).filter((k) => k !== 'number')).toEqual([]);
  });
});

describe('links with or without a scheme', () => {
  it.each([
    ['a bare domain with a new ending and a path', '想要同款的看 cheapdeal.store/item9 领券'],
    ['a bare domain with an unlisted ending and a path', '便宜货都在 outlet.zone/abc 领券'],
    ['a spam-favoured ending alone', '好物推荐 lowprice.top'],
    ['www. without a scheme', '复制链接打开 www.example.cn/q 领优惠券'],
  ])('calls %s advertising', (_name, text) => {
    expect(isAd(text)).toBe(true);
  });

  it.each([
    ['a file name', '说明书上写着看 manual.pdf，没用'],
    ['a shared news link', '新闻也报道了 http://news.example.com/a/1 大家小心'],
  ])('does not call %s advertising', (_name, text) => {
    expect(isAd(text)).toBe(false);
  });
});

describe('chat-ad DM lures as stated rules', () => {
  it.each([
    ['要的私', '金币便宜出，要的私'],
    ['需要的老板滴滴', '点券打折，需要的老板滴滴'],
    ['想要的 + QQ cue', '皮肤低价转，想要的q 778899123'],
    ['要的m我', '月卡处理了，要的m我'],
  ])('%s is advertising on its own', (_name, text) => {
    expect(isAd(text)).toBe(true);
  });

  it.each([
    ['密我 + a plain QQ', '有货，密我，qq 77889911'],
    ['先货 + a plain QQ', '可以先货，qq 77889911'],
    ['滴滴 closing a message + a plain QQ', 'qq 77889911 滴滴'],
  ])('%s is advertising', (_name, text) => {
    expect(isAd(text)).toBe(true);
  });

  it.each([
    ['私人 after 要的', '要的私人定制，店家做不了'],
    ['密码', '需要的密码一直收不到'],
    ['加油', '还要的加油，续航太短'],
    ['contact customer service', '有需要的联系客服就行，售后不错'],
    ['the ride-hailing app', '打了个滴滴去取的快递，东西还行'],
  ])('%s is not a lure', (_name, text) => {
    expect(findLures(normalizeText(text, null).text).filter((h) => h.rule === 'buyer_dm')).toEqual([]);
    expect(isAd(text)).toBe(false);
  });
});
