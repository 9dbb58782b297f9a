/**
 * Behavioural state behind one interface: entities (one JSON document per user or peer group,
 * versioned for optimistic concurrency) and daily aggregate rows kept for months.
 * Implementations: memory (tests, one-off runs), SQLite (default, embedded, durable) and Redis
 * (shared by several workers).
 */

/** Days since the Unix epoch (UTC): the key of a daily aggregate. */
export type DayNumber = number;

export interface Versioned {
  /** Incremented by every commit; 0 is never stored (it means "absent"). */
  version: number;
  value: string;
}

export interface EntityWrite {
  key: string;
  /** The version read before computing `value`; 0 when the entity did not exist. */
  expectedVersion: number;
  value: string;
  /** The entity's last active day (event time); compaction removes entities idle for longer than the retention. */
  lastDay: DayNumber;
}

export interface DailyRow {
  entity: string;
  day: DayNumber;
  value: string;
}

export interface CompactionResult {
  entities: number;
  dailyRows: number;
}

export interface StoreStats {
  entities: number;
  /** Bytes of stored entity documents (keys and values), without index overhead. */
  bytes: number;
  dailyRows: number;
}

export interface StateStore {
  readonly kind: "memory" | "sqlite" | "redis";
  /** Current entities by key; keys that do not exist are absent from the map. */
  get(keys: readonly string[]): Promise<Map<string, Versioned>>;
  /**
   * All or nothing: when any entity's stored version differs from its `expectedVersion`, nothing
   * is written and the conflicting keys are returned (the caller reloads and recomputes).
   * Daily rows are upserted by (entity, day) in the same unit.
   */
  commit(writes: readonly EntityWrite[], daily: readonly DailyRow[]): Promise<string[]>;
  /** Daily rows of one entity with `fromDay <= day <= toDay`, oldest first. */
  history(entity: string, fromDay: DayNumber, toDay: DayNumber): Promise<DailyRow[]>;
  /** Removes daily rows older than `cutoffDay` and entities whose last active day is older. */
  compact(cutoffDay: DayNumber): Promise<CompactionResult>;
  stats(): Promise<StoreStats>;
  /** Removes all behavioural state (a fresh `aisiem replay`). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export const DAY_MS = 86_400_000;
export const dayOf = (epochMs: number): DayNumber => Math.floor(epochMs / DAY_MS);
