import { Cluster, Redis } from "ioredis";
import type { CompactionResult, DailyRow, DayNumber, EntityWrite, StateStore, StoreStats, Versioned } from "./types.js";

/**
 * Checks every entity's version and, only when all match, writes entities and daily rows:
 * one script, so it is atomic against every other worker sharing the server.
 * KEYS: entity index, day index, the entities' hashes, the daily rows' hashes.
 * ARGV: n, m, then n × (key, expectedVersion, value, lastDay), then m × (entity, day, value).
 */
const COMMIT = `
local n = tonumber(ARGV[1])
local m = tonumber(ARGV[2])
local conflicts = {}
for i = 1, n do
  local b = 2 + (i - 1) * 4
  local current = tonumber(redis.call('HGET', KEYS[2 + i], 'v') or '0')
  if current ~= tonumber(ARGV[b + 2]) then table.insert(conflicts, ARGV[b + 1]) end
end
if #conflicts > 0 then return conflicts end
for i = 1, n do
  local b = 2 + (i - 1) * 4
  redis.call('HSET', KEYS[2 + i], 'v', tonumber(ARGV[b + 2]) + 1, 'd', ARGV[b + 3])
  redis.call('ZADD', KEYS[1], tonumber(ARGV[b + 4]), ARGV[b + 1])
end
local d = 2 + n * 4
for j = 1, m do
  local b = d + (j - 1) * 3
  redis.call('HSET', KEYS[2 + n + j], ARGV[b + 2], ARGV[b + 3])
  redis.call('ZADD', KEYS[2], tonumber(ARGV[b + 2]), ARGV[b + 2] .. ':' .. ARGV[b + 1])
end
return {}
`;

/**
 * Removes, atomically and in chunks, entities idle since before the cutoff and daily rows older
 * than it. KEYS: entity index, day index. ARGV: prefix, cutoff day, chunk size.
 * Returns {entities removed, daily rows removed, 1 when more remain}.
 */
const COMPACT = `
local prefix = ARGV[1]
local last = tonumber(ARGV[2]) - 1
local limit = tonumber(ARGV[3])
local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', last, 'LIMIT', 0, limit)
for _, key in ipairs(stale) do
  redis.call('DEL', prefix .. 'e:' .. key)
  redis.call('ZREM', KEYS[1], key)
end
local rows = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', last, 'LIMIT', 0, limit)
for _, member in ipairs(rows) do
  local sep = string.find(member, ':', 1, true)
  redis.call('HDEL', prefix .. 'd:' .. string.sub(member, sep + 1), string.sub(member, 1, sep - 1))
  redis.call('ZREM', KEYS[2], member)
end
local more = 0
if #stale == limit or #rows == limit then more = 1 end
return {#stale, #rows, more}
`;

export interface RedisStoreOptions {
  url: string;
  keyPrefix: string;
  /**
   * `url` names one node of a Redis Cluster (the client discovers the rest). Every key then
   * carries the prefix as a hash tag, so all of aisiem's state lives in one slot: the commit
   * script touches several users' keys at once, which a cluster allows only within one slot.
   */
  cluster?: boolean;
  /** Called with connection errors (ioredis reconnects by itself); the URL, which may hold a password, is never passed. */
  onError?: (error: Error) => void;
}

/**
 * State in Redis, shared by several workers. Each entity is a hash {v: version, d: document};
 * a sorted set indexes entities by last active day and another indexes daily rows by day, so
 * compaction never scans the keyspace. All keys start with `keyPrefix`.
 */
export class RedisStore implements StateStore {
  readonly kind = "redis";
  private readonly redis: Redis | Cluster;
  private readonly prefix: string;

  private constructor(redis: Redis | Cluster, prefix: string) {
    this.redis = redis;
    this.prefix = prefix;
  }

