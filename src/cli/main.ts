import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createAnalyzer as createLibraryAnalyzer, type Analyzer, type AnalyzerOptions, type BatchOptions } from '../analyzer/analyzer.js';
import { InputError, ReviewTriageError } from '../kernel/errors.js';
import { describeIssues, parseReviewInput, timestampMs, type ReviewInput } from '../kernel/review.js';
import { EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, formatFromExtension, HELP_TEXT, parseCliArgs, UsageError, zoneOffsetMinutes, type CliCommand } from './args.js';
import { Output } from './output.js';
import { ProgressBar } from './progress.js';
import { forTerminal } from './sanitize.js';
import { readLines, readRecords, SourceError, type SourceRecord } from './readers.js';
import type { CliIO } from './io.js';
import { reportCommand } from './report.js';
import { lintReplyCommand } from './lint-reply.js';
import { monitorCommand } from './monitor.js';
import { createFormatter } from './writers.js';
import type { BatchResult } from '../context/batch-result.js';
import { readLexiconFile } from '../lexicon/load.js';
import { EncodingError } from './encoding.js';
import { discardOpenOutFiles, OutFile } from './outfile.js';
import { passes, selectResults } from './select.js';
import { summaryText } from './summary.js';

/** The streams and hooks the CLI runs with: the process's by default, fakes in tests. */
export type { CliIO } from './io.js';

type AnalyzeCommand = Extract<CliCommand, { kind: 'analyze' }>;

const PROGRAM = 'review-triage';

/**
 * Runs the CLI with `argv` (the arguments after the program name) and
 * resolves to the exit code; never throws and never calls process.exit.
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  // `report` and `lint-reply` have their own options (src/cli/report.ts, src/cli/lint-reply.ts).
  if (argv[0] === 'report') return guarded(io, () => reportCommand(argv.slice(1), io));
  if (argv[0] === 'lint-reply') return guarded(io, () => lintReplyCommand(argv.slice(1), io));
  // `monitor` keeps state between runs (src/cli/monitor.ts).
  if (argv[0] === 'monitor') return guarded(io, () => monitorCommand(argv.slice(1), io));
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usageFailure(io, e.message);
  }
  if (command.kind === 'help') {
    io.stdout.write(HELP_TEXT);
    return EXIT_OK;
  }
  if (command.kind === 'version') {
    io.stdout.write(packageVersion() + '\n');
    return EXIT_OK;
  }
  return guarded(io, () => analyzeCommand(command, io));
}

/** Runs a command: a UsageError is the user's (exit 2), anything else a bug reported with its stack. */
async function guarded(io: CliIO, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(io, e.message);
    // A bug, not the user's fault: say so and keep the stack for the report.
    io.stderr.write(`${PROGRAM}: internal error: ${forTerminal((e as Error)?.stack ?? String(e), { keepNewlines: true })}\n`);
    return EXIT_SOME_FAILED;
  }
}

function usageFailure(io: CliIO, message: string): number {
  io.stderr.write(`${PROGRAM}: ${forTerminal(message, { keepNewlines: true })}\nRun "${PROGRAM} --help" for usage.\n`);
  return EXIT_USAGE;
}

