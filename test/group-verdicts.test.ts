import { describe, expect, it } from 'vitest';
import type { BatchResult, ReviewInput } from '../src/index.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

// Our own sentences. Four customers describe one pilling defect in their own words.
const PILLING = [
  '这件毛衣才穿了两次就起球了，袖口和腋下全是小毛球，面料太差',
  '毛衣洗了一次就起球，腋下和袖口一片毛球，面料对不起这个价',
  '买的毛衣穿三天就开始起球，袖口起了好多毛球，面料很一般',
  '毛衣起球太严重了，才穿一周袖口就全是毛球，面料摸着也粗糙',
];
// One smear text an attacker posts again and again with small edits.
const SMEAR = '这家店的羽绒服全是次品，跑绒严重穿一天就秃了，千万别来买';
// Unrelated reviews around them, so the groups are not the whole batch.
const OTHERS = [
  '屏幕显示效果很好，电池也耐用，充电速度快',
  '酒店离地铁站很近，早餐种类多，前台热情',
  '水果新鲜个头大，包装用心，下次还来',
  '书的印刷清晰，纸张厚实，孩子很喜欢',
  '鞋子尺码标准，穿着舒服，走路不累',
  '耳机音质清楚，降噪明显，续航也够用',
];

const DAY = 86_400_000;
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 4, 4, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

const others = (): ReviewInput[] => OTHERS.map((text, i) => ({ id: `o${i}`, text, authorId: `other${i}`, ip: `10.9.${i}.7`, timestamp: iso(T0 + i * DAY) }));

function groupOf(r: BatchResult, id: string) {
  return r.groups!.find((g) => g.members.includes(id));
}

describe('systemic issue: four customers, four networks, one defect over a week', () => {
  const inputs: ReviewInput[] = [
    ...PILLING.map((text, i) => ({ id: `p${i}`, text, authorId: `buyer${i}`, ip: `${20 + i * 17}.${40 + i}.${3 + i}.${9 + i}`, timestamp: iso(T0 + i * 2 * DAY + i * 37 * MINUTE), rating: 1 })),
    ...others(),
  ];
  const r = defaultAnalyzer().analyzeBatch(inputs);
  const ids = PILLING.map((_, i) => `p${i}`);

  it('is one systemic_issue group, not a campaign, with its evidence', () => {
    const g = groupOf(r, 'p0');
    expect(g).toBeDefined();
    expect(g!.verdict).toBe('systemic_issue');
    expect(g!.campaign).toBe(false);
    expect([...g!.members].sort()).toEqual(ids);
    const signals = g!.evidence.signals.map((s) => s.signal);
    expect(signals).toEqual(expect.arrayContaining(['distinct_reporters', 'spread_over_days', 'shared_terms']));
    expect(g!.evidence.coordinated).toEqual([]);
    expect(r.groups!.some((x) => x.verdict === 'campaign')).toBe(false);
  });

  it('names the defect terms and topics', () => {
    const d = groupOf(r, 'p0')!.defect!;
    // The segmenter's words: it splits 起球 into two characters, which are not terms.
    expect(d.terms).toEqual(expect.arrayContaining(['毛衣', '袖口', '面料']));
    expect(d.topics).toContain('quality');
    expect(d.product).toBeNull();
  });

  it('keeps the natures genuine and puts fixing the product first', () => {
    for (const item of r.items.filter((x) => ids.includes(x.id))) {
      expect(item.negative?.nature).toBe('genuine_complaint');
      expect(item.negative!.evidence.some((e) => e.label === 'malicious_attack')).toBe(false);
      expect(item.spam.kinds).not.toContain('duplicate');
      expect(item.severity.actions[0]).toMatch(/^Fix the product or listing first/);
      expect(item.severity.actions.join(' ')).not.toMatch(/report the campaign/i);
      expect(item.severity.evidence.some((e) => e.rule === 'systemic_issue')).toBe(true);
    }
  });

  it('raises a systemic alert naming the terms, and no campaign alert', () => {
    const alert = r.alerts!.find((a) => a.kind === 'systemic_issue');
    expect(alert).toBeDefined();
    expect(alert!.message).toContain('"袖口"');
    expect(alert!.message).toContain('quality');
    expect(alert!.message).toMatch(/fix the product or listing first/);
    expect([...alert!.evidenceIds].sort()).toEqual(ids);
    expect(r.alerts!.some((a) => a.kind === 'campaign')).toBe(false);
  });

  it('keeps each customer as its own queue entry', () => {
    for (const id of ids) expect(r.queue!.some((q) => q.id === id && q.members === undefined)).toBe(true);
  });

  it('the same four inside one hour from one network are not a systemic issue', () => {
    const burst = defaultAnalyzer().analyzeBatch([
      ...PILLING.map((text, i) => ({ id: `p${i}`, text, authorId: `buyer${i}`, ip: `61.7.8.${i + 1}`, timestamp: iso(T0 + i * 10 * MINUTE) })),
      ...others(),
    ]);
    expect(burst.groups!.some((g) => g.verdict === 'systemic_issue')).toBe(false);
  });
});

