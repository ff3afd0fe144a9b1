import fs from 'node:fs';
import path from 'node:path';
import { createAnalyzer as createLibraryAnalyzer, type Analyzer } from '../analyzer/analyzer.js';
import { MissingDependencyError, ReviewTriageError } from '../kernel/errors.js';
import { loadEcharts } from '../report/charts.js';
import { describeIssues, parseReviewInput } from '../kernel/review.js';
import { REPORT_LOCALES, renderReport, type ReportLocale } from '../report/index.js';
import { EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, formatFromExtension, INPUT_FORMATS, strictArgs, UsageError, type InputFormat } from './args.js';
import type { CliIO } from './io.js';
import { readLines, readRecords, SourceError } from './readers.js';

export const REPORT_HELP = `Usage:
  review-triage report <file> [options]

Analyses the reviews in <file> (JSONL or CSV, as for "analyze") as one batch
and writes a self-contained HTML report (no script, no network; opens from
disk and prints to PDF).

Options:
  -o, --out FILE           Where to write the report. Default: report.html
  --locale LOCALE          en (default) | zh: the report's language.
  --utc-offset HOURS       The merchant's offset from UTC (e.g. 8 for China,
                           -5, 5.5): cuts days and shows times in that zone.
                           Default: 0.
  --title TEXT             The report's title.
  --input-format FORMAT    jsonl | csv. Default: from the extension.
  --lexicon PATH           As for "analyze". Repeatable.
  --disable STAGE          As for "analyze". Repeatable.
  --no-charts              No charts: bar charts become tables of counts and
                           the other figures say they were left out. Needed
                           when echarts (an optional dependency: npm install
                           echarts) is not installed.
  -h, --help               Show this help.
`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  locale: { type: 'string' },
  'utc-offset': { type: 'string' },
  title: { type: 'string' },
  'input-format': { type: 'string' },
  lexicon: { type: 'string', multiple: true },
  disable: { type: 'string', multiple: true },
  'no-charts': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface ReportCommand {
  file: string;
  out: string;
  locale: ReportLocale;
  utcOffsetMinutes: number;
  title: string | undefined;
  inputFormat: InputFormat;
  lexicons: string[];
  disable: string[];
  charts: boolean;
}

