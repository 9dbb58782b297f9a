import type { StageFactory } from "./types.js";

/**
 * The enrichment chain, in the order stages run. Each stage reads what the ones before it
 * added (classifier findings before redaction, behaviour before risk).
 */
export const STAGE_FACTORIES: readonly StageFactory[] = [];
