export { escalationStage, applyCampaigns, EscalationOptionsSchema, type EscalationOptions } from '../severity/batch/escalation.js';
export { queueStage, buildQueue, QueueOptionsSchema, type QueueOptions } from './queue.js';
export { summaryStage, summarize, SummaryOptionsSchema, type SummaryOptions } from './summary.js';
export { alertsStage, buildAlerts, negativeProbability, AlertsOptionsSchema, DEFAULT_HIGH_RISK_TERMS, type AlertsOptions } from './alerts.js';
export { ratingDrops, declineStreaks, negativeRateSpikes, type SeriesRules, type SeriesFinding } from './series.js';
export { dailySeries, type Day } from './daily.js';
export { complaintThemes } from './themes.js';
export * from './types.js';
export { mergeSummaries } from './merge.js';
