/** One contract, every store: memory, SQLite, a real Redis and a real Redis Cluster behave the same. */
import type { StateStore } from "../../src/state/index.js";
import { harnesses, type StoreHarness } from "./stores.js";

const write = (key: string, expectedVersion: number, value: string, lastDay = 100) => ({ key, expectedVersion, value, lastDay });

describe.each(Object.keys(harnesses) as (keyof typeof harnesses)[])("%s store", (kind) => {
  let harness: StoreHarness;
  let store: StateStore;
  const extra: StateStore[] = [];

  beforeEach(async () => {
    harness = harnesses[kind]();
    store = await harness.open();
  });
  afterEach(async () => {
    await Promise.all([store, ...extra.splice(0)].map((s) => s.close()));
    await harness.cleanup();
  });

  it("returns nothing for unknown keys", async () => {
    expect((await store.get(["user:nobody"])).size).toBe(0);
  });

  it("creates an entity at version 1 and increments the version on every commit", async () => {
    expect(await store.commit([write("user:a", 0, '{"n":1}')], [])).toEqual([]);
    expect((await store.get(["user:a"])).get("user:a")).toEqual({ version: 1, value: '{"n":1}' });
    expect(await store.commit([write("user:a", 1, '{"n":2}')], [])).toEqual([]);
    expect((await store.get(["user:a"])).get("user:a")).toEqual({ version: 2, value: '{"n":2}' });
  });

  it("writes nothing of a commit when one entity's version moved, and names that entity", async () => {
    await store.commit([write("user:a", 0, "a1"), write("peer:x", 0, "p1")], []);
    const conflicts = await store.commit(
      [write("user:b", 0, "b1"), write("user:a", 0, "a-stale"), write("peer:x", 1, "p2")],
      [{ entity: "user:b", day: 100, value: "row" }],
    );
    expect(conflicts).toEqual(["user:a"]);
    const now = await store.get(["user:a", "user:b", "peer:x"]);
    expect(now.get("user:a")?.value).toBe("a1");
    expect(now.has("user:b")).toBe(false);
    expect(now.get("peer:x")).toEqual({ version: 1, value: "p1" });
    expect(await store.history("user:b", 0, 1000)).toEqual([]);
  });

  it("upserts daily rows by entity and day and returns a day range oldest first", async () => {
    await store.commit([], [
      { entity: "user:a", day: 12, value: "d12" },
      { entity: "user:a", day: 10, value: "d10" },
      { entity: "user:b", day: 10, value: "b10" },
    ]);
    await store.commit([], [{ entity: "user:a", day: 12, value: "d12-updated" }]);
    expect(await store.history("user:a", 0, 100)).toEqual([
      { entity: "user:a", day: 10, value: "d10" },
      { entity: "user:a", day: 12, value: "d12-updated" },
    ]);
    expect(await store.history("user:a", 11, 100)).toEqual([{ entity: "user:a", day: 12, value: "d12-updated" }]);
  });

  it("compacts idle entities and old daily rows and keeps the rest", async () => {
    await store.commit([write("user:idle", 0, "i", 10), write("user:active", 0, "a", 200)], [
      { entity: "user:active", day: 10, value: "old" },
      { entity: "user:active", day: 199, value: "recent" },
    ]);
    expect(await store.compact(20)).toEqual({ entities: 1, dailyRows: 1 });
    const left = await store.get(["user:idle", "user:active"]);
    expect([...left.keys()]).toEqual(["user:active"]);
    expect((await store.history("user:active", 0, 1000)).map((r) => r.value)).toEqual(["recent"]);
    expect(await store.compact(20)).toEqual({ entities: 0, dailyRows: 0 });
  });

  it("reports entity count, document bytes and daily rows", async () => {
    await store.commit([write("user:a", 0, "x".repeat(100)), write("user:b", 0, "y".repeat(50))], [{ entity: "user:a", day: 1, value: "r" }]);
    expect(await store.stats()).toEqual({ entities: 2, bytes: 100 + 6 + 50 + 6, dailyRows: 1 });
  });

  it("clears everything", async () => {
    await store.commit([write("user:a", 0, "a")], [{ entity: "user:a", day: 1, value: "r" }]);
    await store.clear();
    expect((await store.get(["user:a"])).size).toBe(0);
    expect(await store.stats()).toEqual({ entities: 0, bytes: 0, dailyRows: 0 });
  });

  if (kind !== "memory") {
    it("keeps state across a restart", async () => {
      await store.commit([write("user:a", 0, "kept")], [{ entity: "user:a", day: 5, value: "row" }]);
      await store.close();
      store = await harness.reopen!();
      expect((await store.get(["user:a"])).get("user:a")).toEqual({ version: 1, value: "kept" });
      expect(await store.history("user:a", 0, 10)).toEqual([{ entity: "user:a", day: 5, value: "row" }]);
    });

    it("lets exactly one of two workers win a race on the same entity", async () => {
      const other = await harness.reopen!();
      extra.push(other);
      await store.commit([write("user:a", 0, "v1")], []);
      const results = await Promise.all([store.commit([write("user:a", 1, "from-1")], []), other.commit([write("user:a", 1, "from-2")], [])]);
      expect(results.filter((c) => c.length === 0)).toHaveLength(1);
      expect(results.filter((c) => c.length === 1 && c[0] === "user:a")).toHaveLength(1);
      const final = (await other.get(["user:a"])).get("user:a");
      expect(final?.version).toBe(2);
      expect(["from-1", "from-2"]).toContain(final?.value);
    });
  }
});
