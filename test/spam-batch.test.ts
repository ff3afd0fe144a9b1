import { describe, expect, it } from 'vitest';
import { createAnalyzer, OptionsError, type ReviewInput } from '../src/index.js';
import { networkOf, reviewTimeMs } from '../src/spam/batch/index.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const BASE = '收到货发现裤子的线头特别多，洗了一次就严重起球，客服一直推脱不给退换';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);

/** Unrelated reviews that must stay singletons. */
const OTHERS = [
  '屏幕显示效果很好，电池也耐用，就是充电器有点发热',
  '酒店离地铁站很近，早餐种类多，房间隔音一般',
  '书的印刷清晰，纸张厚实，孩子很喜欢看',
  '水果新鲜，个头大，包装也很用心，下次还来',
  'The blender is loud but crushes ice in seconds',
];

function batch(texts: string[], analyzer = defaultAnalyzer()) {
  return analyzer.analyzeBatch([...texts, ...OTHERS]);
}

describe('cluster: near-duplicates survive the edits paid posters make', () => {
  it.each([
    ['an added filler', '收到货发现裤子的线头真的特别多，洗了一次就严重起球啊，客服一直推脱不给退换'],
    ['a removed character', '收到货发现裤子的线头特别多，洗了一次就严重起球，客服一直推脱不退换'],
    ['punctuation swaps', '收到货发现裤子的线头特别多。洗了一次就严重起球! 客服一直推脱不给退换~'],
    ['emoji', '收到货发现裤子的线头特别多😡洗了一次就严重起球👎客服一直推脱不给退换💢'],
    ['full-width', '收到货发现裤子的线头特别多，洗了１次就严重起球，客服一直推脱不给退换！！'],
    ['traditional characters', '收到貨發現褲子的線頭特別多，洗了一次就嚴重起球，客服一直推脫不給退換'],
    ['spaced-out and zero-width characters', '收 到 货发现裤子的线\u200b头特别多，洗了一次就严\u200c重起球，客服一直推脱不给退换'],
    ['clause reordering', '洗了一次就严重起球，收到货发现裤子的线头特别多，客服一直推脱不给退换'],
    ['a prefix', '避雷！收到货发现裤子的线头特别多，洗了一次就严重起球，客服一直推脱不给退换'],
  ])('%s', (_name, variant) => {
    const r = batch([BASE, variant]);
    const [a, b] = r.items;
    expect(a!.spam.cluster).not.toBeNull();
    expect(b!.spam.cluster).toBe(a!.spam.cluster);
    expect(r.items.slice(2).every((i) => i.spam.cluster === null)).toBe(true);
    expect(r.groups).toHaveLength(1);
  });

  it('does not join different reviews that share a topic', () => {
    const r = batch(['裤子线头多，洗一次就起球，不推荐购买', '裤子做工精细，洗了几次也不起球，推荐']);
    expect(r.items[0]!.spam.cluster).toBeNull();
    expect(r.items[1]!.spam.cluster).toBeNull();
    expect(r.groups).toEqual([]);
  });

  it('never clusters short natural repeats', () => {
    const r = batch(['很好', '很好', '很好！', '质量不错', '质量不错', '质量不错。', '好评', '好评']);
    expect(r.items.every((i) => i.spam.cluster === null)).toBe(true);
    expect(r.items.every((i) => !i.spam.kinds.includes('duplicate'))).toBe(true);
  });

  it('never clusters long texts that only repeat one word', () => {
    const r = batch(['很好很好很好很好很好很好', '很好很好很好很好', '不错不错不错不错不错']);
    expect(r.items.every((i) => i.spam.cluster === null)).toBe(true);
  });

  it('keeps the same template with different contact ids apart', () => {
    const r = batch(['便宜正品私聊，加薇信wx123456', '便宜正品私聊，加薇信wx987654']);
    expect(r.items[0]!.spam.cluster).toBeNull();
  });
});

