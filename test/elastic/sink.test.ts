/**
 * The Elasticsearch sink end to end against the real test node: the quickstart corpus through
 * the full enrichment chain into aisiem's data streams, read back, mappings as the contract says,
 * a replay that writes nothing twice, a document Elasticsearch refuses ending in the DLQ.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../../src/config/index.js";
import { contractProperties } from "../../src/map/ecs/template.js";
import { leafPaths, loadContract, declaredFieldOf, type EcsDoc } from "../../src/map/ecs/index.js";
import type { Enriched } from "../../src/model/index.js";
import type { DeadLetter } from "../../src/pipeline/dlq.js";
import { runPipeline, type RunResult } from "../../src/pipeline/runner.js";
import { setupElastic } from "../../src/sinks/elasticsearch/setup.js";
import { nativeRecord, readNdjson, silentLogger, tempDir, writeNdjson } from "../support/fixtures.js";
import { testClient, uniqueNamespace } from "./support.js";

const ROOT = join(import.meta.dirname, "..", "..");
const client = testClient();
const namespace = uniqueNamespace("quickstart");
const events = `logs-aisiem.interaction-${namespace}`;
const alerts = `logs-aisiem.alert-${namespace}`;

function pipelineConfig(dir: string, input: string, extraSinks = "") {
  return parseConfig(
    `
stateDir: ${dir}/state
sources:
  - name: quickstart
    connector: aisiem
    input: {type: file, paths: ["${input}"]}
sinks:
  - type: elasticsearch
    name: es
    connection:
      node: ${process.env.AISIEM_TEST_ES_URL}
      username: \${ES_USER}
      password: \${ES_PASSWORD}
    mapping: {namespace: ${namespace}, legacyFields: true}
${extraSinks}
`,
    { ES_USER: process.env.AISIEM_TEST_ES_USERNAME, ES_PASSWORD: process.env.AISIEM_TEST_ES_PASSWORD },
  ).config;
}

const run = (dir: string, input: string, extraSinks = "", enrich = true) =>
  runPipeline({ config: pipelineConfig(dir, input, extraSinks), logger: silentLogger, metricsIntervalMs: 0, ...(!enrich && { stages: [] }) });

/** The whole quickstart goes through the full enrichment chain into Elasticsearch. */
const QUICKSTART_ENRICHED = 794;

async function count(index: string, query?: object): Promise<number> {
  await client.indices.refresh({ index });
  return (await client.count({ index, ...(query && { query }) })).count;
}

let first: RunResult;
let enriched: Enriched[];
const fullCorpus = join(ROOT, "examples", "quickstart", "interactions.ndjson");

beforeAll(async () => {
  await setupElastic(client, { version: "0.1.0" });
  const dir = tempDir();
  first = await run(dir, fullCorpus, `  - {type: file, name: copy, path: ${dir}/enriched.ndjson, fsync: false}`);
  enriched = readNdjson<Enriched>(join(dir, "enriched.ndjson"));
}, 120_000);
afterAll(() => client.close());

