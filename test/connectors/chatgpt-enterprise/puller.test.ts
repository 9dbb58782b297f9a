import { ChatGptEmulator, type ConversationData } from "../../emulators/chatgpt-compliance/index.js";
import { killAndResume, outputIds, pullWorkspace, readLines, runOnce } from "../_support/pull.js";

function conversation(n: number, lastActive: number): ConversationData {
  return {
    id: `conv-${String(n).padStart(3, "0")}`,
    user_id: `user-${n % 3}`,
    user_email: `user${n % 3}@contoso.example`,
    created_at: lastActive - 100,
    last_active_at: lastActive,
    title: `conversation ${n}`,
    messages: [0, 1, 2, 3].map((m) => ({ id: `conv-${n}-m${m}`, created_at: lastActive - 10 + m, author: { role: m % 2 === 0 ? "user" : "assistant" }, content: { type: "text", parts: [`message ${m}`] } })),
  };
}

/** `count` conversations with 2 exchanges each; returns the number of exchanges. */
function seed(emulator: ChatGptEmulator, count: number, from = 0): number {
  const now = Math.floor(Date.now() / 1000);
  for (let n = from; n < from + count; n += 1) emulator.conversations.push(conversation(n, now - 5000 + n * 10));
  return count * 2;
}

const options = (emulator: ChatGptEmulator) => ({ apiKey: "test-key", workspaceId: emulator.workspace, baseUrl: `${emulator.url}/v1/compliance`, pageSize: 3, since: "1d" });

describe("chatgpt-enterprise puller against the Compliance API emulator", () => {
  let emulator: ChatGptEmulator;
  beforeEach(async () => {
    emulator = await new ChatGptEmulator().start();
  });
  afterEach(() => emulator.close());

  it("pages conversations and messages to the end, through 429 and 500, and dead-letters a bad entry", async () => {
    const exchanges = seed(emulator, 10);
    emulator.extraListItems.push({ object: "compliance.workspace.conversation", last_active_at: Math.floor(Date.now() / 1000) - 10 });
    emulator.faults.push({ status: 429, headers: { "Retry-After": "0" } }, { status: 500 }, { status: 200, raw: '{"object":"list","da' });
    const ws = pullWorkspace("chatgpt-enterprise", options(emulator));
    const result = await runOnce(ws);
    expect(result.complete).toBe(true);
    expect(new Set(outputIds(ws)).size).toBe(exchanges);
    expect(outputIds(ws)).toHaveLength(exchanges);
    expect(readLines<{ reason: string }>(ws.dlq)).toEqual([expect.objectContaining({ reason: expect.stringMatching(/invalid conversation: id/) })]);
    expect(emulator.log.some((l) => l.includes("after=conv-002"))).toBe(true);
  });

  it("sends the API key as a bearer token and stops with a clear error when it is refused", async () => {
    seed(emulator, 1);
    const ws = pullWorkspace("chatgpt-enterprise", { ...options(emulator), apiKey: "wrong" });
    await expect(runOnce(ws)).rejects.toThrow(/HTTP 401: invalid_request_error Invalid API key/);
  });

  it("follows: a conversation that grew is read again and only its new exchange is new", async () => {
    seed(emulator, 2);
    const ws = pullWorkspace("chatgpt-enterprise", { ...options(emulator), follow: true });
    const stop = new AbortController();
    const run = runOnce(ws, stop.signal);
    while (outputIds(ws).length < 4) await new Promise((r) => setTimeout(r, 20));
    const grown = emulator.conversations[0]!;
    const now = Math.floor(Date.now() / 1000);
    grown.last_active_at = now;
    grown.messages.push({ id: "late-q", created_at: now, author: { role: "user" }, content: { type: "text", parts: ["one more"] } });
    while (outputIds(ws).length < 6) await new Promise((r) => setTimeout(r, 20));
    stop.abort();
    await run;
    expect(new Set(outputIds(ws)).size).toBe(5);
  });

  it("loses and repeats nothing when the process is killed mid-backfill and restarted", async () => {
    const exchanges = seed(emulator, 30);
    emulator.delayMs = 10;
    const ws = pullWorkspace("chatgpt-enterprise", options(emulator));
    const { ids } = await killAndResume(ws, 12);
    expect(ids).toHaveLength(exchanges);
    expect(new Set(ids).size).toBe(exchanges);
  });
});
