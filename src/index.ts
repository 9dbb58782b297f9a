/**
 * aisiem's public API: the canonical model, connectors, config, the pipeline and its parts.
 * Everything here is stable within a major version; anything not exported is internal.
 */
export * from "./model/index.js";
export { loadConnector, loadAllConnectors, connectorNames } from "./connectors/registry.js";
export { applyContentMode } from "./connectors/content.js";
export type { Connector, ParseContext, ContentMode } from "./connectors/types.js";
export { defineConnector } from "./connectors/types.js";
export type { Input, InputContext, RawRecord, Checkpoint, Json } from "./inputs/types.js";
export { FileInput } from "./inputs/file/index.js";
export { StdinInput } from "./inputs/stdin/index.js";
export type { Sink, SinkResult, SinkContext, SinkFactory } from "./sinks/types.js";
export { FileSink } from "./sinks/file/index.js";
export { StdoutSink } from "./sinks/stdout/index.js";
export type { EnrichStage, StageFactory, StageContext } from "./enrich/types.js";
export { loadConfig, parseConfig, redactConfig, type Config, type LoadedConfig } from "./config/index.js";
export { runPipeline, type RunOptions, type RunResult } from "./pipeline/runner.js";
export { DeadLetterQueue, type DeadLetter } from "./pipeline/dlq.js";
