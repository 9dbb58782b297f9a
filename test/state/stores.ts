/** The state stores (Redis alone and as a cluster), opened fresh for each test; shared by the contract suite and the behaviour tests. */
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

export function redisClusterUrl(): string {
  const url = process.env.AISIEM_TEST_REDIS_CLUSTER_URL;
  if (!url) throw new Error("AISIEM_TEST_REDIS_CLUSTER_URL is not set: run with the redis-cluster test server (AISIEM_TEST_SERVERS=redis-cluster)");
  return url;
}

/** A store on a Redis server under a key prefix of its own; `clear()` is the clean-up. */
function redisHarness(name: string, url: () => string, cluster: boolean): StoreHarness {
  const keyPrefix = `test:${randomUUID()}:`;
  const open = () => RedisStore.connect({ url: url(), keyPrefix, cluster });
  return {
    name,
    open,
    reopen: open,
    cleanup: async () => {
      const store = await open();
      await store.clear();
      await store.close();
    },
  };
}

export const harnesses: Record<"memory" | "sqlite" | "redis" | "redis-cluster", () => StoreHarness> = {
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
  redis: () => redisHarness("redis", redisUrl, false),
  "redis-cluster": () => redisHarness("redis-cluster", redisClusterUrl, true),
};
