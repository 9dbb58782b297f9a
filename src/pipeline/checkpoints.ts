import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Checkpoint, Json } from "../inputs/types.js";

/**
 * Source checkpoints and sink states in the embedded SQLite database. A commit writes both in
 * one transaction, so after any crash they describe the same acknowledged point.
 */
export class CheckpointStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (source TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (source, key));
      CREATE TABLE IF NOT EXISTS sink_state (sink TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
    `);
  }

  load(source: string): Checkpoint {
    const rows = this.db.prepare("SELECT key, value FROM checkpoints WHERE source = ?").all(source) as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as Json]));
  }

  loadSinkState(sink: string): Json | undefined {
    const row = this.db.prepare("SELECT value FROM sink_state WHERE sink = ?").get(sink) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as Json) : undefined;
  }

  commit(positions: ReadonlyMap<string, ReadonlyMap<string, Json>>, sinkStates: ReadonlyMap<string, Json>): void {
    const now = new Date().toISOString();
    const putCheckpoint = this.db.prepare(
      "INSERT INTO checkpoints (source, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (source, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    );
    const putSink = this.db.prepare(
      "INSERT INTO sink_state (sink, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (sink) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    );
    this.db.transaction(() => {
      for (const [source, keys] of positions) for (const [key, value] of keys) putCheckpoint.run(source, key, JSON.stringify(value), now);
      for (const [sink, value] of sinkStates) putSink.run(sink, JSON.stringify(value), now);
    })();
  }

  /** Forget a source's position (for `aisiem run --from-start`). */
  reset(source: string): void {
    this.db.prepare("DELETE FROM checkpoints WHERE source = ?").run(source);
  }

  close(): void {
    this.db.close();
  }
}
