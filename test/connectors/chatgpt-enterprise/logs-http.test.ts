import nock from "nock";
import { pino } from "pino";
import { connector } from "../../../src/connectors/chatgpt-enterprise/index.js";
import type { Checkpoint, RawRecord } from "../../../src/inputs/types.js";

const API = "https://api.chatgpt.test";
const STORAGE = "https://files.storage.test";
const BASE = "/v1/compliance/workspaces/ws-1";
const AUTH = { reqheaders: { authorization: "Bearer test-key" } };
const line = (id: string) => JSON.stringify({ event_id: id, timestamp: "2026-03-02T10:00:00Z", action: "login" });
const file = (id: string, end: string) => ({ object: "compliance.log_file", id, event_type: "AUTH_LOG", end_time: end });

async function pull(checkpoint: Checkpoint = {}) {
  const deadLettered: { reason: string; origin: string }[] = [];
  const ctx = { logger: pino({ level: "silent" }), signal: new AbortController().signal, deadLetter: (reason: string, _original: unknown, origin: string) => deadLettered.push({ reason, origin }) };
  const options = { apiKey: "test-key", workspaceId: "ws-1", baseUrl: `${API}/v1/compliance`, stream: "logs" as const, eventTypes: ["AUTH_LOG"], pageSize: 2, since: "2026-03-01", follow: false, retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 } };
  const records: RawRecord[] = [];
  for await (const record of connector.createPuller!(options, ctx).read(checkpoint, ctx)) records.push(record);
  return { records, deadLettered, events: records.filter((r) => r.data !== undefined).map((r) => (r.data as { event: { event_id: string } }).event.event_id) };
}

afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

describe("chatgpt-enterprise logs stream, HTTP edge cases", () => {
  it("retries a 429 listing and a 503 download, follows a storage redirect without the key, and stops at an empty last page", async () => {
    nock(API, AUTH)
      .get(`${BASE}/logs`)
      .query({ event_type: "AUTH_LOG", after: "2026-03-01T00:00:00.000Z", limit: "2" })
      .reply(429, { error: { type: "rate_limit_exceeded", message: "slow down" } }, { "Retry-After": "0" })
      .get(`${BASE}/logs`)
      .query({ event_type: "AUTH_LOG", after: "2026-03-01T00:00:00.000Z", limit: "2" })
      .reply(200, { object: "list", data: [file("f1", "2026-03-02T10:00:00Z"), file("f2", "2026-03-02T11:00:00Z")], has_more: true, last_end_time: "2026-03-02T11:00:00Z" })
      .get(`${BASE}/logs/f1`)
      .reply(503)
      .get(`${BASE}/logs/f1`)
      .reply(200, `${line("a")}\n${line("b")}\n`)
      .get(`${BASE}/logs/f2`)
      .reply(302, "", { Location: `${STORAGE}/exports/f2.jsonl?sig=abc` })
      .get(`${BASE}/logs`)
      .query({ event_type: "AUTH_LOG", after: "2026-03-02T11:00:00Z", limit: "2" })
      .reply(200, { object: "list", data: [], has_more: false, last_end_time: null });
    nock(STORAGE, { badheaders: ["authorization"] })
      .get("/exports/f2.jsonl")
      .query({ sig: "abc" })
      .reply(200, line("c"));
    const { events, records } = await pull();
    expect(events).toEqual(["a", "b", "c"]);
    expect(records.at(-1)!.position).toEqual({ key: "logs:AUTH_LOG", value: { at: Date.parse("2026-03-02T11:00:00Z"), ids: ["f2"], file: null } });
  });

  it("resumes inside a file at the next line and skips the files read at the watermark", async () => {
    const at = Date.parse("2026-03-02T10:00:00Z");
    nock(API, AUTH)
      .get(`${BASE}/logs`)
      .query({ event_type: "AUTH_LOG", after: new Date(at - 1).toISOString(), limit: "2" })
      .reply(200, { object: "list", data: [file("f1", "2026-03-02T10:00:00Z"), file("f2", "2026-03-02T11:00:00Z")], has_more: false, last_end_time: "2026-03-02T11:00:00Z" })
      .get(`${BASE}/logs/f2`)
      .reply(200, [line("c"), line("d"), line("e")].join("\n"));
    const { events } = await pull({ "logs:AUTH_LOG": { at, ids: ["f1"], file: { id: "f2", line: 0 } } });
    expect(events).toEqual(["d", "e"]);
  });

  it("ends when has_more is set but the page is empty, and dead-letters a list entry without end_time", async () => {
    nock(API, AUTH)
      .get(`${BASE}/logs`)
      .query(true)
      .reply(200, { object: "list", data: [{ id: "broken" }], has_more: true, last_end_time: null });
    const { records, deadLettered } = await pull();
    expect(records).toEqual([]);
    expect(deadLettered).toEqual([{ reason: "invalid log file entry: end_time: Invalid input: expected string, received undefined", origin: expect.stringContaining("/logs?event_type=AUTH_LOG") }]);
  });

  it("refuses a redirect from HTTPS to plain HTTP", async () => {
    nock(API, AUTH)
      .get(`${BASE}/logs`)
      .query(true)
      .reply(200, { object: "list", data: [file("f1", "2026-03-02T10:00:00Z")], has_more: false, last_end_time: "2026-03-02T10:00:00Z" })
      .get(`${BASE}/logs/f1`)
      .reply(302, "", { Location: "http://files.storage.test/f1.jsonl" });
    await expect(pull()).rejects.toThrow(/GET \/v1\/compliance\/workspaces\/ws-1\/logs\/f1 failed: refusing a redirect from HTTPS to http/);
  });

  it("names the missing workspace or organization", () => {
    const ctx = { logger: pino({ level: "silent" }), signal: new AbortController().signal };
    expect(() => connector.createPuller!({ apiKey: "k", stream: "logs" }, ctx)).toThrow(/workspaceId: required \(or organizationId\)/);
    expect(() => connector.createPuller!({ apiKey: "k", organizationId: "org-1" }, ctx)).toThrow(/organizationId: only the logs stream reads an organization/);
    expect(() => connector.createPuller!({ apiKey: "k", stream: "logs", eventTypes: ["auth"], workspaceId: "w" }, ctx)).toThrow(/eventTypes\[0\]: expected an event type/);
  });
});
