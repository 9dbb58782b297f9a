/** Shared material of the change-notification tests: the test certificate and notification builders. */
import { readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { encryptForSubscriber } from "../../emulators/graph-copilot/encrypt.js";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/m365-copilot-transcripts/${name}`, import.meta.url), "utf8");

/** A self-signed RSA-2048 certificate and its key, made for these tests only. */
export const CERTIFICATE_PEM = fixture("notifications-test-cert.pem");
export const PRIVATE_KEY_PEM = fixture("notifications-test-key.pem");
export const CERTIFICATE_ID = "aisiem-test-cert-1";
export const CLIENT_STATE = "client-state-0123456789abcdef";

export const [PROMPT, RESPONSE] = JSON.parse(fixture("ai-interactions.json")) as [{ id: string }, { id: string }];

/** What the connector options of a receiver source hold (as the config would give them). */
export const notificationOptions = { clientState: CLIENT_STATE, keys: [{ certificateId: CERTIFICATE_ID, privateKey: PRIVATE_KEY_PEM }] };

/** A rich notification of `interaction`, as Graph sends it, wrapped as the receiver spools it. */
export function received(notification: Record<string, unknown>, receivedAt = "2026-03-02T09:42:00.000Z") {
  return { receivedAt, notification };
}

export function richNotification(interaction: { id: string }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const der = new X509Certificate(CERTIFICATE_PEM).raw.toString("base64");
  return {
    subscriptionId: "sub-1",
    changeType: "created",
    clientState: CLIENT_STATE,
    subscriptionExpirationDateTime: "2026-03-05T09:00:00Z",
    resource: `copilot/interactionHistory/interactions('${interaction.id}')`,
    resourceData: { id: interaction.id, "@odata.type": "#Microsoft.Graph.aiInteraction" },
    encryptedContent: encryptForSubscriber(interaction, der, CERTIFICATE_ID),
    tenantId: "tenant-1",
    ...overrides,
  };
}
