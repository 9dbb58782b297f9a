/** The three state stores, opened fresh for each test; shared by the contract suite and the behaviour tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { MemoryStore, RedisStore, SqliteStore, type StateStore } from "../../src/state/index.js";

export interface StoreHarness {
  name: string;
  /** A new, empty store. */
  open(): Promise<StateStore>;
  /** Another handle on the same data (a restart, or a second worker); undefined for memory. */
  reopen?: () => Promise<StateStore>;
  cleanup(): Promise<void>;
}

export function redisUrl(): string {
  const url = process.env.AISIEM_TEST_REDIS_URL;
  if (!url) throw new Error("AISIEM_TEST_REDIS_URL is not set: run with the redis test server (AISIEM_TEST_SERVERS=redis)");
  return url;
}

export const harnesses: Record<"memory" | "sqlite" | "redis", () => StoreHarness> = {
  memory: () => ({ name: "memory", open: async () => new MemoryStore(), cleanup: async () => {} }),
  sqlite: () => {
    const dir = mkdtempSync(join(tmpdir(), "aisiem-state-"));
    const path = join(dir, "aisiem.db");
    return {
      name: "sqlite",
      open: async () => new SqliteStore(path),
      reopen: async () => new SqliteStore(path),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
  redis: () => {
    const keyPrefix = `test:${randomUUID()}:`;
    const open = () => RedisStore.connect({ url: redisUrl(), keyPrefix });
    return {
      name: "redis",
      open,
      reopen: open,
      cleanup: async () => {
        const store = await open();
        await store.clear();
        await store.close();
      },
    };
  },
};