async function analyzeCommand(cmd: AnalyzeCommand, io: CliIO): Promise<number> {
  // Check everything the user gave before doing anything with side effects (such as creating --out).
  const fromStdin = cmd.file === '-';
  const name = fromStdin ? '<stdin>' : cmd.file;
  let size: number | null = null;
  let inputStat: fs.Stats | null = null;
  if (!fromStdin) {
    try {
      inputStat = fs.statSync(cmd.file);
    } catch (e) {
      throw new UsageError(`cannot read input file "${cmd.file}": ${systemReason(e)}`);
    }
    if (inputStat.isDirectory()) throw new UsageError(`input "${cmd.file}" is a directory, not a file`);
    size = inputStat.isFile() ? inputStat.size : null;
  }
  const format = cmd.inputFormat ?? (fromStdin ? 'jsonl' : formatFromExtension(cmd.file));
  if (!format) throw new UsageError(`cannot tell the format of "${cmd.file}" from its extension; pass --input-format jsonl or csv`);

  let analyzer: Analyzer;
  try {
    // Read here with the CLI's size limit; the analyzer gets the parsed lexicons.
    const lexicons = cmd.lexicons.map((file) => readLexiconFile(path.resolve(file), { maxBytes: cmd.maxLexiconBytes }));
    // --no-batch analyses review by review as lines arrive: no pool.
    analyzer = (io.createAnalyzer ?? createLibraryAnalyzer)({ lexicons: lexicons as unknown as AnalyzerOptions['lexicons'], disable: cmd.disable, workers: cmd.batch ? cmd.workers : 1, ...(cmd.locale ? { locale: cmd.locale } : {}) });
  } catch (e) {
    if (e instanceof ReviewTriageError) throw new UsageError(e.message);
    throw e;
  }

  let input: Readable;
  try {
    input = fromStdin ? io.stdin : fs.createReadStream('', { fd: fs.openSync(cmd.file, 'r') });
  } catch (e) {
    throw new UsageError(`cannot read input file "${cmd.file}": ${systemReason(e)}`);
  }
  // With --summary the digest takes standard output; results are written only to --out.
  const writesResults = cmd.out !== null || !cmd.summary;
  let sink: Writable = writesResults ? io.stdout : new PassThrough().resume();
  let outFile: OutFile | null = null;
  if (cmd.out) {
    try {
      outFile = OutFile.open(cmd.out, inputStat);
      sink = fs.createWriteStream('', { fd: outFile.fd, autoClose: false });
    } catch (e) {
      if (!fromStdin) input.destroy();
      throw new UsageError(e instanceof Error && !(e as NodeJS.ErrnoException).code ? e.message : `cannot write output file "${cmd.out}": ${systemReason(e)}`);
    }
  }

  const output = new Output(sink, cmd.out !== null);
  const progress = new ProgressBar(io.stderr, { totalBytes: size, ...(io.now ? { now: io.now } : {}) });
  const run: RunState = { name, failed: 0, total: 0, progress, output, aborted: null };
  // Ctrl-C / SIGTERM: stop reading, keep the previous --out file (the temporary one is removed).
  const signals = io.signals ?? process;
  const onSignal = (signal: NodeJS.Signals) => {
    run.aborted ??= signal;
    input.destroy();
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
  const lines = readLines(input, { encoding: cmd.encoding, maxLineBytes: cmd.maxLineBytes, ...(progress.enabled ? { onBytes: (n: number) => progress.addBytes(n) } : {}) });
  const records = readRecords(format, lines, {
    onWarning: (w) => progress.message(`${name}: warning: ${w}`),
    maxLineBytes: cmd.maxLineBytes,
    ...(cmd.delimiter ? { delimiter: cmd.delimiter } : {}),
    columns: cmd.columns,
  });
  let committed = false;
  try {
    const status = cmd.batch ? await runBatch(records, analyzer, cmd, run, io) : await runStreaming(records, analyzer, cmd, run, io);
    if (run.aborted) {
      progress.message(`${PROGRAM}: stopped by ${run.aborted}${outFile ? `; "${cmd.out}" was left as it was` : ''}`);
      return run.aborted === 'SIGINT' ? 130 : 143;
    }
    if (status !== EXIT_OK) return status;
    await output.close();
    if (output.error && !output.brokenPipe) {
      io.stderr.write(`${PROGRAM}: cannot write output${cmd.out ? ` "${forTerminal(cmd.out)}"` : ''}: ${forTerminal(systemReason(output.error))}\n`);
      return EXIT_USAGE;
    }
    if (outFile) {
      try {
        outFile.commit();
        committed = true;
      } catch (e) {
        io.stderr.write(`${PROGRAM}: cannot write output "${forTerminal(cmd.out!)}": ${forTerminal(systemReason(e))}\n`);
        return EXIT_USAGE;
      }
    }
    if (run.failed > 0) progress.message(`${PROGRAM}: ${run.failed} of ${run.total} row(s) failed and were skipped`);
    return run.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
  } finally {
    signals.off('SIGINT', onSignal);
    signals.off('SIGTERM', onSignal);
    progress.clear();
    await output.close();
    if (!committed) outFile?.discard();
    // Stop reading: the output may have stopped early (a closed pipe) with input still flowing.
    input.destroy();
    await analyzer.close?.();
  }
}

interface RunState {
  name: string;
  /** Rows that failed (bad input, or analysis error). */
  failed: number;
  /** Rows that held a review (good or bad). */
  total: number;
  progress: ProgressBar;
  output: Output;
  /** The signal that stopped the run, if one did. */
  aborted: NodeJS.Signals | null;
}

/** Reports one bad row on standard error. */
function reportLine(run: RunState, line: number, reason: string): void {
  run.failed++;
  run.progress.message(`${run.name}:${line}: ${reason}`);
}

function reasonOf(e: unknown): string {
  if (e instanceof InputError) return `invalid review: ${e.issues.length ? describeIssues(e.issues) : e.message}`;
  return `analysis failed: ${(e as Error)?.message ?? String(e)}`;
}

/** The record's review with its line number as id when it has none, so results map back to the input. */
function withId(record: { line: number; input: Record<string, unknown> }): Record<string, unknown> {
  return record.input.id === undefined ? { ...record.input, id: String(record.line) } : record.input;
}

/**
 * Runs the read loop; a failure to read (not a bad row) becomes a usage
 * exit: the input as a whole could not be used.
 */
async function forEachRecord(records: AsyncIterable<SourceRecord>, run: RunState, each: (r: SourceRecord) => Promise<boolean> | boolean): Promise<void> {
  try {
    for await (const record of records) {
      if (run.aborted) break;
      run.total++;
      const go = await each(record);
      run.progress.tick();
      if (!go) break;
    }
  } catch (e) {
    if (run.aborted) return;
    if (e instanceof EncodingError) throw new UsageError(`${run.name}${e.line === null ? '' : `:${e.line}`}: ${e.message}`);
    if (e instanceof SourceError) throw new UsageError(`${run.name}: ${e.message}`);
    throw new UsageError(`cannot read ${run.name}: ${systemReason(e)}`);
  }
}

function tableWidth(io: CliIO): number | undefined {
  return io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : undefined;
}

/** --no-batch: analyse and write each review as its line is read. */
async function runStreaming(records: AsyncIterable<SourceRecord>, analyzer: Analyzer, cmd: AnalyzeCommand, run: RunState, io: CliIO): Promise<number> {
  const formatter = createFormatter(cmd.format, cmd.out ? {} : { width: tableWidth(io) });
  let started = false;
  let written = 0;
  const { top } = cmd.selection;
  await forEachRecord(records, run, async (record) => {
    if ('error' in record) {
      reportLine(run, record.line, record.error);
      return true;
    }
    let text: string;
    try {
      const analysis = analyzer.analyze(withId(record) as Parameters<Analyzer['analyze']>[0]);
      if (!passes(analysis, cmd.selection)) return true;
      text = started ? formatter.item(analysis) : formatter.start() + formatter.item(analysis);
      started = true;
      written++;
    } catch (e) {
      reportLine(run, record.line, reasonOf(e));
      return true;
    }
    await run.output.write(text);
    return !run.output.error && (top === null || written < top);
  });
  if (!run.output.error && !run.aborted) await run.output.write((started ? '' : formatter.start()) + formatter.finish());
  return EXIT_OK;
}

/** Default: read every valid review, then analyse them together so cross-review stages apply. */
async function runBatch(records: AsyncIterable<SourceRecord>, analyzer: Analyzer, cmd: AnalyzeCommand, run: RunState, io: CliIO): Promise<number> {
  const inputs: Array<Record<string, unknown>> = [];
  await forEachRecord(records, run, (record) => {
    if ('error' in record) {
      reportLine(run, record.line, record.error);
      return true;
    }
    const review = withId(record);
    try {
      // Validate here so one bad line is reported with its number instead of failing the batch.
      parseReviewInput(review, String(record.line));
      inputs.push(review);
    } catch (e) {
      reportLine(run, record.line, reasonOf(e));
    }
    return true;
  });
  if (run.aborted) return EXIT_OK;

  run.progress.startPhase('analysing', inputs.length);
  let result: BatchResult;
  try {
    result = analyzer.analyzeBatch(inputs as Parameters<Analyzer['analyzeBatch']>[0], merchantBatchOptions(cmd, inputs, analyzer), (done) => run.progress.tick(done));
  } catch (e) {
    run.progress.message(`${PROGRAM}: batch analysis failed: ${(e as Error)?.message ?? String(e)}`);
    return EXIT_SOME_FAILED;
  }
  run.progress.clear();
  if (run.aborted) return EXIT_OK;
  const selected = cmd.selection.minSeverity === null && cmd.selection.sort === 'input' && cmd.selection.top === null ? result : { ...result, items: selectResults(result.items, cmd.selection) };
  if (cmd.summary) io.stdout.write(summaryText(result, run.failed));
  if (cmd.summary && !cmd.out) return EXIT_OK;
  for (const piece of createFormatter(cmd.format, cmd.out ? {} : { width: tableWidth(io) }).batch(selected)) {
    if (piece) await run.output.write(piece);
    if (run.output.error) break;
  }
  return EXIT_OK;
}

/**
 * Batch options from --utc-offset / --tz, --slice-by and --core-products, for
 * the stages that run. A time zone's offset is read at the latest review's
 * time (one offset for the batch: a batch across a DST change is cut at the later one).
 */
export function merchantBatchOptions(cmd: AnalyzeCommand, inputs: ReadonlyArray<Record<string, unknown>>, analyzer: Analyzer): BatchOptions {
  let minutes: number | null = null;
  if (cmd.utcOffset && 'minutes' in cmd.utcOffset) minutes = cmd.utcOffset.minutes;
  else if (cmd.utcOffset) {
    let latest = -Infinity;
    for (const r of inputs) {
      const ms = timestampMs(r.timestamp as ReviewInput['timestamp']);
      if (ms !== null && ms > latest) latest = ms;
    }
    minutes = zoneOffsetMinutes(cmd.utcOffset.timeZone, Number.isFinite(latest) ? latest : Date.now());
  }
  const out: BatchOptions = {};
  const add = (stage: string, values: Record<string, unknown>) => {
    if (Object.keys(values).length && analyzer.batchPipeline.has(stage)) out[stage] = values;
  };
  const offset = minutes === null ? {} : { utcOffsetMinutes: minutes };
  add('summary', { ...offset, ...(cmd.sliceBy.length ? { sliceBy: cmd.sliceBy } : {}) });
  add('alerts', { ...offset, ...(cmd.coreProducts ? { coreProducts: cmd.coreProducts } : {}) });
  return out;
}

function systemReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'no such file or directory';
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return 'permission denied';
  if (err?.code === 'EISDIR') return 'is a directory';
  return err?.message ?? String(e);
}

/** The package's version, from the package.json above this module (src/cli or dist). */
export function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'review-triage' && pkg.version) return pkg.version;
    } catch {
      // not here: look one folder up
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

function processIO(): CliIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/** True when this module is the program being run (bin/review-triage.cjs or dist/cli.cjs), not an import. */
function isProgramEntry(): boolean {
  const script = path.basename(process.argv[1] ?? '');
  return script === 'review-triage' || script === 'review-triage.cjs' || script === 'cli.cjs';
}

if (isProgramEntry()) {
  // A second Ctrl-C while the first is being handled (e.g. inside a long synchronous batch step) exits at once, output discarded.
  let signalled = 0;
  const hard = (signal: NodeJS.Signals) => {
    if (++signalled < 2) return;
    discardOpenOutFiles();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', hard);
  process.on('SIGTERM', hard);
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // Standard input may still hold the event loop open after a signal.
    if (code >= 128) process.exit(code);
  });
}
