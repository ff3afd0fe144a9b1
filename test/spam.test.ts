import { describe, expect, it } from 'vitest';
import { createAnalyzer, OptionsError } from '../src/index.js';
import { findContacts } from '../src/spam/index.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const spamOf = (text: string) => defaultAnalyzer().analyze(text).spam;
const isAd = (text: string) => spamOf(text).kinds.includes('advertising');

describe('spam stage: advertising disguises', () => {
  it.each([
    ['WeChat homophone 薇信 + id', '想要同款的加薇信 tb889900 发你图'],
    ['威信 + id', '价格美丽，威信：mm556677'],
    ['V信', '正品低价 V信 shop2024x'],
    ['vx', '私我或者vx：sweetgirl99'],
    ['加v', '有意向的加v abc12345'],
    ['heavy plus + V', '➕V：kk778899 领优惠'],
    ['扣扣', '扣扣 52013140 欢迎咨询'],
    ['q + digits', '比这便宜多了 q 284756193'],
    ['full-width WeChat id', '加薇信ｗｘ６６８８９９'],
    ['zero-width inside the cue', '加薇\u200b信 wx123987'],
  ])('finds %s', (_name, text) => {
    expect(isAd(text)).toBe(true);
  });

  it.each([
    ['spaced mobile number + lure', '有需要的联系 139 1234 5678'],
    ['dashed mobile number + lure', '私聊有货 186-2345-6789'],
    ['full-width digits + lure', '需要的联系１３５１２３４５６７８'],
    ['circled digits', '①③⑧①②③④⑤⑥⑦⑧'],
    ['dingbat circled digits', '❶❸❾❷❷❸❸❹❹❺❺'],
    ['Chinese digits', '电话一三九八七六五四三二一'],
    ['mixed Chinese and Arabic digits', '号码1三8 1二3四 5六7八'],
  ])('finds a phone number: %s', (_name, text) => {
    expect(isAd(text)).toBe(true);
  });

  it.each([
    ['URL with scheme', '低价代购 https://shop.example.cn/abc 快来'],
    ['URL without scheme', '更便宜的在 cheapbuy.top 全网最低'],
    ['spaced dot', '渠道在 mybargain . com 私聊'],
    ['spelled-out dot', '同款去 goodbuy点com 看看，全网最低'],
    ['看我主页', '想要的看我主页，链接在那'],
    ['shop-name plug', '我买的才二十块，搜店铺惠多多旗舰'],
    ['English channel plug', 'Nice song! Come and see my channel, covers every week'],
    ['English subscribe plea', 'please subscribe to me, I upload every day'],
    ['English link', 'great vid https://example.com/free-prizes'],
  ])('finds %s', (_name, text) => {
    expect(isAd(text)).toBe(true);
  });

  it.each([
    ['an order number', '订单号 2023112298765 到现在还没发货，客服也不回'],
    ['a mobile-looking order number', '订单号：13912345678 一直显示待发货'],
    ['Chinese numerals in prose', '等了三四天才到，一二楼都找遍了'],
    ['dates and prices', '2024-03-15 买的，花了 1299 元，用了两周就坏'],
    ['the word 微信 alone', '可以用微信支付，很方便，东西也不错'],
    ['a shared link with no lure', '这件事新闻也报道了 http://news.example.com/a/1 大家小心'],
    ['a plain review', '面料很舒服，尺码标准，物流也快'],
  ])('does not call %s advertising', (_name, text) => {
    expect(isAd(text)).toBe(false);
  });

  it('evidence points at the contact as written in the original text', () => {
    const text = '便宜出，加薇信ｗｘ６６８８９９哦';
    const ev = spamOf(text).evidence.find((e) => e.rule.startsWith('contact:'))!;
    expect(ev).toBeDefined();
    expect(text.slice(ev.start!, ev.end!)).toBe(ev.match);
    expect(ev.match).toContain('ｗｘ６６８８９９');
  });

  it('findContacts reports kinds and normalised offsets', () => {
    const text = 'vx:abc12345 or call 13800138000';
    const hits = findContacts(text);
    expect(hits.map((h) => h.kind)).toEqual(['wechat', 'phone']);
    expect(text.slice(hits[1]!.start, hits[1]!.end)).toBe('13800138000');
  });
});

