import { GraphEmulator } from "../../emulators/graph-copilot/index.js";
import { killAndResume, outputIds, pullWorkspace, readLines, runOnce } from "../_support/pull.js";

function interactions(user: string, count: number, startMs: number) {
  return Array.from({ length: count }, (_, n) => ({
    id: `${user}-i${n}`,
    sessionId: `thread-${user}-${Math.floor(n / 4)}`,
    requestId: `${user}-r${Math.floor(n / 2)}`,
    interactionType: n % 2 === 0 ? "userPrompt" : "aiResponse",
    appClass: "IPM.SkypeTeams.Message.Copilot.Word",
    createdDateTime: new Date(startMs + n * 1000).toISOString(),
    body: { contentType: "text", content: `text ${n}` },
  }));
}

function seed(emulator: GraphEmulator, perUser: number): string[] {
  const start = Date.now() - 3_600_000;
  for (const [i, name] of ["alice", "bob", "carol"].entries()) {
    emulator.users.push({ id: name, userPrincipalName: `${name}@contoso.example`, licensed: true, interactions: interactions(name, perUser, start + i * 7) });
  }
  emulator.users.push({ id: "dave", userPrincipalName: "dave@contoso.example", licensed: false, interactions: [] });
  emulator.groups.set("copilot-users", ["alice", "bob", "carol", "dave"]);
  return emulator.users.flatMap((u) => u.interactions.map((i) => i.id));
}

const options = (emulator: GraphEmulator, users: object) => ({ tenantId: "tenant-1", clientId: "app", clientSecret: "test-secret", authorityUrl: emulator.url, baseUrl: emulator.url, users, pageSize: 5, since: "1d" });

describe("m365-copilot-transcripts puller against the Graph emulator", () => {
  let emulator: GraphEmulator;
  beforeEach(async () => {
    emulator = await new GraphEmulator().start();
  });
  afterEach(() => emulator.close());

  it("reads every page of every member of a group, skips an unlicensed user, and dead-letters a bad item", async () => {
    const expected = seed(emulator, 12);
    emulator.users[1]!.interactions.push({ id: "bob-bad", createdDateTime: new Date(Date.now() - 60_000).toISOString(), interactionType: "" });
    emulator.faults.push({ status: 503 }, { status: 429, headers: { "Retry-After": "0" } });
    const ws = pullWorkspace("m365-copilot-transcripts", options(emulator, { groupId: "copilot-users" }));
    const result = await runOnce(ws);
    expect(result.complete).toBe(true);
    expect(new Set(outputIds(ws)).size).toBe(expected.length);
    expect(readLines<{ original: { interaction: { id: string } } }>(ws.dlq).map((d) => d.original.interaction.id)).toEqual(["bob-bad"]);
    expect(emulator.log.filter((l) => l.includes("skiptoken")).length).toBeGreaterThan(3);
  });

  it("asks only for newer interactions on the next poll and repeats none at the watermark", async () => {
    seed(emulator, 4);
    const ws = pullWorkspace("m365-copilot-transcripts", options(emulator, { ids: ["alice", "bob"] }));
    const stop = new AbortController();
    const run = runOnce(ws, stop.signal);
    while (outputIds(ws).length < 8) await new Promise((r) => setTimeout(r, 20));
    stop.abort();
    await run;
    const latest = emulator.users[0]!.interactions.at(-1)!;
    emulator.users[0]!.interactions.push({ ...latest, id: "alice-same-time" }, { ...latest, id: "alice-new", createdDateTime: new Date().toISOString() });
    await runOnce(ws);
    expect(outputIds(ws)).toHaveLength(10);
    expect(emulator.log.some((l) => new URL(l.split(" ")[1]!, emulator.url).searchParams.get("$filter")?.startsWith("createdDateTime ge "))).toBe(true);
  });

  it("loses and repeats nothing when the process is killed mid-backfill and restarted", async () => {
    const expected = seed(emulator, 20);
    emulator.delayMs = 15;
    const ws = pullWorkspace("m365-copilot-transcripts", options(emulator, { all: true }));
    const { ids } = await killAndResume(ws, 15);
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids).size).toBe(expected.length);
  });
});
