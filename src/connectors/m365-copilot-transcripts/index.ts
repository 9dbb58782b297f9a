import { applyContentMode } from "../content.js";
import { lenientOptions } from "../_pull/index.js";
import { defineConnector } from "../types.js";
import { parseNotification } from "./notifications/parse.js";
import { isReceivedNotification, NotificationOptions } from "./notifications/schema.js";
import { graphWebhook } from "./notifications/webhook.js";
import { CONNECTOR, parseAiInteraction, PRODUCT, VENDOR } from "./parse.js";
import { createTranscriptPuller, TranscriptOptions } from "./puller.js";
import { SubscriptionSettings } from "./subscription/options.js";

export { parseAiInteraction } from "./parse.js";

/**
 * Options of every source of this connector: the pull (`users`), the subscription source
 * (`subscription`), and the receiver source that checks and opens notifications (`notifications`).
 */
const ConnectorOptions = lenientOptions(TranscriptOptions.extend({ notifications: NotificationOptions, subscription: SubscriptionSettings }));
type ConnectorOptions = ReturnType<typeof ConnectorOptions.parse>;

/**
 * Microsoft 365 Copilot prompts and responses from Graph: pulled per user from
 * `getAllEnterpriseInteractions`, or pushed as change notifications to the HTTP receiver.
 */
export const connector = defineConnector<ConnectorOptions>({
  name: CONNECTOR,
  vendor: VENDOR,
  product: PRODUCT,
  description: "Microsoft 365 Copilot prompt and response text (Graph interaction history, pulled or pushed as change notifications), joined to the audit records by conversation id.",
  optionsSchema: ConnectorOptions,
  parse(raw, ctx) {
    const interaction = isReceivedNotification(raw) ? parseNotification(raw, ctx.options?.notifications, ctx.options?.tenantId) : parseAiInteraction(raw);
    return [applyContentMode(interaction, ctx.content)];
  },
  createPuller: createTranscriptPuller,
  webhook: graphWebhook,
});
