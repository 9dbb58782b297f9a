import { z } from "zod";
import { interactionId, validate, type Interaction } from "../../model/index.js";
import { definedStrings } from "../_guardrail/defined.js";
import { finishInteraction } from "../_guardrail/finish.js";
import type { ContentMode } from "../types.js";
import { providerOf, readRequest, readResponse } from "../_bedrock/index.js";
import { responseFindings } from "./trace.js";

export const CONNECTOR = "aws-bedrock";
export const PRODUCT = { product: "AWS Bedrock", vendor: "Amazon Web Services", connector: CONNECTOR };

/** One model invocation log record, as Bedrock writes it to S3 or CloudWatch Logs (sources.md §1.1 b). */
export const InvocationLog = z.looseObject({
  schemaType: z.literal("ModelInvocationLog").optional(),
  schemaVersion: z.string().optional(),
  timestamp: z.iso.datetime({ offset: true }),
  accountId: z.string().optional(),
  region: z.string().optional(),
  requestId: z.string().min(1),
  operation: z.string().optional(),
  modelId: z.string().min(1),
  identity: z.looseObject({ arn: z.string().optional() }).optional(),
  /** The app's Converse `requestMetadata`: the only place an end user or session can ride. */
  requestMetadata: z.record(z.string(), z.string()).optional(),
  input: z.looseObject({ inputBodyJson: z.unknown().optional(), inputTokenCount: z.number().nonnegative().optional() }).optional(),
  output: z.looseObject({ outputBodyJson: z.unknown().optional(), outputTokenCount: z.number().nonnegative().optional() }).optional(),
  errorCode: z.string().optional(),
  inferenceRegion: z.string().optional(),
});
export type InvocationLog = z.infer<typeof InvocationLog>;

export const BedrockOptions = z.strictObject({
  /** `requestMetadata` keys holding the end user, first present wins. */
  userKeys: z.array(z.string().min(1)).default(["user", "userId", "user_id", "endUser", "end_user"]),
  /** `requestMetadata` keys holding the conversation or session. */
  conversationKeys: z.array(z.string().min(1)).default(["conversationId", "conversation_id", "sessionId", "session_id", "session"]),
  /** `requestMetadata` keys naming the application. */
  appKeys: z.array(z.string().min(1)).default(["app", "application", "appName"]),
});
export type BedrockOptions = z.infer<typeof BedrockOptions>;

const pick = (metadata: Record<string, string>, keys: string[]) => keys.map((key) => metadata[key]).find((value) => value);

/** The IAM role or user name of a principal ARN: with per-app roles, the best name Bedrock gives for the app. */
export function principalName(arn: string | undefined): string | undefined {
  const match = arn?.match(/:(?:assumed-role|role|user)\/([^/]+)/);
  return match?.[1];
}

export function invocationLogInteraction(raw: unknown, options: BedrockOptions, content: ContentMode | undefined): Interaction {
  const log = validate(InvocationLog, raw, "aws-bedrock invocation log");
  const metadata = log.requestMetadata ?? {};
  const prompt = readRequest(log.input?.inputBodyJson);
  const response = readResponse(log.output?.outputBodyJson);
  const findings = log.output?.outputBodyJson === undefined ? [] : responseFindings(log.output.outputBodyJson, { prompt: prompt.text, response: response.text });
  const endUser = pick(metadata, options.userKeys);
  const arn = log.identity?.arn;
  const conversationId = pick(metadata, options.conversationKeys);
  const inputTokens = log.input?.inputTokenCount;
  const outputTokens = log.output?.outputTokenCount;
  return finishInteraction(
    {
      id: interactionId(CONNECTOR, log.requestId),
      timestamp: log.timestamp,
      source: { ...PRODUCT, recordId: log.requestId },
      user: { ...(endUser ? { id: endUser } : {}), ...(arn ? { aliases: [arn] } : {}) },
      ...(conversationId ? { conversationId } : {}),
      app: { name: pick(metadata, options.appKeys) ?? principalName(arn) ?? "AWS Bedrock" },
      ...(log.operation ? { operation: log.operation } : {}),
      model: definedStrings({ provider: providerOf(log.modelId), requested: log.modelId }),
      prompt,
      response,
      ...(inputTokens !== undefined || outputTokens !== undefined
        ? { usage: { inputTokens, outputTokens, ...(inputTokens !== undefined && outputTokens !== undefined ? { totalTokens: inputTokens + outputTokens } : {}) } }
        : {}),
      outcome: log.errorCode ? "failure" : "success",
      ...(log.errorCode ? { error: { code: log.errorCode } } : {}),
      cloud: { provider: "aws", ...definedStrings({ region: log.region ?? log.inferenceRegion, accountId: log.accountId }) },
      findings,
      ...(Object.keys(metadata).length ? { labels: metadata } : {}),
      raw,
    },
    content,
  );
}
