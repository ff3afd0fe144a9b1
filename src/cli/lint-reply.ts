import fs from 'node:fs';
import { ReviewTriageError } from '../kernel/errors.js';
import { lintReply, type LintOptions } from '../reply/index.js';
import { LINT_RULES, REPLY_LOCALES, type LintResult } from '../schema/reply.js';
import { NATURES } from '../types.js';
import { EXIT_OK, EXIT_SOME_FAILED, strictArgs, UsageError } from './args.js';
import type { CliIO } from './io.js';
import { forTerminal } from './sanitize.js';

export const LINT_REPLY_HELP = `Usage:
  review-triage lint-reply <file|-> [options]

Checks a reply to a review (the whole file, UTF-8 text; "-" reads standard
input) against platform rules, offline: asking to delete or change the
review, incentives for it, moving the customer off the platform, buyer data,
blame-shifting, no apology on a genuine complaint, promises the shop cannot
keep (docs/replies.md).

Options:
  -f, --format FORMAT      human (default) | json (one LintResult object:
                           schema/lint-result.schema.json).
  --platform NAME          Where the reply is posted (taobao, jd, amazon...):
                           links to that platform's own domains are allowed.
  --locale LOCALE          zh | en: the language of the reasons. Default:
                           zh when the reply has a Chinese character.
  --nature NATURE          The nature of the review replied to
                           (genuine_complaint, malicious_attack,
                           misunderstanding); genuine_complaint requires an
                           apology.
  --allow-domain DOMAIN    Another domain the reply may link to. Repeatable.
  --disable RULE           Skip a rule by id. Repeatable.
  -h, --help               Show this help.

Exit codes: 0 no finding, 1 findings, 2 usage error or unreadable file.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  platform: { type: 'string' },
  locale: { type: 'string' },
  nature: { type: 'string' },
  'allow-domain': { type: 'string', multiple: true },
  disable: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Largest reply file read: a reply is a paragraph, and a bigger file is almost surely the wrong one. */
const MAX_REPLY_BYTES = 1024 * 1024;

function oneOf(value: string | undefined, allowed: readonly string[], flag: string): string | undefined {
  if (value === undefined || allowed.includes(value)) return value;
  throw new UsageError(`unknown ${flag} "${value}" (expected ${allowed.join(', ')})`);
}

/** `review-triage lint-reply`: read the reply, check it, print the findings; exit 1 when there is any. */
export async function lintReplyCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = strictArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout.write(LINT_REPLY_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `"lint-reply" takes one file, got ${positionals.length}` : 'missing reply file for "lint-reply" (use "-" for standard input)');
  const file = positionals[0]!;
  const format = oneOf(values.format, ['human', 'json'], '--format') ?? 'human';
  const options: LintOptions = {
    ...(values.platform !== undefined ? { platform: values.platform } : {}),
    ...(values.locale !== undefined ? { locale: oneOf(values.locale, REPLY_LOCALES, '--locale') as LintOptions['locale'] } : {}),
    ...(values.nature !== undefined ? { nature: oneOf(values.nature, NATURES, '--nature') as LintOptions['nature'] } : {}),
    ...(values['allow-domain'] ? { allowedDomains: values['allow-domain'] } : {}),
    ...(values.disable ? { disable: values.disable.map((r) => oneOf(r, LINT_RULES, '--disable')) as LintOptions['disable'] } : {}),
  };
  const text = file === '-' ? await readAll(io.stdin) : readReplyFile(file);
  let result: LintResult;
  try {
    result = lintReply(text, options);
  } catch (e) {
    if (e instanceof ReviewTriageError) throw new UsageError(e.message);
    throw e;
  }
  const name = file === '-' ? '<stdin>' : file;
  io.stdout.write(format === 'json' ? `${JSON.stringify(result)}\n` : human(name, text, result));
  return result.ok ? EXIT_OK : EXIT_SOME_FAILED;
}

function readReplyFile(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new UsageError(`cannot read reply file "${file}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : ((e as NodeJS.ErrnoException).code ?? 'error')}`);
  }
  if (!stat.isFile()) throw new UsageError(`reply "${file}" is not a regular file`);
  if (stat.size > MAX_REPLY_BYTES) throw new UsageError(`reply file "${file}" is ${stat.size} bytes, over the ${MAX_REPLY_BYTES}-byte limit`);
  return stripBom(fs.readFileSync(file, 'utf8'));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > MAX_REPLY_BYTES) throw new UsageError(`the reply on standard input is over the ${MAX_REPLY_BYTES}-byte limit`);
    chunks.push(b);
  }
  return stripBom(Buffer.concat(chunks).toString('utf8'));
}

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/** FILE:LINE:COLUMN: rule "span": reason, one finding a line (columns count UTF-16 units from 1), then a count. */
function human(name: string, text: string, r: LintResult): string {
  const lines: string[] = [];
  for (const f of r.findings) {
    const before = text.slice(0, f.start);
    const line = before.split('\n').length;
    const column = f.start - before.lastIndexOf('\n');
    lines.push(`${forTerminal(name)}:${line}:${column}: ${f.rule}${f.match ? ` "${forTerminal(f.match)}"` : ''}: ${forTerminal(f.reason)}`);
  }
  lines.push(r.ok ? `${forTerminal(name)}: no finding` : `${forTerminal(name)}: ${r.findings.length} finding(s)`);
  return `${lines.join('\n')}\n`;
}
