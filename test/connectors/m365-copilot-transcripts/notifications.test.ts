import { generateKeyPairSync } from "node:crypto";
import { connector } from "../../../src/connectors/m365-copilot-transcripts/index.js";
import { graphWebhook } from "../../../src/connectors/m365-copilot-transcripts/notifications/webhook.js";
import { CLIENT_STATE, notificationOptions, PROMPT, received, RESPONSE, richNotification, CERTIFICATE_ID } from "./notifications.js";

const options = connector.optionsSchema!.parse({ tenantId: "tenant-1", notifications: notificationOptions });
const parse = (raw: unknown, opts: unknown = options) => connector.parse(raw, { options: opts as typeof options });

describe("m365-copilot-transcripts change notifications", () => {
  it("decrypts a rich notification into the interaction the pull gives, with the same id", () => {
    const [pushed] = parse(received(richNotification(PROMPT)));
    const [pulled] = parse({ user: { id: "2b7c0000-aaaa-bbbb-cccc-000000000001", userPrincipalName: null }, interaction: PROMPT });
    expect(pushed!.id).toBe(pulled!.id);
    expect(pushed!.prompt.text).toBe("Summarise the Q3 salary review file");
    expect(pushed!.organization).toEqual({ id: "tenant-1" });
    expect(JSON.stringify(pushed!.raw)).not.toContain(CLIENT_STATE);
    const [answer] = parse(received(richNotification(RESPONSE)));
    expect(answer!.response.text).toBe("I can't open that file: a policy blocks it.");
  });

  it("refuses a notification whose data was altered, before decrypting it", () => {
    const notification = richNotification(PROMPT);
    const content = notification.encryptedContent as { data: string };
    const bytes = Buffer.from(content.data, "base64");
    bytes[0] = bytes[0]! ^ 1;
    content.data = bytes.toString("base64");
    expect(() => parse(received(notification))).toThrow("dataSignature does not match the HMAC-SHA256 of data: the notification was altered; not decrypted");
  });

  it("refuses a wrong or missing clientState, another tenant, and notifications it cannot open", () => {
    expect(() => parse(received(richNotification(PROMPT, { clientState: "someone-elses-state-000" })))).toThrow(/clientState of a notification for subscription sub-1 does not match/);
    expect(() => parse(received(richNotification(PROMPT, { clientState: undefined })))).toThrow(/does not match options.notifications.clientState/);
    expect(() => parse(received(richNotification(PROMPT, { tenantId: "tenant-2" })))).toThrow("notification for tenant tenant-2, but options.tenantId is tenant-1; not processed");
    expect(() => parse(received(richNotification(PROMPT)), { notifications: { ...notificationOptions, keys: [] } })).toThrow(/encrypted for certificate "aisiem-test-cert-1", which has no private key/);
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const wrongKey = connector.optionsSchema!.parse({ notifications: { clientState: CLIENT_STATE, keys: [{ certificateId: CERTIFICATE_ID, privateKey: otherKey }] } });
    expect(() => parse(received(richNotification(PROMPT)), wrongKey)).toThrow(`dataKey cannot be decrypted with the private key of certificate "${CERTIFICATE_ID}"`);
    expect(() => parse(received(richNotification(PROMPT, { resourceData: { id: "another" } })))).toThrow(/is not the one the notification names \(another\)/);
    expect(() => parse(received(richNotification(PROMPT)), {})).toThrow(/options.notifications \(clientState, keys\) is not configured/);
  });

  it("checks the configured keys and secret when the config is loaded", () => {
    const bad = connector.optionsSchema!.safeParse({ notifications: { clientState: "short", keys: [{ certificateId: "c", privateKey: "not a key" }] } });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toEqual(expect.arrayContaining(["notifications.clientState: use a clientState of at least 16 characters", expect.stringMatching(/^notifications\.keys\.0\.privateKey: not a PEM private key/)]));
  });

  it("turns lifecycle events into records that say what to do", () => {
    const lifecycle = (event: string) => parse(received({ subscriptionId: "sub-1", subscriptionExpirationDateTime: "2026-03-05T09:00:00Z", tenantId: "tenant-1", clientState: CLIENT_STATE, lifecycleEvent: event }))[0]!;
    const missed = lifecycle("missed");
    expect(missed).toMatchObject({ operation: "subscription.missed", outcome: "failure", timestamp: "2026-03-02T09:42:00.000Z", labels: { subscriptionId: "sub-1", lifecycleEvent: "missed" } });
    expect(missed.error!.message).toMatch(/aisiem backfill -c <config> --source <m365-copilot-transcripts pull source> --since/);
    expect(missed.raw).not.toHaveProperty("clientState");
    expect(lifecycle("subscriptionRemoved")).toMatchObject({ operation: "subscription.subscriptionRemoved", outcome: "failure" });
    expect(lifecycle("reauthorizationRequired")).toMatchObject({ operation: "subscription.reauthorizationRequired", outcome: "unknown" });
    expect(lifecycle("missed").id).toBe(missed.id);
  });

  it("turns a basic notification into a record naming the interaction that changed", () => {
    const { encryptedContent: _dropped, ...basic } = richNotification(PROMPT);
    const [change] = parse(received(basic));
    expect(change).toMatchObject({ operation: "interaction.created", prompt: { text: "" }, resources: [{ type: "aiInteraction", id: PROMPT.id, url: `copilot/interactionHistory/interactions('${PROMPT.id}')` }] });
    expect(change!.id).not.toBe(parse(received(richNotification(PROMPT)))[0]!.id);
  });

  it("answers Graph's URL validation and spools a collection as one record per notification", () => {
    expect(graphWebhook.handshake!(new URLSearchParams("validationToken=Validation%3A%20Testing%20a%26b"))).toBe("Validation: Testing a&b");
    expect(graphWebhook.handshake!(new URLSearchParams("token=x"))).toBeUndefined();
    const at = new Date("2026-03-02T09:42:00Z");
    expect(graphWebhook.prepare!({ value: [{ a: 1 }, { b: 2 }], validationTokens: ["jwt"] }, at)).toEqual([
      { receivedAt: "2026-03-02T09:42:00.000Z", notification: { a: 1 } },
      { receivedAt: "2026-03-02T09:42:00.000Z", notification: { b: 2 } },
    ]);
    expect(graphWebhook.prepare!({ id: "1772443300123" }, at)).toEqual({ id: "1772443300123" });
  });
});
