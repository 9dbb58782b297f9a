import { applyContentMode } from "../content.js";
import { lenientOptions } from "../_pull/index.js";
import { defineConnector } from "../types.js";
import { parseLogRecord } from "./logs-parse.js";
import { CONNECTOR, parseConversation, PRODUCT, VENDOR } from "./parse.js";
import { ChatGptOptions, createChatGptPuller } from "./puller.js";

export { parseConversation } from "./parse.js";
export { parseLogRecord } from "./logs-parse.js";

const isConversation = (raw: unknown) => typeof raw === "object" && raw !== null && "conversation" in raw;

/**
 * ChatGPT Enterprise / Edu from the Compliance API: conversations, one Interaction per exchange,
 * or the Compliance Logs Platform's event lines (Codex turns, sign-ins, security events).
 */
export const connector = defineConnector<Partial<ChatGptOptions>>({
  name: CONNECTOR,
  vendor: VENDOR,
  product: PRODUCT,
  description: "ChatGPT Enterprise conversations and messages (Compliance API), one interaction per prompt and answer; Compliance Logs Platform events (Codex, auth) with stream: logs.",
  optionsSchema: lenientOptions(ChatGptOptions),
  parse(raw, ctx) {
    return (isConversation(raw) ? parseConversation(raw) : parseLogRecord(raw)).map((i) => applyContentMode(i, ctx.content));
  },
  createPuller: createChatGptPuller,
});
