import { readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { post, postProtobuf, startReceiver, TOKEN, type TestReceiver } from "./receiver.js";

describe("http receiver", () => {
  let receiver: TestReceiver;
  afterEach(async () => receiver?.stop());

  it("answers 202 once records are spooled and yields them routed to the connector in the path", async () => {
    receiver = await startReceiver();
    const reply = await post(`${receiver.url}/v1/ingest/aisiem`, JSON.stringify([{ a: 1 }, { b: 2 }]));
    expect(reply.status).toBe(202);
    expect(reply.body.accepted).toBe(2);
    const records = await receiver.waitFor(2);
    expect(records.map((r) => [r.connector, r.data])).toEqual([
      ["aisiem", { a: 1 }],
      ["aisiem", { b: 2 }],
    ]);
    expect(records[1]!.origin).toBe(`POST /v1/ingest/aisiem ${String(reply.body.requestId)}[1]`);
    expect(records[1]!.position.key).toBe("spool");
    expect(records[1]!.position.value).toEqual({ segment: 1, offset: expect.any(Number) });
  });

  it("accepts NDJSON and gzip bodies", async () => {
    receiver = await startReceiver();
    const ndjson = '{"n":1}\n{"n":2}\n';
    expect((await post(`${receiver.url}/v1/ingest/litellm`, gzipSync(ndjson), { "Content-Encoding": "gzip" })).status).toBe(202);
    const records = await receiver.waitFor(2);
    expect(records.map((r) => r.data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(records[1]!.origin).toMatch(/:2$/);
  });

  it("refuses a missing or wrong token with 401 and accepts any configured token", async () => {
    receiver = await startReceiver({ tokens: [TOKEN, "second-token-abcdefghijkl"] });
    expect((await post(`${receiver.url}/v1/ingest/aisiem`, "{}", { Authorization: "" })).status).toBe(401);
    expect((await post(`${receiver.url}/v1/ingest/aisiem`, "{}", { Authorization: "Bearer nope-nope-nope-nope" })).status).toBe(401);
    expect((await post(`${receiver.url}/v1/ingest/aisiem`, "{}", { Authorization: "Bearer second-token-abcdefghijkl" })).status).toBe(202);
  });

  it("takes a token from the query string only on a route whose connector's protocol needs it (Graph)", async () => {
    receiver = await startReceiver({ tokens: [TOKEN] });
    expect((await post(`${receiver.url}/v1/ingest/aisiem?token=${TOKEN}`, "{}", { Authorization: "" })).status).toBe(401);
    expect((await post(`${receiver.url}/v1/traces?token=${TOKEN}`, "{}", { Authorization: "" })).status).toBe(401);
    const graph = await post(`${receiver.url}/v1/ingest/m365-copilot-transcripts?token=${TOKEN}`, JSON.stringify({ value: [] }), { Authorization: "" });
    expect(graph.status).toBe(202);
  });

  it("answers 400 with the line and path of a bad payload and dead-letters it", async () => {
    receiver = await startReceiver();
    const bad = '{"ok":1}\n{"broken":\n';
    const reply = await post(`${receiver.url}/v1/ingest/aisiem`, bad);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/^line 2: invalid JSON/);
    expect(receiver.deadLetters).toHaveLength(1);
    expect(receiver.deadLetters[0]!.original).toBe(bad);
    expect(receiver.deadLetters[0]!.reason).toMatch(/line 2/);

    const notObject = await post(`${receiver.url}/v1/ingest/aisiem`, "[1]");
    expect(notObject.status).toBe(400);
    expect(notObject.body.error).toBe("[0]: expected a JSON object, got number");

    // OTLP answers with a google.rpc.Status in the JSON mapping: INVALID_ARGUMENT with a BadRequest naming the field.
    const otlp = await post(`${receiver.url}/v1/traces`, JSON.stringify({ resourceSpans: [{ scopeSpans: "x" }] }));
    expect(otlp.status).toBe(400);
    expect(otlp.headers.get("content-type")).toBe("application/json");
    expect(otlp.body).toEqual({
      code: 3,
      message: "invalid OTLP ExportTraceServiceRequest: resourceSpans[0].scopeSpans: Invalid input: expected array, received string",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.BadRequest",
          fieldViolations: [{ field: "resourceSpans[0].scopeSpans", description: "Invalid input: expected array, received string" }],
        },
      ],
    });
    expect(receiver.records).toHaveLength(0);
  });

  it("answers 404 for an unknown connector, 413 for a body over the limit, 415 for protobuf outside OTLP", async () => {
    receiver = await startReceiver({ maxBodyBytes: 64 });
    expect((await post(`${receiver.url}/v1/ingest/no-such-thing`, "{}")).status).toBe(404);
    expect((await post(`${receiver.url}/v1/ingest/aisiem`, JSON.stringify({ pad: "x".repeat(100) }))).status).toBe(413);
    const bomb = gzipSync(JSON.stringify({ pad: "x".repeat(10_000) }));
    expect(bomb.length).toBeLessThan(64);
    expect((await post(`${receiver.url}/v1/ingest/aisiem`, bomb, { "Content-Encoding": "gzip" })).status).toBe(413);
    expect((await post(`${receiver.url}/v1/ingest/aisiem`, Buffer.from([1, 2]), { "Content-Type": "application/x-protobuf" })).status).toBe(415);
  });

  it("answers an OTLP protobuf export with an empty protobuf response, and a malformed one with 400 and the DLQ", async () => {
    receiver = await startReceiver();
    const empty = await postProtobuf(`${receiver.url}/v1/logs`, Buffer.alloc(0));
    expect(empty.status).toBe(200);
    expect(empty.headers.get("content-type")).toBe("application/x-protobuf");
    expect(empty.bytes).toBe(0);

    // Field 1 (resource_spans), length-delimited, announces 5 bytes but 1 follows.
    const truncated = Buffer.from([0x0a, 0x05, 0x01]);
    const reply = await postProtobuf(`${receiver.url}/v1/traces`, gzipSync(truncated), { "Content-Encoding": "gzip" });
    expect(reply.status).toBe(400);
    expect(reply.headers.get("content-type")).toBe("application/x-protobuf");
    expect(reply.rpc!.code).toBe(3);
    expect(reply.rpc!.message).toMatch(/^invalid OTLP protobuf ExportTraceServiceRequest: index out of range/);
    expect(reply.rpc!.details).toEqual([{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ description: reply.rpc!.message }] }]);
    expect(receiver.deadLetters).toHaveLength(1);
    expect(receiver.deadLetters[0]!.reason).toBe(`rejected request: ${reply.rpc!.message}`);
    expect(receiver.deadLetters[0]!.original).toBe(truncated.toString("base64"));
    expect(receiver.records).toHaveLength(0);
  });

  it("refuses OTLP requests with a google.rpc.Status in the request's encoding", async () => {
    receiver = await startReceiver();
    const unauthenticated = await postProtobuf(`${receiver.url}/v1/traces`, Buffer.alloc(0), { Authorization: "Bearer wrong-token-0123456789" });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get("content-type")).toBe("application/x-protobuf");
    expect(unauthenticated.headers.get("www-authenticate")).toBe('Bearer realm="aisiem"');
    expect(unauthenticated.rpc).toEqual({ code: 16, message: "missing or invalid bearer token", details: [] });

    const wrongMethod = await fetch(`${receiver.url}/v1/logs`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toEqual({ code: 12, message: "use POST", details: [] });

    // Webhook routes keep their own error shape.
    expect((await post(`${receiver.url}/v1/ingest/aisiem`, "{}", { Authorization: "" })).body).toEqual({ error: "missing or invalid bearer token" });
  });

  it("throttles OTLP with 429, Retry-After and a RetryInfo carrying the same delay", async () => {
    receiver = await startReceiver({ maxSpoolBytes: 10, retryAfterSeconds: 7 });
    expect((await post(`${receiver.url}/v1/ingest/aisiem`, '{"first":true}')).status).toBe(202);
    await receiver.waitFor(1);
    const retryInfo = { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: { seconds: 7 } };

    const protobuf = await postProtobuf(`${receiver.url}/v1/traces`, Buffer.alloc(0));
    expect(protobuf.status).toBe(429);
    expect(protobuf.headers.get("retry-after")).toBe("7");
    expect(protobuf.rpc).toEqual({ code: 14, message: "receiver is behind; retry later", details: [retryInfo] });

    const json = await post(`${receiver.url}/v1/logs`, "{}");
    expect(json.status).toBe(429);
    expect(json.body).toEqual({ code: 14, message: "receiver is behind; retry later", details: [{ ...retryInfo, retryDelay: "7s" }] });
  });

  it("applies backpressure: 429 with Retry-After while unacknowledged bytes exceed the limit, until committed", async () => {
    receiver = await startReceiver({ maxSpoolBytes: 10, retryAfterSeconds: 7 });
    expect((await post(`${receiver.url}/v1/ingest/aisiem`, '{"first":true}')).status).toBe(202);
    const [record] = await receiver.waitFor(1);
    const refused = await post(`${receiver.url}/v1/ingest/aisiem`, '{"second":true}');
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("7");
    expect((await fetch(`${receiver.url}/healthz`)).status).toBe(503);
    await receiver.input.committed({ spool: record!.position.value });
    expect((await fetch(`${receiver.url}/healthz`)).status).toBe(200);
    expect((await post(`${receiver.url}/v1/ingest/aisiem`, '{"second":true}')).status).toBe(202);
  });

  it("splits an OTLP export per span and routes it to otel-genai", async () => {
    receiver = await startReceiver();
    const span = (id: string) => ({ traceId: "a".repeat(32), spanId: id, name: "chat", startTimeUnixNano: "1", attributes: [] });
    const request = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: "s" }, spans: [span("1".repeat(16)), span("2".repeat(16))] }] }] };
    const reply = await post(`${receiver.url}/v1/traces`, JSON.stringify(request));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({});
    const records = await receiver.waitFor(2);
    expect(records.map((r) => r.connector)).toEqual(["otel-genai", "otel-genai"]);
    expect(records.map((r) => (r.data as { span: { spanId: string } }).span.spanId)).toEqual(["1".repeat(16), "2".repeat(16)]);
  });

  it("deletes spool segments once a later position is committed, and resumes after the committed one", async () => {
    receiver = await startReceiver({ segmentBytes: 1 });
    for (const n of [1, 2, 3]) expect((await post(`${receiver.url}/v1/ingest/aisiem`, JSON.stringify({ n }))).status).toBe(202);
    const records = await receiver.waitFor(3);
    const dir = (receiver.input as unknown as { spool: { dir: string } }).spool.dir;
    expect(readdirSync(dir)).toHaveLength(4);
    await receiver.input.committed({ spool: records[1]!.position.value });
    expect(readdirSync(dir)).toHaveLength(2);
    await receiver.stop();

    receiver = await startReceiver({ segmentBytes: 1, spoolDir: dir }, { spool: records[1]!.position.value });
    const again = await receiver.waitFor(1);
    expect(again.map((r) => r.data)).toEqual([{ n: 3 }]);
  });
});
