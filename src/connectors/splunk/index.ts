import { applyContentMode } from "../content.js";
import { defineConnector } from "../types.js";
import { parseResultRow } from "./parse.js";
import { SplunkSearchPuller, SplunkSourceOptions } from "./puller.js";

/**
 * Guardrail alerts already indexed in Splunk (CIM Alerts, Intrusion_Detection or DLP events of
 * any product), pulled with an export search checkpointed by `_indextime`.
 */
export const connector = defineConnector<SplunkSourceOptions>({
  name: "splunk",
  vendor: "Splunk",
  product: "Splunk Enterprise / Splunk Cloud",
  description: "Guardrail alerts indexed in Splunk, pulled by export search (search/v2/jobs/export) and checkpointed by _indextime.",
  optionsSchema: SplunkSourceOptions,
  parse(raw, ctx) {
    return [applyContentMode(parseResultRow(raw), ctx.content)];
  },
  createPuller: (options) => new SplunkSearchPuller(options),
});
