export { createMonitor, type Monitor, type MonitorOptions, type MonitorRun, type MonitorState } from './monitor.js';
export { openSqliteStore } from './sqlite-store.js';
export { openRedisStore, type RedisStoreOptions } from './redis-store.js';
export { BufferedTx, STATE_SCHEMA_VERSION, type MonitorStore, type StoreTx, type StoreReader, type StoreBackend, type StoreWrite } from './store.js';
export { QUEUE_STATUSES, type QueueStatus, type MonitorQueueItem, type MonitorSummary } from './views.js';
export type { Prepared } from './engine.js';
export { enqueueReviews, runMonitorWorker, type ReviewJobsOptions, type WorkerOptions } from './workers.js';