describe('cluster: groups and member results', () => {
  const inputs: ReviewInput[] = [
    { id: 'a', text: BASE, authorId: 'u1', ip: '10.0.0.1', timestamp: new Date(T0 + 2 * HOUR).toISOString() },
    { id: 'b', text: '避雷！' + BASE, authorId: 'u2', ip: '10.0.0.2', timestamp: new Date(T0).toISOString() },
    { id: 'c', text: BASE + '😡', authorId: 'u2', ip: '10.0.1.9', timestamp: new Date(T0 + HOUR).toISOString() },
    { id: 'd', text: OTHERS[0]! },
  ];

  it('lists each group with members, representative, times, authors and addresses', () => {
    const r = defaultAnalyzer().analyzeBatch(inputs);
    expect(r.groups).toHaveLength(1);
    const g = r.groups![0]!;
    expect(g).toMatchObject({
      id: 'g1',
      members: ['a', 'b', 'c'],
      size: 3,
      representative: '避雷！' + BASE, // the earliest post
      firstAt: new Date(T0).toISOString(),
      lastAt: new Date(T0 + 2 * HOUR).toISOString(),
      distinctAuthors: 2,
      distinctAddresses: 3,
      distinctNetworks: 2,
      unknownAuthors: 0,
      campaign: true,
    });
    expect(r.items.map((i) => i.spam.cluster)).toEqual(['g1', 'g1', 'g1', null]);
  });

  it('marks members as duplicate spam with batch evidence', () => {
    const r = defaultAnalyzer().analyzeBatch(inputs);
    for (const item of r.items.slice(0, 3)) {
      expect(item.spam.kinds).toContain('duplicate');
      expect(item.spam.isSpam).toBe(true);
      expect(item.spam.evidence.some((e) => e.source === 'batch' && e.rule === 'duplicate')).toBe(true);
    }
    expect(r.items[3]!.spam.kinds).not.toContain('duplicate');
  });

  it('makes negative campaign members malicious attacks, with the campaign as evidence', () => {
    const r = defaultAnalyzer().analyzeBatch(inputs);
    const negatives = r.items.slice(0, 3).filter((i) => i.negative !== null);
    expect(negatives.length).toBeGreaterThan(0);
    for (const item of negatives) {
      expect(item.negative!.nature).toBe('malicious_attack');
      expect(item.negative!.evidence.some((e) => e.source === 'batch' && e.label === 'malicious_attack')).toBe(true);
    }
  });

  it('a pair below campaignMinSize is a duplicate group but not a campaign', () => {
    const r = defaultAnalyzer().analyzeBatch(inputs.slice(0, 2));
    expect(r.groups![0]!.campaign).toBe(false);
    for (const item of r.items) if (item.negative) expect(item.negative.evidence.some((e) => e.source === 'batch')).toBe(false);
  });

  it('call-time options rebuild the stage, and bad options are typed errors', () => {
    const r = defaultAnalyzer().analyzeBatch(inputs, { cluster: { campaignMinSize: 4 } });
    expect(r.groups![0]!.campaign).toBe(false);
    expect(() => defaultAnalyzer().analyzeBatch(inputs, { cluster: { jacard: 0.5 } })).toThrow(OptionsError);
  });

  it('no groups field when the cluster stage is disabled', () => {
    const r = createAnalyzer({ disable: ['cluster'] }).analyzeBatch(inputs);
    expect(r.groups).toBeUndefined();
    expect(r.items.every((i) => i.spam.cluster === null)).toBe(true);
  });
});

