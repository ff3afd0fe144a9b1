// Advertising disguises written for this bench (not the ones campaigns.mjs plants): contact ids in
// every digit script with any separators, after many spellings of the cue word, links with and
// without a scheme beside many kinds of lure, and chat-style DM lures. Each ad is built from one
// independent draw per part, so the bench covers the combinations, not a fixed list of sentences.
// Used by bench/ads.bench.mjs.

export function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

const CIRCLED = ['⓪', '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'];
const DINGBAT = ['⓿', '❶', '❷', '❸', '❹', '❺', '❻', '❼', '❽', '❾'];
const HAN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const HAN_ALT = ['〇', '幺', '两', '三', '四', '五', '六', '拐', '八', '九'];
const UPPER = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/** Writes an ASCII digit string in one script. */
export const SCRIPTS = {
  ascii: (d) => d,
  fullwidth: (d) => d.replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c))),
  circled: (d) => d.replace(/\d/g, (c) => CIRCLED[Number(c)]),
  dingbat: (d) => d.replace(/\d/g, (c) => DINGBAT[Number(c)]),
  han: (d) => d.replace(/\d/g, (c) => HAN[Number(c)]),
  hanAlt: (d) => d.replace(/\d/g, (c) => HAN_ALT[Number(c)]),
  upper: (d) => d.replace(/\d/g, (c) => UPPER[Number(c)]),
};

/** Separators put between digit groups (or between every digit). */
export const SEPARATORS = ['', ' ', '-', '.', '·', '_', '/', '*', '~', '|', '，', '、', '💰', '❤', '  '];

/** Splits a digit string into groups (phone-style 3-4-4, pairs, or single digits) joined by `sep`. */
function separate(r, digits, sep) {
  if (!sep) return digits;
  const style = r();
  if (style < 0.4 && digits.length === 11) return [digits.slice(0, 3), digits.slice(3, 7), digits.slice(7)].join(sep);
  if (style < 0.7) return digits.match(/.{1,3}/g).join(sep);
  return [...digits].join(sep);
}

const digitsOf = (r, n, first = '') => first + Array.from({ length: n - first.length }, () => Math.floor(r() * 10)).join('');
/** Ids with runs of one repeated digit (888, 0000): what the elongation fold used to shorten. */
function withRepeats(r, id) {
  if (r() < 0.5) return id;
  const at = 3 + Math.floor(r() * (id.length - 6));
  const d = id[at];
  return id.slice(0, at) + d.repeat(4) + id.slice(at + 4);
}

const WECHAT_CUES = ['微信', '薇信', '威信', '徽信', '维信', 'V信', 'v信', 'VX', 'vx', 'wx', 'WX', '加V', '加v', '+v', '➕V', '加微', '加薇', '威', '薇', 'weixin', '卫信', '微.信', '徽芯', '微亻言'];
const QQ_CUES = ['QQ', 'qq', '扣扣', 'Q', 'q', '企鹅', '抠抠', '寇寇', 'Q.Q', '加q', '+q', '球球', 'QQ号'];
const PHONE_CUES = ['电话', '手机', '联系', 'tel', '打', '手机号', '电', '', ''];
const GAPS = ['', ' ', ':', '：', '号', '是', ' : ', '❤', '→'];

const LURES_BEFORE = ['要的私', '密我', '滴滴我', '有需要的老板', '先货，要的加', '低价出，', '需要的朋友', '私聊', '要的速度', '便宜出', '诚信交易', '同款便宜', '想要的', '全网最低', '正品代购', '有货', ''];
const LURES_AFTER = ['', ' 先货', ' 要的私', ' 密我', ' 滴滴', ' 便宜', ' 拿货', '，价格美丽', ' 备注来意', ' 秒回'];

function contactAd(r) {
  const kind = pick(r, ['wechat', 'qq', 'phone']);
  const script = pick(r, Object.keys(SCRIPTS));
  const sep = pick(r, SEPARATORS);
  let id;
  let cue;
  if (kind === 'phone') {
    id = withRepeats(r, digitsOf(r, 11, '1' + pick(r, ['3', '5', '7', '8', '9'])));
    cue = pick(r, PHONE_CUES);
  } else if (kind === 'qq') {
    id = withRepeats(r, digitsOf(r, 5 + Math.floor(r() * 6), String(1 + Math.floor(r() * 9))));
    cue = pick(r, QQ_CUES);
  } else {
    // A WeChat id: digits only (in any script), or letters then digits.
    const letters = r() < 0.5 ? pick(r, ['', 'abc', 'wx', 'tb', 'mm', 'kk', 'shop']) : '';
    id = withRepeats(r, digitsOf(r, 6 + Math.floor(r() * 5)));
    cue = pick(r, WECHAT_CUES);
    const written = letters + separate(r, SCRIPTS[letters ? 'ascii' : script](id), letters ? '' : sep);
    return { text: `${pick(r, LURES_BEFORE)}${cue}${pick(r, GAPS)}${written}${pick(r, LURES_AFTER)}`, kind, script: letters ? 'ascii' : script, sep: letters ? '' : sep };
  }
  const written = separate(r, SCRIPTS[script](id), sep);
  return { text: `${pick(r, LURES_BEFORE)}${cue}${pick(r, GAPS)}${written}${pick(r, LURES_AFTER)}`, kind, script, sep };
}

const LINK_LURES = ['复制链接打开领券', '点开有惊喜', '戳链接看同款', '浏览器打开', '领取优惠券', '限时福利', '免费领取', '更多低价', '拿货价', '注册送红包', '同款在这', '私人渠道', '内部优惠', '扫码进群'];
const HOSTS = ['t.cn', 'dwz.cn', 'u.to', 'bit.ly', 'goodbuy.shop', 'mall-deal.top', 'cheap88.xyz', 'lowprice.store', 'tb-outlet.club', 'quan.vip', 'get-coupon.site', 'youhui.online', 'best-buy.fun', 'k8k8.win', 'qiang.live', 'haohuo.app'];

function linkAd(r) {
  const host = pick(r, HOSTS);
  const path = r() < 0.7 ? `/${digitsOf(r, 4 + Math.floor(r() * 4))}${pick(r, ['', 'a', 'Xy'])}` : '';
  const scheme = pick(r, ['https://', 'http://', 'www.', '', '']);
  const link = `${scheme}${host}${path}`;
  const lure = pick(r, LINK_LURES);
  return { text: r() < 0.5 ? `${lure} ${link}` : `${link} ${lure}`, kind: 'url', script: '', sep: scheme ? 'scheme' : 'bare' };
}

const TRADE = ['元宝', '点券', '钻石', '皮肤', '会员', '账号', '代练', '金币', '月卡', '低价处理'];
function slangAd(r) {
  const lure = pick(r, ['要的私', '密我', '滴滴我', '要的老板滴滴', '需要的私我', '要的m我', '先货，要的密']);
  const n = Math.floor(r() * 900 + 100);
  const contact = r() < 0.5 ? ` q${digitsOf(r, 9, String(1 + Math.floor(r() * 9)))}` : '';
  return { text: `${n}${pick(r, TRADE)}${pick(r, ['便宜出', '低价出', '甩了', '出售'])}，${lure}${contact}`, kind: 'slang', script: '', sep: contact ? 'q' : '' };
}

/** `n` disguised ads, deterministic per seed: contact ids (60%), links (25%), chat slang (15%). */
export function disguisedAds(n, seed = 17) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    out.push(x < 0.6 ? contactAd(r) : x < 0.85 ? linkAd(r) : slangAd(r));
  }
  return out;
}
