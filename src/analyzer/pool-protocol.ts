import type { MessagePort } from 'node:worker_threads';
import type { DocSnapshot } from '../kernel/doc.js';
import { InputError, PipelineError, type ValidationIssue } from '../kernel/errors.js';

/** What a worker is started with: the analyzer options (plain data), its reply port and the shared wake-up counter. */
export interface WorkerInit {
  options: Record<string, unknown>;
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/** One chunk of reviews; `start` is the index of its first review in the batch (the fallback id). */
export interface PoolTask {
  /** Which run() the chunk belongs to: replies left over from a run that threw are ignored. */
  run: number;
  chunk: number;
  start: number;
  inputs: unknown[];
}

/** An error as plain data, rebuilt on the main thread with the same class and message. */
export interface ErrorRecord {
  name: string;
  message: string;
  issues?: ValidationIssue[];
}

export type PoolReply =
  | { kind: 'ready' }
  | { kind: 'failed'; error: ErrorRecord }
  | { kind: 'done'; run: number; chunk: number; docs: Array<{ ok: DocSnapshot } | { error: ErrorRecord }> };

export function errorRecord(e: unknown): ErrorRecord {
  const err = e as { name?: unknown; message?: unknown; issues?: unknown };
  const record: ErrorRecord = { name: typeof err?.name === 'string' ? err.name : 'Error', message: typeof err?.message === 'string' ? err.message : String(e) };
  if (e instanceof InputError) record.issues = e.issues;
  return record;
}

/** The error a worker reported, as the class the serial path would have thrown. */
export function rebuildError(r: ErrorRecord): Error {
  if (r.name === 'InputError') return new InputError(r.message, r.issues ?? []);
  if (r.name === 'PipelineError') return new PipelineError(r.message);
  const e = new Error(r.message);
  e.name = r.name;
  return e;
}
