import { createServer } from "node:net";
import { toCimEvents } from "../../../src/map/cim/index.js";
import { SplunkHecSink, SplunkHecSinkConfig, HecConfigError } from "../../../src/sinks/splunk/index.js";
import type { SinkContext } from "../../../src/sinks/types.js";
import { startHecEmulator, type HecEmulator } from "../../emulators/hec/server.js";
import { silentLogger } from "../../support/fixtures.js";
import { enrichedRecord, flaggedRecord, selfSignedCertificate } from "../../splunk/records.js";

const ctx: SinkContext = { logger: silentLogger, signal: new AbortController().signal };
const FAST_RETRY = { maxAttempts: 6, initialDelayMs: 1, maxDelayMs: 5 };

function sink(urls: string[], overrides: Record<string, unknown> = {}): SplunkHecSink {
  const config = SplunkHecSinkConfig.parse({ type: "splunk", endpoints: urls, token: "tok", host: "collector-1", retry: FAST_RETRY, ...overrides });
  return new SplunkHecSink("splunk", config);
}

/** Event ids the records should yield in Splunk: one per interaction, finding and behaviour alert. */
const expectedIds = (records: ReturnType<typeof enrichedRecord>[]) => records.flatMap((r) => toCimEvents(r).map((e) => e.eventId)).sort();

