import { Office365Emulator } from "../../emulators/office365-management/index.js";
import { killAndResume, outputIds, pullWorkspace, readLines, runOnce } from "../_support/pull.js";

const HOUR = 3_600_000;

function auditRecord(n: number, at: number): Record<string, unknown> {
  return {
    CreationTime: new Date(at).toISOString().slice(0, 19),
    Id: `rec-${n}`,
    Operation: "CopilotInteraction",
    RecordType: 261,
    UserId: `user${n % 3}@contoso.example`,
    Workload: "Copilot",
    CopilotEventData: { AppHost: "Word", ThreadId: `thread-${n % 4}`, Messages: [{ Id: `m-${n}`, isPrompt: true, JailbreakDetected: n % 5 === 0 }] },
  };
}

/** `blobs` blobs, one every 2 hours over the last 2 days, each with 3 Copilot records and 1 record of another workload. */
function seed(emulator: Office365Emulator, blobs: number, from = 0): string[] {
  const ids: string[] = [];
  const start = Date.now() - 48 * HOUR;
  for (let b = from; b < from + blobs; b += 1) {
    const records = [0, 1, 2].map((i) => auditRecord(b * 3 + i, start + b * 2 * HOUR));
    ids.push(...records.map((r) => r.Id as string));
    emulator.blobs.push({ contentId: `blob-${b}`, created: start + b * 2 * HOUR + 60_000, records: [...records, { Id: `exo-${b}`, Operation: "MailItemsAccessed", RecordType: 50 }] });
  }
  return ids;
}

const options = (emulator: Office365Emulator) => ({
  tenantId: emulator.tenant,
  clientId: "app",
  clientSecret: "test-secret",
  authorityUrl: emulator.url,
  baseUrl: emulator.url,
  since: "3d",
  windowMinutes: 600,
  settleMinutes: 0,
});

describe("m365-copilot-audit puller against the Management Activity API emulator", () => {
  let emulator: Office365Emulator;
  beforeEach(async () => {
    emulator = await new Office365Emulator().start();
  });
  afterEach(() => emulator.close());

  it("backfills every window and page, through 429, 503, an expired token and bad records", async () => {
    const expected = seed(emulator, 20);
    emulator.blobs[3]!.records.push({ Id: "broken", Operation: "CopilotInteraction", RecordType: 261, CreationTime: "yesterday" });
    const ws = pullWorkspace("m365-copilot-audit", options(emulator));
    emulator.faults.push({ status: 429, headers: { "Retry-After": "0" }, body: { error: { code: "AF429", message: "Too many requests" } } }, { status: 503 });
    // Tokens lapse while the run is under way: the puller must fetch a new one and go on.
    emulator.expireTokensAfter = 8;
    const result = await runOnce(ws);

    expect(result.complete).toBe(true);
    expect(emulator.subscriptionEnabled).toBe(true);
    expect(emulator.log.filter((l) => l.includes("/oauth2/v2.0/token"))).toHaveLength(2);
    expect(outputIds(ws)).toHaveLength(expected.length);
    expect(new Set(readLines<{ source: { recordId: string } }>(ws.output).map((r) => r.source.recordId))).toEqual(new Set(expected));
    expect(readLines<{ reason: string; original: { Id: string } }>(ws.dlq)).toEqual([expect.objectContaining({ reason: expect.stringMatching(/CreationTime/), original: expect.objectContaining({ Id: "broken" }) })]);
    expect(emulator.log.some((l) => l.includes("nextPage="))).toBe(true);
    // No listing request ever asks for more than 24 hours or for more than 7 days back.
    for (const line of emulator.log.filter((l) => l.includes("subscriptions/content?"))) {
      const q = new URL(line.split(" ")[1]!, emulator.url).searchParams;
      expect(Date.parse(`${q.get("endTime")}Z`) - Date.parse(`${q.get("startTime")}Z`)).toBeLessThanOrEqual(24 * HOUR);
    }
  });

  it("starts inside the 7-day window when asked for more, and a second run reads nothing twice", async () => {
    const expected = seed(emulator, 4);
    const ws = pullWorkspace("m365-copilot-audit", { ...options(emulator), since: "30d" });
    expect((await runOnce(ws)).complete).toBe(true);
    expect(outputIds(ws)).toHaveLength(expected.length);
    await runOnce(ws);
    expect(outputIds(ws)).toHaveLength(expected.length);
  });

  it("follows: picks up content that appears after the backlog, then stops on the signal", async () => {
    seed(emulator, 3);
    const ws = pullWorkspace("m365-copilot-audit", { ...options(emulator), follow: true });
    const stop = new AbortController();
    const run = runOnce(ws, stop.signal);
    while (outputIds(ws).length < 9) await new Promise((r) => setTimeout(r, 20));
    const later = auditRecord(999, Date.now() - 60_000);
    // Listed from now on: every window read so far ended before this moment, however slow they were.
    emulator.blobs.push({ contentId: "blob-late", created: Date.now(), records: [later] });
    while (outputIds(ws).length < 10) await new Promise((r) => setTimeout(r, 20));
    stop.abort();
    await run;
    expect(outputIds(ws)).toHaveLength(10);
  });

  it("loses and repeats nothing when the process is killed mid-backfill and restarted", async () => {
    const expected = seed(emulator, 24);
    emulator.delayMs = 15;
    const ws = pullWorkspace("m365-copilot-audit", options(emulator));
    const { ids, killedAt } = await killAndResume(ws, 20);
    expect(killedAt).toBeLessThan(expected.length);
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids).size).toBe(expected.length);
  });
});
