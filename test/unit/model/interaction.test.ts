import { interactionId, parseNativeInteraction, ValidationError } from "../../../src/model/index.js";

const good = {
  timestamp: "2026-01-05T10:00:00Z",
  source: { product: "ChatGPT Enterprise", vendor: "OpenAI", connector: "chatgpt-enterprise", recordId: "msg-1" },
  user: { email: "ana@example.com" },
  app: { name: "ChatGPT Enterprise" },
  prompt: { text: "hello" },
};

describe("native interaction", () => {
  it("fills defaults and derives a deterministic id from the source", () => {
    const a = parseNativeInteraction(good);
    const b = parseNativeInteraction(structuredClone(good));
    expect(a.id).toBe(interactionId("chatgpt-enterprise", "msg-1", 0));
    expect(b.id).toBe(a.id);
    expect(a.response).toEqual({ text: "", messages: [] });
    expect(a.findings).toEqual([]);
    expect(a.outcome).toBe("unknown");
  });

  it("gives different ids to different turns of one record", () => {
    const turn1 = parseNativeInteraction({ ...good, source: { ...good.source, turn: 1 } });
    expect(turn1.id).not.toBe(parseNativeInteraction(good).id);
  });

  it("names every bad field with its path", () => {
    const bad = { ...good, timestamp: "yesterday", app: {}, prompt: { messages: [{ role: "robot", content: 1 }] } };
    let error: unknown;
    try {
      parseNativeInteraction(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).problems.map((p) => p.path).sort();
    expect(paths).toEqual(["app.name", "prompt.messages[0].content", "prompt.messages[0].role", "timestamp"]);
  });

  it("rejects a finding with an unknown action", () => {
    const finding = { origin: "upstream", detector: "x", category: "jailbreak", target: "prompt", severity: "high", action: "quarantined" };
    expect(() => parseNativeInteraction({ ...good, findings: [finding] })).toThrow(/findings\[0\]\.action/);
  });
});
