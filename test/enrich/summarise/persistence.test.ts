/** Conversation summaries across restarts, replays and workers, on every state store. */
import { SummariseConfig } from "../../../src/enrich/summarise/config.js";
import { SummariseStage } from "../../../src/enrich/summarise/stage.js";
import { ConversationState } from "../../../src/enrich/summarise/conversation-state.js";
import { MemoryStore, type StateStore } from "../../../src/state/index.js";
import { harnesses } from "../../state/stores.js";
import { finding, record, silent } from "./records.js";

const config = (conversation: object = {}) => SummariseConfig.parse({ conversation });
const stageOn = (store: StateStore, conversation: object = {}) => new SummariseStage(config(conversation), silent, new AbortController().signal, store);
const KEY = "chatgpt-enterprise:conv-persist";
const turn = (extra: Parameters<typeof record>[1] = {}) => record({ conversationId: "conv-persist" }, extra);
const summaryOf = (r: { conversationSummary?: { text: string } }) => r.conversationSummary!.text;
const citedIds = (r: { conversationSummary?: { citations: { interactionId: string }[] } }) => r.conversationSummary!.citations.map((c) => c.interactionId);

describe.each(Object.keys(harnesses) as (keyof typeof harnesses)[])("conversation state on the %s store", (kind) => {
  let harness: ReturnType<(typeof harnesses)[typeof kind]>;
  beforeEach(() => {
    harness = harnesses[kind]();
  });
  afterEach(() => harness.cleanup());

  it("carries a conversation on across a restart: the next turn's summary cites turns from before it", async () => {
    const store = await harness.open();
    const before = await stageOn(store).process([turn(), turn({ refusal: "full" }), turn({ findings: [finding({ category: "jailbreak" })] })]);
    // A durable store restarts; memory cannot, so it keeps its handle.
    if (harness.reopen) await store.close();
    const after = stageOn(harness.reopen ? await harness.reopen() : store);
    const [next] = await after.process([turn({ refusal: "full" })]);
    expect(summaryOf(next!)).toMatch(/: 4 turns from /);
    expect(summaryOf(next!)).toContain("Refused 2 of 4 (turns 2, 4).");
    expect(summaryOf(next!)).toContain("Flagged: jailbreak in turn 3.");
    expect(citedIds(next!)).toEqual([...before.map((r) => r.id), next!.id]);
    await after.close();
  });

  it("does not count a turn twice when a batch is replayed after a crash, by this worker or a new one", async () => {
    const store = await harness.open();
    const batch = [turn(), turn({ refusal: "full" })];
    await stageOn(store).process(batch);
    const replayed = await stageOn(store).process(batch);
    expect(replayed.map(summaryOf)).toEqual(replayed.map(() => expect.stringContaining(": 2 turns")));
    expect(summaryOf(replayed[1]!)).toContain("Refused 1 of 2 (turn 2).");
    const reopened = harness.reopen ? await harness.reopen() : store;
    await stageOn(reopened).process(batch);
    const [next] = await stageOn(reopened).process([turn()]);
    expect(summaryOf(next!)).toMatch(/: 3 turns /);
    if (reopened !== store) await reopened.close();
    await store.close();
  });

  it("keeps every turn when two workers add turns of one conversation at the same time", async () => {
    const store = await harness.open();
    const other = harness.reopen ? await harness.reopen() : store;
    await Promise.all([stageOn(store).process([turn(), turn()]), stageOn(other).process([turn({ refusal: "full" })])]);
    const [next] = await stageOn(store).process([turn()]);
    expect(summaryOf(next!)).toMatch(/: 4 turns /);
    expect(summaryOf(next!)).toMatch(/Refused 1 of 4 \(turn \d\)\./);
    if (other !== store) await other.close();
    await store.close();
  });

  it("bounds what it stores per conversation however long the conversation grows", async () => {
    const store = await harness.open();
    const stage = stageOn(store, { rememberTurns: 50, maxMentions: 5 });
    for (let batch = 0; batch < 6; batch += 1) {
      await stage.process(Array.from({ length: 50 }, () => turn({ refusal: "full", findings: [finding({ category: "jailbreak" })] })));
    }
    const stored = ConversationState.parse(JSON.parse((await store.get([KEY])).get(KEY)!.value));
    expect(stored.turns).toBe(300);
    expect(stored.counted).toHaveLength(50);
    expect(stored.refused).toMatchObject({ count: 300, latest: expect.any(Array) });
    expect(stored.refused.latest).toHaveLength(5);
    expect(JSON.stringify(stored).length).toBeLessThan(3_000);
    await store.close();
  });
});

describe("conversation state documents", () => {
  it("starts a conversation afresh when its stored document is unreadable, and replaces it", async () => {
    const store = new MemoryStore();
    await store.commit([{ key: KEY, expectedVersion: 0, value: '{"v":1,"turns":"many"}', lastDay: 20_000 }], []);
    const [out] = await stageOn(store).process([turn()]);
    expect(summaryOf(out!)).toContain(": 1 turn at");
    const stored = (await store.get([KEY])).get(KEY)!;
    expect(stored.version).toBe(2);
    expect(ConversationState.safeParse(JSON.parse(stored.value)).success).toBe(true);
  });

  it("writes nothing for a batch without conversations or with replays only", async () => {
    const store = new MemoryStore();
    const stage = stageOn(store);
    const batch = [turn()];
    await stage.process([record({ conversationId: undefined }), ...batch]);
    await stage.process(batch);
    expect((await store.get([KEY])).get(KEY)!.version).toBe(1);
  });
});