/** Parses the arguments after "report". Null means help was asked for. */
export function parseReportArgs(argv: string[]): ReportCommand | null {
  const { values, positionals } = strictArgs(argv, OPTIONS);
  if (values.help) return null;
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `"report" takes one input file, got ${positionals.length}` : 'missing input file for "report"');
  const file = positionals[0]!;
  const locale = values.locale ?? 'en';
  if (!(REPORT_LOCALES as readonly string[]).includes(locale)) throw new UsageError(`unknown --locale "${locale}" (expected ${REPORT_LOCALES.join(', ')})`);
  let utcOffsetMinutes = 0;
  if (values['utc-offset'] !== undefined) {
    const h = Number(values['utc-offset']);
    if (!/^[+-]?\d+(\.\d+)?$/.test(values['utc-offset'].trim()) || !Number.isFinite(h) || Math.abs(h) > 14 || !Number.isInteger(h * 60)) {
      throw new UsageError(`--utc-offset must be hours from UTC between -14 and 14 (e.g. 8, -5, 5.5), got "${values['utc-offset']}"`);
    }
    utcOffsetMinutes = h * 60;
  }
  const format = values['input-format'] ?? formatFromExtension(file);
  if (format === null) throw new UsageError(`cannot tell the format of "${file}" from its extension; pass --input-format jsonl or csv`);
  if (!(INPUT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown --input-format "${format}" (expected ${INPUT_FORMATS.join(', ')})`);
  const out = values.out ?? 'report.html';
  if (out === '') throw new UsageError('--out needs a file name');
  if (path.resolve(out) === path.resolve(file)) throw new UsageError('--out must not be the input file (it would be overwritten)');
  return { file, out, locale: locale as ReportLocale, utcOffsetMinutes, title: values.title, inputFormat: format as InputFormat, lexicons: values.lexicon ?? [], disable: values.disable ?? [], charts: !values['no-charts'] };
}

/**
 * `review-triage report`: read, validate, analyse as one batch, render, and
 * write the page through a temporary file renamed into place, so a failure
 * never leaves a half-written report behind.
 */
export async function reportCommand(argv: string[], io: CliIO): Promise<number> {
  const cmd = parseReportArgs(argv);
  if (cmd === null) {
    io.stdout.write(REPORT_HELP);
    return EXIT_OK;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(cmd.file);
  } catch {
    throw new UsageError(`cannot read input file "${cmd.file}": no such file or directory`);
  }
  if (stat.isDirectory()) throw new UsageError(`input "${cmd.file}" is a directory, not a file`);
  // Find an unwritable destination before the (long) analysis, not after it.
  try {
    fs.accessSync(path.dirname(path.resolve(cmd.out)), fs.constants.W_OK);
  } catch {
    throw new UsageError(`cannot write output file "${cmd.out}": its folder does not exist or is not writable`);
  }

  // A missing chart engine is found before the (long) analysis too.
  if (cmd.charts) {
    try {
      loadEcharts();
    } catch (e) {
      if (e instanceof MissingDependencyError) throw new UsageError('the report\'s charts need echarts, an optional dependency of review-triage: run "npm install echarts", or pass --no-charts for a report without charts');
      throw e;
    }
  }

  let analyzer: Analyzer;
  try {
    analyzer = (io.createAnalyzer ?? createLibraryAnalyzer)({ lexicons: cmd.lexicons, disable: cmd.disable });
  } catch (e) {
    if (e instanceof ReviewTriageError) throw new UsageError(e.message);
    throw e;
  }

  const inputs: Array<Record<string, unknown>> = [];
  let failed = 0;
  const input = fs.createReadStream(cmd.file);
  try {
    for await (const record of readRecords(cmd.inputFormat, readLines(input), { onWarning: (w) => io.stderr.write(`${cmd.file}: warning: ${w}\n`) })) {
      if ('error' in record) {
        failed++;
        io.stderr.write(`${cmd.file}:${record.line}: ${record.error}\n`);
        continue;
      }
      const review = record.input.id === undefined ? { ...record.input, id: String(record.line) } : record.input;
      try {
        parseReviewInput(review, String(record.line));
        inputs.push(review);
      } catch (e) {
        failed++;
        const issues = (e as { issues?: Parameters<typeof describeIssues>[0] }).issues;
        io.stderr.write(`${cmd.file}:${record.line}: invalid review: ${issues?.length ? describeIssues(issues) : (e as Error).message}\n`);
      }
    }
  } catch (e) {
    throw new UsageError(e instanceof SourceError ? `${cmd.file}: ${e.message}` : `cannot read ${cmd.file}: ${(e as Error).message}`);
  } finally {
    input.destroy();
  }

  const batchOptions = { summary: { utcOffsetMinutes: cmd.utcOffsetMinutes }, alerts: { utcOffsetMinutes: cmd.utcOffsetMinutes } };
  const result = analyzer.analyzeBatch(inputs as Parameters<Analyzer['analyzeBatch']>[0], batchOptions);
  const html = renderReport(result, {
    locale: cmd.locale,
    charts: cmd.charts,
    utcOffsetMinutes: cmd.utcOffsetMinutes,
    inputs,
    ...(cmd.title !== undefined ? { title: cmd.title } : {}),
    analysisOptions: { input: path.basename(cmd.file), lexicons: cmd.lexicons.map((l) => path.basename(l)), disable: cmd.disable, batch: batchOptions },
  });

  const tmp = `${cmd.out}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, html);
    fs.renameSync(tmp, cmd.out);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new UsageError(`cannot write output file "${cmd.out}": ${(e as Error).message}`);
  }
  io.stderr.write(`${cmd.out}: report of ${inputs.length} review(s)${failed ? `; ${failed} line(s) failed and were skipped` : ''}\n`);
  return failed ? EXIT_SOME_FAILED : EXIT_OK;
}
