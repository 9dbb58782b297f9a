import nock from "nock";
import { pino } from "pino";
import { z } from "zod";
import { ClientCredentialsAuth, HttpClient, HttpError, parseRetryAfter, walkPages, type Page } from "../../../src/connectors/_pull/index.js";

const logger = pino({ level: "silent" });
const API = "https://api.example.test";
const LOGIN = "https://login.example.test";
const retry = { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 5 };
const tls = { rejectUnauthorized: true };
const client = (auth?: ClientCredentialsAuth) => new HttpClient({ baseUrl: `${API}/v1/`, auth, retry, timeoutMs: 2000, tls, logger, signal: new AbortController().signal });
const Body = z.object({ ok: z.boolean() });

function entra(now: () => number, refreshBeforeMs = 60_000) {
  return new ClientCredentialsAuth({
    http: new HttpClient({ baseUrl: LOGIN, retry, timeoutMs: 2000, tls, logger, signal: new AbortController().signal }),
    tokenPath: "/tenant/oauth2/v2.0/token",
    clientId: "app",
    clientSecret: "s3cret",
    scope: "https://api.example.test/.default",
    refreshBeforeMs,
    now,
  });
}

afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

describe("HttpClient", () => {
  it("retries 429 after Retry-After and 5xx with backoff, then returns the page", async () => {
    nock(API).get("/v1/items").reply(429, { error: { code: "AF429", message: "Too many requests" } }, { "Retry-After": "0" }).get("/v1/items").reply(503).get("/v1/items").reply(200, { ok: true });
    await expect(client().getJson("items", {}, Body, "items")).resolves.toMatchObject({ data: { ok: true } });
  });

  it("gives up after maxAttempts with the status and the vendor's error", async () => {
    nock(API).get("/v1/items").times(4).reply(500, { error: { code: "AF50000", message: "An internal error occurred." } });
    await expect(client().getJson("items", {}, Body, "items")).rejects.toThrow(/GET \/v1\/items failed with HTTP 500: AF50000 An internal error occurred\. \(gave up after 4 attempts\)/);
  });

  it("does not retry a 4xx and reports it", async () => {
    nock(API).get("/v1/items").reply(403, { error: { type: "permission_error", message: "missing scope" } });
    const error = await client().getJson("items", {}, Body, "items").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(403);
  });

  it("treats a truncated body as transient and reads it again", async () => {
    nock(API).get("/v1/items").reply(200, '{"ok": tr', { "content-type": "application/json" }).get("/v1/items").reply(200, { ok: true });
    await expect(client().getJson("items", {}, Body, "items")).resolves.toMatchObject({ data: { ok: true } });
  });

  it("refuses to follow a link to another origin", async () => {
    await expect(client().getJson("https://elsewhere.test/v1/items", {}, Body, "items")).rejects.toThrow(/another origin/);
  });

  it("parses Retry-After in seconds and as an HTTP date", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("ClientCredentialsAuth", () => {
  it("caches the token, renews it before expiry, and once more when the API answers 401", async () => {
    let now = 0;
    const auth = entra(() => now);
    const token = (value: string) => ({ token_type: "Bearer", expires_in: 3600, access_token: value });
    nock(LOGIN)
      .post("/tenant/oauth2/v2.0/token", (body: Record<string, string>) => body.grant_type === "client_credentials" && body.client_secret === "s3cret" && body.scope === "https://api.example.test/.default")
      .reply(200, token("t1"))
      .post("/tenant/oauth2/v2.0/token")
      .reply(200, token("t2"))
      .post("/tenant/oauth2/v2.0/token")
      .reply(200, token("t3"));
    nock(API, { reqheaders: { authorization: "Bearer t1" } }).get("/v1/items").times(2).reply(200, { ok: true });
    nock(API, { reqheaders: { authorization: "Bearer t2" } }).get("/v1/items").reply(401, { error: { code: "InvalidAuthenticationToken" } });
    nock(API, { reqheaders: { authorization: "Bearer t3" } }).get("/v1/items").reply(200, { ok: true });
    const http = client(auth);
    await http.getJson("items", {}, Body, "items");
    now = 3_000_000; // 50 min: still outside the 1-minute refresh margin
    await http.getJson("items", {}, Body, "items");
    now = 3_560_000; // inside the margin: renewed before the call; that token is then refused mid-run
    await http.getJson("items", {}, Body, "items");
  });

  it("reports the authority's error without the secret", async () => {
    nock(LOGIN).post("/tenant/oauth2/v2.0/token").reply(401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." });
    const error = (await client(entra(Date.now)).getJson("items", {}, Body, "items").catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/HTTP 401: invalid_client AADSTS7000215/);
    expect(error.message).not.toContain("s3cret");
  });
});

describe("walkPages", () => {
  const pages: Record<string, Page<number>> = { first: { items: [1, 2], next: "p2" }, p2: { items: [3], next: "p3" }, p3: { items: [] } };
  const fetch = async (cursor: string | null) => pages[cursor ?? "first"]!;

  it("reads to the last page, through an empty one, and says where it ended", async () => {
    const read: number[] = [];
    const walk = walkPages(fetch, { page: null, index: -1 });
    let step = await walk.next();
    while (!step.done) {
      read.push(step.value.item);
      step = await walk.next();
    }
    expect(read).toEqual([1, 2, 3]);
    expect(step.value).toEqual({ page: "p3", index: -1 });
  });

  it("resumes after the last item done on a page", async () => {
    const read: [number, string | null, number][] = [];
    for await (const { item, at } of walkPages(fetch, { page: null, index: 0 })) read.push([item, at.page, at.index]);
    expect(read).toEqual([
      [2, null, 1],
      [3, "p2", 0],
    ]);
  });
});
