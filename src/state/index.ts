import { join } from "node:path";
import { z } from "zod";
import { MemoryStore } from "./memory.js";
import { RedisStore } from "./redis.js";
import { SqliteStore } from "./sqlite.js";
import type { StateStore } from "./types.js";

export * from "./types.js";
export { MemoryStore } from "./memory.js";
export { SqliteStore } from "./sqlite.js";
export { RedisStore } from "./redis.js";

/**
 * Where a stage keeps its state. Each stage has its own namespace (`behaviour`, `conversation`):
 * its own SQLite tables and, by default, its own Redis key prefix, so one stage's compaction or
 * `clear()` never touches another's.
 */
export function stateConfigFor(namespace: string) {
  return z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("memory") }),
      z.object({
        type: z.literal("sqlite"),
        /** Database file; default `<stateDir>/aisiem.db` (tables prefixed `<namespace>_`). */
        path: z.string().min(1).optional(),
      }),
      z.object({
        type: z.literal("redis"),
        /** `redis://` or `rediss://` (TLS, certificate verified); put the password in `${ENV}` or `${file:...}`. */
        url: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://"),
        keyPrefix: z.string().min(1).default(`aisiem:${namespace}:`),
        /** `url` is one node of a Redis Cluster; all of this namespace's keys share one hash slot (see RedisStore). */
        cluster: z.boolean().optional(),
      }),
    ])
    .default({ type: "sqlite" });
}

export const StateConfig = stateConfigFor("behaviour");
export type StateConfig = z.infer<typeof StateConfig>;

export async function createStateStore(config: StateConfig, stateDir: string, onError?: (error: Error) => void, namespace = "behaviour"): Promise<StateStore> {
  switch (config.type) {
    case "memory":
      return new MemoryStore();
    case "sqlite":
      return new SqliteStore(config.path ?? join(stateDir, "aisiem.db"), namespace);
    case "redis":
      return RedisStore.connect({ url: config.url, keyPrefix: config.keyPrefix, cluster: config.cluster ?? false, onError });
  }
}
