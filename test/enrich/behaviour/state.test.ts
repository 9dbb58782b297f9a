/** Behaviour over time: idempotent retries, restarts, event time and lateness, baselines, compaction, races, bounds. */
import { buildScenarios, ordinaryDays, turn, at } from "../../../scripts/eval/behaviour-scenarios.js";
import { parseUserState } from "../../../src/enrich/behaviour/state.js";
import { dayOf, MemoryStore, type EntityWrite, type DailyRow } from "../../../src/state/index.js";
import { harnesses } from "../../state/stores.js";
import { runBatches, signalKinds, stageWith } from "./helpers.js";

const allRecords = () => buildScenarios().flatMap((s) => s.records);
const strip = (records: { behaviour: unknown; alerts: unknown }[]) => records.map((r) => ({ behaviour: r.behaviour, alerts: r.alerts }));

describe.each(Object.keys(harnesses) as (keyof typeof harnesses)[])("behaviour on the %s store", (kind) => {
  it("gives the same signals and alerts whether run in one go, in small batches, or across a restart", async () => {
    const records = allRecords();
    const reference = strip(await runBatches(stageWith(new MemoryStore()), records, 500));

    const harness = harnesses[kind]();
    try {
      const store = await harness.open();
      const first = stageWith(store);
      const half = Math.floor(records.length / 2);
      const out = await runBatches(first, records.slice(0, half), 7);
      // A durable store restarts between the halves; memory cannot, so it keeps its handle.
      if (harness.reopen) await first.close();
      const second = stageWith(harness.reopen ? await harness.reopen() : store);
      out.push(...(await runBatches(second, records.slice(half), 7)));
      await second.close();
      expect(strip(out)).toEqual(reference);
    } finally {
      await harness.cleanup();
    }
  });

  it("does not count a record twice when a batch is processed again or retried record by record", async () => {
    const harness = harnesses[kind]();
    const store = await harness.open();
    try {
      const stage = stageWith(store);
      const records = buildScenarios().find((s) => s.pattern === "probing_burst")!.records;
      const once = await stage.process(records);
      const before = (await store.get(["u:eli.novak@contoso.com"])).get("u:eli.novak@contoso.com");
      const again = await stage.process(records);
      const oneByOne = [];
      for (const r of records) oneByOne.push(...(await stage.process([r])));
      expect(strip(again)).toEqual(strip(once));
      expect(strip(oneByOne)).toEqual(strip(once));
      expect((await store.get(["u:eli.novak@contoso.com"])).get("u:eli.novak@contoso.com")).toEqual(before);
      const [row] = await store.history("u:eli.novak@contoso.com", 0, 1e6);
      expect(JSON.parse(row!.value).n.prompts).toBe(records.length);
    } finally {
      await store.close();
      await harness.cleanup();
    }
  });
});

describe("event time", () => {
  const user = { email: "lee@contoso.com" };

  it("counts a late record into its own day while that day is open, and as `late` once the day is folded", async () => {
    const store = new MemoryStore();
    const stage = stageWith(store, { latenessMinutes: 120 });
    const day0 = Date.parse("2026-03-02T00:00:00Z");
    await stage.process([turn({ user, app: "Copilot", at: new Date(day0 + 23 * 3_600_000), prompt: "first" })]);
    await stage.process([turn({ user, app: "Copilot", at: new Date(day0 + 24.5 * 3_600_000), prompt: "next day" })]);
    await stage.process([turn({ user, app: "Copilot", at: new Date(day0 + 10 * 3_600_000), prompt: "late but within the bound" })]);
    await stage.process([turn({ user, app: "Copilot", at: new Date(day0 + 27 * 3_600_000), prompt: "moves the watermark past the bound" })]);
    await stage.process([turn({ user, app: "Copilot", at: new Date(day0 + 11 * 3_600_000), prompt: "too late" })]);
    const rows = await store.history("u:lee@contoso.com", 0, 1e6);
    const first = dayOf(day0);
    expect(rows.map((r) => [r.day, JSON.parse(r.value).n])).toEqual([
      [first, { prompts: 2 }],
      [first + 1, { prompts: 2, late: 1 }],
    ]);
    const state = parseUserState((await store.get(["u:lee@contoso.com"])).get("u:lee@contoso.com")!.value, "u");
    expect(state.closedThrough).toBe(first);
    expect(state.baseline.days).toBe(1);
    expect(state.baseline.feat.prompts?.m).toBe(2);
  });

  it("sees a retry loop even when the retry arrives before a later-written but earlier refusal of another tool's feed", async () => {
    const [refused, retried] = buildScenarios().find((s) => s.pattern === "cross_tool_evasion")!.records;
    const stage = stageWith();
    const out = await stage.process([refused!, retried!]);
    expect(signalKinds(out[1]!)).toContain("cross_tool_evasion");
    // The reverse order: the retry was judged before its anchor arrived; no signal is invented afterwards.
    const reversed = await stageWith().process([retried!, refused!]);
    expect(reversed.flatMap((r) => r.behaviour.map((s) => s.kind))).not.toContain("cross_tool_evasion");
  });
});

