// Writes examples/reviews.jsonl: an invented shop's reviews over ten days, for the report example
// (`review-triage report examples/reviews.jsonl -o report.html`). Every sentence here was written
// for this file. Deterministic: the same script always writes the same file.
//   node examples/make-reviews.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let seed = 20260315;
/** Small deterministic PRNG (mulberry32), so the file does not change between runs. */
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(rand() * list.length)];

// Reviews are put together from parts (product, what happened, a detail, a closing) so that
// ordinary customers do not write near-copies of each other; only the campaign below does.
const products = {
  zh: ['这件卫衣', '这条牛仔裤', '保温杯', '蓝牙耳机', '面霜', '儿童雨靴', '帆布包', '台灯', '零食礼盒', '运动袜'],
  en: ['The hoodie', 'These jeans', 'The travel mug', 'My new earbuds', 'The face cream', 'The kids rain boots', 'This tote bag', 'The desk lamp'],
};
const clauses = {
  praise: {
    zh: ['质量很好', '做工精细', '颜色和图片一样', '穿着很舒服', '性价比很高', '味道不错', '尺码标准', '音质清楚', '物流也快', '包装完好',
      '客服很耐心', '比实体店便宜', '没有异味', '送了小礼物', '非常满意', '推荐购买', '会再来回购', '家里人都喜欢', '值这个价', '第二天就到了',
      '面料柔软透气', '保温效果很好', '灯光柔和不刺眼', '孩子很喜欢', '容量刚好', '拉链很顺滑', '洗了几次也不掉色', '续航能用一整天', '小巧方便携带', '老公说比上次买的好'],
    en: ['the quality is excellent', 'it looks exactly as pictured', 'it is very comfortable', 'the stitching is neat', 'it was good value', 'delivery was quick',
      'the packaging was tidy', 'support was friendly', 'there is no smell at all', 'it fits true to size', 'I would buy again', 'my sister loved it',
      'the battery lasts all day', 'it keeps coffee hot for hours', 'the light is soft on the eyes', 'the zip runs smoothly', 'the colour survived many washes',
      'it is light enough for travel', 'the kids wear them every day', 'it arrived a day early'],
  },
  neutral: {
    zh: ['收到了还没用', '中规中矩吧', '凑合能用', '看着还可以', '用久了再来评价', '和预期差不多', '价格一般般', '包装普通', '没什么特别的'],
    en: ['it is okay', 'nothing special', 'have not tried it yet', 'it does the job', 'will update later', 'about what I expected', 'the box was plain'],
  },
  complaint: {
    zh: ['穿了{d}次就开线', '洗了一次就严重缩水', '用了{d}天就坏了', '做工粗糙线头很多', '有一股很重的味道', '快递等了{d}天才到', '盒子都压坏了',
      '物流显示签收了但我根本没收到', '发错了颜色', '收到的和图片完全不一样，货不对板', '客服问了{d}次都不回复', '客服一直推脱', '申请退款被拒绝了',
      '说好的赠品也没有', '拉链第一天就卡住了', '杯盖漏水弄湿了包', '耳机左边没声音', '尺码偏小两号', '表面有划痕', '充电口接触不良'],
    en: ['the seam split after {d} wears', 'it shrank badly after one wash', 'it broke after {d} days', 'the finish is rough and cheap', 'it smells of chemicals',
      'shipping took {d} days', 'the box was crushed', 'the colour is nothing like the photos', 'tracking says delivered but nothing came', 'support ignored my {d} messages',
      'the seller keeps making excuses', 'my refund request was refused', 'the lid leaks', 'the left earbud is silent', 'it runs two sizes small', 'it came scratched'],
  },
  closing: {
    zh: ['要求退货', '差评', '很失望', '再也不买了', '希望商家给个说法', '不推荐'],
    en: ['I want a refund.', 'Very disappointed.', 'Never again.', 'Avoid.', 'Not recommended.'],
  },
};
// Harm and counterfeit claims, told with details of the complaint: the queue must put these first.
const harm = {
  zh: ['用了以后脸上过敏起红疹，已经去医院了', '是假货吧，和专柜的完全不一样，骗子店铺', '孩子用了起了一身疹子，去医院花了{d}百块', '吃了以后拉肚子{d}天', '充电时冒烟差点着火'],
  en: ['gave my son a rash and we had to see a doctor', 'is a fake, not the genuine brand at all', 'made me sick for {d} days', 'overheated and started smoking while charging'],
};
const threat = {
  zh: ['要投诉到12315', '我要去消协投诉', '准备起诉', '已经报警了'],
  en: ['I am reporting this to the FDA.', 'I am calling my lawyer.', 'I will report this scam to the police.'],
};
const fillIn = (s, lang) => s.replace('{d}', String(2 + Math.floor(rand() * 8))).replace('{p}', pick(products[lang]));
/** `k` different clauses of a pool, in random order. */
function some(list, k) {
  const copy = [...list];
  const out = [];
  while (out.length < k && copy.length) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]);
  return out;
}
function compose(kind, lang) {
  const sep = lang === 'zh' ? '，' : ', ';
  const product = pick(products[lang]);
  if (kind === 'critical') {
    const detail = some(clauses.complaint[lang], 1 + Math.floor(rand() * 2)).map((c) => fillIn(c, lang)).join(sep);
    return lang === 'zh' ? `${product}${fillIn(pick(harm.zh), 'zh')}，${detail}，${pick(threat.zh)}` : `${product} ${fillIn(pick(harm.en), 'en')}, ${detail}. ${pick(threat.en)}`;
  }
  const k = 3 + Math.floor(rand() * 2);
  let body = some(clauses[kind][lang], k).map((c) => fillIn(c, lang)).join(sep);
  if (kind === 'complaint') body += (lang === 'zh' ? '，' : '. ') + pick(clauses.closing[lang]);
  // Only some customers name the product, so the name does not make reviews look alike.
  if (rand() < 0.6) return lang === 'zh' ? body : body[0].toUpperCase() + body.slice(1) + (kind === 'complaint' ? '' : '.');
  return lang === 'zh' ? `${product}${body}` : `${product}: ${body}${kind === 'complaint' ? '' : '.'}`;
}

