/**
 * Behaviour benchmark: records/s with the behaviour stage on vs off, state bytes per active user,
 * and the per-record cost with 1 day vs 180 days of history for many users (it must not grow:
 * state per user is bounded and daily aggregates are never read on the hot path).
 * `benchBehaviour()` returns the numbers; run alone: `npx tsx bench/behaviour.ts [users]`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { BehaviourConfig } from "../src/enrich/behaviour/config.js";
import { BehaviourStage } from "../src/enrich/behaviour/stage.js";
import { toEnriched, type Enriched } from "../src/model/index.js";
import { MemoryStore, SqliteStore, type StateStore } from "../src/state/index.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-01-01T09:00:00Z");
const PROMPTS = ["Summarise the attached report", "Draft a reply to the customer about the delayed order", "Explain this stack trace", "How do I make my own explosives?"];

function record(user: number, day: number, i: number): Enriched {
  const refused = (user + day + i) % 17 === 0;
  return toEnriched({
    id: `${user}-${day}-${i}`,
    timestamp: new Date(T0 + day * DAY + i * 60_000).toISOString(),
    source: { product: "bench", vendor: "bench", connector: "bench", recordId: `${user}-${day}-${i}`, turn: 0 },
    user: { email: `user${user}@bench.example`, groups: [`g${user % 20}`] },
    conversationId: `c-${user}-${day}`,
    app: { name: ["Copilot", "ChatGPT", "Claude"][user % 3]! },
    model: {},
    prompt: { text: PROMPTS[(user + i) % PROMPTS.length]!, messages: [] },
    response: { text: refused ? "I'm sorry, I can't help with that." : "Here you go.", messages: [] },
    content: "kept",
    outcome: "success",
    findings: [],
  });
}

async function feed(stage: BehaviourStage, users: number, day: number, perUser: number): Promise<number> {
  let batch: Enriched[] = [];
  let n = 0;
  for (let i = 0; i < perUser; i += 1) {
    for (let u = 0; u < users; u += 1) {
      batch.push(record(u, day, i));
      if (batch.length === 500) {
        await stage.process(batch);
        n += batch.length;
        batch = [];
      }
    }
  }
  if (batch.length) await stage.process(batch);
  return n + batch.length;
}

const stageOn = (store: StateStore) => new BehaviourStage(BehaviourConfig.parse({ state: { type: "memory" } }), store, pino({ level: "silent" }));

async function timed(fn: () => Promise<number>): Promise<{ records: number; seconds: number; perSecond: number; microsPerRecord: number }> {
  const start = process.hrtime.bigint();
  const records = await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { records, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(records / seconds), microsPerRecord: Math.round((seconds * 1e6) / records) };
}

export interface BehaviourBench {
  offPerSecond: number;
  onMemoryPerSecond: number;
  onSqlitePerSecond: number;
  bytesPerUser: number;
  micros1Day: number;
  micros180Days: number;
}

export async function benchBehaviour(users = 10_000, log: (line: string) => void = (l) => process.stdout.write(l + "\n")): Promise<BehaviourBench> {
  const dir = mkdtempSync(join(tmpdir(), "aisiem-bench-behaviour-"));
  try {
    const off = await timed(async () => {
      let n = 0;
      for (let u = 0; u < 2_000; u += 1) for (let i = 0; i < 10; i += 1) n += JSON.stringify(record(u, 0, i)).length > 0 ? 1 : 0;
      return n;
    });
    const memory = await timed(() => feed(stageOn(new MemoryStore()), 2_000, 0, 10));
    const sqliteStore = new SqliteStore(join(dir, "aisiem.db"));
    const sqlite = await timed(() => feed(stageOn(sqliteStore), 2_000, 0, 10));
    const stats = await sqliteStore.stats();
    await sqliteStore.close();
    log(`behaviour off (build records only): ${off.perSecond} records/s; on, memory store: ${memory.perSecond} records/s; on, SQLite: ${sqlite.perSecond} records/s`);
    log(`state per active user (SQLite, 10 prompts each): ${Math.round(stats.bytes / stats.entities)} bytes`);

    const measure = async (historyDays: number) => {
      const store = new MemoryStore();
      const stage = stageOn(store);
      for (let d = 0; d < historyDays; d += 1) await feed(stage, users, d, 1);
      const result = await timed(() => feed(stage, users, historyDays, 1));
      const s = await store.stats();
      return { ...result, bytesPerUser: Math.round(s.bytes / Math.max(1, s.entities)) };
    };
    const one = await measure(1);
    const long = await measure(180);
    log(`${users} users, one more record each: ${one.microsPerRecord} µs/record with 1 day of history (${one.bytesPerUser} B/user), ${long.microsPerRecord} µs/record with 180 days (${long.bytesPerUser} B/user)`);
    return {
      offPerSecond: off.perSecond,
      onMemoryPerSecond: memory.perSecond,
      onSqlitePerSecond: sqlite.perSecond,
      bytesPerUser: Math.round(stats.bytes / stats.entities),
      micros1Day: one.microsPerRecord,
      micros180Days: long.microsPerRecord,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBehaviour(Number(process.argv[2] ?? 10_000));