describe("baselines", () => {
  it("flags an unusual day against the user's own baseline once per feature and day", async () => {
    const user = { email: "max@contoso.com" };
    const history = ordinaryDays(user, "Copilot", 10, 5);
    const spike = Array.from({ length: 40 }, (_, i) => turn({ user, app: "Copilot", at: at(i * 5), prompt: `Summarise document ${i}` }));
    const out = await runBatches(stageWith(), [...history, ...spike]);
    const flagged = out.flatMap((r) => r.behaviour.filter((s) => s.kind === "unusual_volume"));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.attributes).toMatchObject({ feature: "prompts", baseline: "user" });
    expect(out.slice(0, history.length).some((r) => r.behaviour.length > 0)).toBe(false);
  });

  it("uses the peer group for a new user and flags a category first seen after a quiet history", async () => {
    const team = Array.from({ length: 3 }, (_, i) => ordinaryDays({ email: `peer${i}@contoso.com`, groups: ["finance"] }, "Copilot", 10, 4)).flat();
    const newcomer = { email: "new@contoso.com", groups: ["finance"] };
    const burst = Array.from({ length: 12 }, (_, i) => turn({ user: newcomer, app: "Copilot", at: at(i), prompt: `Draft note ${i}`, refusal: "full" }));
    const out = await runBatches(stageWith(), [...team.sort((a, b) => a.timestamp.localeCompare(b.timestamp)), ...burst], 100);
    const rate = out.flatMap((r) => r.behaviour).find((s) => s.kind === "unusual_rate");
    expect(rate?.attributes).toMatchObject({ feature: "refusals", baseline: "peers" });

    const veteran = { email: "vet@contoso.com" };
    const firstHarm = turn({ user: veteran, app: "Copilot", at: at(0), prompt: "how to hurt someone", harm: { code: "S1", score: 0.5 } });
    const out2 = await runBatches(stageWith(), [...ordinaryDays(veteran, "Copilot", 10, 3), firstHarm]);
    const firstSeen = out2.at(-1)!.behaviour.filter((s) => s.kind === "first_seen_category").map((s) => s.attributes?.category);
    expect(firstSeen.sort()).toEqual(["S1", "harm"]);
  });

  it("keeps daily aggregates for the retention period and drops users idle for longer", async () => {
    const store = new MemoryStore();
    const stage = stageWith(store, { retention: { days: 180 } });
    const idle = turn({ user: { email: "gone@contoso.com" }, app: "Copilot", at: at(-250 * 24 * 60), prompt: "old question" });
    const active = Array.from({ length: 220 }, (_, d) => turn({ user: { email: "daily@contoso.com" }, app: "Copilot", at: at((d - 219) * 24 * 60), prompt: "daily stand-up notes" }));
    await runBatches(stage, [idle, ...active], 10);
    const rows = await store.history("u:daily@contoso.com", 0, 1e6);
    const newest = dayOf(Date.parse(active.at(-1)!.timestamp));
    expect(rows.length).toBeGreaterThanOrEqual(180);
    expect(rows[0]!.day).toBe(newest - 180);
    expect((await store.get(["u:gone@contoso.com"])).size).toBe(0);
  });
});

describe("bounds and races", () => {
  it("keeps a bounded number of recent turns per user however many arrive", async () => {
    const store = new MemoryStore();
    const user = { email: "busy@contoso.com" };
    const records = Array.from({ length: 600 }, (_, i) => turn({ user, app: "Copilot", at: at(i / 10), prompt: `question number ${i} about the quarterly report` }));
    await runBatches(stageWith(store), records, 100);
    const state = parseUserState((await store.get(["u:busy@contoso.com"])).get("u:busy@contoso.com")!.value, "u");
    expect(state.turns).toHaveLength(120);
    expect(state.turns.at(-1)!.id).toBe(records.at(-1)!.id);
    expect((await store.stats()).bytes).toBeLessThan(120 * 1024);
  });

  it("recomputes a batch from fresh state when another worker committed the same user in between", async () => {
    class RacingStore extends MemoryStore {
      raced = false;
      override async commit(writes: readonly EntityWrite[], daily: readonly DailyRow[]): Promise<string[]> {
        if (!this.raced && writes.length > 0) {
          this.raced = true;
          await other.process([refusal!]);
        }
        return super.commit(writes, daily);
      }
    }
    const [refusal, retry] = buildScenarios().find((s) => s.pattern === "retry_loop")!.records;
    const store = new RacingStore();
    const other = stageWith(store);
    const out = await stageWith(store).process([retry!]);
    // The refusal committed by the other worker is seen on the recomputation: the retry joins its chain.
    expect(signalKinds(out[0]!)).toContain("retry_loop");
  });
});
