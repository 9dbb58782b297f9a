import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { loadConfig } from "../../../src/config/index.js";
import { runPipeline } from "../../../src/pipeline/runner.js";

/** Each example config runs as it is, through the real file input and file sink, with nothing dead-lettered. */
const EXAMPLES: [connector: string, records: number][] = [
  ["aws-bedrock", 13],
  ["azure-openai", 12],
  ["lakera-guard", 4],
  ["model-armor", 4],
  ["openai-moderation", 3],
  ["llama-guard", 4],
  ["prisma-airs", 4],
  ["cisco-ai-defense", 4],
];

describe("guardrail connector examples", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "aisiem-guardrail-examples-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(EXAMPLES)("examples/%s/config.yaml parses every sample record", async (connector, records) => {
    const { config } = loadConfig(`examples/${connector}/config.yaml`);
    const out = join(dir, `${connector}.ndjson`);
    config.stateDir = join(dir, connector);
    config.sinks = config.sinks.map((sink) => ({ ...sink, path: out }));
    expect(config.sources.every((source) => source.connector === connector)).toBe(true);
    // Enrichment is not what this checks: the connector, input and sink config are.
    const result = await runPipeline({ config, logger: pino({ level: "silent" }), stages: [], metricsIntervalMs: 0 });
    expect([result.complete, result.metrics.read, result.metrics.deadLettered]).toEqual([true, records, 0]);
    const written = readFileSync(out, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line) as { source: { connector: string } });
    expect(written).toHaveLength(records);
    expect(written.every((doc) => doc.source.connector === connector)).toBe(true);
  });
});
