import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AlertsOptionsSchema, type AlertsOptions } from '../triage/alerts.js';
import { OptionsError } from '../kernel/errors.js';
import { describeIssues, toIssues } from '../kernel/review.js';
import { REPORT_LOCALES } from './locales.js';

export const ReportOptionsSchema = z
  .object({
    /** UI language ('en' | 'zh'), the same codes as the analysis messages. */
    locale: z.enum(REPORT_LOCALES).default('en'),
    /** Page title; default: the locale's "Review triage report". */
    title: z.string().max(300).optional(),
    /** The merchant's offset from UTC in minutes (480 = China); use the value the analysis used for its daily series. */
    utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
    /**
     * The reviews as passed to analyzeBatch (same order), for their times,
     * ratings and slice fields (platform, productId/sku, channel, country).
     * Without them only what the items carry is shown.
     */
    inputs: z.custom<readonly unknown[]>((v) => Array.isArray(v)).optional(),
    /** "Now", for deadlines and the footer (epoch ms or Date); default: the time of the call. */
    now: z.union([z.number(), z.date()]).optional(),
    /** The alert rules the analysis used (alerts stage options), to draw the thresholds; defaults as in the stage. */
    alerts: z.record(z.string(), z.unknown()).default({}),
    /** Shown in the footer as "how it was computed" (e.g. the analyzeBatch call options). */
    analysisOptions: z.record(z.string(), z.unknown()).optional(),
    /** Length of "the period" for the headline change, in days (shortened when the data span is shorter than two periods). */
    periodDays: z.number().int().min(1).max(366).default(7),
    /** Queue entries shown (the rest is counted in a note). */
    maxQueue: z.number().int().min(1).max(1000).default(50),
    /** Campaign / systemic groups shown, largest first. */
    maxGroups: z.number().int().min(1).max(500).default(20),
    /** Member ids listed per group. */
    maxMembersShown: z.number().int().min(1).max(200).default(12),
    /** Advertising examples listed. */
    maxAds: z.number().int().min(0).max(500).default(20),
    /** Characters of review text shown per review. */
    maxTextChars: z.number().int().min(20).max(10_000).default(400),
    /** Minimum reviews a slice value needs to appear in the heatmap. */
    minSliceSupport: z.number().int().min(1).default(20),
    /** Slice values (heatmap rows) shown per dimension, most reviewed first. */
    maxSliceValues: z.number().int().min(1).max(100).default(15),
    /**
     * Draw the charts with ECharts (an optional peer dependency: a MissingDependencyError names it when it is not
     * installed). false: no ECharts; bar charts become tables of their counts, the other figures say they were left out.
     */
    charts: z.boolean().default(true),
    /** Version shown in the footer; default: this package's. */
    version: z.string().optional(),
  })
  .strict();

export type ReportOptions = z.input<typeof ReportOptionsSchema>;
export type ResolvedReportOptions = z.output<typeof ReportOptionsSchema> & { rules: AlertsOptions; nowMs: number; version: string };

export function resolveReportOptions(options: ReportOptions | undefined): ResolvedReportOptions {
  const parsed = ReportOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    throw new OptionsError(`Invalid report options: ${describeIssues(issues)}`, issues);
  }
  const o = parsed.data;
  const rulesParsed = AlertsOptionsSchema.safeParse(o.alerts);
  if (!rulesParsed.success) {
    const issues = toIssues(rulesParsed.error);
    throw new OptionsError(`Invalid report options: alerts: ${describeIssues(issues)}`, issues);
  }
  const nowMs = o.now === undefined ? Date.now() : o.now instanceof Date ? o.now.getTime() : o.now;
  return { ...o, rules: rulesParsed.data, nowMs, version: o.version ?? ownVersion() };
}

let cachedVersion: string | undefined;

/** This package's version, from the package.json above this module (src/report or dist). */
function ownVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'review-triage' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // not here: look one folder up
    }
  }
  return (cachedVersion = 'unknown');
}
