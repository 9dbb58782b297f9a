import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runWithSignals } from "../../src/cli/commands/run.js";
import { parseConfig } from "../../src/config/index.js";
import { parseNativeInteraction } from "../../src/model/index.js";
import { runPipeline } from "../../src/pipeline/runner.js";
import { SplunkHecSink, SplunkHecSinkConfig } from "../../src/sinks/splunk/index.js";
import { startHecEmulator, type HecEmulator } from "../emulators/hec/server.js";
import { readNdjson, silentLogger, tempDir, writeNdjson } from "../support/fixtures.js";
import { REPO_ROOT } from "./shared-data.js";
import { enrichedRecord } from "./records.js";

const QUICKSTART = join(REPO_ROOT, "examples", "quickstart", "interactions.ndjson");
const TOKEN = "00000000-1111-2222-3333-444444444444";

let hec: HecEmulator;
beforeEach(async () => {
  hec = await startHecEmulator({ tokens: [{ token: TOKEN, indexes: ["aisiem"] }, { token: "acked", ack: true }] });
});
afterEach(() => hec.stop());

/** Interaction events by interaction id, failing on any event indexed twice. */
function interactionsIndexed(): Set<string> {
  const ids = hec.eventIds();
  expect(ids.length).toBe(new Set(ids).size);
  return new Set(hec.indexed.filter((e) => e.envelope.sourcetype === "aisiem:interaction").map((e) => String((e.envelope.event as { event_id: string }).event_id)));
}

describe("Splunk end to end", () => {
  test("`aisiem run` delivers the quickstart to HEC through busy replies, resets and a refused event, accounting for every record", async () => {
    const dir = tempDir("aisiem-splunk-e2e-");
    const lines = readFileSync(QUICKSTART, "utf8").split("\n").filter((l) => l.trim());
    const ids = lines.map((l) => parseNativeInteraction(JSON.parse(l)).id);
    const poisoned = ids[17]!;
    hec.faults.busy = 3;
    hec.faults.resets = 2;
    hec.faults.internalErrors = 1;
    hec.faults.poison.add(poisoned);
    const configPath = join(dir, "config.yaml");
    writeFileSync(
      configPath,
      [
        `stateDir: ${join(dir, "state")}`,
        "sources:",
        "  - name: quickstart",
        "    connector: aisiem",
        "    input: { type: file, paths: [" + JSON.stringify(QUICKSTART) + "] }",
        "sinks:",
        "  - type: splunk",
        `    endpoints: [${hec.url}]`,
        "    token: ${AISIEM_TEST_HEC_TOKEN}",
        "    retry: { maxAttempts: 10, initialDelayMs: 1, maxDelayMs: 10 }",
        "    batch: { maxEvents: 150 }",
      ].join("\n"),
    );
    process.env.AISIEM_TEST_HEC_TOKEN = TOKEN;
    // The full enrichment chain runs, so findings, DLP events and behaviour risk events are sent too.
    const { result, code } = await runWithSignals({ config: configPath, logLevel: "silent", progress: false, drainTimeout: "5" });
    delete process.env.AISIEM_TEST_HEC_TOKEN;

    expect(code).toBe(0);
    const delivered = interactionsIndexed();
    const dlq = readNdjson<{ reason: string; stage: string; original: { id: string } }>(result.dlqPath);
    const deadLettered = new Set(dlq.map((d) => d.original.id));
    expect(dlq.find((d) => d.original.id === poisoned)).toMatchObject({ stage: "sink:splunk-0", reason: expect.stringContaining("Invalid data format") });
    for (const id of ids) expect(delivered.has(id) !== deadLettered.has(id)).toBe(true);
    expect(delivered.size + deadLettered.size).toBe(lines.length);
    // The enrichment reached Splunk: DLP events for the pasted secrets and data, risk events for behaviour.
    const sourcetypes = new Set(hec.indexed.map((e) => e.envelope.sourcetype));
    expect([...sourcetypes].sort()).toEqual(expect.arrayContaining(["aisiem:alert", "aisiem:attack", "aisiem:dlp", "aisiem:interaction", "aisiem:risk"]));
    // Six faults: the start-up token probe meets one reset, the writes retry the other five.
    expect(result.metrics.retried).toBe(5);
  });

  test("runPipeline with indexer acknowledgement: lost requests are sent again, nothing lost, nothing twice", async () => {
    const dir = tempDir("aisiem-splunk-ack-");
    const input = join(dir, "in.ndjson");
    const records = Array.from({ length: 40 }, (_, i) => enrichedRecord(i));
    writeNdjson(input, records);
    hec.faults.loseAcks = 2;
    hec.faults.ackAfterPolls = 1;
    const { config } = parseConfig(
      JSON.stringify({ stateDir: join(dir, "state"), sources: [{ name: "in", connector: "aisiem", input: { type: "file", paths: [input] } }], sinks: [{ type: "stdout" }] }),
    );
    const sink = new SplunkHecSink(
      "hec",
      SplunkHecSinkConfig.parse({ type: "splunk", endpoints: [hec.url], token: "acked", batch: { maxEvents: 10 }, ack: { enabled: true, pollIntervalMs: 5, timeoutMs: 1000 } }),
    );
    const result = await runPipeline({ config, logger: silentLogger, sinks: [sink], stages: [], metricsIntervalMs: 0 });
    expect(result.metrics).toMatchObject({ read: 40, written: 40, deadLettered: 0 });
    expect([...interactionsIndexed()].sort()).toEqual(records.map((r) => r.id).sort());
  });
});
