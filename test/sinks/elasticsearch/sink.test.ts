import { afterEach, describe, expect, it } from "@jest/globals";
import { ElasticsearchSink, NotElasticsearchError } from "../../../src/sinks/elasticsearch/index.js";
import type { SinkContext } from "../../../src/sinks/types.js";
import { silentLogger } from "../../support/fixtures.js";
import { interaction } from "../../map/ecs/records.js";
import { bulkActions, bulkReply, scriptedServer, type Reply, type ScriptedServer, type SeenRequest } from "./scripted-server.js";

const ctx: SinkContext = { logger: silentLogger, signal: new AbortController().signal };
let server: ScriptedServer | undefined;
const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const info = (version: string, flavor = "default"): Reply => ({ body: { version: { number: version, build_flavor: flavor }, tagline: "You Know, for Search" } });
const fastRetry = { initialDelayMs: 1, maxDelayMs: 2 };

async function sinkFor(handle: (r: SeenRequest) => Reply, options: { apiKey?: string; retries?: number } = {}) {
  server = await scriptedServer(handle);
  servers.push(server);
  const sink = new ElasticsearchSink("es", {
    connection: { node: server.url, apiKey: options.apiKey, tls: { verify: true }, clientMajor: "auto", requestTimeoutMs: 5000, maxRetries: 1 },
    bulk: { ...fastRetry, retries: options.retries ?? 3 },
  });
  await sink.open(ctx);
  return sink;
}

/** One interaction with no findings: exactly one document. */
const plain = (n: number) => interaction({ source: { product: "p", vendor: "v", connector: "c", recordId: `r${n}`, turn: 0 }, findings: [] });

describe("ElasticsearchSink against scripted answers", () => {
  it("retries only the documents answered 429 and counts 409 as already written", async () => {
    let bulks = 0;
    const sink = await sinkFor((r) => {
      if (r.path === "/") return info("8.19.3");
      bulks += 1;
      return bulkReply(r.body, (_id, n) => (bulks === 1 ? [201, 429, 409][n]! : 201));
    });
    const records = [plain(1), plain(2), plain(3)];
    const result = await sink.write(records, ctx);
    expect(result).toEqual({ written: 2, duplicates: 1, rejected: [], retried: 1 });
    const bulkBodies = server!.requests.filter((r) => r.path.startsWith("/_bulk")).map((r) => bulkActions(r.body).map((a) => a.create._id));
    expect(bulkBodies).toEqual([[records[0]!.id, records[1]!.id, records[2]!.id], [records[1]!.id]]);
    await sink.close();
  });

  it("rejects a record whose document Elasticsearch refuses, with Elasticsearch's reason", async () => {
    const sink = await sinkFor((r) => (r.path === "/" ? info("8.19.3") : bulkReply(r.body, (_id, n) => (n === 0 ? 400 : 201))));
    const result = await sink.write([plain(1), plain(2)], ctx);
    expect(result.written).toBe(1);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.reason).toBe(
      `Elasticsearch refused logs-aisiem.interaction-default/${plain(1).id}: 400 document_parsing_exception: [1:2] failed to parse field [gen_ai.usage.input_tokens] (caused by illegal_argument_exception: Value out of range)`,
    );
    await sink.close();
  });

  it("hands the batch back to the pipeline when documents keep getting 429", async () => {
    const sink = await sinkFor((r) => (r.path === "/" ? info("8.19.3") : bulkReply(r.body, () => 429)), { retries: 2 });
    await expect(sink.write([plain(1)], ctx)).rejects.toThrow(/kept refusing 1 documents after 3 rounds: 429 es_rejected_execution_exception/);
    expect(server!.requests.filter((r) => r.path.startsWith("/_bulk"))).toHaveLength(3);
    await sink.close();
  });

  it("throws when the whole bulk request keeps failing with 503, so the pipeline retries it", async () => {
    const sink = await sinkFor((r) => (r.path === "/" ? info("8.19.3") : { status: 503, body: { error: "unavailable" } }));
    await expect(sink.write([plain(1)], ctx)).rejects.toThrow();
    // The client's own retry (maxRetries: 1) came first.
    expect(server!.requests.filter((r) => r.path.startsWith("/_bulk"))).toHaveLength(2);
    await sink.close();
  });

  it("says plainly when the server is not Elasticsearch", async () => {
    await expect(sinkFor(() => ({ ...info("2.17.0"), notElastic: true }))).rejects.toThrow(NotElasticsearchError);
    await expect(sinkFor(() => ({ ...info("2.17.0"), notElastic: true }))).rejects.toThrow(/is not Elasticsearch .*OpenSearch/);
  });

  it("speaks the client major of the cluster: compatible-with=9 to 9.x, 8 to 8.x, and sends the API key", async () => {
    for (const [version, major] of [["9.1.2", "9"], ["8.19.3", "8"]] as const) {
      const sink = await sinkFor((r) => (r.path === "/" ? info(version) : bulkReply(r.body, () => 201)), { apiKey: "aWQ6a2V5" });
      await sink.write([plain(1)], ctx);
      const bulk = server!.requests.find((r) => r.path.startsWith("/_bulk"))!;
      expect(bulk.headers["content-type"]).toContain(`compatible-with=${major}`);
      expect(bulk.headers.authorization).toBe("ApiKey aWQ6a2V5");
      expect(bulk.path).toContain("require_data_stream=true");
      await sink.close();
    }
  });

  it("reads the version from the node info when GET / is not there (no rest-root module)", async () => {
    const sink = await sinkFor((r) => {
      if (r.path === "/") return { status: 405, body: { error: "Incorrect HTTP method for uri [/]", status: 405 } };
      if (r.path.startsWith("/_nodes")) return { body: { nodes: { n1: { version: "9.0.4" } } } };
      return bulkReply(r.body, () => 201);
    });
    await sink.write([plain(1)], ctx);
    expect(server!.requests.find((r) => r.path.startsWith("/_bulk"))!.headers["content-type"]).toContain("compatible-with=9");
    await sink.close();
  });

  it("reports refused credentials instead of guessing a version", async () => {
    await expect(sinkFor(() => ({ status: 401, body: { error: "unauthorized" } }))).rejects.toThrow(/refused the credentials \(401\)/);
  });
});
