import nock from "nock";
import { pino } from "pino";
import { SubscriptionOptions } from "../../../src/connectors/m365-copilot-transcripts/subscription/options.js";
import { SubscriptionManager } from "../../../src/connectors/m365-copilot-transcripts/subscription/manager.js";
import { GraphEmulator } from "../../emulators/graph-copilot/index.js";
import { startReceiver, TOKEN, type TestReceiver } from "../../inputs/http/receiver.js";
import { CERTIFICATE_ID, CERTIFICATE_PEM, CLIENT_STATE } from "./notifications.js";

const MINUTE = 60_000;

/** A manager on a clock the test moves, with its warnings collected. */
function manager(emulator: { url: string }, notificationUrl: string, subscription: Record<string, unknown> = {}, clock = { now: Date.parse("2026-03-02T10:00:00Z") }) {
  const warnings: string[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => warnings.push((JSON.parse(line) as { msg: string }).msg) });
  const options = SubscriptionOptions.parse({
    tenantId: "tenant-1",
    clientId: "app",
    clientSecret: "test-secret",
    authorityUrl: emulator.url,
    baseUrl: emulator.url,
    retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10 },
    subscription: { notificationUrl, receiverToken: TOKEN, certificate: CERTIFICATE_PEM, certificateId: CERTIFICATE_ID, clientState: CLIENT_STATE, ...subscription },
  });
  return { manager: new SubscriptionManager(options, { logger, signal: new AbortController().signal }, () => clock.now), clock, warnings };
}

