import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { collect, runCli, spawnCli } from "../support/cli.js";
import { nativeRecord, tempDir, writeNdjson } from "../support/fixtures.js";

function workspace(records: number, { follow = false, batch = 50 } = {}) {
  const dir = tempDir("aisiem-cli-");
  writeNdjson(join(dir, "in.ndjson"), Array.from({ length: records }, (_, n) => nativeRecord(n)));
  const config = (name: string, out: string) => {
    const path = join(dir, `${name}.yaml`);
    writeFileSync(
      path,
      `stateDir: ${dir}/${name}-state
pipeline: {batchMaxRecords: ${batch}, batchMaxWaitMs: 100}
sources:
  - name: corpus
    connector: aisiem
    input: {type: file, paths: ["${dir}/in.ndjson"], follow: ${follow}, pollIntervalMs: 50}
sinks:
  - type: file
    path: ${dir}/${out}
`,
    );
    return path;
  };
  const lines = (out: string) => (existsSync(join(dir, out)) ? readFileSync(join(dir, out), "utf8").split("\n").filter(Boolean) : []);
  return { dir, config, lines };
}

const idsOf = (lines: string[]) => lines.map((l) => (JSON.parse(l) as { id: string }).id);

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("aisiem run as a process", () => {
  it("killed with SIGKILL mid-run and restarted, produces the same records as an uninterrupted run, each once", async () => {
    const w = workspace(20_000, { batch: 200 });
    const reference = await runCli(["run", "-c", w.config("reference", "reference.ndjson"), "--log-level", "silent"]);
    expect(reference.code).toBe(0);

    const crashing = spawnCli(["run", "-c", w.config("crash", "crash.ndjson"), "--log-level", "silent"]);
    const done = collect(crashing);
    await waitFor(() => w.lines("crash.ndjson").length >= 1_000);
    crashing.kill("SIGKILL");
    const killed = await done;
    expect(killed.signal).toBe("SIGKILL");
    const before = w.lines("crash.ndjson").length;
    expect(before).toBeLessThan(20_000);

    const restarted = await runCli(["run", "-c", w.config("crash", "crash.ndjson"), "--log-level", "silent"]);
    expect(restarted.code).toBe(0);
    const crashIds = idsOf(w.lines("crash.ndjson"));
    expect(new Set(crashIds).size).toBe(crashIds.length);
    expect(crashIds.sort()).toEqual(idsOf(w.lines("reference.ndjson")).sort());
  });

  it("on SIGTERM drains, commits and exits 0; the next run starts where it stopped", async () => {
    const w = workspace(300, { follow: true });
    const config = w.config("follow", "out.ndjson");
    const child = spawnCli(["run", "-c", config, "--log-level", "silent"]);
    const done = collect(child);
    await waitFor(() => w.lines("out.ndjson").length === 300);
    child.kill("SIGTERM");
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("run complete");

    const again = spawnCli(["run", "-c", config, "--log-level", "info"]);
    const second = collect(again);
    // Signal only once the run has started: a signal before that is not a drain request.
    let started = false;
    again.stderr!.on("data", (d: Buffer) => (started ||= d.toString().includes("pipeline started")));
    await waitFor(() => started);
    again.kill("SIGINT");
    const rerun = await second;
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(/read 0 /);
    expect(w.lines("out.ndjson")).toHaveLength(300);
  });

  it("dlq list counts what failed and dlq replay sends it through again, returning what still fails", async () => {
    const w = workspace(3);
    writeFileSync(join(w.dir, "in.ndjson"), [JSON.stringify(nativeRecord(1)), "{torn", JSON.stringify({ ...nativeRecord(2), timestamp: "soon" })].join("\n") + "\n");
    const config = w.config("dlq", "out.ndjson");
    expect((await runCli(["run", "-c", config, "--log-level", "silent"])).code).toBe(0);
    const listed = await runCli(["dlq", "list", "-c", config]);
    expect(listed.stdout).toMatch(/^1\tdecode\tcorpus\tinvalid JSON/m);
    expect(listed.stdout).toMatch(/^1\tparse\tcorpus\tinvalid aisiem native interaction: timestamp/m);

    // Nothing was fixed, so both come back; the queue is whole again and a second replay works the same.
    for (let round = 0; round < 2; round += 1) {
      const replay = await runCli(["dlq", "replay", "-c", config, "--log-level", "silent"]);
      expect(replay.code).toBe(0);
      expect(replay.stderr).toMatch(/read 2 .*dead-lettered 2/);
      expect(existsSync(join(w.dir, "dlq-state", "dlq.ndjson.replaying"))).toBe(false);
      expect(readFileSync(join(w.dir, "dlq-state", "dlq.ndjson"), "utf8").trim().split("\n")).toHaveLength(2);
    }
    expect(w.lines("out.ndjson")).toHaveLength(1);
  });

  it("dlq replay parses a record again with its source's settings: a source that drops text gets none back", async () => {
    const w = workspace(1);
    writeFileSync(join(w.dir, "in.ndjson"), JSON.stringify({ ...nativeRecord(5), timestamp: "soon" }) + "\n");
    const config = w.config("private", "out.ndjson");
    writeFileSync(config, readFileSync(config, "utf8").replace("connector: aisiem", "connector: aisiem\n    content: drop"));
    expect((await runCli(["run", "-c", config, "--log-level", "silent"])).code).toBe(0);
    expect(w.lines("out.ndjson")).toHaveLength(0);
    // The operator fixes the record in the queue, then replays it.
    const queue = join(w.dir, "private-state", "dlq.ndjson");
    writeFileSync(queue, readFileSync(queue, "utf8").replace('"timestamp":"soon"', `"timestamp":"${nativeRecord(5).timestamp}"`));
    const replay = await runCli(["dlq", "replay", "-c", config, "--log-level", "silent"]);
    expect(replay.stderr).toMatch(/read 1 .*written 1 .*dead-lettered 0/);
    const [line] = w.lines("out.ndjson");
    expect(JSON.parse(line!)).toMatchObject({ source: { recordId: "rec-5" } });
    expect(line).not.toContain("question number 5");
  });

  it("exits 2 and lists every problem for an invalid config", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.yaml"), "sources: []\nsinks:\n  - type: file\n");
    const result = await runCli(["validate", "-c", join(dir, "bad.yaml")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("sources: at least one source is needed");
    expect(result.stderr).toContain("sinks[0].path:");
  });

  it("parse turns records into canonical interactions and reports bad ones on stderr with exit 4", async () => {
    const input = [JSON.stringify(nativeRecord(1)), "{broken", JSON.stringify(nativeRecord(2))].join("\n");
    const result = await runCli(["parse", "--connector", "aisiem", "-"], { input });
    expect(result.code).toBe(4);
    const out = result.stdout.trim().split("\n").map((l) => JSON.parse(l) as { source: { recordId: string } });
    expect(out.map((o) => o.source.recordId)).toEqual(["rec-1", "rec-2"]);
    expect(JSON.parse(result.stderr.trim()) as { origin: string; error: string }).toMatchObject({ origin: "stdin:2" });
  });
});
