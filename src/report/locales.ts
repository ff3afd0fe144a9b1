import type { Nature, SeverityLevel, SpamKind, Topic } from '../types.js';
import { ZH_TOPIC } from '../severity/reasons.js';

/** Report UI languages: the same codes as the analysis messages (`reasonLanguage`). */
export const REPORT_LOCALES = ['en', 'zh'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

/**
 * Every string the report shows, per locale. Label names (natures, topics,
 * severity, spam kinds) are translated here too; `{n}`-style slots are
 * filled by `fill()`.
 */
export interface ReportStrings {
  defaultTitle: string;
  generated: string;
  sections: {
    headline: string;
    daily: string;
    breakdown: string;
    queue: string;
    groups: string;
    slices: string;
    spam: string;
    footer: string;
  };
  headline: {
    reviews: string;
    negativeRate: string;
    averageRating: string;
    openUrgent: string;
    campaigns: string;
    systemic: string;
    period: string;
    vsPrevious: string;
    noPrevious: string;
  };
  daily: {
    volume: string;
    negative: string;
    notNegative: string;
    negativeRate: string;
    averageRating: string;
    threshold: string;
    thresholdOrange: string;
    thresholdRed: string;
    fired: string;
    alertsTitle: string;
    noAlerts: string;
  };
  breakdown: { nature: string; topics: string; severity: string; count: string; shareOfNegatives: string };
  queue: {
    rank: string;
    review: string;
    level: string;
    deadline: string;
    reasons: string;
    actions: string;
    reply: string;
    members: string;
    atOnce: string;
    noDeadline: string;
    noTime: string;
    capped: string;
    empty: string;
  };
  groups: {
    campaigns: string;
    systemic: string;
    noCampaigns: string;
    noSystemic: string;
    notComputed: string;
    representative: string;
    members: string;
    authors: string;
    networks: string;
    first: string;
    last: string;
    negative: string;
    burst: string;
    capped: string;
    more: string;
  };
  slices: {
    heatmapTitle: string;
    minSupport: string;
    none: string;
    themes: string;
    noThemes: string;
    term: string;
    reviews: string;
  };
  spam: { kinds: string; advertising: string; noSpam: string; noAds: string; capped: string };
  missing: { empty: string; noTimestamps: string; undated: string; noRatings: string; noSummary: string; noCharts: string };
  footer: { version: string; options: string; timeZone: string; generatedAt: string; computed: string };
  levels: Record<SeverityLevel, string>;
  natures: Record<Nature, string>;
  topics: Record<Topic | 'all', string>;
  spamKinds: Record<SpamKind, string>;
  dimensions: Record<string, string>;
}

const en: ReportStrings = {
  defaultTitle: 'Review triage report',
  generated: 'Generated {at}',
  sections: {
    headline: 'Headline figures',
    daily: 'Day by day',
    breakdown: 'Complaint types and severity',
    queue: 'Action queue',
    groups: 'Campaigns and systemic issues',
    slices: 'Slices and complaint themes',
    spam: 'Spam and advertising',
    footer: 'How this was computed',
  },
  headline: {
    reviews: 'Reviews',
    negativeRate: 'Negative rate',
    averageRating: 'Average rating',
    openUrgent: 'Critical / high items',
    campaigns: 'Campaigns',
    systemic: 'Systemic issues',
    period: 'Last {n} day(s): {from} to {to}',
    vsPrevious: 'vs previous {n} day(s)',
    noPrevious: 'no previous period to compare with',
  },
  daily: {
    volume: 'Reviews per day',
    negative: 'Negative',
    notNegative: 'Not negative',
    negativeRate: 'Negative rate per day',
    averageRating: 'Average rating per day',
    threshold: 'Alert threshold',
    thresholdOrange: 'Orange threshold',
    thresholdRed: 'Red threshold',
    fired: 'Alert fired',
    alertsTitle: 'Alerts',
    noAlerts: 'No alert fired.',
  },
  breakdown: { nature: 'Nature of negative reviews', topics: 'Topics of negative reviews', severity: 'Severity of all reviews', count: 'Count', shareOfNegatives: 'Share of negatives' },
  queue: {
    rank: '#',
    review: 'Review',
    level: 'Level',
    deadline: 'Respond by',
    reasons: 'Why',
    actions: 'Actions',
    reply: 'Suggested reply',
    members: '{n} near-identical reviews in group {g}',
    atOnce: 'at once',
    noDeadline: 'no deadline',
    noTime: 'within {h} h of posting (review has no time)',
    capped: 'Showing the first {shown} of {total} queue entries.',
    empty: 'Nothing in the queue.',
  },
  groups: {
    campaigns: 'Campaigns (coordinated near-identical reviews)',
    systemic: 'Systemic issues (the same problem from many customers)',
    noCampaigns: 'No campaign was detected.',
    noSystemic: 'No systemic issue was detected.',
    notComputed: 'Not computed in this run (the clustering stage did not run).',
    representative: 'Representative text',
    members: 'Members',
    authors: 'Authors',
    networks: 'Networks',
    first: 'First',
    last: 'Last',
    negative: 'Negative',
    burst: 'spreading now',
    capped: 'Showing the {shown} largest of {total} groups.',
    more: '… and {n} more',
  },
  slices: {
    heatmapTitle: 'Share of reviews with each complaint topic, by {dim}',
    minSupport: 'Only {dim} values with at least {n} reviews are shown.',
    none: 'No slice field (platform, product, channel, country) with enough reviews in the input.',
    themes: 'Top complaint themes per topic',
    noThemes: 'No complaint theme (too few negative reviews).',
    term: 'Term',
    reviews: 'Reviews',
  },
  spam: { kinds: 'Spam by kind', advertising: 'Advertising found', noSpam: 'No spam was found.', noAds: 'No advertising was found.', capped: 'Showing {shown} of {total}.' },
  missing: {
    empty: 'The input holds no review: there is nothing to report.',
    noTimestamps: 'No review has a usable timestamp: daily series, periods and deadlines cannot be shown.',
    undated: '{n} review(s) have no usable timestamp and are left out of the daily series.',
    noRatings: 'No review has a rating.',
    noSummary: 'The summary stage did not run: counts are computed from the items.',
    noCharts: 'Chart left out (the report was made without charts).',
  },
  footer: { version: 'review-triage {v}', options: 'Options', timeZone: 'Time zone', generatedAt: 'Generated at', computed: 'Labels, severity, queue, groups and alerts come from analyzeBatch; this page only draws them.' },
  levels: { critical: 'critical', high: 'high', medium: 'medium', low: 'low' },
  natures: { genuine_complaint: 'genuine complaint', malicious_attack: 'malicious attack', misunderstanding: 'misunderstanding' },
  topics: {
    quality: 'quality',
    logistics: 'logistics',
    service: 'service',
    mismatch: 'not as described',
    price: 'price',
    false_advertising: 'false advertising',
    counterfeit: 'counterfeit',
    safety: 'safety',
    livestream: 'livestream',
    other: 'other',
    all: 'all complaints',
  },
  spamKinds: { advertising: 'advertising', duplicate: 'duplicate', flood: 'flood', template: 'template', gibberish: 'gibberish', irrelevant: 'irrelevant' },
  dimensions: { platform: 'platform', product: 'product', channel: 'channel', country: 'country' },
};

const zh: ReportStrings = {
  defaultTitle: '评论分诊报告',
  generated: '生成于 {at}',
  sections: {
    headline: '核心指标',
    daily: '每日趋势',
    breakdown: '差评类型与严重程度',
    queue: '待处理队列',
    groups: '水军活动与系统性问题',
    slices: '分维度分析与投诉主题',
    spam: '垃圾评论与广告',
    footer: '计算说明',
  },
  headline: {
    reviews: '评论数',
    negativeRate: '差评率',
    averageRating: '平均评分',
    openUrgent: '紧急/高优先级',
    campaigns: '水军活动',
    systemic: '系统性问题',
    period: '最近 {n} 天：{from} 至 {to}',
    vsPrevious: '对比前 {n} 天',
    noPrevious: '没有可对比的上一周期',
  },
  daily: {
    volume: '每日评论数',
    negative: '差评',
    notNegative: '非差评',
    negativeRate: '每日差评率',
    averageRating: '每日平均评分',
    threshold: '预警阈值',
    thresholdOrange: '橙色预警线',
    thresholdRed: '红色预警线',
    fired: '已触发预警',
    alertsTitle: '预警',
    noAlerts: '没有触发预警。',
  },
  breakdown: { nature: '差评性质', topics: '差评主题', severity: '全部评论的严重程度', count: '数量', shareOfNegatives: '占差评比例' },
  queue: {
    rank: '序号',
    review: '评论',
    level: '级别',
    deadline: '回复期限',
    reasons: '原因',
    actions: '建议操作',
    reply: '建议回复',
    members: '第 {g} 组共 {n} 条近似评论',
    atOnce: '立即',
    noDeadline: '无期限',
    noTime: '发布后 {h} 小时内（评论无时间）',
    capped: '仅显示队列前 {shown} 条，共 {total} 条。',
    empty: '队列为空。',
  },
  groups: {
    campaigns: '水军活动（协同发布的近似评论）',
    systemic: '系统性问题（多位顾客反映同一问题）',
    noCampaigns: '未发现水军活动。',
    noSystemic: '未发现系统性问题。',
    notComputed: '本次未计算（聚类阶段未运行）。',
    representative: '代表性文本',
    members: '成员',
    authors: '作者数',
    networks: '网络数',
    first: '首次',
    last: '最近',
    negative: '差评数',
    burst: '正在扩散',
    capped: '仅显示最大的 {shown} 组，共 {total} 组。',
    more: '……另有 {n} 条',
  },
  slices: {
    heatmapTitle: '按{dim}划分的各投诉主题占比',
    minSupport: '仅显示评论数不少于 {n} 条的{dim}。',
    none: '输入中没有评论数足够的分维度字段（平台、商品、渠道、国家）。',
    themes: '各主题的主要投诉词',
    noThemes: '没有投诉主题（差评太少）。',
    term: '词语',
    reviews: '评论数',
  },
  spam: { kinds: '垃圾评论类型', advertising: '发现的广告', noSpam: '未发现垃圾评论。', noAds: '未发现广告。', capped: '显示 {shown} 条，共 {total} 条。' },
  missing: {
    empty: '输入中没有评论，无可报告的内容。',
    noTimestamps: '没有评论带有可用的时间：无法显示每日趋势、周期对比和回复期限。',
    undated: '{n} 条评论没有可用的时间，未计入每日趋势。',
    noRatings: '没有评论带有评分。',
    noSummary: '汇总阶段未运行：统计数据由逐条结果计算。',
    noCharts: '此图表未绘制（报告在无图表模式下生成）。',
  },
  footer: { version: 'review-triage {v}', options: '选项', timeZone: '时区', generatedAt: '生成时间', computed: '标签、严重程度、队列、分组和预警均来自 analyzeBatch；本页面只负责展示。' },
  levels: { critical: '紧急', high: '高', medium: '中', low: '低' },
  natures: { genuine_complaint: '真实投诉', malicious_attack: '恶意攻击', misunderstanding: '误解' },
  topics: { ...ZH_TOPIC, all: '全部差评' },
  spamKinds: { advertising: '广告', duplicate: '重复', flood: '刷屏', template: '模板', gibberish: '乱码', irrelevant: '无关' },
  dimensions: { platform: '平台', product: '商品', channel: '渠道', country: '国家' },
};

export const REPORT_STRINGS: Record<ReportLocale, ReportStrings> = { en, zh };

/** Replaces `{name}` slots with values (values are plain text; the caller escapes the result). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
