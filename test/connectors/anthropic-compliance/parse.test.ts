import { readFileSync } from "node:fs";
import { connector } from "../../../src/connectors/anthropic-compliance/index.js";

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/anthropic-compliance/${name}`, import.meta.url), "utf8")) as Record<string, unknown>;

describe("anthropic-compliance parse", () => {
  it("reads a chat into exchanges with text, model and user", () => {
    const [i] = connector.parse(load("chat.json"), { options: {} });
    expect(i).toMatchObject({
      conversationId: "claude_chat_demo9",
      prompt: { text: "Summarise clause 7" },
      response: { text: "Clause 7 limits liability." },
      model: { provider: "anthropic", requested: "claude-demo-model" },
      user: { id: "user_01Demo", email: "ana.ruiz@contoso.example" },
      timestamp: "2026-03-02T09:50:01.000Z",
      labels: { chatName: "Contract review" },
    });
  });

  it("reads an Activity Feed entry as a metadata-only interaction", () => {
    const [i] = connector.parse(load("activity.json"), { options: {} });
    expect(i).toMatchObject({
      operation: "claude_chat_access_failed",
      outcome: "failure",
      conversationId: "claude_chat_demo9",
      network: { sourceIp: "203.0.113.10", userAgent: "Mozilla/5.0" },
      labels: { claude_chat_id: "claude_chat_demo9", actorType: "user_actor" },
    });
    expect(i!.prompt.text).toBe("");
  });

  it("refuses an activity without a type", () => {
    expect(() => connector.parse({ ...load("activity.json"), type: undefined }, { options: {} })).toThrow(/type/);
  });
});
