import { applyContentMode } from "../content.js";
import { lenientOptions } from "../_pull/index.js";
import { defineConnector } from "../types.js";
import { CONNECTOR, parseLiteLlmRecord, PRODUCT, VENDOR } from "./parse.js";
import { createSpendLogPuller, SpendLogOptions } from "./puller.js";

export { parseLiteLlmRecord } from "./parse.js";

/**
 * LiteLLM proxy: the StandardLoggingPayload its generic API webhook and custom callbacks send
 * (pushed to the HTTP receiver at `/v1/ingest/litellm`), and its spend logs (`input: {type: pull}`).
 */
export const connector = defineConnector<Partial<SpendLogOptions>>({
  name: CONNECTOR,
  vendor: VENDOR,
  product: PRODUCT,
  description: "LiteLLM proxy StandardLoggingPayload (generic API webhook, callbacks) and spend logs (/spend/logs/v2): user, team, key alias, model, messages, guardrail results, spend.",
  optionsSchema: lenientOptions(SpendLogOptions),
  parse(raw, ctx) {
    return [applyContentMode(parseLiteLlmRecord(raw), ctx.content)];
  },
  createPuller: (options, ctx) => createSpendLogPuller(options, ctx),
});
