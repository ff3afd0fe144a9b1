/**
 * The worker-thread entry of the analyzer's pool (built by tsup to
 * dist/worker.js and dist/worker.cjs). It builds one analyzer from the
 * options it is sent (dictionaries and models load once per worker), then
 * runs the per-review stages on each chunk of reviews and posts back doc
 * snapshots; the main thread runs the batch stages over them.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createAnalyzer, DEFAULT_MAX_TEXT_LENGTH } from './analyzer.js';
import type { PoolReply, PoolTask, WorkerInit } from './pool-protocol.js';
import { errorRecord } from './pool-protocol.js';
import { TriageDoc } from '../kernel/doc.js';
import { parseReviewInput } from '../kernel/review.js';

const init = workerData as WorkerInit;
const port: MessagePort = init.port;
const signal = new Int32Array(init.signal);
const maxTextLength = typeof init.options.maxTextLength === 'number' ? init.options.maxTextLength : DEFAULT_MAX_TEXT_LENGTH;

function post(reply: PoolReply): void {
  port.postMessage(reply);
  // The main thread may be blocked in Atomics.wait (analyzeBatch is synchronous): wake it.
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

let analyzer: ReturnType<typeof createAnalyzer> | null = null;
try {
  analyzer = createAnalyzer(init.options);
  post({ kind: 'ready' });
} catch (e) {
  post({ kind: 'failed', error: errorRecord(e) });
}

process.on('uncaughtException', (e) => post({ kind: 'failed', error: errorRecord(e) }));

port.on('message', (task: PoolTask) => {
  if (!analyzer) return;
  const out: PoolReply & { kind: 'done' } = { kind: 'done', run: task.run, chunk: task.chunk, docs: [] };
  for (let i = 0; i < task.inputs.length; i++) {
    try {
      // The serial path's runStages: the same validation, fallback id and stages.
      const doc = new TriageDoc(parseReviewInput(task.inputs[i], String(task.start + i)), maxTextLength);
      analyzer.pipeline.runAll(doc);
      out.docs.push({ ok: doc.snapshot() });
    } catch (e) {
      out.docs.push({ error: errorRecord(e) });
    }
  }
  post(out);
});
parentPort?.unref();
