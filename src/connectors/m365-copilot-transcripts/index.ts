import { applyContentMode } from "../content.js";
import { lenientOptions } from "../_pull/index.js";
import { defineConnector } from "../types.js";
import { CONNECTOR, parseAiInteraction, PRODUCT, VENDOR } from "./parse.js";
import { createTranscriptPuller, TranscriptOptions } from "./puller.js";

export { parseAiInteraction } from "./parse.js";

/** Microsoft 365 Copilot prompts and responses from Graph `getAllEnterpriseInteractions`, per user. */
export const connector = defineConnector<Partial<TranscriptOptions>>({
  name: CONNECTOR,
  vendor: VENDOR,
  product: PRODUCT,
  description: "Microsoft 365 Copilot prompt and response text (Graph interaction history), joined to the audit records by conversation id.",
  optionsSchema: lenientOptions(TranscriptOptions),
  parse(raw, ctx) {
    return [applyContentMode(parseAiInteraction(raw), ctx.content)];
  },
  createPuller: createTranscriptPuller,
});
