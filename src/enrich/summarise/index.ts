import { createStateStore } from "../../state/index.js";
import { defineStage } from "../types.js";
import { SummariseConfig } from "./config.js";
import { SummariseStage } from "./stage.js";

/** `enrich.summarise`: analyst summaries per interaction and per conversation, with citations. */
export const summariseStage = defineStage({
  name: "summarise",
  configSchema: SummariseConfig,
  async create(config, ctx) {
    if (!config.enabled) return undefined;
    const logger = ctx.logger.child({ stage: "summarise" });
    const store = config.conversation.enabled
      ? await createStateStore(config.conversation.state, ctx.stateDir, (error) => logger.warn({ err: error.message }, "state store connection error"), "conversation")
      : undefined;
    return new SummariseStage(config, logger, ctx.signal, store);
  },
});

export { SummariseConfig, LlmConfig, type SummariseConfigInput } from "./config.js";
export { SummariseStage } from "./stage.js";
export { ConversationTracker } from "./conversation.js";
export { extractTopic, type Topic } from "./topic.js";