describe("the Elasticsearch sink with the quickstart corpus", () => {
  it("writes every interaction as an event and every finding and behaviour alert as an alert", async () => {
    expect(first.metrics.deadLettered).toBe(0);
    expect(first.complete).toBe(true);
    expect(enriched.length).toBe(QUICKSTART_ENRICHED);
    expect(first.metrics.sinks.es).toMatchObject({ written: QUICKSTART_ENRICHED, duplicates: 0, rejected: 0 });
    expect(await count(events)).toBe(QUICKSTART_ENRICHED);
    const expectedAlerts = new Set(enriched.flatMap((r) => [...r.findings.map((_, i) => `${r.id}:${i}`), ...r.alerts.map((a) => `${a.id}:${a.revision}`)]));
    expect(await count(alerts)).toBe(expectedAlerts.size);
    expect(expectedAlerts.size).toBeGreaterThan(0);
  });

  it("reads back what the mapper wrote, every field declared in the contract", async () => {
    const record = enriched.find((r) => r.findings.length > 0)!;
    const found = await client.get<EcsDoc>({ index: events, id: record.id }).catch(async () => {
      const hits = await client.search<EcsDoc>({ index: events, query: { ids: { values: [record.id] } } });
      return hits.hits.hits[0]!;
    });
    const doc = found._source!;
    expect(doc).toMatchObject({ event: { kind: "event", id: record.id }, aisiem: { interaction: { id: record.id } } });
    const sample = await client.search<EcsDoc>({ index: `${events},${alerts}`, size: 200 });
    for (const hit of sample.hits.hits) {
      for (const [path] of leafPaths(hit._source!)) expect([path, declaredFieldOf(path)?.name !== undefined]).toEqual([path, true]);
    }
  });

  it("leaves the mappings Elasticsearch applied exactly as the contract declares (no dynamic fields)", async () => {
    const expected = contractProperties(loadContract(), { match_only_text: "text", constant_keyword: "keyword" });
    for (const index of [events, alerts]) {
      const applied = Object.values(await client.indices.getMapping({ index }))[0]!.mappings;
      expect(applied.dynamic).toBe("false");
      // `labels` is the one open object: each key the sources sent, mapped keyword by the dynamic template.
      const { labels, ...rest } = applied.properties as Record<string, { properties?: Record<string, unknown> }>;
      const { labels: _declared, ...declared } = expected;
      expect(rest).toEqual(declared);
      for (const mapping of Object.values(labels?.properties ?? {})) expect(mapping).toEqual({ type: "keyword", ignore_above: 1024 });
    }
  });

  it("makes alerts that the External Alerts rule's query selects, with Elastic's four severities", async () => {
    // The rule's KQL `event.kind:alert and not event.module:(endgame or endpoint or cloud_defend)` in Lucene syntax.
    const externalAlerts = { query_string: { query: "event.kind:alert AND NOT event.module:(endgame OR endpoint OR cloud_defend)" } };
    expect(await count(alerts, externalAlerts)).toBe(await count(alerts));
    const severities = await client.search({ index: alerts, size: 0, aggs: { s: { terms: { field: "event.severity" } } } });
    const keys = (severities.aggregations!.s as { buckets: Array<{ key: number }> }).buckets.map((b) => b.key);
    for (const key of keys) expect([21, 47, 73, 99]).toContain(key);
  });

  it("accepts every record of the whole corpus, unenriched, into the mappings", async () => {
    const dir = tempDir();
    const result = await run(dir, fullCorpus, "", false);
    expect(result.metrics.sinks.es!.rejected).toBe(0);
    expect(result.metrics.sinks.es!.written + result.metrics.sinks.es!.duplicates).toBe(794);
    expect(await count(events)).toBe(794);
  });

  it("writes nothing twice when the same input is replayed from scratch", async () => {
    const dir = tempDir();
    const before = [await count(events), await count(alerts)];
    const replay = await run(dir, fullCorpus);
    expect(replay.metrics.sinks.es).toMatchObject({ written: 0, duplicates: QUICKSTART_ENRICHED, rejected: 0 });
    expect([await count(events), await count(alerts)]).toEqual(before);
  }, 120_000);

  it("sends a document Elasticsearch refuses to the DLQ with Elasticsearch's reason and writes the rest", async () => {
    const dir = tempDir();
    const input = join(dir, "in.ndjson");
    // 3e9 input tokens does not fit gen_ai.usage.input_tokens, an ECS integer.
    writeNdjson(input, [nativeRecord(1, { usage: { inputTokens: 3e9 } }), nativeRecord(2)]);
    const result = await run(dir, input);
    expect(result.metrics.sinks.es).toMatchObject({ written: 1, rejected: 1 });
    const dlqPath = join(dir, "state", "dlq.ndjson");
    expect(existsSync(dlqPath)).toBe(true);
    const [letter] = readNdjson<DeadLetter>(dlqPath);
    expect(letter!.stage).toBe("sink:es");
    expect(letter!.reason).toMatch(/^Elasticsearch refused logs-aisiem\.interaction-.*: 400 document_parsing_exception: .*gen_ai\.usage\.input_tokens/);
  });
});