describe('flood: many posts from one source inside a window', () => {
  const texts = ['物流很快，包装完好', '颜色和图片一样，好看', '尺码偏小，建议拍大一号', '味道不错，孩子爱吃', '客服回复及时，态度好'];
  const posts = (n: number, gapMinutes: number, meta: Partial<ReviewInput>): ReviewInput[] =>
    Array.from({ length: n }, (_, i) => ({ text: texts[i % texts.length]! + '。' + i, timestamp: T0 + i * gapMinutes * 60_000, ...meta }));

  it('one author posting 4 times within an hour floods', () => {
    const r = defaultAnalyzer().analyzeBatch(posts(4, 10, { authorId: 'busy' }));
    expect(r.items.every((i) => i.spam.kinds.includes('flood') && i.spam.isSpam)).toBe(true);
    expect(r.items[0]!.spam.evidence.some((e) => e.rule === 'flood:author')).toBe(true);
  });

  it('the same author spread over days, or only 3 posts, does not', () => {
    expect(defaultAnalyzer().analyzeBatch(posts(4, 24 * 60, { authorId: 'slow' })).items.some((i) => i.spam.kinds.includes('flood'))).toBe(false);
    expect(defaultAnalyzer().analyzeBatch(posts(3, 5, { authorId: 'few' })).items.some((i) => i.spam.kinds.includes('flood'))).toBe(false);
  });

  it('only the posts inside the window are flagged', () => {
    const inputs = [...posts(4, 5, { authorId: 'mixed' }), { text: '很久以后又来评价一次，还是好用', authorId: 'mixed', timestamp: T0 + 30 * 24 * HOUR }];
    const r = defaultAnalyzer().analyzeBatch(inputs);
    expect(r.items.map((i) => i.spam.kinds.includes('flood'))).toEqual([true, true, true, true, false]);
  });

  it('one address, and one /24 network, flood', () => {
    const byAddress = defaultAnalyzer().analyzeBatch(posts(4, 20, { ip: '203.0.113.7' }));
    expect(byAddress.items.every((i) => i.spam.evidence.some((e) => e.rule === 'flood:address'))).toBe(true);
    const network = posts(5, 20, {}).map((p, i) => ({ ...p, ip: `198.51.100.${10 + i}`, authorId: `n${i}` }));
    const byNetwork = defaultAnalyzer().analyzeBatch(network);
    expect(byNetwork.items.every((i) => i.spam.evidence.some((e) => e.rule === 'flood:network'))).toBe(true);
  });

  it('thresholds are options: analyzeBatch can lower them for one call', () => {
    const inputs = posts(2, 5, { authorId: 'pair' });
    expect(defaultAnalyzer().analyzeBatch(inputs).items.some((i) => i.spam.kinds.includes('flood'))).toBe(false);
    const r = defaultAnalyzer().analyzeBatch(inputs, { flood: { authorMinPosts: 2 } });
    expect(r.items.every((i) => i.spam.kinds.includes('flood'))).toBe(true);
  });

  it('a near-duplicate group posted in a burst is a flood; the same group over weeks is not', () => {
    const copies = (gap: number): ReviewInput[] =>
      ['', '避雷！', '大家注意：', '', '姐妹们'].map((prefix, i) => ({ text: prefix + BASE + (i % 2 ? '😡' : ''), authorId: `b${i}`, timestamp: T0 + i * gap }));
    const burst = defaultAnalyzer().analyzeBatch(copies(20 * 60_000));
    expect(burst.groups![0]!.burst).toBe(true);
    expect(burst.items.every((i) => i.spam.evidence.some((e) => e.rule === 'flood:burst'))).toBe(true);
    const slow = defaultAnalyzer().analyzeBatch(copies(7 * 24 * HOUR));
    expect(slow.groups![0]!.burst).toBe(false);
    expect(slow.items.some((i) => i.spam.kinds.includes('flood'))).toBe(false);
    // Copies of the first post a week apart: copy-paste still makes them a campaign, but the first post is their original.
    expect(slow.groups![0]!.verdict).toBe('campaign');
    expect(slow.groups![0]!.evidence.independent).toEqual([slow.items[0]!.id]);
    expect(slow.items.slice(1).every((i) => i.spam.kinds.includes('duplicate'))).toBe(true);
    expect(slow.items[0]!.spam.kinds).not.toContain('duplicate');
  });
});

