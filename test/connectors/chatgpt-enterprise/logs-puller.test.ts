import { ChatGptEmulator, type LogFileData } from "../../emulators/chatgpt-compliance/index.js";
import { killAndResume, outputIds, pullWorkspace, readLines, runOnce } from "../_support/pull.js";

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A log file of `count` events ending at `endMs`; event ids are `<file id>-<n>`. */
function logFile(id: string, eventType: string, endMs: number, count: number): LogFileData {
  const lines = Array.from({ length: count }, (_, n) =>
    JSON.stringify(
      eventType === "AUTH_LOG"
        ? { event_id: `${id}-${n}`, event_type: eventType, timestamp: iso(endMs - 1000 + n), action: "login", status: "success", actor: { user_id: `user-${n % 3}`, ip_address: "198.51.100.7" } }
        : { event_id: `${id}-${n}`, event_type: eventType, timestamp: iso(endMs - 1000 + n), actor: { user_id: `user-${n % 3}` }, thread_id: `thr-${id}`, prompt: `task ${n}`, response: `done ${n}` },
    ),
  );
  return { id, event_type: eventType, end_time: iso(endMs), lines };
}

/** `count` files of `perFile` events a minute apart, starting an hour ago; returns the number of events. */
function seed(emulator: ChatGptEmulator, eventType: string, count: number, perFile: number, from = 0): number {
  const start = Date.now() - 60 * MINUTE;
  for (let n = from; n < from + count; n += 1) emulator.logFiles.push(logFile(`${eventType.toLowerCase()}-${String(n).padStart(3, "0")}`, eventType, start + n * MINUTE, perFile));
  return count * perFile;
}

const options = (emulator: ChatGptEmulator, extra: Record<string, unknown> = {}) => ({
  apiKey: "test-key",
  workspaceId: emulator.workspace,
  baseUrl: `${emulator.url}/v1/compliance`,
  stream: "logs",
  eventTypes: ["CODEX_LOG", "AUTH_LOG"],
  pageSize: 2,
  since: "1d",
  ...extra,
});

const waitFor = async (condition: () => boolean) => {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
};

describe("chatgpt-enterprise logs stream against the Compliance Logs Platform emulator", () => {
  let emulator: ChatGptEmulator;
  beforeEach(async () => {
    emulator = await new ChatGptEmulator().start();
  });
  afterEach(() => emulator.close());

  it("backfills every event type over several pages through 429, 500 and redirected downloads, dead-lettering bad lines", async () => {
    const events = seed(emulator, "CODEX_LOG", 5, 3) + seed(emulator, "AUTH_LOG", 3, 2);
    emulator.logFiles[1]!.lines.splice(1, 0, "{not json", "[1, 2]", "");
    emulator.redirectDownloads = true;
    emulator.faults.push({ status: 429, headers: { "Retry-After": "0" } }, { status: 500 }, { status: 200, raw: '{"object":"list","da' });
    const ws = pullWorkspace("chatgpt-enterprise", options(emulator));
    const result = await runOnce(ws);
    expect(result.complete).toBe(true);
    expect(outputIds(ws)).toHaveLength(events);
    expect(new Set(outputIds(ws)).size).toBe(events);
    expect(readLines<{ reason: string; origin: string }>(ws.dlq)).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/^invalid JSON in log file line: /), origin: "CODEX_LOG log codex_log-001 line 2" }),
      expect.objectContaining({ reason: "log file line is an array, not a JSON object", origin: "CODEX_LOG log codex_log-001 line 3" }),
    ]);
    const lists = emulator.log.filter((l) => l.includes("/logs?event_type=CODEX_LOG"));
    expect(lists.length).toBeGreaterThanOrEqual(3);
    expect(emulator.log.some((l) => l.includes("event_type=AUTH_LOG"))).toBe(true);
    expect(emulator.log.filter((l) => l.startsWith("GET /storage/"))).toHaveLength(8);
  });

  it("follows: reads a file published late with the watermark's own end time, and a newer one, once each", async () => {
    const events = seed(emulator, "CODEX_LOG", 3, 2);
    const ws = pullWorkspace("chatgpt-enterprise", options(emulator, { follow: true, eventTypes: ["CODEX_LOG"] }));
    const stop = new AbortController();
    const run = runOnce(ws, stop.signal);
    await waitFor(() => outputIds(ws).length >= events);
    const last = emulator.logFiles.at(-1)!;
    emulator.logFiles.push(logFile("late-same-end", "CODEX_LOG", Date.parse(last.end_time), 2), logFile("newer", "CODEX_LOG", Date.now(), 2));
    // At-least-once delivery: an event already read arrives again in a later file.
    emulator.logFiles.at(-1)!.lines.push(emulator.logFiles[0]!.lines[0]!);
    await waitFor(() => outputIds(ws).length >= events + 5);
    await new Promise((r) => setTimeout(r, 200));
    stop.abort();
    await run;
    expect(outputIds(ws)).toHaveLength(events + 5);
    expect(new Set(outputIds(ws)).size).toBe(events + 4);
  });

  it("reads an organization's log files with organizationId", async () => {
    const events = seed(emulator, "CODEX_LOG", 2, 2);
    const ws = pullWorkspace("chatgpt-enterprise", options(emulator, { workspaceId: undefined, organizationId: emulator.organization, eventTypes: ["CODEX_LOG"] }));
    await runOnce(ws);
    expect(outputIds(ws)).toHaveLength(events);
    expect(emulator.log.every((l) => l.startsWith("GET /v1/compliance/organizations/org-test/logs"))).toBe(true);
  });

  it("loses and repeats nothing when the process is killed mid-backfill and restarted", async () => {
    const events = seed(emulator, "CODEX_LOG", 12, 3) + seed(emulator, "AUTH_LOG", 4, 2);
    emulator.delayMs = 10;
    const ws = pullWorkspace("chatgpt-enterprise", options(emulator, { pageSize: 3 }));
    const { ids, killedAt } = await killAndResume(ws, 14);
    expect(killedAt).toBeLessThan(events);
    expect(ids).toHaveLength(events);
    expect(new Set(ids).size).toBe(events);
  });
});
