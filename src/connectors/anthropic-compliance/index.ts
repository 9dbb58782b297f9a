import { applyContentMode } from "../content.js";
import { lenientOptions } from "../_pull/index.js";
import { defineConnector } from "../types.js";
import { CONNECTOR, parseComplianceRecord, PRODUCT, VENDOR } from "./parse.js";
import { AnthropicOptions, createAnthropicPuller } from "./puller.js";

export { parseComplianceRecord } from "./parse.js";

/** Claude Enterprise Compliance API: the Activity Feed and chat transcripts. */
export const connector = defineConnector<Partial<AnthropicOptions>>({
  name: CONNECTOR,
  vendor: VENDOR,
  product: PRODUCT,
  description: "Claude Enterprise Compliance API: Activity Feed events and chat transcripts, one interaction per prompt and answer.",
  optionsSchema: lenientOptions(AnthropicOptions),
  parse(raw, ctx) {
    return parseComplianceRecord(raw).map((i) => applyContentMode(i, ctx.content));
  },
  createPuller: createAnthropicPuller,
});
