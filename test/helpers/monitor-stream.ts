import type { ReviewInput } from '../../src/index.js';

/**
 * Ten days of reviews of one shop, written for the monitor tests (our own
 * sentences): ordinary praise and complaints with order numbers (so they are
 * not near-duplicates of each other), a smear campaign that starts on day 3,
 * bursts on day 4 and goes on on day 6, an author flooding across midnight
 * of days 5-6, a bad day 8 (rating drop and negative spike), a safety
 * complaint on day 7 and a review full of high-risk terms on day 9.
 */
export const STREAM_START = Date.UTC(2026, 2, 1); // 2026-03-01
const HOUR = 3_600_000;

const PRAISE = [
  '包装很仔细，东西和图片一样，下次还来',
  '客服回复很快，尺码推荐得很准',
  '发货速度超出预期，第二天就拿到了',
  '颜色正，做工扎实，家里人都说好看',
  '性价比不错，用了一周没有任何问题',
  'Arrived early and works exactly as described, happy with it',
  'Great fit and the fabric feels soft, would order again',
];
const COMPLAINT = [
  '收到的时候盒子压坏了，里面的配件少了一个',
  '用了两天就不亮了，联系客服一直没人回',
  '尺码偏小很多，退货流程特别麻烦',
  '味道很刺鼻，放了三天还散不掉，很失望',
  '说好的赠品没有，商家还不承认',
  'The zipper broke on the first day and nobody answers my emails',
  'Color is nothing like the photos, very disappointed with this seller',
];
const CAMPAIGN = '这家店卖的全是残次品，质量差到极点，千万别买，买了就后悔，大家互相转告';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Reviews of day `d` (1-10), in posting order. */
export function dayReviews(d: number): ReviewInput[] {
  const rand = rng(1000 + d);
  const base = STREAM_START + (d - 1) * 24 * HOUR;
  const out: Array<ReviewInput & { at: number }> = [];
  const badShare = d === 8 ? 0.6 : 0.15;
  for (let i = 0; i < 24; i++) {
    const bad = rand() < badShare;
    const pool = bad ? COMPLAINT : PRAISE;
    const text = `${pool[Math.floor(rand() * pool.length)]}，订单${d}${String(i).padStart(2, '0')}${Math.floor(rand() * 900 + 100)}`;
    const at = base + (8 + i * 0.6) * HOUR;
    out.push({ id: `d${d}-${i}`, text, rating: bad ? (rand() < 0.5 ? 1 : 2) : rand() < 0.7 ? 5 : 4, timestamp: iso(at), authorId: `u${d}-${i}`, at });
  }
  const campaign = (n: number, startHour: number, stepMin: number) => {
    for (let k = 0; k < n; k++) {
      const at = base + startHour * HOUR + k * stepMin * 60_000;
      const edit = ['', '！', '！！', '，真的', '。'][k % 5];
      out.push({ id: `c${d}-${k}`, text: CAMPAIGN + edit, rating: 1, timestamp: iso(at), authorId: `shill${d}-${k}`, ip: `10.1.${d}.${k + 2}`, at });
    }
  };
  if (d === 3) campaign(2, 20, 30);
  if (d === 4) campaign(6, 9, 25);
  if (d === 6) campaign(1, 15, 0);
  // One author posting four times in an hour across midnight of days 5-6.
  if (d === 5) for (const m of [23 * 60 + 20, 23 * 60 + 40]) out.push({ id: `n5-${m}`, text: `第${m}分钟补充一下：物流太慢了，一直卡在中转站`, rating: 2, timestamp: iso(base + m * 60_000), authorId: 'night-owl', at: base + m * 60_000 });
  if (d === 6) for (const m of [5, 15]) out.push({ id: `n6-${m}`, text: `凌晨${m}分再说一次：快递员把包裹扔在门口就走了`, rating: 1, timestamp: iso(base + m * 60_000), authorId: 'night-owl', at: base + m * 60_000 });
  if (d === 7) out.push({ id: 'safety-7', text: '孩子用了这款面霜以后脸上起了大片红疹，已经去医院看了，我会向12315投诉', rating: 1, timestamp: iso(base + 13 * HOUR), authorId: 'parent', at: base + 13 * HOUR });
  if (d === 9) out.push({ id: 'risk-9', text: '假货！骗子商家，高仿冒充正品，我已经报警，还要起诉你们', rating: 1, timestamp: iso(base + 11 * HOUR), authorId: 'angry', at: base + 11 * HOUR });
  out.sort((a, b) => a.at - b.at);
  return out.map(({ at: _at, ...r }) => r);
}

/** Days from..to, one array per day. */
export function days(from = 1, to = 10): ReviewInput[][] {
  const out: ReviewInput[][] = [];
  for (let d = from; d <= to; d++) out.push(dayReviews(d));
  return out;
}

/** The end of day `d` (the clock of the run that reads it). */
export function endOfDay(d: number): number {
  return STREAM_START + d * 24 * HOUR - 1;
}
