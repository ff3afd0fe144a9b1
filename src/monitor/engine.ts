import { createHash } from 'node:crypto';
import type { Analyzer, AnalyzerOptions } from '../analyzer/analyzer.js';
import { createAnalyzer } from '../analyzer/analyzer.js';
import { ResultProjector } from '../analyzer/result.js';
import { TriageDoc } from '../kernel/doc.js';
import { InputError, OptionsError } from '../kernel/errors.js';
import { parseReviewInput, timestampMs, type NormalizedReview, type ReviewInput } from '../kernel/review.js';
import type { Stage } from '../kernel/stage.js';
import { PhraseMatcher } from '../lexicon/matcher.js';
import { SENTIMENT } from '../sentiment/slots.js';
import { isNegative } from '../severity/negative.js';
import { ESCALATION } from '../severity/slots.js';
import { ClusterOptionsSchema, type ClusterOptions } from '../spam/batch/cluster.js';
import { FloodOptionsSchema, inWindows, type FloodOptions } from '../spam/batch/flood.js';
import { MinHashLsh } from '../spam/batch/lsh.js';
import { compact, intersectionSize, shingles } from '../spam/batch/shingles.js';
import { addressOf, networkOf } from '../spam/batch/time.js';
import { FLOOD, GROUP } from '../spam/slots.js';
import { EscalationOptionsSchema, type EscalationOptions } from '../severity/batch/escalation.js';
import { AlertsOptionsSchema, negativeProbability, type AlertsOptions } from '../triage/alerts.js';
import { QueueOptionsSchema, type QueueOptions } from '../triage/queue.js';
import { dayOf } from '../triage/docs.js';
import { LEVEL_RANK } from '../severity/levels.js';
import type { Analysis, Evidence } from '../types.js';
import type { CampaignGroup } from '../schema/batch.js';
import type { StoreTx } from './store.js';
import { z } from 'zod';

/*
 * Store namespaces (hashes unless noted; values are JSON):
 *   review   id -> ReviewRecord (seq, time, negative, rating, author, ip)   input    id -> the NormalizedReview
 *   analysis id -> the final Analysis                                       meta     seq, groups, undated, chunk (counters)
 *   fp       exact-copy fingerprint -> first id      shingles id -> shingle set      bucket  band:key -> representatives
 *   parent   id -> union-find parent    members  root -> member ids    gid  root -> group id    group  gid -> GroupRecord
 *   flood    id -> flood evidence       post:<source>:<key> (sorted set) post times per author / address / network
 *   day.reviews, day.negative, day.rated, day.ratingMilli  day -> counter          dayids  day -> evidence ids
 *   critical, manual, highrisk  id -> what the alerts need    qitem  id -> queue candidate    status  key -> mark
 *   alert    key -> the alert as last reported
 */

/**
 * What the per-review stages give for one review, before any other review
 * is known: JSON, so worker processes can compute it and hand it over.
 */
export interface Prepared {
  review: NormalizedReview;
  analysis: Analysis;
  normalized: string;
  t: number | null;
  negative: boolean;
  sentimentNegative: boolean;
  highRisk: { hits: number; terms: string[] } | null;
  manual: boolean;
}

/** The stored facts of one review (namespace `review`). */
export interface ReviewRecord {
  seq: number;
  t: number | null;
  firstSeen: number;
  neg: boolean;
  sneg: boolean;
  rating?: number;
  author?: string;
  ip?: string;
}

/** Internal record of a group (namespace `group`): the public description plus what the next run needs. */
export interface GroupRecord {
  group: CampaignGroup;
  root: string;
  rootSeq: number;
  burstHits: string[];
}

const MINUTE = 60_000;
const FLOOD_RULES = ['flood:author', 'flood:address', 'flood:network', 'flood:burst'];

export interface EngineOptions {
  cluster: ClusterOptions;
  flood: FloodOptions;
  escalation: EscalationOptions;
  queue: QueueOptions;
  alerts: AlertsOptions;
}