/** A loopback port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

let hec: HecEmulator;
beforeEach(async () => {
  hec = await startHecEmulator({ tokens: [{ token: "tok", indexes: ["aisiem"] }, { token: "acked", ack: true }], maxContentLength: 64 * 1024 });
});
afterEach(() => hec.stop());

describe("Splunk HEC sink", () => {
  test("sends the full envelope, gzip-compressed, with the Splunk token header", async () => {
    const record = flaggedRecord(1);
    const result = await sink([hec.url]).write([record], ctx);
    expect(result).toMatchObject({ written: 1, duplicates: 0, rejected: [] });
    const request = hec.requests.find((r) => r.path === "/services/collector/event")!;
    expect(request.headers).toMatchObject({ authorization: "Splunk tok", "content-encoding": "gzip" });
    const envelopes = hec.indexed.map((e) => e.envelope);
    expect(envelopes.map((e) => e.sourcetype)).toEqual(["aisiem:interaction", "aisiem:attack", "aisiem:dlp", "aisiem:alert", "aisiem:risk"]);
    for (const envelope of envelopes) {
      expect(envelope).toMatchObject({ index: "aisiem", source: "aisiem", host: "collector-1" });
      expect(Object.values(envelope.fields as object).every((v) => typeof v === "string")).toBe(true);
    }
    expect(envelopes[0]!.time).toBe(Date.parse(record.timestamp) / 1000);
    expect(envelopes[0]!.fields).toEqual({ aisiem_kind: "interaction", aisiem_connector: "litellm" });
    expect(hec.eventIds().sort()).toEqual(expectedIds([record]));
  });

  test("caps requests by event count and by uncompressed bytes", async () => {
    const records = Array.from({ length: 10 }, (_, i) => enrichedRecord(i));
    await sink([hec.url], { batch: { maxEvents: 3, maxBytes: 1_000_000 } }).write(records, ctx);
    expect(hec.requests.filter((r) => r.path.endsWith("/event"))).toHaveLength(4);
    const bytesCapped = await startHecEmulator({ tokens: [{ token: "tok" }] });
    const oneEvent = JSON.stringify(toCimEvents(records[0]!)[0]!.event).length;
    await sink([bytesCapped.url], { batch: { maxEvents: 500, maxBytes: oneEvent * 2 + 400 }, gzip: false }).write(records, ctx);
    expect(bytesCapped.requests.filter((r) => r.path.endsWith("/event")).length).toBeGreaterThanOrEqual(5);
    expect(bytesCapped.indexed).toHaveLength(10);
    await bytesCapped.stop();
  });

  test("retries busy (503), internal errors (500) and connection resets, then delivers each event once", async () => {
    hec.faults.busy = 2;
    hec.faults.internalErrors = 1;
    hec.faults.resets = 2;
    const records = [flaggedRecord(1), enrichedRecord(2)];
    const result = await sink([hec.url]).write(records, ctx);
    expect(result).toMatchObject({ written: 2, rejected: [], retried: 5 });
    expect(hec.eventIds().sort()).toEqual(expectedIds(records));
  });

  test("gives up after the retry bound with the last reason, and a retried write skips what was delivered", async () => {
    const records = Array.from({ length: 4 }, (_, i) => enrichedRecord(i));
    const hecSink = sink([hec.url], { batch: { maxEvents: 2, maxBytes: 1_000_000 }, retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 } });
    // The first request goes through, then the receiver stays busy.
    hec.faults.busyAfter = 1;
    await expect(hecSink.write(records, ctx)).rejects.toThrow(/gave up after 3 attempts; last: HTTP 503 code 9 "Server is busy"/);
    expect(hec.requests.map((r) => r.status)).toEqual([200, 503, 503, 503]);
    hec.faults.busyAfter = undefined;
    const result = await hecSink.write(records, ctx);
    expect(result.written).toBe(4);
    expect(hec.eventIds().sort()).toEqual(expectedIds(records));
  });

  test("dead-letters the record whose event HEC refuses and delivers the rest of the batch", async () => {
    const records = [enrichedRecord(1), flaggedRecord(2), enrichedRecord(3)];
    const poisoned = toCimEvents(records[1]!)[2]!.eventId;
    hec.faults.poison.add(poisoned);
    const result = await sink([hec.url]).write(records, ctx);
    expect(result.written).toBe(2);
    expect(result.rejected).toEqual([{ record: records[1], reason: expect.stringMatching(/refused the aisiem:dlp event: HTTP 400 code 6 "Invalid data format"/) }]);
    expect(hec.eventIds().sort()).toEqual(expectedIds([records[0]!, records[2]!]));
  });

  test("splits a request HEC refuses as too large (413) until each part fits", async () => {
    const records = Array.from({ length: 12 }, (_, i) => enrichedRecord(i));
    const small = await startHecEmulator({ tokens: [{ token: "tok" }], maxContentLength: 6000 });
    const result = await sink([small.url], { gzip: false }).write(records, ctx);
    expect(result).toMatchObject({ written: 12, rejected: [] });
    expect(small.requests.some((r) => r.status === 413)).toBe(true);
    expect(small.eventIds().sort()).toEqual(expectedIds(records));
    await small.stop();
  });

  test("dead-letters a record with an event over maxEventBytes without sending it", async () => {
    const big = enrichedRecord(1, { prompt: { text: "x".repeat(5000), messages: [] } });
    const result = await sink([hec.url], { maxEventBytes: 4000 }).write([big, enrichedRecord(2)], ctx);
    expect(result.rejected[0]!.reason).toMatch(/aisiem:interaction event is \d+ bytes, over maxEventBytes 4000/);
    expect(hec.indexed).toHaveLength(1);
  });

  test("stops with a clear error on a refused token, at open and on write", async () => {
    const bad = new SplunkHecSink("splunk", SplunkHecSinkConfig.parse({ type: "splunk", endpoints: [hec.url], token: "wrong" }));
    await expect(bad.open(ctx)).rejects.toThrow(new HecConfigError(`splunk sink splunk: ${hec.url}: HTTP 403 code 4 "Invalid token": Splunk does not know this HEC token`));
    await expect(bad.write([enrichedRecord(1)], ctx)).rejects.toBeInstanceOf(HecConfigError);
    await expect(sink([hec.url], { index: "other" }).write([enrichedRecord(1)], ctx)).rejects.toThrow(/code 7 "Incorrect index": the index is not in the token's allowed indexes/);
    const ackToken = new SplunkHecSink("splunk", SplunkHecSinkConfig.parse({ type: "splunk", endpoints: [hec.url], token: "acked" }));
    await expect(ackToken.open(ctx)).rejects.toThrow(/set ack.enabled: true/);
    await expect(sink([hec.url]).open(ctx)).resolves.toBeUndefined();
  });

  test("fails over to the next endpoint when one is down or busy", async () => {
    const down = await closedPort();
    const records = [flaggedRecord(1)];
    await sink([down, hec.url]).write(records, ctx);
    const busy = await startHecEmulator({ tokens: [{ token: "tok" }] });
    busy.faults.unhealthy = true;
    await sink([busy.url, hec.url]).write([enrichedRecord(2)], ctx);
    expect(busy.indexed).toHaveLength(0);
    expect(hec.eventIds().sort()).toEqual(expectedIds([...records, enrichedRecord(2)]));
    await busy.stop();
  });

  test("with indexer acknowledgement, resolves once every request is indexed and resends one never acknowledged", async () => {
    hec.faults.ackAfterPolls = 2;
    hec.faults.loseAcks = 1;
    const records = Array.from({ length: 4 }, (_, i) => enrichedRecord(i));
    const acked = sink([hec.url], { token: "acked", batch: { maxEvents: 2, maxBytes: 1_000_000 }, ack: { enabled: true, pollIntervalMs: 5, timeoutMs: 500 } });
    const result = await acked.write(records, ctx);
    expect(result.written).toBe(4);
    expect(hec.eventIds().sort()).toEqual(expectedIds(records));
    const channels = new Set(hec.requests.filter((r) => r.path.endsWith("/event")).map((r) => r.headers["x-splunk-request-channel"]));
    expect(channels.size).toBe(1);
    expect(hec.requests.filter((r) => r.path.endsWith("/event"))).toHaveLength(3);
  });

  test("verifies TLS: a self-signed receiver is refused unless its CA is given", async () => {
    const { key, cert, certPath } = selfSignedCertificate();
    const tls = await startHecEmulator({ tokens: [{ token: "tok" }], tls: { key, cert } });
    const once = { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 };
    await expect(sink([tls.url], { retry: once }).write([enrichedRecord(1)], ctx)).rejects.toThrow(/self-signed certificate/);
    expect(tls.indexed).toHaveLength(0);
    await sink([tls.url], { retry: once, tls: { ca: certPath } }).write([enrichedRecord(1)], ctx);
    expect(tls.indexed).toHaveLength(1);
    await tls.stop();
  });
});