describe("m365-copilot-transcripts subscription manager against the Graph emulator", () => {
  let emulator: GraphEmulator;
  let receiver: TestReceiver;
  let url: string;
  beforeAll(async () => {
    receiver = await startReceiver();
    url = `${receiver.url}/v1/ingest/m365-copilot-transcripts`;
  });
  afterAll(() => receiver.stop());
  beforeEach(async () => {
    emulator = await new GraphEmulator().start();
  });
  afterEach(() => emulator.close());

  it("creates the subscription, confirms it, renews it before it expires and every renewEveryMinutes", async () => {
    const { manager: m, clock } = manager(emulator, url);
    emulator.now = () => clock.now;
    const created = await m.check(undefined);
    expect(created).toMatchObject({ resource: "/copilot/interactionHistory/getAllEnterpriseInteractions", certificateId: CERTIFICATE_ID, expiresAt: "2026-03-05T08:30:00.000Z", renewedAt: "2026-03-02T10:00:00.000Z" });
    expect(emulator.subscriptions.get(created.id)!.encryptionCertificate).toMatch(/^MII[A-Za-z0-9+/=]+$/);

    clock.now += 10 * MINUTE;
    const confirmed = await m.check(created);
    expect(confirmed).toEqual({ ...created, confirmedAt: "2026-03-02T10:10:00.000Z" });
    expect(emulator.log.at(-1)).toBe(`GET /v1.0/subscriptions/${created.id}`);

    clock.now += 25 * MINUTE; // 35 minutes after the last renewal: renewed to keep the authorization fresh
    const renewed = await m.check(confirmed);
    expect(emulator.log.at(-1)).toBe(`PATCH /v1.0/subscriptions/${created.id}`);
    expect(renewed).toMatchObject({ id: created.id, expiresAt: "2026-03-05T09:05:00.000Z", renewedAt: "2026-03-02T10:35:00.000Z" });

    // A subscription restored from an old checkpoint, 11 hours before it expires: renewed at once.
    clock.now = Date.parse(renewed.expiresAt) - 11 * 60 * MINUTE;
    const late = await m.check({ ...renewed, renewedAt: new Date(clock.now).toISOString() });
    expect(Date.parse(late.expiresAt)).toBe(clock.now + (4320 - 90) * MINUTE);
    expect(emulator.subscriptions.get(created.id)!.expirationDateTime).toBe(late.expiresAt);
  });

  it("creates a new subscription after Graph removed one or it lapsed, and says from when to backfill", async () => {
    const { manager: m, clock, warnings } = manager(emulator, url);
    emulator.now = () => clock.now;
    const first = await m.check(undefined);
    emulator.removeSubscription(first.id);
    clock.now += 5 * MINUTE;
    const second = await m.check(first);
    expect(second.id).not.toBe(first.id);
    expect([...emulator.subscriptions.keys()]).toEqual([second.id]);
    expect(warnings).toEqual([`Graph subscription removed by Graph; creating a new one. Notifications since ${first.confirmedAt} may be missing: run aisiem backfill --source <the m365-copilot-transcripts pull source> --since ${first.confirmedAt}`]);

    clock.now = Date.parse(second.expiresAt) + MINUTE;
    const third = await m.check(second);
    expect(third.id).not.toBe(second.id);
    expect(warnings.at(-1)).toMatch(new RegExp(`^Graph subscription expired; .* --since ${second.expiresAt}$`));
  });

  it("replaces the subscription when its resource changes, and subscribes per user with a filter", async () => {
    const tenant = manager(emulator, url);
    emulator.now = () => tenant.clock.now;
    const first = await tenant.manager.check(undefined);
    const perUser = manager(emulator, url, { scope: { userId: "ana" }, filter: "appClass eq 'IPM.SkypeTeams.Message.Copilot.Teams'" }, tenant.clock);
    const second = await perUser.manager.check(first);
    expect(emulator.log).toContain(`DELETE /v1.0/subscriptions/${first.id}`);
    expect([...emulator.subscriptions.values()].map((s) => s.resource)).toEqual(["/copilot/users/ana/interactionHistory/getAllEnterpriseInteractions?$filter=appClass eq 'IPM.SkypeTeams.Message.Copilot.Teams'"]);
    expect(second.resource).toBe(emulator.subscriptions.get(second.id)!.resource);
  });

  it("fails with Graph's reason when the notification URL does not answer the validation", async () => {
    const { manager: m, clock } = manager(emulator, "http://127.0.0.1:9/v1/ingest/m365-copilot-transcripts");
    emulator.now = () => clock.now;
    await expect(m.check(undefined)).rejects.toThrow(/POST \/v1\.0\/subscriptions failed with HTTP 400: ValidationError Subscription validation request failed/);
    expect(emulator.subscriptions.size).toBe(0);
  });

  it("checks its options: lifetime, certificate, URL", () => {
    const base = { tenantId: "t", clientId: "c", clientSecret: "s", subscription: { notificationUrl: "https://aisiem.contoso.example/v1/ingest/m365-copilot-transcripts", clientState: CLIENT_STATE } };
    const problems = (subscription: Record<string, unknown>) => SubscriptionOptions.safeParse({ ...base, subscription: { ...base.subscription, ...subscription } }).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(problems({})).toEqual(["subscription.certificate: rich notifications (includeResourceData) need certificate and certificateId"]);
    expect(problems({ includeResourceData: false })).toBeUndefined();
    expect(problems({ includeResourceData: false, lifetimeMinutes: 4321 })).toEqual([expect.stringMatching(/^subscription\.lifetimeMinutes: Too big/)]);
    expect(problems({ includeResourceData: false, notificationUrl: "http://aisiem.contoso.example/x" })).toEqual(["subscription.notificationUrl: Graph delivers notifications only to an https:// URL reachable from the internet"]);
    expect(problems({ certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", certificateId: "x" })).toEqual([expect.stringMatching(/^subscription\.certificate: not a PEM X\.509 certificate/)]);
  });
});

describe("m365-copilot-transcripts subscription manager on Graph errors", () => {
  const GRAPH = "https://graph.test.example";
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  const login = () => nock(GRAPH).post("/tenant-1/oauth2/v2.0/token").reply(200, { access_token: "token-1", token_type: "Bearer", expires_in: 3600 });
  const stored = { id: "sub-1", resource: "/copilot/interactionHistory/getAllEnterpriseInteractions", notificationUrl: "https://aisiem.contoso.example/v1/ingest/m365-copilot-transcripts", certificateId: CERTIFICATE_ID, expiresAt: "2026-03-05T08:30:00.000Z", renewedAt: "2026-03-02T10:00:00.000Z", confirmedAt: "2026-03-02T10:00:00.000Z" };
  const nocked = () => manager({ url: GRAPH }, stored.notificationUrl, {}, { now: Date.parse("2026-03-02T11:00:00Z") });

  it("retries a throttled renewal and creates the subscription again when the renewal finds it gone", async () => {
    login();
    nock(GRAPH)
      .patch("/v1.0/subscriptions/sub-1")
      .reply(429, { error: { code: "TooManyRequests", message: "slow down" } }, { "Retry-After": "0" })
      .patch("/v1.0/subscriptions/sub-1")
      .reply(404, { error: { code: "ResourceNotFound", message: "The object was not found." } })
      .post("/v1.0/subscriptions", (body: Record<string, unknown>) => body.lifecycleNotificationUrl === `${stored.notificationUrl}?token=${TOKEN}` && body.includeResourceData === true)
      .reply(201, { id: "sub-2", expirationDateTime: "2026-03-05T09:30:00Z" });
    const { manager: m, warnings } = nocked();
    expect(await m.check(stored)).toMatchObject({ id: "sub-2", expiresAt: "2026-03-05T09:30:00.000Z" });
    expect(warnings.at(-1)).toMatch(/^Graph subscription removed by Graph; .* --since 2026-03-02T10:00:00.000Z$/);
  });

  it("reports a missing permission with Graph's error and does not pretend the subscription exists", async () => {
    login();
    nock(GRAPH).get("/v1.0/subscriptions/sub-1").reply(403, { error: { code: "Forbidden", message: "Insufficient privileges to complete the operation." } });
    const { manager: m } = nocked();
    await expect(m.check({ ...stored, renewedAt: "2026-03-02T10:50:00.000Z" })).rejects.toThrow("GET /v1.0/subscriptions/sub-1 failed with HTTP 403: Forbidden Insufficient privileges to complete the operation.");
  });
});
