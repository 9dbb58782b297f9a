import { AnthropicEmulator } from "../../emulators/anthropic-compliance/index.js";
import { killAndResume, outputIds, pullWorkspace, readLines, runOnce } from "../_support/pull.js";

const iso = (ms: number) => new Date(ms).toISOString();

function seed(emulator: AnthropicEmulator, activities: number, chats: number, startMs = Date.now() - 3_600_000): number {
  for (let n = 0; n < activities; n += 1) {
    emulator.activities.push({ id: `activity_${String(emulator.activities.length).padStart(4, "0")}`, created_at: iso(startMs + n * 1000), type: "claude_chat_viewed", actor: { type: "user_actor", email_address: "ana@contoso.example" } });
  }
  for (let n = 0; n < chats; n += 1) {
    const at = startMs + n * 2000;
    emulator.chats.push({
      id: `claude_chat_${String(emulator.chats.length).padStart(4, "0")}`,
      created_at: iso(at),
      updated_at: iso(at + 500),
      user: { id: "user_1", email_address: "ana@contoso.example" },
      messages: [
        { id: `m${n}a`, role: "user", created_at: iso(at), content: [{ type: "text", text: "question" }] },
        { id: `m${n}b`, role: "assistant", created_at: iso(at + 100), content: [{ type: "text", text: "answer" }] },
      ],
    });
  }
  return activities + chats;
}

const options = (emulator: AnthropicEmulator) => ({ apiKey: "test-key", baseUrl: `${emulator.url}/v1/compliance`, pageSize: 4, since: "1d" });

describe("anthropic-compliance puller against the Compliance API emulator", () => {
  let emulator: AnthropicEmulator;
  beforeEach(async () => {
    emulator = await new AnthropicEmulator().start();
  });
  afterEach(() => emulator.close());

  it("reads the activity feed oldest first and every chat with its messages, through 429 and 529", async () => {
    const expected = seed(emulator, 11, 9);
    emulator.activities.splice(3, 0, { id: "activity_bad", created_at: iso(Date.now() - 3_000_000), type: "" });
    emulator.faults.push({ status: 529, body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } }, { status: 429, headers: { "retry-after": "0" } });
    const ws = pullWorkspace("anthropic-compliance", options(emulator));
    expect((await runOnce(ws)).complete).toBe(true);
    const records = readLines<{ operation: string; source: { recordId: string } }>(ws.output);
    expect(records).toHaveLength(expected);
    const activityOrder = records.filter((r) => r.operation === "claude_chat_viewed").map((r) => r.source.recordId);
    expect(activityOrder).toEqual([...activityOrder].sort());
    expect(readLines<{ original: { id: string } }>(ws.dlq).map((d) => d.original.id)).toEqual(["activity_bad"]);
    expect(emulator.log.some((l) => l.includes("before_id="))).toBe(true);
  });

  it("starts the activity feed at `since` and goes on from the last entry on the next run", async () => {
    seed(emulator, 6, 0, Date.now() - 3 * 86_400_000);
    seed(emulator, 5, 0);
    const ws = pullWorkspace("anthropic-compliance", { ...options(emulator), chats: false });
    await runOnce(ws);
    expect(outputIds(ws)).toHaveLength(5);
    seed(emulator, 3, 0, Date.now());
    await runOnce(ws);
    expect(new Set(outputIds(ws)).size).toBe(8);
    expect(outputIds(ws)).toHaveLength(8);
  });

  it("follows the chat stream: a chat with a new message comes again with its new exchange", async () => {
    seed(emulator, 0, 3);
    const ws = pullWorkspace("anthropic-compliance", { ...options(emulator), activities: false, follow: true });
    const stop = new AbortController();
    const run = runOnce(ws, stop.signal);
    while (outputIds(ws).length < 3) await new Promise((r) => setTimeout(r, 20));
    const chat = emulator.chats[0]!;
    chat.updated_at = iso(Date.now());
    chat.messages.push({ id: "late", role: "user", created_at: iso(Date.now()), content: [{ type: "text", text: "again" }] });
    while (new Set(outputIds(ws)).size < 4) await new Promise((r) => setTimeout(r, 20));
    stop.abort();
    await run;
    expect(new Set(outputIds(ws)).size).toBe(4);
  });

  it("loses and repeats nothing when the process is killed mid-backfill and restarted", async () => {
    const expected = seed(emulator, 20, 16);
    emulator.delayMs = 10;
    const ws = pullWorkspace("anthropic-compliance", options(emulator));
    const { ids } = await killAndResume(ws, 14);
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
  });
});
