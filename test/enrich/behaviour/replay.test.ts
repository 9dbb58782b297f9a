/** `aisiem replay` over history gives the same behaviour signals and alerts as a live run over the same records. */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { buildScenarios } from "../../../scripts/eval/behaviour-scenarios.js";
import { replay } from "../../../src/cli/commands/replay.js";
import { loadConfig } from "../../../src/config/index.js";
import type { Enriched } from "../../../src/model/index.js";
import { runPipeline } from "../../../src/pipeline/runner.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "aisiem-replay-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, stateDir: string, history: string, output: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    [
      `stateDir: ${stateDir}`,
      "logging: { level: silent }",
      "pipeline: { batchMaxRecords: 4, batchMaxWaitMs: 50 }",
      "sources:",
      "  - name: history",
      "    connector: aisiem",
      `    input: { type: file, paths: [${history}] }`,
      "enrich:",
      "  behaviour:",
      "    identity: { netbiosDomains: { CONTOSO: contoso.com } }",
      "    allow: [{ groups: [red-team] }]",
      "sinks:",
      `  - { type: file, path: ${output}, fsync: false }`,
    ].join("\n"),
  );
  return path;
}

/** The interaction as a product would deliver it: no enrichment, no derived id. */
const asNative = (r: Enriched) => {
  const { id: _id, behaviour: _b, alerts: _a, risk: _r, redactions: _x, refusal: _f, summary: _s, ...interaction } = r;
  return JSON.stringify(interaction);
};

const readOutput = (path: string) =>
  new Map(
    readFileSync(path, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Enriched)
      .map((r) => [r.id, { behaviour: r.behaviour, alerts: r.alerts }]),
  );

it("replays history into the same signals and alerts as three live runs that saw it arrive", async () => {
  const lines = buildScenarios().flatMap((s) => s.records.map(asNative));
  const live = join(dir, "live.ndjson");
  const liveOut = join(dir, "live-out.ndjson");
  writeFileSync(live, "");
  const liveConfig = loadConfig(writeConfig("live", join(dir, "live-state"), live, liveOut)).config;
  const third = Math.ceil(lines.length / 3);
  for (let part = 0; part < 3; part += 1) {
    appendFileSync(live, lines.slice(part * third, (part + 1) * third).join("\n") + "\n");
    const result = await runPipeline({ config: liveConfig, logger: pino({ level: "silent" }), metricsIntervalMs: 0 });
    expect(result.complete).toBe(true);
  }

  const history = join(dir, "history.ndjson");
  writeFileSync(history, lines.join("\n") + "\n");
  const replayOut = join(dir, "replay-out.ndjson");
  const replayConfig = writeConfig("replay", join(dir, "replay-state"), join(dir, "unused.ndjson"), join(dir, "unused-out.ndjson"));
  const { result } = await replay([history], { config: replayConfig, output: replayOut, fresh: true, progress: false, drainTimeout: "5" });
  expect(result.metrics.written).toBe(lines.length);

  const liveRecords = readOutput(liveOut);
  const replayed = readOutput(replayOut);
  expect(replayed.size).toBe(lines.length);
  expect([...replayed.values()].some((r) => r.alerts.length > 0)).toBe(true);
  expect(replayed).toEqual(liveRecords);
});

it("replays afresh over used state: --fresh clears conversation summaries too, so a second replay equals the first", async () => {
  const lines = buildScenarios().flatMap((s) => s.records.map(asNative));
  const history = join(dir, "history.ndjson");
  writeFileSync(history, lines.join("\n") + "\n");
  const config = writeConfig("replay", join(dir, "state"), join(dir, "unused.ndjson"), join(dir, "unused-out.ndjson"));
  const summaries = async (output: string) => {
    await replay([history], { config, output, fresh: true, progress: false, drainTimeout: "5" });
    return readFileSync(output, "utf8").split("\n").filter(Boolean).map((line) => (JSON.parse(line) as Enriched).conversationSummary);
  };
  const first = await summaries(join(dir, "first.ndjson"));
  expect(first.filter((s) => s !== undefined).length).toBeGreaterThan(0);
  expect(await summaries(join(dir, "second.ndjson"))).toEqual(first);
});
