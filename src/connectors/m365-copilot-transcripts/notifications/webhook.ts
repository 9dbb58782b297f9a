import type { ConnectorWebhook } from "../../types.js";
import type { ReceivedNotification } from "./schema.js";

/** Query parameter of the notification URL that carries the receiver's token (Graph cannot send headers). */
export const TOKEN_PARAMETER = "token";

/**
 * Microsoft Graph change notifications on the receiver's `/v1/ingest/m365-copilot-transcripts`
 * (learn.microsoft.com/graph/change-notifications-delivery-webhooks):
 * - URL validation: Graph POSTs `?validationToken=…` when a subscription is created and expects,
 *   within 10 s, 200 `text/plain` with the URL-decoded token;
 * - authentication: Graph sends no Authorization header but keeps the notification URL's query
 *   string, so the receiver's token travels as `?token=…`;
 * - a `changeNotificationCollection` is spooled as one record per notification, stamped with when
 *   it arrived, and answered 202 before it is checked, as Graph asks. Its `validationTokens` are
 *   not kept: authenticity is checked with `clientState` and, for rich notifications, the
 *   signature of the encrypted data.
 */
export const graphWebhook: ConnectorWebhook = {
  tokenParameter: TOKEN_PARAMETER,
  handshake(query) {
    return query.get("validationToken") ?? undefined;
  },
  prepare(document, receivedAt) {
    const value = typeof document === "object" && document !== null ? (document as { value?: unknown }).value : undefined;
    if (!Array.isArray(value)) return document;
    return value.map((notification): ReceivedNotification => ({ receivedAt: receivedAt.toISOString(), notification }));
  },
};
