import { readFileSync } from "node:fs";
import { connector } from "../../../src/connectors/chatgpt-enterprise/index.js";
import { interactionId } from "../../../src/model/index.js";

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/chatgpt-enterprise/conversation.json", import.meta.url), "utf8")) as { conversation: object; messages: object[] };

describe("chatgpt-enterprise parse", () => {
  const interactions = connector.parse(fixture, { options: {} });

  it("splits a conversation into exchanges with stable ids", () => {
    expect(interactions.map((i) => i.id)).toEqual([interactionId("chatgpt-enterprise", "conv_demo_1/msg-1"), interactionId("chatgpt-enterprise", "conv_demo_1/msg-4")]);
    expect(interactions.map((i) => [i.prompt.text, i.response.text])).toEqual([
      ["Draft a reply to this customer", "Here is a draft…"],
      ["Shorter, please", "Short draft."],
    ]);
    expect(interactions[1]!.response.messages.map((m) => [m.role, m.name])).toEqual([
      ["tool", "python"],
      ["assistant", undefined],
    ]);
  });

  it("carries user, workspace, GPT and time", () => {
    expect(interactions[0]).toMatchObject({
      timestamp: "2026-03-02T09:25:00.000Z",
      conversationId: "conv_demo_1",
      user: { id: "user_abc", email: "ana.ruiz@contoso.example", domain: "contoso.example" },
      organization: { id: "ws-1" },
      app: { name: "ChatGPT Enterprise", id: "g-demo" },
      labels: { title: "Customer reply", gptId: "g-demo" },
    });
  });

  it("gives the same ids for old exchanges when the conversation grew", () => {
    const grown = connector.parse({ ...fixture, messages: [...fixture.messages, { id: "msg-7", created_at: 1772443700, author: { role: "user" }, content: { type: "text", parts: ["Thanks"] } }] }, { options: {} });
    expect(grown.slice(0, 2).map((i) => i.id)).toEqual(interactions.map((i) => i.id));
    expect(grown).toHaveLength(3);
  });

  it("refuses a message without an author role, naming the path", () => {
    expect(() => connector.parse({ ...fixture, messages: [{ id: "x", created_at: 1, author: {} }] }, { options: {} })).toThrow(/messages\[0\]\.author\.role/);
  });
});