  static async connect(options: RedisStoreOptions): Promise<RedisStore> {
    const redis = options.cluster ? connectCluster(options.url) : new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true });
    redis.on("error", (error: Error) => options.onError?.(error));
    await redis.connect();
    redis.defineCommand("aisiemCommit", { lua: COMMIT });
    redis.defineCommand("aisiemCompact", { lua: COMPACT, numberOfKeys: 2 });
    return new RedisStore(redis, options.cluster ? `{${options.keyPrefix}}` : options.keyPrefix);
  }

  private entityKey = (key: string) => `${this.prefix}e:${key}`;
  private dailyKey = (entity: string) => `${this.prefix}d:${entity}`;
  private get entityIndex() {
    return `${this.prefix}entities`;
  }
  private get dayIndex() {
    return `${this.prefix}days`;
  }

  async get(keys: readonly string[]): Promise<Map<string, Versioned>> {
    const out = new Map<string, Versioned>();
    const rows = await Promise.all(keys.map((key) => this.redis.hmget(this.entityKey(key), "v", "d")));
    keys.forEach((key, i) => {
      const [version, value] = rows[i]!;
      if (version && value !== null && value !== undefined) out.set(key, { version: Number(version), value });
    });
    return out;
  }

  async commit(writes: readonly EntityWrite[], daily: readonly DailyRow[]): Promise<string[]> {
    const keys = [this.entityIndex, this.dayIndex, ...writes.map((w) => this.entityKey(w.key)), ...daily.map((r) => this.dailyKey(r.entity))];
    const args: (string | number)[] = [writes.length, daily.length];
    for (const w of writes) args.push(w.key, w.expectedVersion, w.value, w.lastDay);
    for (const r of daily) args.push(r.entity, r.day, r.value);
    const run = (this.redis as unknown as { aisiemCommit(n: number, ...rest: (string | number)[]): Promise<string[]> }).aisiemCommit;
    return run.call(this.redis, keys.length, ...keys, ...args);
  }

  async history(entity: string, fromDay: DayNumber, toDay: DayNumber): Promise<DailyRow[]> {
    const all = await this.redis.hgetall(this.dailyKey(entity));
    return Object.entries(all)
      .map(([day, value]) => ({ entity, day: Number(day), value }))
      .filter((row) => row.day >= fromDay && row.day <= toDay)
      .sort((a, b) => a.day - b.day);
  }

  async compact(cutoffDay: DayNumber): Promise<CompactionResult> {
    const result = { entities: 0, dailyRows: 0 };
    const run = (this.redis as unknown as { aisiemCompact(...args: (string | number)[]): Promise<[number, number, number]> }).aisiemCompact;
    for (;;) {
      const [entities, rows, more] = await run.call(this.redis, this.entityIndex, this.dayIndex, this.prefix, cutoffDay, 500);
      result.entities += entities;
      result.dailyRows += rows;
      if (!more) return result;
    }
  }

  async stats(): Promise<StoreStats> {
    const keys = await this.redis.zrange(this.entityIndex, 0, -1);
    const sizes = await Promise.all(keys.map((key) => this.redis.hstrlen(this.entityKey(key), "d")));
    const bytes = keys.reduce((sum, key, i) => sum + Buffer.byteLength(key) + sizes[i]!, 0);
    return { entities: keys.length, bytes, dailyRows: await this.redis.zcard(this.dayIndex) };
  }

  async clear(): Promise<void> {
    // SCAN walks one server's keyspace: on a cluster, every primary's.
    const servers = this.redis instanceof Cluster ? this.redis.nodes("master") : [this.redis];
    const pattern = `${this.prefix.replace(/[*?[\]\\]/g, "\\$&")}*`;
    for (const server of servers) {
      let cursor = "0";
      do {
        const [next, keys] = await server.scan(cursor, "MATCH", pattern, "COUNT", 500);
        if (keys.length > 0) await server.unlink(...keys);
        cursor = next;
      } while (cursor !== "0");
    }
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

/** A cluster client from one node's URL: its credentials and TLS apply to every node. */
function connectCluster(url: string): Cluster {
  const parsed = new URL(url);
  const redisOptions = {
    ...(parsed.username && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
    ...(parsed.protocol === "rediss:" && { tls: {} }),
    maxRetriesPerRequest: 3,
  };
  return new Cluster([{ host: parsed.hostname, port: Number(parsed.port || 6379) }], { lazyConnect: true, enableAutoPipelining: true, redisOptions });
}
