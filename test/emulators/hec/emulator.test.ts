import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readCsv, SHARED_SPLUNK } from "../../splunk/shared-data.js";
import { startHecEmulator, type HecEmulator } from "./server.js";

const CHANNEL = "0b5e2c1a-3f4d-4e6a-9b7c-8d9e0f1a2b3c";
const documented = new Map(readCsv(join(SHARED_SPLUNK, "hec", "splunkadmins_hec_reply_code_lookup.csv")).map((r) => [Number(r.status_code), r]));

let hec: HecEmulator;
beforeAll(async () => {
  hec = await startHecEmulator({
    tokens: [
      { token: "good", indexes: ["aisiem", "main"] },
      { token: "off", disabled: true },
      { token: "acked", ack: true },
      { token: "query", allowQueryStringAuth: true },
    ],
    maxContentLength: 4096,
    maxEventSize: 1024,
  });
});
afterAll(() => hec.stop());
afterEach(() => hec.resetFaults());

interface Call {
  method?: string;
  path?: string;
  auth?: string | null;
  body?: string | Buffer;
  headers?: Record<string, string>;
  before?: () => void;
}

async function call({ method = "POST", path = "/services/collector/event", auth = "Splunk good", body = '{"event":"x"}', headers = {}, before }: Call) {
  before?.();
  const res = await fetch(hec.url + path, {
    method,
    headers: { ...(auth ? { Authorization: auth } : {}), ...headers },
    ...(method === "GET" ? {} : { body }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

// One request per documented reply code, shaped as the reference note describes its cause (§1.2–§1.8).
const CASES: Array<[number, string, Call]> = [
  [0, "a valid event", {}],
  [1, "a disabled token", { auth: "Splunk off" }],
  [2, "no Authorization header", { auth: null }],
  [3, "a header without the Splunk prefix", { auth: "Bearer good" }],
  [4, "an unknown token", { auth: "Splunk nope" }],
  [5, "an empty body", { body: "" }],
  [6, "a body that is not JSON", { body: "not json" }],
  [7, "an index outside the token's list", { body: '{"event":"x","index":"secret"}' }],
  [8, "an internal error", { before: () => (hec.faults.internalErrors = 1) }],
  [9, "a busy server", { before: () => (hec.faults.busy = 1) }],
  [10, "an ACK token without a channel", { auth: "Splunk acked" }],
  [11, "an ACK token with a malformed channel", { auth: "Splunk acked", headers: { "X-Splunk-Request-Channel": "not-a-guid" } }],
  [12, "an envelope without event", { body: '{"time":1}' }],
  [13, "a blank event", { body: '{"event":""}' }],
  [14, "an ACK poll on a token without ACK", { path: "/services/collector/ack", body: '{"acks":[0]}' }],
  [15, "nested indexed fields", { body: '{"event":"x","fields":{"a":{"b":"c"}}}' }],
  [16, "a query-string token that may not be used so", { auth: null, path: "/services/collector/event?token=good" }],
  [17, "a health check", { method: "GET", path: "/services/collector/health", auth: null }],
  [18, "a health check while queues are full", { method: "GET", path: "/services/collector/health", auth: null, before: () => (hec.faults.unhealthy = true) }],
  [21, "a health check with an unknown token", { method: "GET", path: "/services/collector/health", auth: "Splunk nope" }],
  [22, "a health check with a disabled token", { method: "GET", path: "/services/collector/health", auth: "Splunk off" }],
];

describe("HEC emulator against the documented reply codes", () => {
  test.each(CASES)("code %i for %s", async (code, _what, request) => {
    const row = documented.get(code)!;
    const res = await call(request);
    expect(res.status).toBe(Number(row.http_status_code_id));
    expect(res.body).toMatchObject({ code, text: row.status_message });
  });
});

describe("HEC emulator protocol", () => {
  test("indexes concatenated and newline-separated events of a gzip body and keeps their envelopes", async () => {
    const before = hec.indexed.length;
    const body = gzipSync('{"event":{"event_id":"a"},"sourcetype":"s","time":1.5}{"event":"b"}\n{"event":"c","fields":{"k":["v","w"]}}');
    const res = await call({ body, headers: { "Content-Encoding": "gzip" } });
    expect(res).toEqual({ status: 200, body: { text: "Success", code: 0 } });
    expect(hec.indexed.slice(before).map((e) => e.envelope.event)).toEqual([{ event_id: "a" }, "b", "c"]);
  });

  test("names the first invalid event and indexes nothing of that request", async () => {
    const before = hec.indexed.length;
    const res = await call({ body: '{"event":"ok"}{"event":"ok"}{"nope":1}{"event":""}' });
    expect(res).toEqual({ status: 400, body: { text: "Event field is required", code: 12, "invalid-event-number": 2 } });
    expect(hec.indexed.length).toBe(before);
  });

  test("refuses an event over maxEventSize by its position and a body over max_content_length with 413", async () => {
    const big = JSON.stringify({ event: "x".repeat(2000) });
    expect((await call({ body: `{"event":"a"}${big}` })).body).toMatchObject({ code: 6, "invalid-event-number": 1 });
    const huge = Array.from({ length: 60 }, () => '{"event":"0123456789012345678901234567890123456789012345678901234567890123456789"}').join("");
    expect((await call({ body: huge })).status).toBe(413);
  });

  test("accepts HTTP Basic with the token as password and a query token where allowed", async () => {
    expect((await call({ auth: `Basic ${Buffer.from("x:good").toString("base64")}` })).body.code).toBe(0);
    expect((await call({ auth: null, path: "/services/collector/event?token=query" })).body.code).toBe(0);
  });

  test("acknowledges on a channel: ackId per request, false until indexed, forgotten once reported", async () => {
    const headers = { "X-Splunk-Request-Channel": CHANNEL };
    hec.faults.ackAfterPolls = 1;
    const first = await call({ auth: "Splunk acked", headers });
    const second = await call({ auth: "Splunk acked", headers });
    expect([first.body.ackId, second.body.ackId]).toEqual([0, 1]);
    const poll = () => call({ path: "/services/collector/ack", auth: "Splunk acked", headers, body: '{"acks":[0,1,7]}' });
    expect((await poll()).body).toEqual({ acks: { "0": false, "1": false, "7": false } });
    expect((await poll()).body).toEqual({ acks: { "0": true, "1": true, "7": false } });
    expect((await poll()).body).toEqual({ acks: { "0": false, "1": false, "7": false } });
  });

  test("a lost request is never acknowledged and never indexed", async () => {
    const headers = { "X-Splunk-Request-Channel": "1b5e2c1a-3f4d-4e6a-9b7c-8d9e0f1a2b3c" };
    const before = hec.indexed.length;
    hec.faults.loseAcks = 1;
    const sent = await call({ auth: "Splunk acked", headers, body: '{"event":"lost"}' });
    const polled = await call({ path: "/services/collector/ack", auth: "Splunk acked", headers, body: JSON.stringify({ acks: [sent.body.ackId] }) });
    expect(polled.body).toEqual({ acks: { [String(sent.body.ackId)]: false } });
    expect(hec.indexed.length).toBe(before);
  });

  test("raw endpoint: one event per line with metadata from the query string, channel required", async () => {
    expect((await call({ path: "/services/collector/raw", body: "a\nb" })).body.code).toBe(10);
    const before = hec.indexed.length;
    const res = await call({ path: `/services/collector/raw?channel=${CHANNEL}&sourcetype=st&index=main`, body: "line one\nline two\n" });
    expect(res.body.code).toBe(0);
    expect(hec.indexed.slice(before).map((e) => e.envelope)).toEqual([
      { index: "main", sourcetype: "st", event: "line one" },
      { index: "main", sourcetype: "st", event: "line two" },
    ]);
  });

  test("injected faults: a reset closes the connection without a reply; poison refuses one event by position", async () => {
    hec.faults.resets = 1;
    await expect(call({})).rejects.toThrow();
    hec.faults.poison.add("bad");
    const res = await call({ body: '{"event":{"event_id":"ok"}}{"event":{"event_id":"bad"}}' });
    expect(res.body).toEqual({ text: "Invalid data format", code: 6, "invalid-event-number": 1 });
  });
});
