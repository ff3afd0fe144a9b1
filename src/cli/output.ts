import type { Writable } from 'node:stream';

/**
 * Where results go (standard output or the --out file), with backpressure:
 * a write waits for 'drain' when the stream's buffer is full, so streaming a
 * large input keeps memory flat. A write error (e.g. the reader of a pipe
 * went away) is kept, not thrown, and later writes are dropped.
 */
export class Output {
  private failure: NodeJS.ErrnoException | null = null;
  private wake: (() => void) | null = null;
  private closed = false;

  /** `owned`: the stream was opened for this run (the --out file) and is ended by close(). */
  constructor(
    private readonly stream: Writable,
    private readonly owned: boolean,
  ) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      this.failure ??= e;
      this.wake?.();
    });
  }

  get error(): NodeJS.ErrnoException | null {
    return this.failure;
  }

  /** The reader closed the pipe (`| head`): stop quietly, this is not a failure. */
  get brokenPipe(): boolean {
    return this.failure?.code === 'EPIPE';
  }

  async write(chunk: string): Promise<void> {
    if (this.failure || chunk === '') return;
    if (this.stream.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.wake = null;
        resolve();
      };
      this.wake = done;
      this.stream.once('drain', done);
    });
  }

  /** Ends an owned stream and waits until its data is on disk (or it failed). */
  async close(): Promise<void> {
    if (!this.owned || this.closed) return;
    this.closed = true;
    if (this.stream.destroyed) return;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.stream.end(() => resolve());
    });
  }
}