describe('bad metadata degrades gracefully', () => {
  it('missing authorId: no author flood, clustering still works', () => {
    const inputs: ReviewInput[] = Array.from({ length: 5 }, (_, i) => ({ text: BASE + '！'.repeat(i % 2), timestamp: T0 + i * 60_000 }));
    const r = defaultAnalyzer().analyzeBatch(inputs);
    expect(r.groups![0]!).toMatchObject({ size: 5, distinctAuthors: 0, unknownAuthors: 5 });
    expect(r.items.every((i) => !i.spam.evidence.some((e) => e.rule === 'flood:author'))).toBe(true);
  });

  it('unparseable timestamps: no windows, no burst, null times, clustering still works', () => {
    const inputs: ReviewInput[] = Array.from({ length: 6 }, (_, i) => ({ text: BASE, authorId: 'same', ip: '10.1.1.1', timestamp: 'yesterday-ish ' + i }));
    const r = defaultAnalyzer().analyzeBatch(inputs);
    expect(r.groups![0]!).toMatchObject({ size: 6, firstAt: null, lastAt: null, burst: false });
    expect(r.items.every((i) => i.spam.kinds.includes('duplicate') && !i.spam.kinds.includes('flood'))).toBe(true);
  });

  it('malformed ip addresses count as no address', () => {
    const inputs: ReviewInput[] = Array.from({ length: 4 }, (_, i) => ({ text: texts4[i]!, ip: 'not-an-ip', timestamp: T0 + i * 60_000 }));
    const r = defaultAnalyzer().analyzeBatch(inputs);
    expect(r.items.some((i) => i.spam.evidence.some((e) => e.rule === 'flood:network'))).toBe(false);
  });

  it('reads epoch seconds and milliseconds alike, and rejects garbage', () => {
    const sec = Math.floor(T0 / 1000);
    expect(reviewTimeMs({ id: '1', text: '', timestamp: sec })).toBe(sec * 1000);
    expect(reviewTimeMs({ id: '1', text: '', timestamp: T0 })).toBe(T0);
    expect(reviewTimeMs({ id: '1', text: '', timestamp: String(sec) })).toBe(sec * 1000);
    expect(reviewTimeMs({ id: '1', text: '', timestamp: 'garbage' })).toBeNull();
    expect(reviewTimeMs({ id: '1', text: '' })).toBeNull();
  });

  it('networks: IPv4 /24, IPv6 /64, malformed -> null', () => {
    expect(networkOf('192.168.3.77')).toBe('192.168.3.0/24');
    expect(networkOf('2001:db8:1:2:3::9')).toBe('2001:db8:1:2::/64');
    expect(networkOf('999.1')).toBeNull();
    expect(networkOf(undefined)).toBeNull();
  });

  it('an empty batch gives empty groups', () => {
    expect(defaultAnalyzer().analyzeBatch([]).groups).toEqual([]);
  });
});

const texts4 = ['电池续航一般', '外观漂亮手感好', '声音清楚没有杂音', '安装师傅很专业'];

describe('MinHash LSH', () => {
  it('the sorted and the Map bucketing find the same buckets', async () => {
    const { MinHashLsh } = await import('../src/spam/batch/index.js');
    const lsh = new MinHashLsh(4, 2, 9);
    const items = 300;
    const sig = new Uint32Array(items * lsh.hashes);
    // Few distinct values so that buckets form.
    for (let i = 0; i < sig.length; i++) sig[i] = (i * 2654435761) % 7;
    const collect = (maxSorted?: number) => {
      const out: string[] = [];
      lsh.buckets(sig, items, (m, n) => out.push(Array.from(m.subarray(0, n)).sort((a, b) => a - b).join(',')), maxSorted);
      return out.sort();
    };
    const sorted = collect();
    expect(sorted.length).toBeGreaterThan(0);
    expect(collect(1)).toEqual(sorted);
  });
});
