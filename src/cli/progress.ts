import { forTerminal } from './sanitize.js';

/** What the progress bar needs of standard error. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Input size in bytes, when known (a file), for a percentage. */
  totalBytes?: number | null;
  /** Redraw at most this often. Default 100 ms. */
  intervalMs?: number;
  /** Show nothing for runs shorter than this. Default 500 ms. */
  delayMs?: number;
  /** Clock (tests pass a fake one). */
  now?: () => number;
}

const BAR_CELLS = 24;
const CLEAR_LINE = '\r\x1b[K';

/**
 * A one-line progress bar on standard error, drawn only when it is a
 * terminal (so logs and pipes stay clean) and redrawn at most every
 * `intervalMs` so that drawing costs nothing next to the analysis.
 */
export class ProgressBar {
  readonly enabled: boolean;
  private readonly stream: ProgressStream;
  private readonly totalBytes: number | null;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly startedAt: number;
  private nextDraw: number;
  private shown = false;
  private records = 0;
  private bytes = 0;
  /** Set by startPhase: a known number of items (the batch analysis), counted from phaseStart. */
  private phase: { label: string; total: number; startedAt: number } | null = null;

  constructor(stream: ProgressStream, options: ProgressOptions = {}) {
    this.stream = stream;
    this.enabled = stream.isTTY === true;
    this.totalBytes = options.totalBytes && options.totalBytes > 0 ? options.totalBytes : null;
    this.intervalMs = options.intervalMs ?? 100;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.nextDraw = this.startedAt + (options.delayMs ?? 500);
  }

  /** Counts input bytes consumed (for the percentage). */
  addBytes(bytes: number): void {
    this.bytes += bytes;
  }

  /**
   * Counts one more review handled (or, in a phase, sets how many are done)
   * and redraws if the interval has passed.
   */
  tick(done?: number): void {
    if (done === undefined) this.records++;
    else this.records = done;
    if (!this.enabled) return;
    const t = this.now();
    if (t < this.nextDraw) return;
    this.nextDraw = t + this.intervalMs;
    this.draw(t);
  }

  /** Writes a message line (a bad line, a warning) without tearing the bar. */
  message(raw: string): void {
    if (this.shown) this.stream.write(CLEAR_LINE);
    this.shown = false;
    // Messages carry file names, keys and ids from the input: never raw controls on the terminal.
    const text = forTerminal(raw, { keepNewlines: true });
    this.stream.write(text.endsWith('\n') ? text : text + '\n');
  }

  /** Starts a phase of `total` known items (the batch analysis after reading): the bar then counts those. */
  startPhase(label: string, total: number): void {
    this.phase = { label, total, startedAt: this.now() };
    this.records = 0;
    if (!this.enabled) return;
    this.status(`${label} ${total.toLocaleString('en-US')} reviews...`);
  }

  /** Shows a status instead of the bar (e.g. while a batch is analysed in one go). */
  status(text: string): void {
    if (!this.enabled) return;
    this.stream.write(CLEAR_LINE + text);
    this.shown = true;
  }

  /** Removes the bar, leaving standard error as it was. */
  clear(): void {
    if (this.shown) this.stream.write(CLEAR_LINE);
    this.shown = false;
  }

  private draw(t: number): void {
    const since = this.phase ? this.phase.startedAt : this.startedAt;
    const seconds = Math.max((t - since) / 1000, 1e-3);
    const rate = this.records / seconds;
    const counts = `${this.records.toLocaleString('en-US')} reviews  ${Math.round(rate).toLocaleString('en-US')}/s`;
    // Share done: items of a phase, else bytes of a file of known size.
    const share = this.phase ? (this.phase.total ? this.records / this.phase.total : 1) : this.totalBytes ? this.bytes / this.totalBytes : null;
    let line: string;
    if (share !== null) {
      const s = Math.min(1, share);
      const filled = Math.round(s * BAR_CELLS);
      const eta = s > 0 ? `  ETA ${duration(((t - since) / 1000) * ((1 - s) / s))}` : '';
      line = `${this.phase ? this.phase.label + ' ' : ''}[${'#'.repeat(filled)}${'-'.repeat(BAR_CELLS - filled)}] ${String(Math.floor(s * 100)).padStart(3)}%  ${counts}${eta}`;
    } else {
      line = counts;
    }
    this.stream.write(CLEAR_LINE + line);
    this.shown = true;
  }
}

/** 75 -> "1m15s", 3 -> "3s". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