function stageOptions<S extends z.ZodType>(name: string, schema: S, given: unknown): z.output<S> {
  const r = schema.safeParse(given ?? {});
  if (!r.success) throw new OptionsError(`Invalid options for stage "${name}": ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/**
 * The monitor's rules: the built-in batch stages' logic applied one review
 * at a time against the store, so a stream folded in order gives the same
 * state however it is cut into runs.
 */
export class MonitorEngine {
  readonly analyzer: Analyzer;
  readonly options: EngineOptions;
  private readonly projector: ResultProjector;
  private readonly redeciders: Stage[];
  private readonly lsh: MinHashLsh;
  private readonly highRisk: PhraseMatcher<string>;
  private readonly maxTextLength: number;

  constructor(analyzerOptions: AnalyzerOptions = {}) {
    const stage = analyzerOptions.stageOptions ?? {};
    this.analyzer = createAnalyzer(analyzerOptions);
    this.maxTextLength = analyzerOptions.maxTextLength ?? 1_000_000;
    this.options = {
      cluster: stageOptions('cluster', ClusterOptionsSchema, stage.cluster),
      flood: stageOptions('flood', FloodOptionsSchema, stage.flood),
      escalation: stageOptions('escalation', EscalationOptionsSchema, stage.escalation),
      queue: stageOptions('queue', QueueOptionsSchema, stage.queue),
      alerts: stageOptions('alerts', AlertsOptionsSchema, stage.alerts),
    };
    this.projector = new ResultProjector(this.analyzer.pipeline);
    this.redeciders = this.analyzer.pipeline.list().filter((s) => typeof s.redecide === 'function');
    this.lsh = new MinHashLsh(this.options.cluster.bands, this.options.cluster.rows, this.options.cluster.seed);
    this.highRisk = new PhraseMatcher(this.analyzer.context.text.tokenizeTerm, this.options.alerts.highRiskTerms.map((term) => ({ term, payload: term })));
  }

  /** Per-review work for one input (the part worker processes share out). */
  prepare(input: string | ReviewInput): Prepared {
    const review = parseReviewInput(input, contentId(input));
    const doc = this.runStages(review);
    const terms: string[] = [];
    const hits = this.highRisk.count(doc.tokens, terms);
    const o = this.options.alerts;
    return {
      review,
      analysis: this.projector.project(doc),
      normalized: doc.normalized,
      t: timestampMs(review.timestamp),
      negative: isNegative(doc),
      sentimentNegative: doc.get(SENTIMENT).label === 'negative',
      highRisk: hits >= o.highRiskMinHits ? { hits, terms: [...new Set(terms)] } : null,
      manual: negativeProbability(doc) > o.manualReviewProbability && doc.get(SENTIMENT).confidence < o.lowConfidence,
    };
  }

  /** prepare() over a list; a malformed review names its index. */
  prepareAll(inputs: ReadonlyArray<string | ReviewInput>): Prepared[] {
    return inputs.map((input, i) => {
      try {
        return this.prepare(input);
      } catch (e) {
        if (e instanceof InputError) throw new InputError(`Review #${i}: ${e.message}`, e.issues.map((x) => ({ ...x, path: [i, ...x.path] })));
        throw e;
      }
    });
  }

  private runStages(review: NormalizedReview): TriageDoc {
    const doc = new TriageDoc(review, this.maxTextLength);
    this.analyzer.pipeline.runAll(doc);
    return doc;
  }

  /** Folds prepared reviews, in order, into the store. Returns how many were new. */
  async fold(tx: StoreTx, batch: readonly Prepared[], now: number): Promise<{ added: number; skipped: number }> {
    return new Fold(this, tx, now).run(batch);
  }

  /** The final analysis of a review given its facts (the batch runner's re-decision, for one doc). */
  redecide(review: NormalizedReview, group: CampaignGroup | undefined, flood: Evidence[] | undefined, negative: boolean): Analysis {
    const doc = this.runStages(review);
    if (group) doc.set(GROUP, group);
    if (flood?.length) doc.set(FLOOD, flood);
    const e = this.options.escalation;
    if (group && (group.campaign || group.burst) && negative) {
      doc.set(ESCALATION, { kind: 'campaign', to: group.burst ? e.burstLevel : e.campaignLevel, burst: group.burst, groupId: group.id, size: group.size, distinctAuthors: group.distinctAuthors });
    }
    if (doc.hasBatchFacts) for (const s of this.redeciders) s.redecide!(doc);
    return this.projector.project(doc);
  }

  similarity(a: { d: number; s: Uint32Array }, b: { d: number; s: Uint32Array }): boolean {
    const o = this.options.cluster;
    if (a.d !== 0 && b.d !== 0 && a.d !== b.d) return false;
    const inter = intersectionSize(a.s, b.s);
    if (inter === 0) return false;
    const small = Math.min(a.s.length, b.s.length);
    const large = Math.max(a.s.length, b.s.length);
    if (inter / (a.s.length + b.s.length - inter) >= o.jaccard) return true;
    return inter / small >= o.containment && small / large >= o.containmentMinRatio;
  }

  get bands(): MinHashLsh {
    return this.lsh;
  }
}

