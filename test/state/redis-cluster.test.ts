/** Redis Cluster: why the store puts all keys in one slot, and that it does. */
import { randomUUID } from "node:crypto";
import { Cluster } from "ioredis";
import { RedisStore } from "../../src/state/index.js";
import { redisClusterUrl } from "./stores.js";

const users = Array.from({ length: 20 }, (_, i) => `user:${i}`);
const writes = users.map((key) => ({ key, expectedVersion: 0, value: "{}", lastDay: 100 }));
const daily = users.map((entity) => ({ entity, day: 100, value: "{}" }));

it("keeps every key of a namespace in the one hash slot of its prefix, so a commit across users works", async () => {
  const keyPrefix = `test:${randomUUID()}:`;
  const store = await RedisStore.connect({ url: redisClusterUrl(), keyPrefix, cluster: true });
  const { hostname, port } = new URL(redisClusterUrl());
  // Connected before use: `nodes()` lists only the nodes the client has discovered so far.
  const raw = new Cluster([{ host: hostname, port: Number(port) }], { lazyConnect: true });
  await raw.connect();
  try {
    expect(await store.commit(writes, daily)).toEqual([]);
    expect((await store.get(users)).size).toBe(users.length);
    const keys: string[] = [];
    for (const node of raw.nodes("master")) keys.push(...(await node.keys(`{${keyPrefix}}*`)));
    // 20 entities, 20 daily-row hashes, the entity index and the day index.
    expect(keys.length).toBe(42);
    const slots = new Set(await Promise.all(keys.map((key) => raw.cluster("KEYSLOT", key))));
    expect(slots.size).toBe(1);
    await store.clear();
    expect(await store.get(users)).toEqual(new Map());
  } finally {
    await store.close();
    raw.disconnect();
  }
});

it("fails a commit across users when the keys are spread over the cluster's slots (cluster mode off)", async () => {
  const store = await RedisStore.connect({ url: redisClusterUrl(), keyPrefix: `test:${randomUUID()}:`, cluster: false });
  try {
    await expect(store.commit(writes, daily)).rejects.toThrow(/CROSSSLOT|MOVED/);
  } finally {
    await store.close();
  }
});
