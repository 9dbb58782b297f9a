import { createHash, timingSafeEqual } from "node:crypto";
import { interactionId, validate, type Interaction, type InteractionInput } from "../../../model/index.js";
import { Interaction as InteractionSchema } from "../../../model/index.js";
import { defined } from "../../_pull/index.js";
import { CONNECTOR, parseAiInteraction, PRODUCT, VENDOR } from "../parse.js";
import { decryptContent } from "./decrypt.js";
import { ChangeNotification, ReceivedNotification, type NotificationOptions } from "./schema.js";

const APP = { name: "Microsoft 365 Copilot" };

/** What the operator should do about each lifecycle event (learn.microsoft.com/graph/change-notifications-lifecycle-events). */
const LIFECYCLE_ADVICE: Record<string, { outcome: "failure" | "unknown"; message: string }> = {
  missed: {
    outcome: "failure",
    message:
      "Graph could not deliver some Copilot interaction notifications of this subscription. Read the gap with the pull: aisiem backfill -c <config> --source <m365-copilot-transcripts pull source> --since <a time before the gap>; records already written keep their ids and are not duplicated.",
  },
  subscriptionRemoved: {
    outcome: "failure",
    message:
      "Graph removed the subscription. The subscription source creates a new one at its next check; interactions between the removal and the new subscription are not notified: backfill that window with the pull.",
  },
  reauthorizationRequired: {
    outcome: "unknown",
    message: "Graph asks for the subscription to be reauthorized; the subscription source renews it at its next check. Notifications pause if that fails (see its log).",
  },
};

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();

/** Constant-time comparison: both sides are hashed to equal length first. */
function sameSecret(presented: string | null | undefined, expected: string): boolean {
  return typeof presented === "string" && timingSafeEqual(digest(presented), digest(expected));
}

/** The notification as it may be kept in `raw` (and `event.original`): without the shared secret. */
function withoutSecret(notification: ChangeNotification): Record<string, unknown> {
  const { clientState: _secret, ...rest } = notification;
  return rest;
}

/**
 * A Graph change notification the receiver spooled → one Interaction, after checking that it
 * carries our `clientState` (and our tenant, when `tenantId` is configured):
 * - rich (`encryptedContent`): decrypted after its signature is checked, then parsed like a pulled
 *   `aiInteraction`, so it gets the same id as the pull gives it;
 * - lifecycle (`lifecycleEvent`): a record saying what happened to the subscription and what to do;
 * - basic (only `resourceData`): a record naming the interaction that changed; its text comes from
 *   the pull, since fetching it here would make parsing do I/O.
 */
export function parseNotification(raw: unknown, options: NotificationOptions | undefined, tenantId: string | undefined): Interaction {
  const received = validate(ReceivedNotification, raw, "received Graph notification");
  const notification = validate(ChangeNotification, received.notification, "Graph change notification");
  if (!options) throw new Error("options.notifications (clientState, keys) is not configured for this source: a Graph notification cannot be checked");
  if (!sameSecret(notification.clientState, options.clientState)) {
    throw new Error(`clientState of a notification for subscription ${notification.subscriptionId} does not match options.notifications.clientState: not from our subscription; not processed`);
  }
  if (tenantId !== undefined && notification.tenantId && notification.tenantId !== tenantId) {
    throw new Error(`notification for tenant ${notification.tenantId}, but options.tenantId is ${tenantId}; not processed`);
  }
  if (notification.lifecycleEvent) return lifecycleRecord(notification, received.receivedAt);
  if (notification.encryptedContent) return richRecord(notification, options);
  return changeRecord(notification, received.receivedAt);
}

function richRecord(notification: ChangeNotification, options: NotificationOptions): Interaction {
  const json = decryptContent(notification.encryptedContent!, options.keys);
  let resource: unknown;
  try {
    resource = JSON.parse(json);
  } catch (error) {
    throw new Error(`decrypted resource data is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const interaction = parseAiInteraction(resource);
  const announced = notification.resourceData?.id;
  if (announced && announced !== interaction.source.recordId) {
    throw new Error(`decrypted aiInteraction ${interaction.source.recordId} is not the one the notification names (${announced})`);
  }
  return notification.tenantId ? { ...interaction, organization: { ...interaction.organization, id: notification.tenantId } } : interaction;
}

/** Fields every record about a notification (not about an interaction's content) shares. */
function notificationRecord(notification: ChangeNotification, receivedAt: string, recordId: string, rest: Partial<InteractionInput>): Interaction {
  const input: InteractionInput = {
    id: interactionId(CONNECTOR, recordId),
    timestamp: new Date(receivedAt).toISOString(),
    source: { product: PRODUCT, vendor: VENDOR, connector: CONNECTOR, recordId },
    app: APP,
    organization: notification.tenantId ? { id: notification.tenantId } : undefined,
    raw: withoutSecret(notification),
    ...rest,
  };
  return InteractionSchema.parse(input);
}

function lifecycleRecord(notification: ChangeNotification, receivedAt: string): Interaction {
  const event = notification.lifecycleEvent!;
  const advice = LIFECYCLE_ADVICE[event] ?? { outcome: "unknown" as const, message: `Graph lifecycle event "${event}" about the subscription.` };
  return notificationRecord(notification, receivedAt, `lifecycle/${notification.subscriptionId}/${event}/${receivedAt}`, {
    operation: `subscription.${event}`,
    outcome: advice.outcome,
    error: { code: event, message: advice.message },
    labels: defined({ subscriptionId: notification.subscriptionId, lifecycleEvent: event, subscriptionExpirationDateTime: notification.subscriptionExpirationDateTime ?? undefined }),
  });
}

function changeRecord(notification: ChangeNotification, receivedAt: string): Interaction {
  const changeType = notification.changeType ?? "changed";
  const resourceId = notification.resourceData?.id ?? notification.resource;
  if (!resourceId) throw new Error(`notification for subscription ${notification.subscriptionId} names no resource (neither resourceData.id nor resource)`);
  return notificationRecord(notification, receivedAt, `change/${notification.subscriptionId}/${changeType}/${resourceId}`, {
    operation: `interaction.${changeType}`,
    resources: [defined({ type: "aiInteraction", id: notification.resourceData?.id ?? undefined, url: notification.resource ?? undefined })],
    labels: defined({ subscriptionId: notification.subscriptionId, changeType }),
  });
}
