import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { Config } from "../../../src/config/index.js";
import { HttpInput, HttpInputConfig } from "../../../src/inputs/http/index.js";
import { runPipeline } from "../../../src/pipeline/runner.js";
import { tempDir } from "../../support/fixtures.js";
import { fixtureRecords } from "./golden.js";

const TOKEN = "guardrail-receiver-token-0123456789";

/** Lines of an NDJSON file once it has `count` of them. */
async function linesOnceWritten(path: string, count: number): Promise<{ source: { connector: string; recordId: string } }[]> {
  for (;;) {
    const text = existsSync(path) ? readFileSync(path, "utf8") : "";
    const lines = text.split("\n").filter(Boolean);
    if (lines.length >= count) return lines.map((line) => JSON.parse(line));
    await sleep(20);
  }
}

describe("guardrail connectors behind the HTTP receiver", () => {
  it("parses what apps post to /v1/ingest/<connector> and dead-letters a bad envelope with its reason", async () => {
    const dir = tempDir("aisiem-guardrail-receiver-");
    const out = join(dir, "out.ndjson");
    const inputConfig = HttpInputConfig.parse({ type: "http", port: 0, tokens: [TOKEN], spoolDir: join(dir, "spool") });
    const config = Config.parse({
      stateDir: join(dir, "state"),
      sources: [{ name: "receiver", connector: "lakera-guard", input: inputConfig }],
      sinks: [{ type: "file", path: out, fsync: false }],
    });
    const input = new HttpInput(inputConfig, { stateDir: config.stateDir, source: "receiver" });
    const stop = new AbortController();
    const run = runPipeline({ config, logger: pino({ level: "silent" }), signal: stop.signal, stages: [], inputs: { receiver: input }, metricsIntervalMs: 0 });
    const url = await input.url;
    const post = (connector: string, body: unknown) =>
      fetch(`${url}/v1/ingest/${connector}`, { method: "POST", headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });

    const [lakera] = fixtureRecords("lakera-guard", "verdicts.ndjson");
    const [bedrock] = fixtureRecords("aws-bedrock", "invocation-logs.ndjson");
    const [completion] = fixtureRecords("azure-openai", "completions.ndjson");
    // One after the other, so the spool (and the pipeline) sees the bad envelope before the good records.
    const statuses: number[] = [];
    for (const [connector, body] of [
      ["lakera-guard", { timestamp: "2026-03-05T08:00:00Z", guardrailRespnse: { flagged: true } }],
      ["lakera-guard", lakera],
      ["aws-bedrock", bedrock],
      ["azure-openai", completion],
    ] as const) {
      statuses.push((await post(connector, body)).status);
    }
    expect(statuses).toEqual([202, 202, 202, 202]);

    const written = await linesOnceWritten(out, 3);
    stop.abort();
    const result = await run;
    expect(written.map((doc) => doc.source.connector).sort()).toEqual(["aws-bedrock", "azure-openai", "lakera-guard"]);
    expect(result.metrics.deadLettered).toBe(1);
    const dlq = readFileSync(result.dlqPath, "utf8");
    expect(dlq).toContain("guardrailResponse: required");
  });
});
