import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../../src/config/index.js";
import { parseResultRow } from "../../src/connectors/splunk/parse.js";
import { SplunkSearchPuller, SplunkSourceOptions } from "../../src/connectors/splunk/puller.js";
import { toCimEvents } from "../../src/map/cim/index.js";
import type { RawRecord } from "../../src/inputs/types.js";
import { runPipeline } from "../../src/pipeline/runner.js";
import { SplunkKvStoreSink, SplunkKvStoreSinkConfig } from "../../src/sinks/splunk/index.js";
import { loadSplunkSdk } from "../../src/util/splunk-sdk.js";
import { readNdjson, silentLogger, tempDir } from "../support/fixtures.js";
import { enrichedRecord, flaggedRecord, selfSignedCertificate } from "./records.js";
import { startRestServer } from "./rest-server.js";

const TOKEN = "eyJraWQiOiJzcGx1bmsuc2VjcmV0In0.test";
const tls = selfSignedCertificate();
let rest: Awaited<ReturnType<typeof startRestServer>>;
const ctx = { logger: silentLogger, signal: new AbortController().signal };

beforeAll(async () => {
  rest = await startRestServer(tls, TOKEN);
});
afterAll(() => rest.stop());

/** An alert row as Splunk's export returns it for a CIM-tagged third-party event. */
function row(n: number, indextime: number): Record<string, string> {
  return {
    _time: new Date(Date.UTC(2026, 1, 1, 8, n)).toISOString().replace("Z", "+00:00"),
    _indextime: String(indextime),
    _cd: `12:${1000 + n}`,
    index: "security",
    sourcetype: "cisco:ai:defense",
    signature: n % 2 ? "Prompt Injection" : "PII: Email Address",
    severity: "high",
    action: "blocked",
    user: `analyst${n}@example.com`,
    src: "10.1.2.3",
    dest: "support-bot",
    app: "cisco_ai_defense",
  };
}

async function collect(puller: SplunkSearchPuller, from: Record<string, number> = {}): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const record of puller.read(from, ctx)) out.push(record);
  return out;
}

const options = (overrides: Record<string, unknown> = {}) =>
  SplunkSourceOptions.parse({ url: rest.url, token: TOKEN, tls: { ca: tls.certPath }, start: "2026-02-01T08:00:00Z", windowSeconds: 600, lagSeconds: 0, ...overrides });

