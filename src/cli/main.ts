import fs from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createAnalyzer as createLibraryAnalyzer, type Analyzer, type AnalyzerOptions } from '../analyzer/analyzer.js';
import { InputError, ReviewTriageError } from '../kernel/errors.js';
import { describeIssues, parseReviewInput } from '../kernel/review.js';
import { EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, formatFromExtension, HELP_TEXT, parseCliArgs, UsageError, type CliCommand } from './args.js';
import { Output } from './output.js';
import { ProgressBar } from './progress.js';
import { readLines, readRecords, SourceError, type SourceRecord } from './readers.js';
import type { CliIO } from './io.js';
import { reportCommand } from './report.js';
import { createFormatter } from './writers.js';

/** The streams and hooks the CLI runs with: the process's by default, fakes in tests. */
export type { CliIO } from './io.js';

type AnalyzeCommand = Extract<CliCommand, { kind: 'analyze' }>;

const PROGRAM = 'review-triage';

/**
 * Runs the CLI with `argv` (the arguments after the program name) and
 * resolves to the exit code; never throws and never calls process.exit.
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  // `report` has its own options (src/cli/report.ts).
  if (argv[0] === 'report') return guarded(io, () => reportCommand(argv.slice(1), io));
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
    io.stderr.write(`${PROGRAM}: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT_SOME_FAILED;
  }
}

function usageFailure(io: CliIO, message: string): number {
  io.stderr.write(`${PROGRAM}: ${message}\nRun "${PROGRAM} --help" for usage.\n`);
  return EXIT_USAGE;
}

async function analyzeCommand(cmd: AnalyzeCommand, io: CliIO): Promise<number> {
  // Check everything the user gave before doing anything with side effects (such as creating --out).
  const fromStdin = cmd.file === '-';
  const name = fromStdin ? '<stdin>' : cmd.file;
  let size: number | null = null;
  if (!fromStdin) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(cmd.file);
    } catch (e) {
      throw new UsageError(`cannot read input file "${cmd.file}": ${systemReason(e)}`);
    }
    if (stat.isDirectory()) throw new UsageError(`input "${cmd.file}" is a directory, not a file`);
    size = stat.isFile() ? stat.size : null;
    if (cmd.out && path.resolve(cmd.out) === path.resolve(cmd.file)) throw new UsageError('--out must not be the input file (it would be overwritten)');
  }
  const format = cmd.inputFormat ?? (fromStdin ? 'jsonl' : formatFromExtension(cmd.file));
  if (!format) throw new UsageError(`cannot tell the format of "${cmd.file}" from its extension; pass --input-format jsonl or csv`);

  let analyzer: Analyzer;
  try {
    analyzer = (io.createAnalyzer ?? createLibraryAnalyzer)({ lexicons: cmd.lexicons, disable: cmd.disable });
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
  let sink: Writable = io.stdout;
  if (cmd.out) {
    try {
      sink = fs.createWriteStream('', { fd: fs.openSync(cmd.out, 'w') });
    } catch (e) {
      if (!fromStdin) input.destroy();
      throw new UsageError(`cannot write output file "${cmd.out}": ${systemReason(e)}`);
    }
  }

  const output = new Output(sink, cmd.out !== null);
  const progress = new ProgressBar(io.stderr, { totalBytes: size, ...(io.now ? { now: io.now } : {}) });
  const run: RunState = { name, failed: 0, total: 0, progress, output };
  const lines = progress.enabled ? countingBytes(readLines(input), progress) : readLines(input);
  const records = readRecords(format, lines, { onWarning: (w) => progress.message(`${name}: warning: ${w}`) });
  try {
    const status = cmd.batch ? await runBatch(records, analyzer, cmd, run) : await runStreaming(records, analyzer, cmd, run);
    if (status !== EXIT_OK) return status;
    await output.close();
    if (output.error && !output.brokenPipe) {
      io.stderr.write(`${PROGRAM}: cannot write output: ${output.error.message}\n`);
      return EXIT_USAGE;
    }
    if (run.failed > 0) progress.message(`${PROGRAM}: ${run.failed} of ${run.total} line(s) failed and were skipped`);
    return run.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
  } finally {
    progress.clear();
    await output.close();
    // Stop reading: the output may have stopped early (a closed pipe) with input still flowing.
    input.destroy();
  }
}

/**
 * Counts the bytes of the lines handed to the parser, so the percentage
 * follows the analysis, not the read-ahead buffer. Only used for the bar.
 */
async function* countingBytes(lines: AsyncIterable<string>, progress: ProgressBar): AsyncGenerator<string> {
  for await (const line of lines) {
    progress.addBytes(Buffer.byteLength(line, 'utf8') + 1);
    yield line;
  }
}

interface RunState {
  name: string;
  /** Lines that failed (bad input, or analysis error). */
  failed: number;
  /** Lines that held a review (good or bad). */
  total: number;
  progress: ProgressBar;
  output: Output;
}

/** Reports one bad line on standard error. */
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
 * Runs the read loop; a failure to read (not a bad line) becomes a usage
 * exit: the input as a whole could not be used.
 */
async function forEachRecord(records: AsyncIterable<SourceRecord>, run: RunState, each: (r: SourceRecord) => Promise<boolean> | boolean): Promise<void> {
  try {
    for await (const record of records) {
      run.total++;
      const go = await each(record);
      run.progress.tick();
      if (!go) break;
    }
  } catch (e) {
    if (e instanceof SourceError) throw new UsageError(`${run.name}: ${e.message}`);
    throw new UsageError(`cannot read ${run.name}: ${systemReason(e)}`);
  }
}

/** --no-batch: analyse and write each review as its line is read. */
async function runStreaming(records: AsyncIterable<SourceRecord>, analyzer: Analyzer, cmd: AnalyzeCommand, run: RunState): Promise<number> {
  const formatter = createFormatter(cmd.format);
  let started = false;
  await forEachRecord(records, run, async (record) => {
    if ('error' in record) {
      reportLine(run, record.line, record.error);
      return true;
    }
    let text: string;
    try {
      const analysis = analyzer.analyze(withId(record) as Parameters<Analyzer['analyze']>[0]);
      text = started ? formatter.item(analysis) : formatter.start() + formatter.item(analysis);
      started = true;
    } catch (e) {
      reportLine(run, record.line, reasonOf(e));
      return true;
    }
    await run.output.write(text);
    return !run.output.error;
  });
  if (!run.output.error) await run.output.write((started ? '' : formatter.start()) + formatter.finish());
  return EXIT_OK;
}

/** Default: read every valid review, then analyse them together so cross-review stages apply. */
async function runBatch(records: AsyncIterable<SourceRecord>, analyzer: Analyzer, cmd: AnalyzeCommand, run: RunState): Promise<number> {
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

  run.progress.status(`analysing ${inputs.length.toLocaleString('en-US')} reviews as one batch...`);
  let result;
  try {
    result = analyzer.analyzeBatch(inputs as Parameters<Analyzer['analyzeBatch']>[0]);
  } catch (e) {
    run.progress.message(`${PROGRAM}: batch analysis failed: ${(e as Error)?.message ?? String(e)}`);
    return EXIT_SOME_FAILED;
  }
  run.progress.clear();
  for (const piece of createFormatter(cmd.format).batch(result)) {
    if (piece) await run.output.write(piece);
    if (run.output.error) break;
  }
  return EXIT_OK;
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
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
