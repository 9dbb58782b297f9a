import { createStateStore } from "../../state/index.js";
import { defineStage } from "../types.js";
import { BehaviourConfig } from "./config.js";
import { BehaviourStage } from "./stage.js";

export { BehaviourConfig } from "./config.js";
export { BehaviourStage } from "./stage.js";
export { BehaviourEngine } from "./engine.js";
export { IdentityResolver } from "./identity.js";

/** `enrich.behaviour`: behavioural signals and alerts over time, with state in SQLite (default), Redis or memory. */
export const behaviourStage = defineStage({
  name: "behaviour",
  configSchema: BehaviourConfig,
  async create(config, ctx) {
    if (!config.enabled) return undefined;
    const logger = ctx.logger.child({ stage: "behaviour" });
    const store = await createStateStore(config.state, ctx.stateDir, (error) => logger.warn({ err: error.message }, "state store connection error"));
    return new BehaviourStage(config, store, logger);
  },
});