/** A stable id for a review given without one: a hash of its content, so the same input is recognised in a later run. */
function contentId(input: unknown): string {
  return 'h' + createHash('sha1').update(JSON.stringify(input) ?? '').digest('hex').slice(0, 16);
}

const b64 = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const fromB64 = (s: string) => {
  const b = Buffer.from(s, 'base64');
  const out = new Uint32Array(b.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
};

/** One fold of a chunk: the run's caches over the store, then the re-decisions of every review whose facts changed. */
class Fold {
  private readonly recs = new Map<string, ReviewRecord>();
  private readonly sets = new Map<string, { d: number; s: Uint32Array }>();
  private readonly changedRoots = new Set<string>();
  private readonly floodDirty = new Set<string>();
  private readonly fresh = new Map<string, Prepared>();

  constructor(
    private readonly e: MonitorEngine,
    private readonly tx: StoreTx,
    private readonly now: number,
  ) {}

  private async rec(id: string): Promise<ReviewRecord> {
    let r = this.recs.get(id);
    if (!r) {
      const raw = await this.tx.hget('review', id);
      if (raw === null) throw new Error(`monitor state: review ${id} is referenced but not stored`);
      this.recs.set(id, (r = JSON.parse(raw) as ReviewRecord));
    }
    return r;
  }

  async run(batch: readonly Prepared[]): Promise<{ added: number; skipped: number }> {
    const tx = this.tx;
    const o = this.e.options;
    let skipped = 0;
    for (const p of batch) {
      const id = p.review.id;
      if (this.fresh.has(id) || (await tx.hget('review', id)) !== null) {
        skipped++;
        continue;
      }
      const seq = Number((await tx.hget('meta', 'seq')) ?? 0);
      tx.hincr('meta', 'seq', 1);
      const r = p.review;
      const rec: ReviewRecord = { seq, t: p.t, firstSeen: this.now, neg: p.negative, sneg: p.sentimentNegative };
      if (r.rating !== undefined) rec.rating = r.rating;
      if (r.authorId) rec.author = r.authorId;
      if (r.ip) rec.ip = r.ip;
      this.recs.set(id, rec);
      this.fresh.set(id, p);
      tx.hset('review', id, JSON.stringify(rec));
      tx.hset('input', id, JSON.stringify(r));
      this.countDay(id, p, rec);
      if (p.highRisk) tx.hset('highrisk', id, JSON.stringify({ ...p.highRisk, seq, t: p.t }));
      await this.cluster(id, p);
      if (p.t !== null) await this.floods(id, p.t, rec, o.flood);
    }
    const dirty = new Set<string>(this.fresh.keys());
    for (const id of this.floodDirty) dirty.add(id);
    const groups = new Map<string, GroupRecord>();
    for (const root of this.changedRoots) {
      const r = await this.find(root);
      if (groups.has(r)) continue;
      const g = await this.describe(r);
      groups.set(r, g);
      for (const m of g.group.members) dirty.add(m);
    }
    for (const id of dirty) await this.finalize(id, groups);
    await this.flushDayIds();
    return { added: this.fresh.size, skipped };
  }

  private countDay(id: string, p: Prepared, rec: ReviewRecord): void {
    const tx = this.tx;
    if (p.t === null) {
      tx.hincr('meta', 'undated', 1);
      return;
    }
    const day = String(dayOf(p.t, this.e.options.alerts.utcOffsetMinutes));
    tx.hincr('day.reviews', day, 1);
    if (rec.neg) tx.hincr('day.negative', day, 1);
    if (rec.rating !== undefined) {
      tx.hincr('day.rated', day, 1);
      // Counters are integers (Redis HINCRBY): ratings are kept in thousandths.
      tx.hincr('day.ratingMilli', day, Math.round(rec.rating * 1000));
    }
    if (rec.neg || (rec.rating !== undefined && rec.rating <= 2)) this.pendingDayIds.push([day, id]);
  }

  private readonly pendingDayIds: Array<[string, string]> = [];

  private async flushDayIds(): Promise<void> {
    const byDay = new Map<string, string[]>();
    for (const [day, id] of this.pendingDayIds) {
      let list = byDay.get(day);
      if (!list) byDay.set(day, (list = JSON.parse((await this.tx.hget('dayids', day)) ?? '[]') as string[]));
      if (list.length < this.e.options.alerts.maxEvidenceIds) list.push(id);
    }
    for (const [day, list] of byDay) this.tx.hset('dayids', day, JSON.stringify(list));
  }

  private async shingleSet(id: string): Promise<{ d: number; s: Uint32Array }> {
    let s = this.sets.get(id);
    if (!s) {
      const raw = JSON.parse((await this.tx.hget('shingles', id))!) as { d: number; s: string };
      this.sets.set(id, (s = { d: raw.d, s: fromB64(raw.s) }));
    }
    return s;
  }

  /** The cluster stage for one review against every stored one: exact copies, then LSH buckets with a few representatives each. */
  private async cluster(id: string, p: Prepared): Promise<void> {
    const o = this.e.options.cluster;
    const tx = this.tx;
    const text = p.normalized;
    const seqBuf = new Int32Array(Math.max(1, text.length));
    const c = compact(text, seqBuf);
    if (c.alnum < o.minChars || c.length === 0) return;
    const scratch = new Uint32Array(c.length + 1);
    const count = shingles(seqBuf, c.length, o.shingleSize, scratch);
    const positions = Math.max(1, c.length - o.shingleSize + 1);
    if (count < o.minShingles && count * 2 <= positions) return;
    const fp = createHash('sha1').update(Buffer.from(seqBuf.buffer, 0, c.length * 4)).digest('base64');
    const copyOf = await tx.hget('fp', fp);
    if (copyOf !== null) {
      await this.union(copyOf, id);
      return;
    }
    tx.hset('fp', fp, id);
    const set = { d: c.digits, s: scratch.slice(0, count) };
    this.sets.set(id, set);
    tx.hset('shingles', id, JSON.stringify({ d: set.d, s: b64(set.s) }));
    const lsh = this.e.bands;
    const sig = new Uint32Array(lsh.hashes);
    lsh.sign(set.s, count, sig, 0);
    for (let b = 0; b < lsh.bands; b++) {
      const field = `${b}:${lsh.bandKey(sig, 0, b)}`;
      const reps = JSON.parse((await tx.hget('bucket', field)) ?? '[]') as string[];
      let joined = false;
      for (const y of reps) {
        if ((await this.find(y)) === (await this.find(id)) || this.e.similarity(set, await this.shingleSet(y))) {
          await this.union(y, id);
          joined = true;
          break;
        }
      }
      if (!joined && reps.length < o.repsPerBucket) {
        reps.push(id);
        tx.hset('bucket', field, JSON.stringify(reps));
      }
    }
  }

  private async find(x: string): Promise<string> {
    const path: string[] = [];
    let cur = x;
    for (;;) {
      const p = await this.tx.hget('parent', cur);
      if (p === null) break;
      path.push(cur);
      cur = p;
    }
    for (const n of path.slice(0, -1)) this.tx.hset('parent', n, cur); // path compression
    return cur;
  }

  /** Joins two reviews' groups under the earlier root; the group keeps the older of their ids. */
  private async union(a: string, b: string): Promise<void> {
    const ra = await this.find(a);
    const rb = await this.find(b);
    if (ra === rb) return;
    const [win, lose] = (await this.rec(ra)).seq < (await this.rec(rb)).seq ? [ra, rb] : [rb, ra];
    const tx = this.tx;
    tx.hset('parent', lose, win);
    const mw = JSON.parse((await tx.hget('members', win)) ?? JSON.stringify([win])) as string[];
    const ml = JSON.parse((await tx.hget('members', lose)) ?? JSON.stringify([lose])) as string[];
    const seqs = new Map<string, number>();
    for (const m of [...mw, ...ml]) seqs.set(m, (await this.rec(m)).seq);
    tx.hset('members', win, JSON.stringify([...mw, ...ml].sort((x, y) => seqs.get(x)! - seqs.get(y)!)));
    tx.hdel('members', lose);
    const gw = await tx.hget('gid', win);
    const gl = await tx.hget('gid', lose);
    let gid: string;
    if (gw && gl) {
      gid = Number(gw.slice(1)) < Number(gl.slice(1)) ? gw : gl;
      const gone = gid === gw ? gl : gw;
      tx.hdel('group', gone);
      const status = await tx.hget('status', gone);
      if (status !== null && (await tx.hget('status', gid)) === null) tx.hset('status', gid, status);
      tx.hdel('status', gone);
    } else if (gw || gl) gid = (gw ?? gl)!;
    else {
      gid = `g${Number((await tx.hget('meta', 'groups')) ?? 0) + 1}`;
      tx.hincr('meta', 'groups', 1);
    }
    tx.hset('gid', win, gid);
    tx.hdel('gid', lose);
    this.changedRoots.add(win);
  }

  /** The flood stage's author, address and network windows around one new post (the windows that contain it). */
  private async floods(id: string, t: number, rec: ReviewRecord, o: FloodOptions): Promise<void> {
    const sources: Array<[string, string | null, number, number, string]> = [
      ['flood:author', rec.author ?? null, o.authorMinPosts, o.authorWindowMinutes, 'author'],
      ['flood:address', addressOf(rec.ip), o.addressMinPosts, o.addressWindowMinutes, 'address'],
      ['flood:network', networkOf(rec.ip), o.networkMinPosts, o.networkWindowMinutes, 'network'],
    ];
    for (const [rule, key, min, minutes, what] of sources) {
      if (key === null) continue;
      const zkey = `post:${what}:${key}`;
      this.tx.zadd(zkey, t, id);
      const near = await this.tx.zrange(zkey, t - minutes * MINUTE, t + minutes * MINUTE);
      if (near.length < min) continue;
      const times = Float64Array.from(near, ([, s]) => s);
      const hits = inWindows(near.map((_, i) => i), times, min, minutes * MINUTE);
      if (hits.length === 0) continue;
      const evidence: Evidence = { source: 'batch', rule, label: 'flood', note: `${what} ${key}: ${min}+ posts within ${minutes} minutes` };
      for (const i of hits) await this.addFlood(near[i]![0], evidence);
    }
  }

  private async addFlood(id: string, evidence: Evidence): Promise<void> {
    const list = JSON.parse((await this.tx.hget('flood', id)) ?? '[]') as Evidence[];
    if (list.some((x) => x.rule === evidence.rule)) return;
    list.push(evidence);
    list.sort((a, b) => FLOOD_RULES.indexOf(a.rule) - FLOOD_RULES.indexOf(b.rule));
    this.tx.hset('flood', id, JSON.stringify(list));
    this.floodDirty.add(id);
  }

  /** The public description of a group (the cluster stage's fields) and its burst (the flood stage's rule). */
  private async describe(root: string): Promise<GroupRecord> {
    const tx = this.tx;
    const members = JSON.parse((await tx.hget('members', root))!) as string[];
    const id = (await tx.hget('gid', root))!;
    const authors = new Set<string>();
    const addresses = new Set<string>();
    const networks = new Set<string>();
    let unknownAuthors = 0;
    let first = Infinity;
    let last = -Infinity;
    let earliest = members[0]!;
    let negative = 0;
    const timed: string[] = [];
    for (const m of members) {
      const r = await this.rec(m);
      if (r.author) authors.add(r.author);
      else unknownAuthors++;
      const addr = addressOf(r.ip);
      if (addr) addresses.add(addr);
      const net = networkOf(r.ip);
      if (net) networks.add(net);
      if (r.t !== null) {
        timed.push(m);
        if (r.t < first) {
          first = r.t;
          earliest = m;
        }
        if (r.t > last) last = r.t;
      }
      if (r.sneg) negative++;
    }
    const f = this.e.options.flood;
    let burstHits: string[] = [];
    if (members.length >= f.burstMinSize) {
      const times = Float64Array.from(timed, (m) => this.recs.get(m)!.t!);
      burstHits = inWindows(timed.map((_, i) => i), times, f.burstMinSize, f.burstWindowMinutes * MINUTE).map((i) => timed[i]!);
    }
    const representative = (this.fresh.get(earliest)?.review ?? (JSON.parse((await tx.hget('input', earliest))!) as NormalizedReview)).text;
    const group: CampaignGroup = {
      id,
      members,
      size: members.length,
      representative: representative.slice(0, 1_000_000),
      firstAt: Number.isFinite(first) ? new Date(first).toISOString() : null,
      lastAt: Number.isFinite(last) ? new Date(last).toISOString() : null,
      distinctAuthors: authors.size,
      distinctAddresses: addresses.size,
      distinctNetworks: networks.size,
      unknownAuthors,
      campaign: members.length >= this.e.options.cluster.campaignMinSize,
      burst: burstHits.length > 0,
      negative,
      // The monitor folds near-copy groups with the size rule of before the group verdicts (docs/monitor.md):
      // every member counts as coordinated, and it does not form systemic issues yet.
      verdict: members.length >= this.e.options.cluster.campaignMinSize ? 'campaign' : null,
      evidence: { signals: [], coordinated: members.length >= this.e.options.cluster.campaignMinSize ? members : [], independent: [] },
    };
    const record: GroupRecord = { group, root, rootSeq: (await this.rec(root)).seq, burstHits };
    tx.hset('group', id, JSON.stringify(record));
    return record;
  }

  /** Re-decides one review from its current facts and files it: analysis, critical/manual flags, queue candidate. */
  private async finalize(id: string, groups: Map<string, GroupRecord>): Promise<void> {
    const tx = this.tx;
    const rec = await this.rec(id);
    const root = await this.find(id);
    let g = groups.get(root);
    if (!g) {
      const gid = await tx.hget('gid', root);
      if (gid) g = JSON.parse((await tx.hget('group', gid))!) as GroupRecord;
    }
    const flood = JSON.parse((await tx.hget('flood', id)) ?? '[]') as Evidence[];
    if (g?.burstHits.includes(id)) {
      const f = this.e.options.flood;
      flood.push({ source: 'batch', rule: 'flood:burst', label: 'flood', note: `group ${g.group.id}: ${f.burstMinSize}+ near-identical posts within ${f.burstWindowMinutes} minutes` });
    }
    const prepared = this.fresh.get(id);
    let analysis: Analysis;
    if (!g && flood.length === 0 && prepared) analysis = prepared.analysis;
    else {
      const review = prepared?.review ?? (JSON.parse((await tx.hget('input', id))!) as NormalizedReview);
      analysis = this.e.redecide(review, g?.group, flood, rec.neg);
    }
    tx.hset('analysis', id, JSON.stringify(analysis));
    const s = analysis.severity;
    const gid = g?.group.id;
    if (s.level === 'critical') tx.hset('critical', id, JSON.stringify({ score: s.score, seq: rec.seq, t: rec.t, reason: s.reasons[0] ?? null, gid: gid ?? null }));
    else tx.hdel('critical', id);
    const manual = prepared ? prepared.manual : (await tx.hget('manual', id)) !== null;
    if (manual) tx.hset('manual', id, JSON.stringify({ score: s.score, seq: rec.seq }));
    const q = this.e.options.queue;
    const inQueue = LEVEL_RANK[s.level] >= LEVEL_RANK[q.minLevel] && !(q.onlyComplaints && s.level === 'low' && !rec.neg);
    if (inQueue) tx.hset('qitem', id, JSON.stringify({ level: s.level, score: s.score, hours: s.respondWithinHours, t: rec.t, firstSeen: rec.firstSeen, seq: rec.seq, gid: q.collapseGroups ? (gid ?? null) : null }));
    else tx.hdel('qitem', id);
  }
}
