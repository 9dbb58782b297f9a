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
export { HttpInput, HttpInputConfig } from "./inputs/http/index.js";
export type { Sink, SinkResult, SinkContext, SinkFactory } from "./sinks/types.js";
export { SinkConfigurationError } from "./sinks/types.js";
export { FileSink } from "./sinks/file/index.js";
export { StdoutSink } from "./sinks/stdout/index.js";
export type { EnrichStage, StageFactory, StageContext } from "./enrich/types.js";
export { loadConfig, parseConfig, redactConfig, type Config, type LoadedConfig } from "./config/index.js";
export { runPipeline, type RunOptions, type RunResult } from "./pipeline/runner.js";
export { DeadLetterQueue, type DeadLetter } from "./pipeline/dlq.js";
export { classify, TextClassifier, ClassifyConfig, detectRefusal, harmCodeFor, type ClassifyOptions, type TextRole, type RefusalLevel } from "./enrich/classify/index.js";
export { RedactConfig, redactRecord } from "./enrich/redact/index.js";
export { summariseStage, SummariseStage, SummariseConfig, ConversationTracker, extractTopic, type SummariseConfigInput, type Topic } from "./enrich/summarise/index.js";
export { behaviourStage, BehaviourConfig, BehaviourStage, BehaviourEngine, IdentityResolver } from "./enrich/behaviour/index.js";
export { riskStage, scoreInteraction, riskLevel } from "./enrich/risk/index.js";
export { createStateStore, StateConfig, stateConfigFor, MemoryStore, SqliteStore, RedisStore, type StateStore, type StoreStats, type DailyRow } from "./state/index.js";
export { HttpClient, HttpError, ClientCredentialsAuth, apiKeyAuth, walkPages, type AuthProvider, type Page, type PagePosition } from "./connectors/_pull/index.js";
export { parseAuditRecord } from "./connectors/m365-copilot-audit/index.js";
export { parseAiInteraction } from "./connectors/m365-copilot-transcripts/index.js";
export { parseConversation as parseChatGptConversation } from "./connectors/chatgpt-enterprise/index.js";
export { parseComplianceRecord as parseAnthropicComplianceRecord } from "./connectors/anthropic-compliance/index.js";
export { VENDOR_TAXONOMY, lookupTaxonomy, classifyLabel, type TaxonomyEntry, type Classification } from "./connectors/_taxonomy/index.js";
export { defineGuardrailConnector, envelopeSchema, type Envelope, type GuardrailConnectorSpec, type VerdictContext, type VerdictReading } from "./connectors/_guardrail/envelope.js";
export { toCimEvents, SOURCETYPES, CATEGORY_KIND, type CimEvent, type RecordKind } from "./map/cim/index.js";
export { SplunkHecSink, SplunkHecSinkConfig, HecConfigError, SplunkKvStoreSink, SplunkKvStoreSinkConfig } from "./sinks/splunk/index.js";
export { parseResultRow as parseSplunkResultRow } from "./connectors/splunk/parse.js";
export { SplunkSearchPuller, SplunkSourceOptions } from "./connectors/splunk/puller.js";
export { toEcs, EcsMapOptions, loadContract, buildTemplates, atlasThreat, type EcsAction, type EcsDoc, type MapOptions, type FieldContract, type FieldSpec } from "./map/ecs/index.js";
export { ElasticsearchSink, ElasticsearchSinkConfig, type ElasticsearchSinkOptions } from "./sinks/elasticsearch/index.js";
export { setupElastic, type SetupOptions as ElasticSetupOptions, type SetupReport as ElasticSetupReport } from "./sinks/elasticsearch/setup.js";
export { connect as connectElasticsearch, ConnectionConfig as ElasticsearchConnectionConfig, NotElasticsearchError, type EsClient } from "./util/elasticsearch.js";
export { ElasticsearchPuller, ElasticsearchSourceOptions } from "./connectors/elasticsearch/index.js";
