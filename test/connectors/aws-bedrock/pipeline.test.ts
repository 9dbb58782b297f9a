import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { gzipSync } from "node:zlib";
import { Config } from "../../../src/config/index.js";
import { FileInputConfig } from "../../../src/inputs/file/index.js";
import { HttpInput, HttpInputConfig } from "../../../src/inputs/http/index.js";
import { runPipeline } from "../../../src/pipeline/runner.js";
import { readNdjson, silentLogger, tempDir } from "../../support/fixtures.js";
import { fixturePath, fixtureRecords } from "../_guardrail/golden.js";

const TOKEN = "bedrock-receiver-token-0123456789";
type Written = { source: { recordId: string } };

/** One aws-bedrock source with the given input, written to `<dir>/out.ndjson`. */
const configFor = (dir: string, input: unknown) =>
  Config.parse({
    stateDir: join(dir, "state"),
    sources: [{ name: "bedrock", connector: "aws-bedrock", input }],
    sinks: [{ type: "file", path: join(dir, "out.ndjson"), fsync: false }],
  });

describe("aws-bedrock through the pipeline", () => {
  it("reads a gzip'd CloudWatch Logs export from S3 and dead-letters the line whose message is not JSON", async () => {
    const dir = tempDir("aisiem-bedrock-export-");
    const file = join(dir, "000000.gz");
    writeFileSync(file, gzipSync(readFileSync(fixturePath("aws-bedrock", "cloudwatch-export.log"))));
    const out = join(dir, "out.ndjson");
    const result = await runPipeline({ config: configFor(dir, FileInputConfig.parse({ type: "file", paths: [file] })), logger: silentLogger, signal: new AbortController().signal, stages: [], metricsIntervalMs: 0 });
    expect(readNdjson<Written>(out).map((i) => i.source.recordId)).toEqual(["cw-exp-0001", "cw-exp-0002", "cw-exp-0003"]);
    expect(result.metrics.deadLettered).toBe(1);
    const [entry] = readNdjson<{ stage: string; reason: string }>(result.dlqPath);
    expect(entry).toMatchObject({ stage: "decode", reason: expect.stringContaining("export line stamped 2026-03-04T09:12:40.001Z: the message is not JSON") });
  });

  it("takes gzip'd subscription payloads and Lambda events on /v1/ingest/aws-bedrock", async () => {
    const dir = tempDir("aisiem-bedrock-receiver-");
    const out = join(dir, "out.ndjson");
    const inputConfig = HttpInputConfig.parse({ type: "http", port: 0, tokens: [TOKEN], spoolDir: join(dir, "spool") });
    const input = new HttpInput(inputConfig, { stateDir: join(dir, "state"), source: "bedrock" });
    const stop = new AbortController();
    const run = runPipeline({ config: configFor(dir, inputConfig), logger: silentLogger, signal: stop.signal, stages: [], inputs: { bedrock: input }, metricsIntervalMs: 0 });
    const url = await input.url;
    const [payload] = fixtureRecords("aws-bedrock", "cloudwatch-subscription.json");
    const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
    const gzipped = await fetch(`${url}/v1/ingest/aws-bedrock`, { method: "POST", headers: { ...headers, "Content-Encoding": "gzip" }, body: gzipSync(JSON.stringify(payload)) });
    const lambda = await fetch(`${url}/v1/ingest/aws-bedrock`, { method: "POST", headers, body: JSON.stringify({ awslogs: { data: gzipSync(JSON.stringify(payload)).toString("base64") } }) });
    expect([gzipped.status, lambda.status]).toEqual([202, 202]);

    while (!existsSync(out) || readNdjson(out).length < 4) await sleep(20);
    stop.abort();
    await run;
    // Both requests carry the same two log events; the file sink keeps every delivery, so each record shows twice.
    expect(readNdjson<Written>(out).map((i) => i.source.recordId).sort()).toEqual(["cw-0001", "cw-0001", "cw-0002", "cw-0002"]);
  });

  it("reads a carrier record by record: its good log events go on, each bad one goes to the DLQ alone", async () => {
    const dir = tempDir("aisiem-bedrock-carrier-");
    const [payload] = fixtureRecords("aws-bedrock", "cloudwatch-subscription.json") as Array<{ logEvents: Array<{ id: string; message: string }> }>;
    const [first, second] = payload!.logEvents;
    const notJson = { id: "ev-not-json", message: "{truncated" };
    const notARecord = { id: "ev-no-model", message: JSON.stringify({ schemaType: "ModelInvocationLog", requestId: "cw-bad", timestamp: "not a time" }) };
    const file = join(dir, "payload.json");
    writeFileSync(file, JSON.stringify({ ...payload, logEvents: [first, notJson, second, notARecord] }) + "\n");
    const out = join(dir, "out.ndjson");
    const result = await runPipeline({ config: configFor(dir, FileInputConfig.parse({ type: "file", paths: [file] })), logger: silentLogger, signal: new AbortController().signal, stages: [], metricsIntervalMs: 0 });
    expect(readNdjson<Written>(out).map((i) => i.source.recordId)).toEqual(["cw-0001", "cw-0002"]);
    const entries = readNdjson<{ stage: string; reason: string; origin: string; original: unknown }>(result.dlqPath);
    expect(entries.map((e) => [e.stage, e.original])).toEqual([
      ["parse", notJson.message],
      ["parse", JSON.parse(notARecord.message)],
    ]);
    expect(entries[0]!.reason).toContain("logEvents[1].message is not JSON (log event id ev-not-json)");
    expect(entries[1]!.origin).toContain("logEvents[3] (log event id ev-no-model)");
  });
});
