/**
 * Which CSV column fills which ReviewInput field. Exports from Chinese shop
 * back-ends and spreadsheets name columns in Chinese (评论内容, 评分, 时间, 用户
 * ...) or in English variants (content, stars, created_at...): each field
 * has a list of aliases, compared after lower-casing and removing spaces,
 * underscores and hyphens. `--column field=Header` names the column outright.
 */

/** ReviewInput fields a column can fill, with their header aliases (normalised as by headerKey). */
export const COLUMN_ALIASES: Readonly<Record<string, readonly string[]>> = {
  id: ['id', 'reviewid', 'commentid', '编号', '评论id', '评价id', '序号'],
  text: ['text', 'content', 'comment', 'review', 'body', 'reviewtext', 'commenttext', '评论内容', '评价内容', '内容', '评论', '评价', '正文', '留言', '留言内容', '评论正文'],
  rating: ['rating', 'stars', 'star', 'score', '评分', '星级', '打分', '分数', '评星'],
  authorId: ['authorid', 'author', 'user', 'userid', 'username', 'nickname', '用户', '用户名', '昵称', '用户id', '作者', '买家', '买家昵称'],
  ip: ['ip', 'ipaddress', 'ip地址'],
  timestamp: ['timestamp', 'time', 'date', 'datetime', 'createdat', 'created', '时间', '评论时间', '日期', '评价时间', '发布时间', '创建时间'],
  likes: ['likes', 'like', 'upvotes', '点赞', '点赞数', '赞', '有用'],
  pinned: ['pinned', 'sticky', '置顶'],
  replies: ['replies', 'replycount', '回复', '回复数'],
  platform: ['platform', 'source', 'shop', 'store', 'marketplace', '平台', '来源', '店铺', '销售平台'],
  lang: ['lang', 'language', '语言'],
  productId: ['productid', 'product', 'itemid', 'item', 'asin', 'spu', '商品id', '商品编号', '商品编码', '商品', '宝贝id', '产品id', '产品编号'],
  sku: ['sku', 'skuid', 'skucode', 'variant', 'sku编码', 'sku编号', '规格', '规格编码'],
  orderId: ['orderid', 'order', 'ordernumber', 'orderno', '订单号', '订单编号', '订单id', '订单'],
  country: ['country', 'countrycode', 'region', '国家', '国家地区', '地区', '国家/地区'],
  channel: ['channel', 'carrier', 'logistics', 'shipping', 'courier', 'shippingchannel', '渠道', '物流', '物流渠道', '物流公司', '快递', '快递公司', '承运商'],
  agent: ['agent', 'supportagent', 'csagent', 'staff', '客服', '客服人员', '客服昵称', '客服工号', '接待客服'],
  accountAgeDays: ['accountagedays', 'accountage', '账号年龄', '注册天数'],
};

export const COLUMN_FIELDS = Object.keys(COLUMN_ALIASES);

/** field -> the header (as written) the user chose for it with --column. */
export type ColumnOverrides = ReadonlyMap<string, string>;

const BY_ALIAS = new Map<string, string>();
for (const [field, aliases] of Object.entries(COLUMN_ALIASES)) for (const a of aliases) BY_ALIAS.set(a, field);

/** A header as compared with the aliases. */
export function headerKey(header: string): string {
  return header.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * The header cells' field (null = not a review field), the `meta` key of each
 * column that is not a review field (its header as written; `columnN` when
 * unnamed, `name_2` for a repeated name), and warnings; throws with a reason
 * the user can act on.
 */
export function csvHeaderFields(cells: string[], overrides: ColumnOverrides = new Map()): { fields: Array<string | null>; meta: Array<string | null>; warnings: string[] } {
  const names = cells.map((c) => c.trim());
  const fields: Array<string | null> = names.map(() => null);
  const taken = new Set<string>();
  for (const [field, header] of overrides) {
    const at = names.findIndex((n) => n.toLowerCase() === header.trim().toLowerCase());
    if (at === -1) throw new Error(`--column ${field}=${header}: the header has no column "${header}" (found: ${names.join(', ') || 'nothing'})`);
    fields[at] = field;
    taken.add(field);
  }
  const seenKeys = new Map<string, string>();
  const warnings: string[] = [];
  const ignored: string[] = [];
  const meta: Array<string | null> = names.map(() => null);
  const metaTaken = new Set<string>();
  names.forEach((name, i) => {
    if (fields[i]) return;
    const key = headerKey(name);
    const earlier = seenKeys.get(key);
    if (earlier !== undefined && BY_ALIAS.has(key)) throw new Error(`CSV header names the column "${name}" twice`);
    seenKeys.set(key, name);
    const field = BY_ALIAS.get(key);
    if (!field) {
      let key = name === '' ? `column${i + 1}` : name;
      for (let k = 2; metaTaken.has(key); k++) key = `${name === '' ? `column${i + 1}` : name}_${k}`;
      metaTaken.add(key);
      meta[i] = key;
      ignored.push(key);
    } else if (taken.has(field)) {
      warnings.push(`column "${name}" would also fill "${field}": ignored (the first such column is used; choose with --column ${field}=NAME)`);
    } else {
      fields[i] = field;
      taken.add(field);
    }
  });
  if (!taken.has('text')) {
    throw new Error(`CSV header has no review text column (found: ${names.join(', ') || 'nothing'}); name one with --column text=NAME (recognised: ${COLUMN_ALIASES.text!.join(', ')})`);
  }
  if (ignored.length) warnings.push(`CSV columns that are not review fields go to "meta": ${ignored.join(', ')}`);
  return { fields, meta, warnings };
}

export const DELIMITERS = [',', ';', '\t'] as const;

/** The separator used most often outside quotes on the header line (ties go to the comma). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}
