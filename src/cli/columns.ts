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
  platform: ['platform', 'source', 'channel', '平台', '来源', '渠道'],
  lang: ['lang', 'language', '语言'],
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

/** The header cells' field (null = ignored), warnings for the ignored ones; throws with a reason the user can act on. */
export function csvHeaderFields(cells: string[], overrides: ColumnOverrides = new Map()): { fields: Array<string | null>; warnings: string[] } {
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
  names.forEach((name, i) => {
    if (fields[i]) return;
    const key = headerKey(name);
    const earlier = seenKeys.get(key);
    if (earlier !== undefined && BY_ALIAS.has(key)) throw new Error(`CSV header names the column "${name}" twice`);
    seenKeys.set(key, name);
    const field = BY_ALIAS.get(key);
    if (!field) {
      ignored.push(name === '' ? '(unnamed)' : name);
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
  if (ignored.length) warnings.push(`ignoring CSV columns that are not review fields: ${ignored.join(', ')}`);
  return { fields, warnings };
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
