import { classifyStage } from "./classify/stage.js";
import { redactStage } from "./redact/index.js";
import { summariseStage } from "./summarise/index.js";
import { behaviourStage } from "./behaviour/index.js";
import { riskStage } from "./risk/index.js";
import type { StageFactory } from "./types.js";

/**
 * The enrichment chain, in the order stages run. Each stage reads what the ones before it
 * added (classifier findings before redaction, behaviour before risk).
 */
export const STAGE_FACTORIES: readonly StageFactory[] = [classifyStage, redactStage, summariseStage, behaviourStage, riskStage];
