/**
 * Direct-message lures of chat and comment ads, as stated rules over the
 * normalised text (regexes, so they do not depend on how jieba segments a
 * run like 要的私):
 * - `buyer_dm`: a call to whoever wants or needs something (要的 / 需要的 / 想要的 / 有需要, optionally 老板 / 朋友...)
 *   followed by a contact cue (QQ, V, 微...) or a DM verb: 私 (私聊, 私信, 私我), 密 (密我: "whisper me"), 滴滴 ("ding me"), m (`要的m我`),
 *   扣, 戳, or 加 / 联系 right before a contact or 我. An ad on its own.
 * - `dm_me`: a DM verb aimed at the poster (密我, 滴滴我, m我, 扣我, 滴我), or a repeated 滴滴滴: a lure, not yet an ad.
 * - `goods_first`: trading terms offering the goods before payment (先货, 先发货后付款): a lure.
 * English comment spam (advertising fires at 0.8 in non-Chinese text):
 * - `plug`: a comment that opens with "check out" / "go check" / "come check" (a bare plug, whatever follows).
 * - `bait`: engagement bait, "thumbs up / like / upvote (this) if ..." or "who is still watching".
 * - `search_direction`: "search / look up / type X on|in Google / YouTube" (a plug that dodges link filters).
 * - `chain`: chain posts ("copy and paste this", "post this on N videos", "if you don't ... bad luck").
 * Each rule counts once per review. One regex pass per rule.
 */

export interface LureHit {
  rule: 'buyer_dm' | 'dm_me' | 'goods_first' | 'plug' | 'bait' | 'search_direction' | 'chain';
  start: number;
  end: number;
  weight: number;
}

// After the DM verb: 我, an end of clause, or a contact, so 私人 / 密码 / 加油 / 联系客服 never count.
const AFTER_DM = String.raw`(?=我|[\s,.!~，。！～、;；:：)）]|$|[0-9a-z微薇威扣qv])`;
const DM_VERB = String.raw`(?:私(?:聊|信)?|密|滴滴|m+|扣|戳|加(?=[\s:：]*[vq微薇威扣我0-9])|联系(?=[\s:：]*[vq微薇威扣我0-9]))`;
// Or the call runs straight into a contact cue (需要的朋友QQ…, 要的速度V…, 要的电…).
const CONTACT_NEXT = String.raw`(?=[\s:：]*(?:q|v|微|薇|威|扣|电|手机|tel|\+|➕))`;
const BUYER = String.raw`(?:有需要的?|需要的|想?要的)(?:老板|朋友|兄弟|亲|宝宝|小伙伴|老铁|姐妹)?们?(?:速度|直接|请|可以|快)?`;

const RULES: Array<{ rule: LureHit['rule']; re: RegExp; weight: number }> = [
  { rule: 'buyer_dm', re: new RegExp(`${BUYER}(?:${DM_VERB}${AFTER_DM}|${CONTACT_NEXT})`, 'giu'), weight: 1 },
  // 滴滴 closing a message (`…q123456 滴滴`) is "ding me", not the ride-hailing app.
  { rule: 'dm_me', re: /(?:密|滴滴|滴|(?<![a-z])m|扣|戳)我|滴滴滴|滴滴(?=\s*$)/giu, weight: 0.6 },
  { rule: 'goods_first', re: /先货|先发货后付款|先发后付/gu, weight: 0.5 },
  { rule: 'plug', re: /^[^\p{L}\p{N}]*(?:(?:please|pls|plz|go|come|guys|hey guys)[\s,]+)*check\s+(?:out|it|this|my|our)\b/iu, weight: 0.8 },
  { rule: 'bait', re: /\b(?:thumbs?\s+up|like|upvote|give\s+(?:this|it)\s+a\s+(?:like|thumbs?\s+up))\s+(?:this\s+(?:comment\s+)?)?if\b|\bwho(?:'s|\s+is)?\s+(?:still\s+)?(?:watching|listening)\b/giu, weight: 0.8 },
  { rule: 'search_direction', re: /\b(?:search|look\s+up|type|google)\b[^.!?\n]{1,40}?\b(?:on|in|into)\s+(?:google|youtube|yt|bing|facebook|instagram)\b/giu, weight: 0.8 },
  { rule: 'chain', re: /\b(?:copy\s+(?:and|&)\s+paste|repost\s+this|post\s+this\s+(?:on|to)\s+\d+|send\s+this\s+to\s+\d+)|\bif\s+you\s+don'?t\b[^.!?\n]{0,60}\b(?:bad\s+luck|die|never\s+(?:find|get|be))\b/giu, weight: 1 },
];

/** DM lures in a normalised text, at most one hit per rule. */
export function findLures(text: string): LureHit[] {
  const hits: LureHit[] = [];
  for (const { rule, re, weight } of RULES) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m) hits.push({ rule, start: m.index, end: m.index + m[0].length, weight });
  }
  return hits;
}