describe("splunk-sdk with a verifying transport", () => {
  test("importing splunk-sdk does not load a .env file into the environment", async () => {
    const dir = tempDir("aisiem-dotenv-");
    writeFileSync(join(dir, ".env"), "AISIEM_DOTENV_PROBE=leaked\n");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await loadSplunkSdk();
    } finally {
      process.chdir(cwd);
    }
    expect(process.env.AISIEM_DOTENV_PROBE).toBeUndefined();
  });

  test("a self-signed Splunk is refused unless its CA is given", async () => {
    const start = Date.parse("2026-02-01T08:00:00Z") / 1000;
    const now = () => (start + 600) * 1000;
    rest.state.rows = [row(1, start + 10)];
    const unverified = new SplunkSearchPuller(options({ tls: {} }), now);
    await expect(collect(unverified)).rejects.toThrow(/Splunk export search failed: self-signed certificate/);
    const verified = await collect(new SplunkSearchPuller(options(), now));
    expect(verified.filter((r) => r.data !== undefined)).toHaveLength(1);
    expect(rest.state.requests.at(-1)!.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe("Splunk search source", () => {
  test("reads _indextime windows, checkpoints at each window's end and resumes from it", async () => {
    const start = Date.parse("2026-02-01T08:00:00Z") / 1000;
    rest.state.rows = [row(1, start + 5), row(2, start + 599), row(3, start + 600), row(4, start + 1250)];
    const puller = new SplunkSearchPuller(options(), () => (start + 1300) * 1000);
    const records = await collect(puller);
    expect(records.map((r) => [r.data ? (r.data as { _cd: string })._cd : null, r.position.value])).toEqual([
      ["12:1001", start],
      ["12:1002", start],
      [null, start + 600],
      ["12:1003", start + 600],
      [null, start + 1200],
      ["12:1004", start + 1200],
      [null, start + 1300],
    ]);
    const query = rest.state.requests.at(-1)!.query;
    expect(query.get("search")).toBe("search tag=alert NOT sourcetype=aisiem:*");
    expect(query.get("output_mode")).toBe("json");
    // After a crash the source resumes at the last committed window end.
    const resumed = await collect(new SplunkSearchPuller(options(), () => (start + 1300) * 1000), { indextime: start + 600 });
    expect(resumed.filter((r) => r.data).map((r) => (r.data as { _cd: string })._cd)).toEqual(["12:1003", "12:1004"]);
  });

  test("parses a CIM alert row into an interaction with one upstream finding", () => {
    const interaction = parseResultRow(row(1, 1));
    expect(interaction).toMatchObject({
      source: { product: "cisco_ai_defense", connector: "splunk", recordId: "security:12:1001" },
      user: { email: "analyst1@example.com" },
      app: { name: "support-bot" },
      network: { sourceIp: "10.1.2.3" },
      labels: { "splunk.index": "security", "splunk.sourcetype": "cisco:ai:defense" },
    });
    expect(interaction.findings[0]).toMatchObject({ origin: "upstream", category: "prompt_injection", severity: "high", action: "blocked", label: "Prompt Injection", detector: "splunk:cisco:ai:defense" });
    expect(parseResultRow(row(2, 1)).findings[0]!.category).toBe("pii");
    expect(parseResultRow(row(2, 1)).id).toBe(parseResultRow(row(2, 1)).id);
  });

  test("rejects a row it cannot read, naming the problem", () => {
    expect(() => parseResultRow({ _time: "yesterday", _cd: "1:2" })).toThrow(/_time is not a date/);
    expect(() => parseResultRow({ sourcetype: "x" })).toThrow(/invalid Splunk export result: _time/);
    expect(() => parseResultRow({ _time: "2026-01-01T00:00:00+00:00" })).toThrow(/neither id, event_id nor _cd/);
  });

  test("runs as a pull source in the pipeline", async () => {
    const dir = tempDir("aisiem-splunk-source-");
    const start = Math.floor(Date.now() / 1000) - 1800;
    rest.state.rows = [row(5, start + 30), row(6, start + 40)];
    const { config } = parseConfig(
      JSON.stringify({
        stateDir: join(dir, "state"),
        sources: [{ name: "splunk", connector: "splunk", input: { type: "pull" }, options: { url: rest.url, token: TOKEN, tls: { ca: tls.certPath }, start: new Date(start * 1000).toISOString(), windowSeconds: 3600 } }],
        sinks: [{ type: "file", path: join(dir, "out.ndjson"), fsync: false }],
      }),
    );
    const result = await runPipeline({ config, logger: silentLogger, stages: [], metricsIntervalMs: 0 });
    expect(result.metrics).toMatchObject({ parsed: 2, deadLettered: 0 });
    expect(readNdjson<{ user: { email: string } }>(join(dir, "out.ndjson")).map((r) => r.user.email)).toEqual(["analyst5@example.com", "analyst6@example.com"]);
  });
});

describe("Splunk KV-store risk writer", () => {
  const kvConfig = () => SplunkKvStoreSinkConfig.parse({ type: "splunk-kvstore", url: rest.url, token: TOKEN, tls: { ca: tls.certPath } });

  test("creates the collection once and keeps each user's latest and highest risk", async () => {
    const sink = new SplunkKvStoreSink("kv", kvConfig(), () => Date.UTC(2026, 5, 1));
    await expect(sink.ensureCollection()).resolves.toBe("created");
    await expect(sink.ensureCollection()).resolves.toBe("exists");
    await sink.open();
    const high = flaggedRecord(1);
    const later = enrichedRecord(6);
    later.risk = { score: 10, level: "low", reasons: ["quiet"] };
    await sink.write([high]);
    await sink.write([later, high]);
    const rows = [...rest.state.collections.get("aisiem_user_risk")!.values()];
    expect(rows).toEqual([
      {
        _key: expect.stringMatching(/^[0-9a-f]{32}$/),
        user: "user1@example.com",
        risk_score: 10,
        risk_level: "low",
        max_risk_score: 82,
        risk_reasons: "quiet",
        last_interaction_id: later.id,
        last_seen: Date.parse(later.timestamp) / 1000,
        updated: Date.UTC(2026, 5, 1) / 1000,
      },
    ]);
    expect(rest.state.requests.filter((r) => r.path.endsWith("/batch_save")).every((r) => r.path.startsWith("/servicesNS/nobody/TA-aisiem/"))).toBe(true);
    expect(toCimEvents(later)[0]!.event.user).toBe("user1@example.com");
    await sink.close();
  });

  test("a refused token fails the write with the reason", async () => {
    const sink = new SplunkKvStoreSink("kv", SplunkKvStoreSinkConfig.parse({ type: "splunk-kvstore", url: rest.url, token: "wrong", tls: { ca: tls.certPath } }));
    await expect(sink.write([flaggedRecord(2)])).rejects.toThrow(/KV-store read of aisiem_user_risk failed \(HTTP 401\): call not properly authenticated/);
  });
});
