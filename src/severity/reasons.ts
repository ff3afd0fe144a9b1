import type { Topic } from '../types.js';
import type { Trigger } from './triggers.js';

export type ReasonLanguage = 'en' | 'zh';

/** Sentences for a support agent, in English or Chinese (option `reasonLanguage`). */
export interface ReasonText {
  trigger(t: Trigger, terms: string[] | undefined): string;
  topics(topics: readonly Topic[]): string;
  mild: string;
  workCritique: string;
  abuseOnly: string;
  spam: string;
  minorComplaint: string;
  noComplaint: string;
  rating(stars: number): string;
  visible(pinned: boolean, likes: number | null, replies: number | null): string;
  campaign(burst: boolean, group: string, size: number, authors: number): string;
  systemic(group: string, size: number, terms: string[]): string;
}

const unique = (terms: string[] | undefined) => [...new Set(terms ?? [])].slice(0, 4);

const EN_TRIGGER: Record<Trigger, string> = {
  safety: 'Reports harm or a risk to health or safety',
  legal: 'Threatens legal, regulator or media action',
  fraud: 'Accuses the seller of fraud or fake goods',
  escalate: 'Intends to escalate: complaint, refund or warning others',
  intensity: 'Strongly worded',
  loss: 'Reports a loss or repeated failure',
};

const ZH_TRIGGER: Record<Trigger, string> = {
  safety: '涉及健康或安全的伤害或风险',
  legal: '扬言投诉监管部门、报警、起诉或找媒体曝光',
  fraud: '指控假货或欺诈',
  escalate: '有升级意图：投诉、退款或劝别人别买',
  intensity: '措辞激烈',
  loss: '反映损失或问题反复出现',
};

/** Chinese names of the topics, for messages (the report's UI uses them too). */
export const ZH_TOPIC: Record<Topic, string> = {
  quality: '质量',
  logistics: '物流',
  service: '服务',
  mismatch: '货不对板',
  price: '价格',
  false_advertising: '虚假宣传',
  counterfeit: '假货',
  safety: '安全',
  livestream: '直播',
  other: '其他',
};

const EN: ReasonText = {
  trigger: (t, terms) => {
    const q = unique(terms);
    return `${EN_TRIGGER[t]}${q.length ? ` (${q.map((x) => `"${x}"`).join(', ')})` : ''}.`;
  },
  topics: (topics) => `A complaint about ${topics.join(', ')}.`,
  mild: 'Worded mildly: minor dissatisfaction.',
  workCritique: "A critique of the work's content (plot, writing, acting), not of the goods or the service.",
  abuseOnly: 'Insults without a described experience: keep evidence rather than compensate.',
  spam: 'Spam rather than a customer complaint: handle through moderation.',
  minorComplaint: 'A minor complaint: normal queue.',
  noComplaint: 'No complaint found: no action needed.',
  rating: (n) => `Rated ${n} star${n === 1 ? '' : 's'}.`,
  visible: (pinned, likes, replies) => {
    const parts = [pinned ? 'pinned' : '', likes !== null ? `${likes} likes` : '', replies !== null ? `${replies} replies` : ''].filter(Boolean);
    return `Highly visible (${parts.join(', ')}): every visitor sees it.`;
  },
  campaign: (burst, group, size, authors) =>
    `Part of ${burst ? 'a campaign spreading right now' : 'a posting campaign'}: group ${group}, ${size} near-identical posts from ${authors || 'unknown'} authors.`,
  systemic: (group, size, terms) =>
    `One of ${size} customers reporting the same problem (group ${group}${terms.length ? `: ${terms.slice(0, 4).map((t) => `"${t}"`).join(', ')}` : ''}): fix the product or listing first.`,
};

const ZH: ReasonText = {
  trigger: (t, terms) => {
    const q = unique(terms);
    return `${ZH_TRIGGER[t]}${q.length ? `（${q.map((x) => `“${x}”`).join('、')}）` : ''}。`;
  },
  topics: (topics) => `投诉内容：${topics.map((t) => ZH_TOPIC[t]).join('、')}。`,
  mild: '措辞温和：轻微不满。',
  workCritique: '是对作品内容（情节、文笔、表演）的评价，不是商品或服务的问题。',
  abuseOnly: '只有辱骂，没有具体经历：保留证据，不必补偿。',
  spam: '是垃圾信息而不是顾客投诉：按内容审核处理。',
  minorComplaint: '轻微投诉：正常排队处理。',
  noComplaint: '未发现投诉：无需处理。',
  rating: (n) => `评分${n}星。`,
  visible: (pinned, likes, replies) => {
    const parts = [pinned ? '置顶' : '', likes !== null ? `${likes}个赞` : '', replies !== null ? `${replies}条回复` : ''].filter(Boolean);
    return `高曝光（${parts.join('，')}）：每个访客都会看到。`;
  },
  campaign: (burst, group, size, authors) =>
    `属于${burst ? '正在扩散的水军活动' : '水军活动'}：第${group}组，${size}条几乎相同的评论，来自${authors || '未知数量'}个账号。`,
  systemic: (group, size, terms) =>
    `${size}位顾客反映同一问题（第${group}组${terms.length ? `：${terms.slice(0, 4).map((t) => `“${t}”`).join('、')}` : ''}）：先改进商品或详情页。`,
};

export const REASONS: Record<ReasonLanguage, ReasonText> = { en: EN, zh: ZH };
