import { readFileSync } from "node:fs";
import { connector } from "../../../src/connectors/chatgpt-enterprise/index.js";
import { interactionId } from "../../../src/model/index.js";

const events = readFileSync(new URL("./fixtures/logs.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const record = (event: object, line = 0, logFile = { id: "log_file_1", event_type: "CODEX_LOG" }) => ({ logFile, line, event });
const parseOne = (raw: unknown, content?: "keep" | "hash" | "drop") => {
  const out = connector.parse(raw, { options: {}, content });
  expect(out).toHaveLength(1);
  return out[0]!;
};

describe("chatgpt-enterprise parse of Compliance Logs Platform events", () => {
  it("turns a Codex turn into a chat interaction with user, model, usage and thread", () => {
    expect(parseOne(record(events[0]!))).toMatchObject({
      id: interactionId("chatgpt-enterprise", "log/evt_codex_001"),
      timestamp: "2026-03-02T10:15:00.000Z",
      source: { product: "ChatGPT Enterprise", vendor: "OpenAI", connector: "chatgpt-enterprise", recordId: "evt_codex_001" },
      user: { id: "user_abc", email: "ana.ruiz@contoso.example", domain: "contoso.example" },
      conversationId: "thr_demo_1",
      app: { name: "Codex", host: "cli" },
      operation: "chat",
      model: { provider: "openai", requested: "gpt-5-codex" },
      prompt: { text: "Add input validation to the upload handler", messages: [{ role: "user", content: "Add input validation to the upload handler" }] },
      response: { text: "I added a size check and a MIME allow-list to upload.ts." },
      usage: { inputTokens: 1200, outputTokens: 340, totalTokens: 1540 },
      outcome: "success",
      network: { sourceIp: "203.0.113.7", userAgent: "codex-cli/0.40.0" },
      organization: { id: "ws-1" },
      labels: { eventType: "CODEX_LOG", actorType: "user", logFileId: "log_file_1" },
    });
  });

  it("reads prompt and answer given as content parts", () => {
    const turn = parseOne(record(events[1]!));
    expect([turn.prompt.text, turn.response.text, turn.app.host]).toEqual(["Now add a test for it", "Added upload.test.ts\nwith two cases.", "ide"]);
  });

  it("keeps sign-ins as metadata-only interactions, a failed one with outcome failure", () => {
    const [ok, failed] = [parseOne(record(events[2]!, 0, { id: "auth_1", event_type: "AUTH_LOG" })), parseOne(events[3])];
    expect(ok).toMatchObject({ app: { name: "ChatGPT Enterprise" }, operation: "login", outcome: "success", network: { sourceIp: "198.51.100.23", userAgent: "Mozilla/5.0" } });
    expect(ok.prompt).toEqual({ text: "", messages: [] });
    expect(ok.response).toEqual({ text: "", messages: [] });
    expect(failed).toMatchObject({ timestamp: "2026-03-02T09:00:00.000Z", operation: "login_failed", outcome: "failure", user: { email: "bo.chen@contoso.example" }, network: { sourceIp: "192.0.2.50" } });
  });

  it("maps a Codex security event with its task and a blocked status", () => {
    expect(parseOne(events[4])).toMatchObject({ timestamp: "2026-03-02T09:20:00.000Z", app: { name: "Codex" }, operation: "sandbox_network_request", outcome: "failure", conversationId: "task_9", labels: { eventType: "CODEX_SECURITY_LOG", taskId: "task_9" } });
  });

  it("gives an event the same id whether pulled, in a downloaded file, or delivered twice in two files", () => {
    const ids = [parseOne(record(events[0]!, 0, { id: "a", event_type: "CODEX_LOG" })).id, parseOne(record(events[0]!, 7, { id: "b", event_type: "CODEX_LOG" })).id, parseOne(events[0]).id];
    expect(new Set(ids)).toEqual(new Set([interactionId("chatgpt-enterprise", "log/evt_codex_001")]));
  });

  it("falls back to file and line for an event without an id, and refuses a bare one, naming the paths", () => {
    const { event_id: _id, ...anonymous } = events[2]!;
    expect(parseOne(record(anonymous, 4, { id: "auth_1", event_type: "AUTH_LOG" })).source.recordId).toBe("auth_1#4");
    const { timestamp: _t, ...timeless } = anonymous;
    expect(() => connector.parse(timeless, { options: {} })).toThrow(/invalid ChatGPT compliance log event: event_id: missing .*; timestamp: missing/);
    expect(() => connector.parse(record({ ...events[0], usage: { input_tokens: -1 } }), { options: {} })).toThrow(/event\.usage\.input_tokens/);
  });

  it("hashes or drops Codex prompt and response text with the content option", () => {
    const hashed = parseOne(record(events[0]!), "hash");
    expect(hashed.content).toBe("hashed");
    expect(hashed.prompt.text).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashed.raw).toBeUndefined();
    expect(parseOne(record(events[0]!), "drop").response.text).toBe("");
  });
});
