import { parseNativeInteraction } from "../../model/index.js";
import { defineConnector } from "../types.js";
import { applyContentMode } from "../content.js";

/** The aisiem native form: one canonical Interaction per record (see `src/model/native.ts`). */
export const connector = defineConnector<unknown>({
  name: "aisiem",
  vendor: "aisiem",
  product: "aisiem native",
  description: "Canonical aisiem Interaction records (NDJSON), as written by `aisiem parse`.",
  parse(raw, ctx) {
    return [applyContentMode(parseNativeInteraction(raw), ctx.content)];
  },
});