const campaignBase = '垃圾店铺，东西是假货，大家千万别买，已经举报了';
const campaignEdits = ['', '！', '！！', '，气死了', '。', '，避雷', '，千万别上当'];
const ads = [
  '加微信 shop8899 领优惠券，全场五折，私聊有惊喜',
  '兼职刷单日赚三百，加V：job2468 详聊',
  'Cheap followers and likes, visit best-deals-now.example for 80% off!',
  '低价代购正品，联系QQ 12345678，量大从优',
];

const platforms = ['tmall', 'jd', 'amazon'];
const start = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;
const rows = [];
let n = 0;
const add = (day, fields) => {
  const hour = 1 + Math.floor(rand() * 14);
  const minute = Math.floor(rand() * 60);
  rows.push({ id: `r${String(++n).padStart(4, '0')}`, ...fields, timestamp: new Date(start + day * 24 * HOUR + hour * HOUR + minute * 60_000).toISOString() });
};

for (let day = 0; day < 10; day++) {
  // Day 7 is a bad day: more complaints, lower ratings (the report should mark it).
  const badDay = day === 7;
  const count = 30 + Math.floor(rand() * 8);
  for (let i = 0; i < count; i++) {
    const lang = rand() < 0.6 ? 'zh' : 'en';
    const platform = lang === 'en' ? pick(['amazon', 'amazon', 'jd']) : pick(platforms);
    const r = rand();
    const complaintShare = badDay ? 0.45 : 0.12;
    const author = `u${Math.floor(rand() * 50000)}`;
    if (r < 0.02 + (badDay ? 0.03 : 0)) add(day, { text: compose('critical', lang), rating: 1, authorId: author, platform, likes: rand() < 0.3 ? 80 : 0 });
    else if (r < complaintShare) add(day, { text: compose('complaint', lang), rating: pick([1, 1, 2]), authorId: author, platform, likes: rand() < 0.1 ? 60 : 0 });
    else if (r < complaintShare + 0.1) add(day, { text: compose('neutral', lang), rating: 3, authorId: author, platform });
    else add(day, { text: compose('praise', lang), rating: pick([4, 5, 5]), authorId: author, platform });
  }
  if (day % 3 === 1) add(day, { text: pick(ads), authorId: `ad${day}`, platform: pick(platforms) });
}

// A smear campaign on day 8: near-copies from one /24 network within an hour.
for (let i = 0; i < 12; i++) {
  rows.push({
    id: `c${String(i + 1).padStart(2, '0')}`,
    text: campaignBase + campaignEdits[i % campaignEdits.length],
    rating: 1,
    authorId: `new_user_${i % 4}`,
    ip: `203.0.113.${10 + i}`,
    platform: 'tmall',
    timestamp: new Date(start + 8 * 24 * HOUR + 20 * HOUR + i * 4 * 60_000).toISOString(),
  });
}

// A hostile review: markup in the text must show as text in the report.
add(9, { text: '<script>alert("x")</script> 商品破损，<b>差评</b> & 要求退款', rating: 1, platform: 'jd' });

rows.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reviews.jsonl');
fs.writeFileSync(out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(`wrote ${rows.length} reviews to ${path.relative(process.cwd(), out)}`);
