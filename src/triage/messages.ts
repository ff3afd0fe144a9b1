import type { Locale } from '../schema/labels.js';

/**
 * The alert messages, per locale, as templates: `{name}` is replaced by the
 * value of the same name (see `fill`). Keep the two tables key for key.
 */
export const ALERT_MESSAGES = {
  en: {
    criticalReview: 'Critical review {id}: {reason}',
    criticalFallback: 'needs a person at once.',
    campaign: 'A campaign of {size} near-identical reviews (group {group}, {negative} negative, {authors} authors) {what}: keep evidence and report it to the platform.',
    campaignSpreading: 'is spreading now',
    campaignFound: 'was found',
    highRisk: 'Review {id} uses {hits} high-risk terms ({terms}): a person should check whether it is a malicious attack or a critical case.',
    manualReview: '{count} review(s) are probably negative but the sentiment is uncertain: check them by hand.',
    ratingDrop: 'Average rating on {to} was {value}, {drop} below the {days}-day baseline of {baseline}.',
    declineStreak: 'Average rating fell every day from {from} to {to} ({baseline} -> {value}).',
    rateSpike: "Negative reviews on {to} were {value} of the day's reviews, against a {days}-day baseline of {baseline}.",
    coreProduct: 'Product {product} was above {threshold} negative for {days} consecutive days ({from} to {to}; {value} on the last day): a level-2 crisis.',
    shopSustained: 'The shop was above {threshold} negative for {days} consecutive days ({from} to {to}; {value} on the last day): a level-2 crisis.',
    routine: '{count} day(s) from {from} to {to} had a routine negative rate of {min} to {max} (overall {value}): the normal queue and reply templates.',
    penaltyLine: "The negative rate over the {days} day(s) from {from} to {to} is {value}, at or above the platform's {line} penalty line.",
    listSeparator: ', ',
  },
  zh: {
    criticalReview: '紧急评价 {id}：{reason}',
    criticalFallback: '需要立即人工处理。',
    campaign: '发现 {size} 条高度相似的评价（组 {group}，其中差评 {negative} 条，作者 {authors} 人）{what}：请保留证据并向平台举报。',
    campaignSpreading: '正在扩散',
    campaignFound: '已被识别',
    highRisk: '评价 {id} 使用了 {hits} 个高风险词（{terms}）：请人工判断是恶意攻击还是紧急情况。',
    manualReview: '{count} 条评价很可能是差评，但情感判断不确定：请人工核查。',
    ratingDrop: '{to} 的平均评分为 {value}，比前 {days} 天的基线 {baseline} 低 {drop}。',
    declineStreak: '从 {from} 到 {to} 平均评分逐日下降（{baseline} -> {value}）。',
    rateSpike: '{to} 的差评占当天评价的 {value}，前 {days} 天的基线为 {baseline}。',
    coreProduct: '商品 {product} 连续 {days} 天差评率高于 {threshold}（{from} 至 {to}，最后一天 {value}）：二级危机。',
    shopSustained: '店铺连续 {days} 天差评率高于 {threshold}（{from} 至 {to}，最后一天 {value}）：二级危机。',
    routine: '从 {from} 到 {to} 有 {count} 天的差评率处于常规水平 {min} 至 {max}（合计 {value}）：按常规队列和回复模板处理。',
    penaltyLine: '{from} 至 {to} 这 {days} 天的差评率为 {value}，达到或超过平台 {line} 的处罚线。',
    listSeparator: '、',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type AlertMessageKey = keyof (typeof ALERT_MESSAGES)['en'];

/** A template with each `{name}` replaced by `values[name]` (unknown names are left as written). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** The message `key` of `locale` with its values filled in. */
export function alertMessage(locale: Locale, key: AlertMessageKey, values: Record<string, string | number> = {}): string {
  return fill(ALERT_MESSAGES[locale][key], values);
}