describe('campaign: a burst of near-copies from one network', () => {
  const edits = ['', '避雷！', '😡', '大家注意：', '！！', '姐妹们'];
  const inputs: ReviewInput[] = [
    ...edits.map((e, i) => ({
      id: `c${i}`,
      text: i % 2 ? SMEAR + e : e + SMEAR,
      authorId: `fresh${i}`,
      ip: `103.44.21.${10 + i}`,
      timestamp: iso(T0 + i * 7 * MINUTE),
    })),
    ...others(),
  ];
  const r = defaultAnalyzer().analyzeBatch(inputs);
  const ids = edits.map((_, i) => `c${i}`);

  it('is a campaign whose evidence names the network, the burst and the copies', () => {
    const g = groupOf(r, 'c0')!;
    expect(g.verdict).toBe('campaign');
    expect(g.campaign).toBe(true);
    const by = new Map(g.evidence.signals.map((s) => [s.signal, s]));
    expect(by.get('shared_network')!.note).toContain('103.44.21.0/24');
    expect(by.get('shared_network')!.members).toEqual(ids);
    expect(by.get('burst')!.members).toEqual(ids);
    expect(by.get('copy_paste')!.members.length).toBe(ids.length - 1); // every copy but the first post
    expect(g.evidence.coordinated).toEqual(ids);
    expect(g.evidence.independent).toEqual([]);
    expect(g.defect).toBeUndefined();
  });

  it('relabels the members as attacks with attack actions, and alerts the campaign', () => {
    for (const item of r.items.filter((x) => ids.includes(x.id))) {
      expect(item.negative?.nature).toBe('malicious_attack');
      expect(item.spam.kinds).toContain('duplicate');
      expect(item.severity.actions.join(' ')).toMatch(/report the campaign/i);
    }
    expect(r.alerts!.some((a) => a.kind === 'campaign' && a.group === groupOf(r, 'c0')!.id)).toBe(true);
    expect(r.alerts!.some((a) => a.kind === 'systemic_issue')).toBe(false);
  });

  it('new accounts alone are a coordination signal', () => {
    const spread = defaultAnalyzer().analyzeBatch(
      ['', '避雷！', '大家注意：'].map((e, i) => ({ id: `n${i}`, text: e + SMEAR.replace('千万别来买', '') + ['快跑', '别买', '慎重'][i], authorId: `n${i}`, ip: `${30 + i}.1.2.3`, timestamp: iso(T0 + i * 3 * DAY), accountAgeDays: i })),
    );
    const g = groupOf(spread, 'n0')!;
    expect(g.evidence.signals.map((s) => s.signal)).toContain('new_accounts');
    expect(g.verdict).toBe('campaign');
  });
});

describe('mixed: an attacker posts near-copies of a genuine complaint', () => {
  const GENUINE = PILLING[0]!;
  const copies = ['', '避雷！', '😡😡', '姐妹们', '！！！'];
  const inputs: ReviewInput[] = [
    // The genuine complaint, then two more customers in their own words, days apart.
    { id: 'real', text: GENUINE, authorId: 'buyerA', ip: '36.112.5.8', timestamp: iso(T0), rating: 1 },
    { id: 'r1', text: PILLING[2]!, authorId: 'buyerB', ip: '58.19.200.4', timestamp: iso(T0 + 2 * DAY), rating: 2 },
    { id: 'r2', text: PILLING[3]!, authorId: 'buyerC', ip: '117.80.3.66', timestamp: iso(T0 + 4 * DAY), rating: 1 },
    // Five days later: copies of the first, inside forty minutes, from one network.
    ...copies.map((e, i) => ({ id: `x${i}`, text: i % 2 ? GENUINE + e : e + GENUINE, authorId: `x${i}`, ip: `45.76.12.${20 + i}`, timestamp: iso(T0 + 5 * DAY + i * 8 * MINUTE), rating: 1 })),
    ...others(),
  ];
  const r = defaultAnalyzer().analyzeBatch(inputs);
  const attackers = copies.map((_, i) => `x${i}`);
  const customers = ['real', 'r1', 'r2'];

  it('the copies are the campaign; the copied original is an independent member', () => {
    const g = groupOf(r, 'x0')!;
    expect(g.verdict).toBe('campaign');
    expect(g.members).toContain('real');
    expect(g.evidence.coordinated).toEqual(attackers);
    expect(g.evidence.independent).toContain('real');
  });

  it('only the coordinated members become malicious; the genuine ones keep their nature', () => {
    const item = (id: string) => r.items.find((x) => x.id === id)!;
    for (const id of attackers) expect(item(id).negative?.nature).toBe('malicious_attack');
    for (const id of customers) {
      expect(item(id).negative?.nature).toBe('genuine_complaint');
      expect(item(id).spam.kinds).not.toContain('duplicate');
      expect(item(id).severity.actions.join(' ')).not.toMatch(/report the campaign/i);
    }
  });

  it('the genuine reporters still make a systemic issue, alerted beside the campaign', () => {
    const s = r.groups!.find((g) => g.verdict === 'systemic_issue');
    expect(s).toBeDefined();
    expect([...s!.members].sort()).toEqual([...customers].sort());
    const campaignAlert = r.alerts!.find((a) => a.kind === 'campaign')!;
    expect(campaignAlert.evidenceIds).toEqual(attackers);
    expect(campaignAlert.message).toContain('real');
    expect(r.alerts!.some((a) => a.kind === 'systemic_issue' && a.group === s!.id)).toBe(true);
  });
});
