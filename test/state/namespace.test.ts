/** Stages keep their state apart: a namespace per stage in one SQLite file, a key prefix per stage in Redis, an instance per stage in memory. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { createStateStore, SqliteStore, stateConfigFor, type StateStore } from "../../src/state/index.js";
import { redisUrl } from "./stores.js";

const write = (key: string, lastDay: number) => ({ key, expectedVersion: 0, value: key, lastDay });

/** Two stages' stores on one backing store: neither sees, compacts nor clears the other's entities. */
async function expectApart(behaviour: StateStore, conversation: StateStore): Promise<void> {
  await behaviour.commit([write("user:a", 100)], []);
  await conversation.commit([write("conv:a", 10)], []);
  expect([...(await behaviour.get(["user:a", "conv:a"])).keys()]).toEqual(["user:a"]);
  expect([...(await conversation.get(["user:a", "conv:a"])).keys()]).toEqual(["conv:a"]);
  expect(await behaviour.compact(50)).toEqual({ entities: 0, dailyRows: 0 });
  await conversation.clear();
  expect((await behaviour.get(["user:a"])).size).toBe(1);
  expect((await behaviour.stats()).entities).toBe(1);
}

describe("state namespaces", () => {
  it("gives each namespace its own tables in one SQLite file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aisiem-ns-"));
    const stores = [await createStateStore(stateConfigFor("behaviour").parse(undefined), dir), await createStateStore(stateConfigFor("conversation").parse(undefined), dir, undefined, "conversation")];
    try {
      await expectApart(stores[0]!, stores[1]!);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects a namespace that is not a plain identifier, since it becomes a table name", () => {
    expect(() => new SqliteStore(join(tmpdir(), "unused.db"), "x; DROP TABLE t")).toThrow(/invalid state namespace/);
  });

  it("defaults each namespace's Redis key prefix to its own", () => {
    const redis = (namespace: string) => stateConfigFor(namespace).parse({ type: "redis", url: "redis://127.0.0.1:1" });
    expect(redis("behaviour")).toMatchObject({ keyPrefix: "aisiem:behaviour:" });
    expect(redis("conversation")).toMatchObject({ keyPrefix: "aisiem:conversation:" });
  });

  it("keeps namespaces apart on one Redis server", async () => {
    const run = randomUUID();
    const open = (namespace: string) => createStateStore({ type: "redis", url: redisUrl(), keyPrefix: `test:${run}:${namespace}:` }, "", undefined, namespace);
    const stores = [await open("behaviour"), await open("conversation")];
    try {
      await expectApart(stores[0]!, stores[1]!);
    } finally {
      await stores[0]!.clear();
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("opens a separate memory store per stage", async () => {
    const config = stateConfigFor("conversation").parse({ type: "memory" });
    await expectApart(await createStateStore(config, ""), await createStateStore(config, "", undefined, "conversation"));
  });
});
