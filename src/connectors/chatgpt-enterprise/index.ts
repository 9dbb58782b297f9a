import { applyContentMode } from "../content.js";
import { lenientOptions } from "../_pull/index.js";
import { defineConnector } from "../types.js";
import { CONNECTOR, parseConversation, PRODUCT, VENDOR } from "./parse.js";
import { ChatGptOptions, createChatGptPuller } from "./puller.js";

export { parseConversation } from "./parse.js";

/** ChatGPT Enterprise / Edu conversations from the Compliance API, one Interaction per exchange. */
export const connector = defineConnector<Partial<ChatGptOptions>>({
  name: CONNECTOR,
  vendor: VENDOR,
  product: PRODUCT,
  description: "ChatGPT Enterprise conversations and messages (Compliance API), one interaction per prompt and answer.",
  optionsSchema: lenientOptions(ChatGptOptions),
  parse(raw, ctx) {
    return parseConversation(raw).map((i) => applyContentMode(i, ctx.content));
  },
  createPuller: createChatGptPuller,
});
