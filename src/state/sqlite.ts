import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { CompactionResult, DailyRow, DayNumber, EntityWrite, StateStore, StoreStats, Versioned } from "./types.js";

/**
 * State in the embedded SQLite database (by default `<stateDir>/aisiem.db`, next to the
 * checkpoints, in tables prefixed with the namespace: `behaviour_` unless another is given, so
 * several stages share one file without seeing or compacting each other's state). A commit is
 * one transaction, so a crash leaves either the whole batch's state or none of it.
 */
export class SqliteStore implements StateStore {
  readonly kind = "sqlite";
  private readonly db: Database.Database;
  private readonly statements;
  private readonly entities: string;
  private readonly daily: string;

  constructor(path: string, namespace = "behaviour") {
    // The namespace becomes part of table names, which SQL cannot bind as parameters.
    if (!/^[a-z][a-z0-9_]{0,30}$/.test(namespace)) throw new Error(`invalid state namespace "${namespace}": lower-case letters, digits and _ only`);
    this.entities = `${namespace}_entities`;
    this.daily = `${namespace}_daily`;
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS ${this.entities} (key TEXT PRIMARY KEY, version INTEGER NOT NULL, last_day INTEGER NOT NULL, value TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS ${this.entities}_last_day ON ${this.entities} (last_day);
      CREATE TABLE IF NOT EXISTS ${this.daily} (entity TEXT NOT NULL, day INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (entity, day));
      CREATE INDEX IF NOT EXISTS ${this.daily}_day ON ${this.daily} (day);
    `);
    this.statements = {
      get: this.db.prepare<[string], { version: number; value: string }>(`SELECT version, value FROM ${this.entities} WHERE key = ?`),
      version: this.db.prepare<[string], { version: number }>(`SELECT version FROM ${this.entities} WHERE key = ?`),
      put: this.db.prepare(
        `INSERT INTO ${this.entities} (key, version, last_day, value) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET version = excluded.version, last_day = excluded.last_day, value = excluded.value`,
      ),
      putDaily: this.db.prepare(
        `INSERT INTO ${this.daily} (entity, day, value) VALUES (?, ?, ?) ON CONFLICT (entity, day) DO UPDATE SET value = excluded.value`,
      ),
      history: this.db.prepare<[string, number, number], { day: number; value: string }>(
        `SELECT day, value FROM ${this.daily} WHERE entity = ? AND day >= ? AND day <= ? ORDER BY day`,
      ),
    };
  }

  async get(keys: readonly string[]): Promise<Map<string, Versioned>> {
    const out = new Map<string, Versioned>();
    for (const key of keys) {
      const row = this.statements.get.get(key);
      if (row) out.set(key, { version: row.version, value: row.value });
    }
    return out;
  }

  async commit(writes: readonly EntityWrite[], daily: readonly DailyRow[]): Promise<string[]> {
    // IMMEDIATE takes the write lock before the version check, so two processes sharing the file cannot interleave.
    return this.db
      .transaction(() => {
        const conflicts = writes.filter((w) => (this.statements.version.get(w.key)?.version ?? 0) !== w.expectedVersion).map((w) => w.key);
        if (conflicts.length > 0) return conflicts;
        for (const w of writes) this.statements.put.run(w.key, w.expectedVersion + 1, w.lastDay, w.value);
        for (const row of daily) this.statements.putDaily.run(row.entity, row.day, row.value);
        return [];
      })
      .immediate();
  }

  async history(entity: string, fromDay: DayNumber, toDay: DayNumber): Promise<DailyRow[]> {
    return this.statements.history.all(entity, fromDay, toDay).map((row) => ({ entity, day: row.day, value: row.value }));
  }

  async compact(cutoffDay: DayNumber): Promise<CompactionResult> {
    return this.db.transaction(() => ({
      entities: this.db.prepare(`DELETE FROM ${this.entities} WHERE last_day < ?`).run(cutoffDay).changes,
      dailyRows: this.db.prepare(`DELETE FROM ${this.daily} WHERE day < ?`).run(cutoffDay).changes,
    }))();
  }

  async stats(): Promise<StoreStats> {
    const entities = this.db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(length(CAST(key AS BLOB)) + length(CAST(value AS BLOB))), 0) AS bytes FROM ${this.entities}`).get() as {
      n: number;
      bytes: number;
    };
    const daily = this.db.prepare(`SELECT COUNT(*) AS n FROM ${this.daily}`).get() as { n: number };
    return { entities: entities.n, bytes: entities.bytes, dailyRows: daily.n };
  }

  async clear(): Promise<void> {
    this.db.exec(`DELETE FROM ${this.entities}; DELETE FROM ${this.daily};`);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
