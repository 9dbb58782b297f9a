import { defineStage } from "../types.js";
import { SummariseConfig } from "./config.js";
import { SummariseStage } from "./stage.js";

/** `enrich.summarise`: analyst summaries per interaction and per conversation, with citations. */
export const summariseStage = defineStage({
  name: "summarise",
  configSchema: SummariseConfig,
  create: (config, ctx) => (config.enabled ? new SummariseStage(config, ctx.logger, ctx.signal) : undefined),
});

export { SummariseConfig, LlmConfig, type SummariseConfigInput } from "./config.js";
export { SummariseStage } from "./stage.js";
export { ConversationTracker } from "./conversation.js";
export { extractTopic, type Topic } from "./topic.js";
