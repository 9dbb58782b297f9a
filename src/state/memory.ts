import type { CompactionResult, DailyRow, DayNumber, EntityWrite, StateStore, StoreStats, Versioned } from "./types.js";

interface Entity extends Versioned {
  lastDay: DayNumber;
}

/** In-process state: lost on exit. For tests, benchmarks and one-off runs. */
export class MemoryStore implements StateStore {
  readonly kind = "memory";
  private readonly entities = new Map<string, Entity>();
  /** entity → day → row value */
  private readonly daily = new Map<string, Map<DayNumber, string>>();

  async get(keys: readonly string[]): Promise<Map<string, Versioned>> {
    const out = new Map<string, Versioned>();
    for (const key of keys) {
      const entity = this.entities.get(key);
      if (entity) out.set(key, { version: entity.version, value: entity.value });
    }
    return out;
  }

  async commit(writes: readonly EntityWrite[], daily: readonly DailyRow[]): Promise<string[]> {
    const conflicts = writes.filter((w) => (this.entities.get(w.key)?.version ?? 0) !== w.expectedVersion).map((w) => w.key);
    if (conflicts.length > 0) return conflicts;
    for (const w of writes) this.entities.set(w.key, { version: w.expectedVersion + 1, value: w.value, lastDay: w.lastDay });
    for (const row of daily) {
      const days = this.daily.get(row.entity) ?? new Map<DayNumber, string>();
      days.set(row.day, row.value);
      this.daily.set(row.entity, days);
    }
    return [];
  }

  async history(entity: string, fromDay: DayNumber, toDay: DayNumber): Promise<DailyRow[]> {
    const days = this.daily.get(entity);
    if (!days) return [];
    return [...days]
      .filter(([day]) => day >= fromDay && day <= toDay)
      .sort((a, b) => a[0] - b[0])
      .map(([day, value]) => ({ entity, day, value }));
  }

  async compact(cutoffDay: DayNumber): Promise<CompactionResult> {
    const result = { entities: 0, dailyRows: 0 };
    for (const [key, entity] of this.entities) {
      if (entity.lastDay < cutoffDay) {
        this.entities.delete(key);
        result.entities += 1;
      }
    }
    for (const [entity, days] of this.daily) {
      for (const day of days.keys()) {
        if (day < cutoffDay) {
          days.delete(day);
          result.dailyRows += 1;
        }
      }
      if (days.size === 0) this.daily.delete(entity);
    }
    return result;
  }

  async stats(): Promise<StoreStats> {
    let bytes = 0;
    for (const [key, entity] of this.entities) bytes += Buffer.byteLength(key) + Buffer.byteLength(entity.value);
    let dailyRows = 0;
    for (const days of this.daily.values()) dailyRows += days.size;
    return { entities: this.entities.size, bytes, dailyRows };
  }

  async clear(): Promise<void> {
    this.entities.clear();
    this.daily.clear();
  }

  async close(): Promise<void> {}
}
