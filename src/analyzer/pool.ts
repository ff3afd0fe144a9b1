import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { DocSnapshot } from '../kernel/doc.js';
import type { ErrorRecord, PoolReply, PoolTask, WorkerInit } from './pool-protocol.js';
import { rebuildError } from './pool-protocol.js';

export type PoolResult = { ok: DocSnapshot } | { error: ErrorRecord };

/**
 * A fixed set of worker threads running the per-review stages, driven
 * synchronously: analyzeBatch stays a plain function, so the main thread
 * sends chunks, then sleeps in Atomics.wait until a worker posts a reply and
 * bumps the shared counter, and reads replies with receiveMessageOnPort.
 * Chunks go out in order and are delivered in order, so results are in
 * input order whatever the workers' speed. Workers are unref'd: an idle
 * pool never keeps the process alive.
 */
export class WorkerPool {
  private readonly workers: Array<{ worker: Worker; port: MessagePort; inFlight: number }> = [];
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private ready = false;
  private runs = 0;
  private closed = false;

  constructor(
    readonly size: number,
    options: Record<string, unknown>,
    file: string,
  ) {
    for (let i = 0; i < size; i++) {
      const { port1, port2 } = new MessageChannel();
      const init: WorkerInit = { options, port: port2, signal: this.signal.buffer as SharedArrayBuffer };
      const worker = new Worker(file, { workerData: init, transferList: [port2] });
      worker.unref();
      port1.unref();
      this.workers.push({ worker, port: port1, inFlight: 0 });
    }
  }

  /**
   * Analyses `inputs` (the batch's reviews from index `base`, for fallback ids) and calls `deliver(index, result)` for
   * each review in input order (chunk by chunk, as chunks complete).
   * Throws when a worker cannot start or stops with an error.
   */
  run(inputs: readonly unknown[], base: number, deliver: (index: number, result: PoolResult) => void): void {
    if (this.closed) throw new Error('The analyzer was closed: its worker pool is gone.');
    this.awaitReady();
    const runId = ++this.runs;
    for (const w of this.workers) w.inFlight = 0;
    const n = inputs.length;
    // Enough chunks to keep every worker busy to the end, few enough that messages stay cheap.
    const chunkSize = Math.max(16, Math.min(512, Math.ceil(n / (this.size * 8))));
    const chunks = Math.ceil(n / chunkSize);
    const done = new Map<number, PoolResult[]>();
    const owner = new Int32Array(chunks);
    let sent = 0;
    let next = 0; // next chunk to deliver
    const send = (w: number) => {
      const start = sent * chunkSize;
      const task: PoolTask = { run: runId, chunk: sent, start: base + start, inputs: inputs.slice(start, Math.min(n, start + chunkSize)) as unknown[] };
      this.workers[w]!.port.postMessage(task);
      this.workers[w]!.inFlight++;
      owner[sent] = w;
      sent++;
    };
    // Two chunks in flight per worker: one running, one waiting, so no worker idles between replies.
    for (let round = 0; round < 2; round++) for (let w = 0; w < this.size && sent < chunks; w++) send(w);
    while (next < chunks) {
      const seen = Atomics.load(this.signal, 0);
      let got = false;
      for (let w = 0; w < this.size; w++) {
        for (let m = receiveMessageOnPort(this.workers[w]!.port); m; m = receiveMessageOnPort(this.workers[w]!.port)) {
          got = true;
          const reply = m.message as PoolReply;
          if (reply.kind === 'failed') throw rebuildError(reply.error);
          if (reply.kind !== 'done' || reply.run !== runId) continue;
          this.workers[w]!.inFlight--;
          done.set(reply.chunk, reply.docs);
          if (sent < chunks) send(w);
        }
      }
      for (let r = done.get(next); r; r = done.get(next)) {
        done.delete(next);
        const base = next * chunkSize;
        for (let k = 0; k < r.length; k++) deliver(base + k, r[k]!);
        next++;
      }
      if (!got && next < chunks) Atomics.wait(this.signal, 0, seen);
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private awaitReady(): void {
    if (this.ready) return;
    let waiting = this.size;
    const started = new Uint8Array(this.size);
    while (waiting > 0) {
      const seen = Atomics.load(this.signal, 0);
      let got = false;
      for (let w = 0; w < this.size; w++) {
        if (started[w]) continue;
        const m = receiveMessageOnPort(this.workers[w]!.port);
        if (!m) continue;
        got = true;
        const reply = m.message as PoolReply;
        if (reply.kind === 'failed') {
          void this.close();
          throw rebuildError(reply.error);
        }
        started[w] = 1;
        waiting--;
      }
      if (!got && waiting > 0) Atomics.wait(this.signal, 0, seen, 60_000);
    }
    this.ready = true;
  }
}

/**
 * The built worker entry beside this module: dist/worker.js next to the ESM
 * chunk, dist/worker.cjs next to the CJS one and the CLI. Run from src/ (the
 * tests), the built dist/worker.js of this package. Null when not built.
 */
export function workerEntry(moduleUrl: string = import.meta.url): string | null {
  const here = fileURLToPath(moduleUrl);
  const dir = path.dirname(here);
  const beside = path.join(dir, here.endsWith('.cjs') ? 'worker.cjs' : 'worker.js');
  if (/\.(c|m)?js$/.test(here) && fs.existsSync(beside)) return beside;
  for (let up = dir, i = 0; i < 4; i++, up = path.dirname(up)) {
    const built = path.join(up, 'dist', 'worker.js');
    if (fs.existsSync(built) && fs.existsSync(path.join(up, 'package.json'))) return built;
  }
  return null;
}
