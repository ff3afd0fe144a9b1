import fs from 'node:fs';
import { ReviewTriageError, StateError } from '../kernel/errors.js';
import { describeIssues, parseReviewInput, type ReviewInput } from '../kernel/review.js';
import { createMonitor, type Monitor } from '../monitor/monitor.js';
import { openRedisStore } from '../monitor/redis-store.js';
import { openSqliteStore } from '../monitor/sqlite-store.js';
import type { MonitorStore } from '../monitor/store.js';
import { EXIT_OK, EXIT_SOME_FAILED, formatFromExtension, INPUT_FORMATS, strictArgs, UsageError, type InputFormat } from './args.js';
import type { CliIO } from './io.js';
import { readLines, readRecords, SourceError } from './readers.js';

export const MONITOR_HELP = `Usage:
  review-triage monitor <file> --state STATE [options]
  review-triage monitor mark ID replied|resolved|open --state STATE
  review-triage monitor queue --state STATE

Adds the reviews of <file> (JSONL or CSV) to a state that remembers earlier
runs, and prints, as JSON: the alerts that are new or changed (against the
stored trailing baseline, campaigns that continue across runs), the queue
with deadlines and statuses, and a summary with the 24 h response rate.
Reviews already in the state (by id; without an id, by content) are skipped.

"mark" sets the status of a queue item (a review id or a campaign's group
id); "queue" prints the queue without adding reviews.

Options:
  --state FILE             The SQLite state file (created when missing).
  --redis URL              A Redis server instead (redis://host:port/db).
  --prefix P               Key prefix on Redis (default rt:).
  --utc-offset HOURS       The merchant's offset from UTC, for cutting days.
  --input-format FORMAT    jsonl | csv. Default: from the extension.
  --lexicon PATH           As for "analyze". Repeatable.
  --disable STAGE          As for "analyze". Repeatable.
  --at TIME                "mark": when it happened (ISO-8601). Default: now.
  -h, --help               Show this help.
`;

const OPTIONS = {
  state: { type: 'string' },
  redis: { type: 'string' },
  prefix: { type: 'string' },
  'utc-offset': { type: 'string' },
  'input-format': { type: 'string' },
  lexicon: { type: 'string', multiple: true },
  disable: { type: 'string', multiple: true },
  at: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function utcOffset(value: string | undefined): number {
  if (value === undefined) return 0;
  const h = Number(value);
  if (!/^[+-]?\d+(\.\d+)?$/.test(value.trim()) || Math.abs(h) > 14 || !Number.isInteger(h * 60)) throw new UsageError(`--utc-offset must be hours from UTC between -14 and 14 (e.g. 8, -5, 5.5), got "${value}"`);
  return h * 60;
}

/** `review-triage monitor ...`: resolves to the exit code. */
export async function monitorCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = strictArgs(argv, OPTIONS);
  if (values.help || positionals.length === 0) {
    io.stdout.write(MONITOR_HELP);
    return positionals.length === 0 && !values.help ? 2 : EXIT_OK;
  }
  if ((values.state === undefined) === (values.redis === undefined)) throw new UsageError('"monitor" needs the state: --state FILE or --redis URL (one of them)');
  if (values.prefix !== undefined && values.redis === undefined) throw new UsageError('--prefix is for --redis');
  const offset = utcOffset(values['utc-offset']);
  const analyzer = { lexicons: values.lexicon ?? [], disable: values.disable ?? [], stageOptions: { alerts: { utcOffsetMinutes: offset } } };

  const [what, ...rest] = positionals;
  if (what === 'mark') {
    if (rest.length !== 2) throw new UsageError('usage: monitor mark ID replied|resolved|open --state STATE');
    const status = rest[1]!;
    if (!['replied', 'resolved', 'open'].includes(status)) throw new UsageError(`unknown status "${status}" (expected replied, resolved or open)`);
    const at = values.at === undefined ? undefined : Date.parse(values.at);
    if (at !== undefined && Number.isNaN(at)) throw new UsageError(`--at must be an ISO-8601 time, got "${values.at}"`);
    return withMonitor(values, analyzer, io, async (m) => {
      const item = await m.mark(rest[0]!, status as 'replied', at);
      io.stdout.write(JSON.stringify(item) + '\n');
      return EXIT_OK;
    });
  }
  if (what === 'queue') {
    if (rest.length) throw new UsageError('"monitor queue" takes no file');
    return withMonitor(values, analyzer, io, async (m) => {
      const { queue, summary } = await m.state();
      io.stdout.write(JSON.stringify({ queue, summary }, null, 2) + '\n');
      return EXIT_OK;
    });
  }
  if (rest.length) throw new UsageError(`"monitor" takes one input file, got ${positionals.length}`);
  const file = what!;
  const format = values['input-format'] ?? formatFromExtension(file);
  if (format === null) throw new UsageError(`cannot tell the format of "${file}" from its extension; pass --input-format jsonl or csv`);
  if (!(INPUT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown --input-format "${format}" (expected ${INPUT_FORMATS.join(', ')})`);
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) throw new UsageError(`cannot read input file "${file}": no such file`);

  return withMonitor(values, analyzer, io, async (m) => {
    let failed = 0;
    const input = fs.createReadStream(file);
    async function* reviews() {
      for await (const record of readRecords(format as InputFormat, readLines(input), { onWarning: (w) => io.stderr.write(`${file}: warning: ${w}\n`) })) {
        if ('error' in record) {
          failed++;
          io.stderr.write(`${file}:${record.line}: ${record.error}\n`);
          continue;
        }
        try {
          parseReviewInput(record.input, '0');
        } catch (e) {
          failed++;
          const issues = (e as { issues?: Parameters<typeof describeIssues>[0] }).issues;
          io.stderr.write(`${file}:${record.line}: invalid review: ${issues?.length ? describeIssues(issues) : (e as Error).message}\n`);
          continue;
        }
        yield record.input as ReviewInput;
      }
    }
    let run;
    try {
      run = await m.run(reviews());
    } catch (e) {
      if (e instanceof SourceError) throw new UsageError(`${file}: ${e.message}`);
      throw e;
    } finally {
      input.destroy();
    }
    io.stdout.write(JSON.stringify(run, null, 2) + '\n');
    io.stderr.write(`${m.store.location}: ${run.added} new review(s), ${run.skipped} already known, ${run.alerts.length} new or changed alert(s), ${run.summary.queue.overdue} overdue${failed ? `; ${failed} line(s) failed and were skipped` : ''}\n`);
    return failed ? EXIT_SOME_FAILED : EXIT_OK;
  });
}

async function withMonitor(values: { state?: string; redis?: string; prefix?: string }, analyzer: object, io: CliIO, fn: (m: Monitor) => Promise<number>): Promise<number> {
  let store: MonitorStore;
  let monitor: Monitor;
  try {
    store = values.redis !== undefined ? await openRedisStore({ url: values.redis, ...(values.prefix !== undefined ? { prefix: values.prefix } : {}) }) : openSqliteStore(values.state!);
    monitor = createMonitor({ store, analyzer });
  } catch (e) {
    if (e instanceof ReviewTriageError) throw new UsageError(e.message);
    throw e;
  }
  try {
    return await fn(monitor);
  } catch (e) {
    if (e instanceof StateError || e instanceof ReviewTriageError) {
      io.stderr.write(`review-triage: ${e.message}\n`);
      return EXIT_SOME_FAILED;
    }
    throw e;
  } finally {
    await monitor.close();
  }
}
