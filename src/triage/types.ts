// The triage outputs (queue, summary, alerts) are public: their schemas and types live in src/schema/batch.ts.
export { ALERT_KINDS, ALERT_LEVELS } from '../schema/labels.js';
export type { QueueEntry, ThemeTerm, DailyPoint, Summary, Slice, SliceValue, SliceTopic, SlicePeriod, AlertKind, AlertLevel, Alert } from '../schema/batch.js';
