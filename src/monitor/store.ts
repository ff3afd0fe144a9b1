/**
 * The monitor's state store: a few named hashes (field -> string), integer
 * counters and sorted sets (member -> score), read and written inside
 * transactions. SQLite (one file) and Redis implement it; another engine
 * implements `StoreBackend` and gets the same transaction semantics from
 * `BufferedTx`: writes are buffered, reads see them, and `commit` applies them
 * all at once or not at all.
 */

/** Version of the state layout (namespaces and their values). A store written by a newer version is refused. */
export const STATE_SCHEMA_VERSION = 1;

export interface StoreReader {
  hget(ns: string, field: string): Promise<string | null>;
  hmget(ns: string, fields: readonly string[]): Promise<Array<string | null>>;
  hgetall(ns: string): Promise<Map<string, string>>;
  /** Members with min <= score <= max, by score then member. */
  zrange(key: string, min: number, max: number): Promise<Array<[member: string, score: number]>>;
}

export interface StoreTx extends StoreReader {
  hset(ns: string, field: string, value: string): void;
  hdel(ns: string, field: string): void;
  /** Adds `by` to an integer counter (a missing one is 0); reads through hget return the sum. */
  hincr(ns: string, field: string, by: number): void;
  zadd(key: string, score: number, member: string): void;
}

export interface MonitorStore {
  /** The file or server, for messages. */
  readonly location: string;
  /** The engine's name (`sqlite`, `redis`...). */
  readonly engine: string;
  /**
   * Runs `fn` in a transaction: its writes are committed together when it
   * resolves and dropped when it throws (or the process dies before the end).
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** One buffered write, in the order the transaction made it. */
export type StoreWrite =
  | { op: 'hset'; ns: string; field: string; value: string }
  | { op: 'hdel'; ns: string; field: string }
  | { op: 'hincr'; ns: string; field: string; by: number }
  | { op: 'zadd'; key: string; score: number; member: string };

/** What an engine provides: reads of committed state, and an atomic apply of a list of writes. */
export interface StoreBackend extends StoreReader {
  commit(writes: readonly StoreWrite[]): Promise<void>;
}

/** A transaction over a backend: reads merge the buffered writes over the committed state. */
export class BufferedTx implements StoreTx {
  readonly writes: StoreWrite[] = [];
  private readonly hashes = new Map<string, Map<string, string | null>>();
  private readonly counters = new Map<string, Map<string, number>>();
  private readonly zsets = new Map<string, Map<string, number>>();

  constructor(private readonly backend: StoreReader) {}

  private bucket<V>(all: Map<string, Map<string, V>>, ns: string): Map<string, V> {
    let m = all.get(ns);
    if (!m) all.set(ns, (m = new Map()));
    return m;
  }

  private merge(ns: string, field: string, committed: string | null): string | null {
    const own = this.hashes.get(ns)?.get(field);
    let value = own === undefined ? committed : own;
    const delta = this.counters.get(ns)?.get(field);
    if (delta !== undefined) value = String((value === null ? 0 : Number(value)) + delta);
    return value;
  }

  async hget(ns: string, field: string): Promise<string | null> {
    const own = this.hashes.get(ns)?.get(field);
    const committed = own === undefined ? await this.backend.hget(ns, field) : null;
    return this.merge(ns, field, committed);
  }

  async hmget(ns: string, fields: readonly string[]): Promise<Array<string | null>> {
    const own = this.hashes.get(ns);
    const need = fields.filter((f) => own?.get(f) === undefined);
    const got = need.length ? await this.backend.hmget(ns, need) : [];
    const committed = new Map(need.map((f, i) => [f, got[i] ?? null]));
    return fields.map((f) => this.merge(ns, f, committed.get(f) ?? null));
  }

  async hgetall(ns: string): Promise<Map<string, string>> {
    const out = await this.backend.hgetall(ns);
    for (const [f, v] of this.hashes.get(ns) ?? []) {
      if (v === null) out.delete(f);
      else out.set(f, v);
    }
    for (const [f, delta] of this.counters.get(ns) ?? []) {
      const base = this.hashes.get(ns)?.get(f) === null ? undefined : out.get(f);
      out.set(f, String((base === undefined ? 0 : Number(base)) + delta));
    }
    return out;
  }

  async zrange(key: string, min: number, max: number): Promise<Array<[string, number]>> {
    const committed = await this.backend.zrange(key, min, max);
    const own = this.zsets.get(key);
    if (!own) return committed;
    const all = new Map(committed);
    for (const [m, s] of own) if (s >= min && s <= max) all.set(m, s);
    return [...all].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  hset(ns: string, field: string, value: string): void {
    this.bucket(this.hashes, ns).set(field, value);
    this.counters.get(ns)?.delete(field);
    this.writes.push({ op: 'hset', ns, field, value });
  }

  hdel(ns: string, field: string): void {
    this.bucket(this.hashes, ns).set(field, null);
    this.counters.get(ns)?.delete(field);
    this.writes.push({ op: 'hdel', ns, field });
  }

  hincr(ns: string, field: string, by: number): void {
    if (!Number.isSafeInteger(by)) throw new RangeError(`hincr by ${by}: counters are integers`);
    const m = this.bucket(this.counters, ns);
    m.set(field, (m.get(field) ?? 0) + by);
    this.writes.push({ op: 'hincr', ns, field, by });
  }

  zadd(key: string, score: number, member: string): void {
    this.bucket(this.zsets, key).set(member, score);
    this.writes.push({ op: 'zadd', key, score, member });
  }
}