describe('spam stage: other kinds', () => {
  it.each([
    ['keyboard mash', 'asdfghjkl qwertyuiop'],
    ['consonant mash', 'xkcdvbnmr zzxqwrt'],
    ['only punctuation', '？？？！！！。。。'],
    ['only emoji', '😂😂😂👍👍'],
    ['random rare Han characters', '鬣鼋麤爨齉鼗罍黹'],
  ])('gibberish: %s', (_name, text) => {
    const s = spamOf(text);
    expect(s.kinds).toContain('gibberish');
    expect(s.isSpam).toBe(true);
  });

  it.each([['laughter', 'hahahaha so funny'], ['a real sentence', '屏幕清晰，续航也不错'], ['English review', 'The zipper broke after a week']])(
    'not gibberish: %s',
    (_name, text) => {
      expect(spamOf(text).kinds).not.toContain('gibberish');
    },
  );

  it.each([
    ['repeated praise', '非常好非常好'],
    ['repeated abuse', '垃圾垃圾别买'],
    ['a canned default review', '默认好评'],
    ['generic praise strung together', '很好，不错，满意，推荐'],
  ])('template: %s', (_name, text) => {
    expect(spamOf(text).kinds).toContain('template');
  });

  it.each([['很好'], ['质量不错'], ['非常好，面料很厚实'], ['垃圾，拉链第二天就坏了']])('not template: %s', (text) => {
    expect(spamOf(text).kinds).not.toContain('template');
  });

  it('a template alone is a sign, not spam (score under the threshold)', () => {
    const s = spamOf('垃圾垃圾别买');
    expect(s.isSpam).toBe(false);
    expect(s.score).toBeGreaterThan(0);
    expect(s.score).toBeLessThan(0.5);
  });

  it.each([['抢沙发！路过打卡'], ['first! who is watching this in 2025']])('irrelevant: %s', (text) => {
    expect(spamOf(text).kinds).toContain('irrelevant');
  });

  it('a normal review has no spam signs and cluster null', () => {
    const s = spamOf('鞋子很合脚，走路不累，就是鞋带有点短');
    expect(s).toMatchObject({ isSpam: false, score: 0, kinds: [], cluster: null });
  });

  it('bad or empty input gives the neutral result, not a crash', () => {
    expect(spamOf('')).toMatchObject({ isSpam: false, kinds: [] });
    expect(spamOf('   ')).toMatchObject({ isSpam: false, kinds: [] });
    expect(spamOf('\ud800 broken surrogate')).toMatchObject({ isSpam: false });
  });
});

describe('spam stage: options and lexicons', () => {
  it('rejects unknown and out-of-range options', () => {
    expect(() => createAnalyzer({ stageOptions: { spam: { threshold: 2 } } })).toThrow(OptionsError);
    expect(() => createAnalyzer({ stageOptions: { spam: { treshold: 0.4 } } })).toThrow(OptionsError);
  });

  it('a user lexicon can add a lure and switch a built-in one off', () => {
    const analyzer = createAnalyzer({
      lexicons: [
        {
          kind: 'spam',
          lang: 'zh',
          entries: [
            { term: '找我拿货', kind: 'advertising', weight: 1 },
            { term: '搜店铺', kind: 'advertising', weight: 0 },
          ],
        },
      ],
    });
    expect(defaultAnalyzer().analyze('便宜的找我拿货').spam.kinds).not.toContain('advertising');
    expect(analyzer.analyze('便宜的找我拿货').spam.kinds).toContain('advertising');
    expect(defaultAnalyzer().analyze('搜店铺好物社123').spam.kinds).toContain('advertising');
    expect(analyzer.analyze('搜店铺好物社123').spam.kinds).not.toContain('advertising');
  });

  it('threshold decides isSpam', () => {
    const strict = createAnalyzer({ stageOptions: { spam: { threshold: 0.4 } } });
    expect(strict.analyze('垃圾垃圾别买').spam.isSpam).toBe(true);
  });
});

describe('spam stage: disguises beyond the obvious', () => {
  it.each([
    ['an emoji between cue and id', '想要的 V❤abc12345'],
    ['emoji between digit groups', '私聊 138😀1234😀5678'],
    ['dots between digit groups', '有意者联系 139.8765.4321'],
    ['a full stop as the dot of a link', '更便宜的在 bargainhub。com 私聊'],
    ['a bracketed 点', '渠道 cheapgoods(点)com 全网最低'],
    ['头像 lure + plain WeChat id', '要的戳头像，微信 lucky8899'],
  ])('finds %s', (_name, text) => {
    expect(isAd(text)).toBe(true);
  });

  it('does not join separate numbers in a sentence into a phone number', () => {
    expect(isAd('买了2件，138元一件，1号下单5号到，还行')).toBe(false);
  });
});
