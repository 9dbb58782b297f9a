import { applyContentMode } from "../content.js";
import { lenientOptions } from "../_pull/index.js";
import { defineConnector } from "../types.js";
import { CONNECTOR, parseAuditRecord, PRODUCT, VENDOR } from "./parse.js";
import { AuditOptions, createAuditPuller } from "./puller.js";

export { parseAuditRecord } from "./parse.js";

/** Microsoft 365 Copilot `CopilotInteraction` audit records from the Office 365 Management Activity API. */
export const connector = defineConnector<Partial<AuditOptions>>({
  name: CONNECTOR,
  vendor: VENDOR,
  product: PRODUCT,
  description: "Microsoft 365 Copilot audit (CopilotInteraction, Office 365 Management Activity API): app, resources read, jailbreak / XPIA flags, policy blocks.",
  optionsSchema: lenientOptions(AuditOptions),
  parse(raw, ctx) {
    return [applyContentMode(parseAuditRecord(raw), ctx.content)];
  },
  createPuller: createAuditPuller,
});
