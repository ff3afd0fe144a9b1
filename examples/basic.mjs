// Triage a handful of reviews and print what a merchant would act on first.
// Run from the repository root: npm run example  (builds, then runs this file)
import { createAnalyzer } from 'review-triage';

const analyzer = createAnalyzer();

const reviews = [
  { id: 'r1', text: '質量很差，發貨太慢了！！！！', rating: 1 },
  { id: 'r2', text: '衣服起球严重，洗一次就掉色，客服也不回复，要求退款', rating: 1 },
  { id: 'r3', text: '用了三天脸上过敏起红疹，已经打12315投诉', rating: 1 },
  { id: 'r4', text: 'Great quality and fast shipping, will buy again!', rating: 5 },
  { id: 'r5', text: '便宜正品私聊，加薇信 abc123456' },
  { id: 'r6', text: 'The zipper broke after two days and support never replied.', rating: 2 },
];

const { items } = analyzer.analyzeBatch(reviews);
for (const a of items) {
  const negative = a.negative ? `${a.negative.nature} [${a.negative.topics.join(', ')}]` : '-';
  const spam = a.spam.isSpam ? `spam: ${a.spam.kinds.join(', ')}` : '';
  console.log(`${a.id}  ${a.language.padEnd(5)} ${a.sentiment.label.padEnd(8)} ${a.severity.level.padEnd(8)} ${negative} ${spam}`);
  console.log(`    ${a.text}`);
}
