import type { z } from "zod";
import { ValidationError, validate } from "../../model/index.js";
import { envelopeInteraction, envelopeSchema, verdictContext, type Envelope, type VerdictReading, type VerdictContext } from "../_guardrail/envelope.js";
import { defineConnector } from "../types.js";
import { ChatCompletion, ContentFilterError, readCompletion, readFilterError } from "./completion.js";
import { AnalyzeTextResult, analyzeFindings, ShieldPromptResult, shieldFindings } from "./content-safety.js";
import { assembleStream, StreamedResponse } from "./stream.js";

const identity = {
  name: "azure-openai",
  vendor: "Microsoft",
  product: "Azure OpenAI",
  description:
    "Azure OpenAI chat completions (whole or streamed) with prompt/content filter results, the 400 content_filter error, and Azure AI Content Safety text:analyze and Prompt Shields results, posted with their prompt context.",
};

interface Kind<V> {
  envelope: z.ZodType;
  read(verdict: V, context: VerdictContext): VerdictReading;
}
const kind = <V>(schema: z.ZodType<V>, read: Kind<V>["read"]): Kind<V> => ({ envelope: envelopeSchema(schema), read });

/** The record kinds this connector reads, told apart by their top-level keys. */
const KINDS = {
  completion: kind(ChatCompletion, (verdict) => readCompletion(verdict)),
  stream: kind(StreamedResponse, (verdict) => readCompletion(assembleStream(verdict))),
  error: kind(ContentFilterError, (verdict) => readFilterError(verdict)),
  analyze: kind(AnalyzeTextResult, (verdict, context) => ({ findings: analyzeFindings(verdict, context) })),
  shield: kind(ShieldPromptResult, (verdict, context) => ({ findings: shieldFindings(verdict, context) })),
};
type KindName = keyof typeof KINDS;

function kindOf(value: unknown, path: string): KindName {
  if (Array.isArray(value) || typeof value === "string") return "stream";
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  if (record.object === "chat.completion.chunk") {
    throw new ValidationError("azure-openai record", [{ path, message: "a single stream chunk: post the whole stream (its chunks, or its server-sent events text) as guardrailResponse" }]);
  }
  if ("choices" in record || "prompt_filter_results" in record) return "completion";
  if ("error" in record) return "error";
  if ("categoriesAnalysis" in record) return "analyze";
  if ("userPromptAnalysis" in record || "documentsAnalysis" in record) return "shield";
  throw new ValidationError("azure-openai record", [
    {
      path,
      message:
        "expected a chat completion (choices / prompt_filter_results), a streamed completion (its chunks or server-sent events text), a content_filter error body (error), a text:analyze result (categoriesAnalysis) or a text:shieldPrompt result (userPromptAnalysis / documentsAnalysis)",
    },
  ]);
}

/**
 * Records come either in the guardrail envelope (`{guardrailResponse, timestamp, prompt, ...}`) or,
 * for whole chat completions only, bare: a completion carries its own id and `created` time; the
 * other kinds carry no time, and a streamed completion is one array or text, so they need the envelope.
 */
export const connector = defineConnector<unknown>({
  ...identity,
  parse(raw, ctx) {
    const wrapped = typeof raw === "object" && raw !== null && "guardrailResponse" in raw;
    if (wrapped) {
      const name = kindOf((raw as { guardrailResponse: unknown }).guardrailResponse, "guardrailResponse");
      const chosen = KINDS[name] as Kind<unknown>;
      const envelope = validate(chosen.envelope, raw, `azure-openai ${name} envelope`) as Envelope<unknown>;
      const reading = chosen.read(envelope.guardrailResponse, verdictContext(envelope));
      return [envelopeInteraction(identity, envelope, reading, raw, ctx.content)];
    }
    const name = kindOf(raw, "");
    if (name === "stream") throw new ValidationError("azure-openai record", [{ path: "", message: "a string or array: post a streamed completion in the envelope as guardrailResponse, with a timestamp" }]);
    if (name !== "completion") throw new ValidationError("azure-openai record", [{ path: "", message: `a bare ${name} result has no time; post it in the envelope with a timestamp` }]);
    const completion = validate(ChatCompletion, raw, "azure-openai chat completion");
    if (completion.created === undefined) throw new ValidationError("azure-openai chat completion", [{ path: "created", message: "required without an envelope" }]);
    const envelope: Envelope<ChatCompletion> = { timestamp: new Date(completion.created * 1000).toISOString(), target: "prompt", guardrailResponse: completion };
    return [envelopeInteraction(identity, envelope, readCompletion(completion), raw, ctx.content)];
  },
});
