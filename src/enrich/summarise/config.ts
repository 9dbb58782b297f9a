import { z } from "zod";
import { stateConfigFor } from "../../state/index.js";
import { TlsConfig } from "../../util/tls.js";

const RetryConfig = z.object({
  initialDelayMs: z.number().int().positive().default(250),
  maxDelayMs: z.number().int().positive().default(4000),
});

/** An OpenAI-compatible chat-completions endpoint that may rewrite summaries in prose. */
export const LlmConfig = z
  .object({
    /** Base URL; requests go to `<endpoint>/chat/completions` (e.g. `https://llm.example/v1`). */
    endpoint: z.url({ protocol: /^https?$/ }),
    model: z.string().min(1),
    /** Sent as `Authorization: Bearer …`; give it as `${ENV_VAR}` or `${file:…}`, never inline. */
    apiKey: z.string().min(1).optional(),
    /** Per request, including reading the answer. */
    timeoutMs: z.number().int().positive().default(10_000),
    /** Further attempts after a timeout, a network error, 408, 429 or 5xx. */
    maxRetries: z.number().int().min(0).max(5).default(2),
    retry: RetryConfig.default(RetryConfig.parse({})),
    /** Rate budget: requests started per minute; when spent, records keep the deterministic summary. */
    requestsPerMinute: z.number().positive().default(60),
    maxConcurrent: z.number().int().positive().max(32).default(4),
    /** The most a batch waits for summaries; what is not back by then keeps the deterministic text. */
    batchBudgetMs: z.number().int().positive().default(5_000),
    /** After this many failed summaries in a row, stop calling for `cooldownMs`. */
    failureThreshold: z.number().int().positive().default(5),
    cooldownMs: z.number().int().positive().default(60_000),
    /** Characters of prompt and response text sent along with the facts. */
    maxInputChars: z.number().int().positive().default(6_000),
    /** Longer answers are cut here. */
    maxSummaryChars: z.number().int().positive().default(1_200),
    /** Which summaries the LLM writes. */
    targets: z.array(z.enum(["interaction", "conversation"])).min(1).default(["interaction"]),
    tls: TlsConfig,
  })
  .strict();
export type LlmConfig = z.infer<typeof LlmConfig>;

const ConversationConfig = z
  .object({
    enabled: z.boolean().default(true),
    /** Where conversation state lives: SQLite (default, `<stateDir>/aisiem.db`), Redis (several workers) or memory. */
    state: stateConfigFor("conversation"),
    /** Conversations without a new turn for this many days (event time) are forgotten. */
    idleDays: z.number().int().positive().default(30),
    /** Ids of the latest turns remembered per conversation, so a replayed turn is not counted twice. */
    rememberTurns: z.number().int().positive().max(10_000).default(200),
    /** Turns remembered per kind of event (refused, blocked, each flagged category). */
    maxMentions: z.number().int().positive().default(20),
    maxCitations: z.number().int().positive().default(40),
  })
  .strict();

export const SummariseConfig = z
  .object({
    enabled: z.boolean().default(true),
    conversation: ConversationConfig.default(ConversationConfig.parse({})),
    /** Content words named after the topic. */
    topicKeywords: z.number().int().min(0).max(8).default(3),
    llm: LlmConfig.optional(),
  })
  .strict();
export type SummariseConfig = z.infer<typeof SummariseConfig>;
export type SummariseConfigInput = z.input<typeof SummariseConfig>;
