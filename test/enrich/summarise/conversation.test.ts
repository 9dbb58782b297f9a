import { SummariseConfig } from "../../../src/enrich/summarise/config.js";
import { SummariseStage } from "../../../src/enrich/summarise/stage.js";
import { finding, record, silent } from "./records.js";

const stage = (conversation: object = {}) => new SummariseStage(SummariseConfig.parse({ conversation }), silent, new AbortController().signal);

describe("conversation summary", () => {
  it("summarises the turns seen so far and cites the turns it names", async () => {
    const s = stage();
    const turns = [
      record({ conversationId: "c-esc" }),
      record({ conversationId: "c-esc", findings: [finding({ category: "refusal", target: "response" })] }),
      record({ conversationId: "c-esc", findings: [finding({ category: "jailbreak", label: "persona" })] }, { refusal: "full" }),
    ];
    const out = [...(await s.process(turns.slice(0, 2))), ...(await s.process(turns.slice(2)))];
    expect(out[0]!.conversationSummary!.text).toMatch(/in conversation c-esc on ChatGPT Enterprise: 1 turn at /);
    expect(out[0]!.conversationSummary!.citations).toEqual([{ interactionId: out[0]!.id, target: "interaction" }]);
    const last = out[2]!.conversationSummary!;
    expect(last.text).toMatch(/: 3 turns from \S+ to \S+\./);
    expect(last.text).toContain("Refused 2 of 3 (turns 2, 3).");
    expect(last.text).toContain("Flagged: jailbreak in turn 3.");
    expect(last.citations.map((c) => c.interactionId)).toEqual(out.map((r) => r.id));
  });

  it("keeps conversations of different tools apart even with the same id", async () => {
    const s = stage();
    await s.process([record({ conversationId: "same" })]);
    const [other] = await s.process([record({ conversationId: "same", source: { product: "Claude Enterprise", vendor: "Anthropic", connector: "anthropic-compliance", recordId: "x-1" }, app: { name: "Claude" } })]);
    expect(other!.conversationSummary!.text).toContain(": 1 turn at");
  });

  it("writes none without a conversation id", async () => {
    const [out] = await stage().process([record({ conversationId: undefined })]);
    expect(out!.conversationSummary).toBeUndefined();
    expect(out!.summary).toBeDefined();
  });

  it("forgets a conversation idle for longer than idleDays (event time)", async () => {
    const s = stage({ idleDays: 30 });
    await s.process([record({ conversationId: "a", timestamp: "2025-04-01T10:00:00Z" }), record({ conversationId: "b", timestamp: "2025-04-01T10:00:00Z" })]);
    await s.process([record({ conversationId: "b", timestamp: "2025-04-30T10:00:00Z" })]);
    await s.process([record({ conversationId: "c", timestamp: "2025-05-02T10:00:00Z" })]); // a idle 31 days: forgotten
    const [a, b] = await s.process([record({ conversationId: "a", timestamp: "2025-05-02T11:00:00Z" }), record({ conversationId: "b", timestamp: "2025-05-02T11:00:00Z" })]);
    expect(a!.conversationSummary!.text).toContain(": 1 turn at 2025-05-02T11:00:00Z");
    expect(b!.conversationSummary!.text).toContain(": 3 turns from 2025-04-01T10:00:00Z to 2025-05-02T11:00:00Z");
  });

  it("names only the latest turns and bounds its citations when a conversation grows", async () => {
    const s = stage({ maxMentions: 3, maxCitations: 4 });
    const refused = Array.from({ length: 6 }, () => record({ conversationId: "long" }, { refusal: "full" }));
    const out = await s.process(refused);
    const last = out[5]!.conversationSummary!;
    expect(last.text).toContain("Refused 6 of 6 (latest turns 4, 5, 6).");
    expect(last.citations).toHaveLength(4);
    expect(last.citations.map((c) => c.interactionId)).toEqual([out[0]!.id, out[3]!.id, out[4]!.id, out[5]!.id]);
  });

  it("can be switched off", async () => {
    const [out] = await stage({ enabled: false }).process([record()]);
    expect(out!.conversationSummary).toBeUndefined();
  });
});
