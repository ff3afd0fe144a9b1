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

  /** Counts one more review handled and redraws if the interval has passed. */
  tick(): void {
    this.records++;
    if (!this.enabled) return;
    const t = this.now();
    if (t < this.nextDraw) return;
    this.nextDraw = t + this.intervalMs;
    this.draw(t);
  }

  /** Writes a message line (a bad line, a warning) without tearing the bar. */
  message(text: string): void {
    if (this.shown) this.stream.write(CLEAR_LINE);
    this.shown = false;
    this.stream.write(text.endsWith('\n') ? text : text + '\n');
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
    const seconds = Math.max((t - this.startedAt) / 1000, 1e-3);
    const rate = Math.round(this.records / seconds);
    const counts = `${this.records.toLocaleString('en-US')} reviews  ${rate.toLocaleString('en-US')}/s`;
    let line: string;
    if (this.totalBytes) {
      const share = Math.min(1, this.bytes / this.totalBytes);
      const filled = Math.round(share * BAR_CELLS);
      line = `[${'#'.repeat(filled)}${'-'.repeat(BAR_CELLS - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${counts}`;
    } else {
      line = counts;
    }
    this.stream.write(CLEAR_LINE + line);
    this.shown = true;
  }
}
