import { z } from "zod";
import type { Evidence, Finding, Message } from "../../model/index.js";
import type { VerdictReading } from "../_guardrail/envelope.js";
import { upstreamFinding } from "../_guardrail/findings.js";
import { ContentFilterResults, contentFilterFindings, VENDOR } from "./filters.js";

const Choice = z.looseObject({
  index: z.number().int().nonnegative().optional(),
  finish_reason: z.string().nullable().optional(),
  message: z
    .looseObject({
      role: z.string().optional(),
      content: z.string().nullable().optional(),
      tool_calls: z.array(z.looseObject({ id: z.string().optional(), function: z.looseObject({ name: z.string(), arguments: z.string().optional() }) })).optional(),
    })
    .optional(),
  content_filter_results: ContentFilterResults.optional(),
});

/** An Azure OpenAI chat completion response with its filter annotations (sources.md §1.4). */
export const ChatCompletion = z.looseObject({
  id: z.string().min(1),
  /** Unix seconds; the time of a completion posted without an envelope. */
  created: z.number().int().positive().optional(),
  model: z.string().optional(),
  choices: z.array(Choice).default([]),
  prompt_filter_results: z.array(z.looseObject({ prompt_index: z.number().int().optional(), content_filter_results: ContentFilterResults })).optional(),
  usage: z.looseObject({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional(), total_tokens: z.number().optional() }).optional(),
});
export type ChatCompletion = z.infer<typeof ChatCompletion>;

/** The HTTP 400 body Azure returns when the prompt is filtered. */
export const ContentFilterError = z.looseObject({
  error: z.looseObject({
    code: z.string().min(1),
    message: z.string().optional(),
    innererror: z.looseObject({ code: z.string().optional(), content_filter_result: ContentFilterResults.optional() }).optional(),
  }),
});
export type ContentFilterError = z.infer<typeof ContentFilterError>;

/** Content Azure filtered without a per-category result saying which filter did it. */
function unspecifiedFilter(evidence: Evidence): Finding {
  return upstreamFinding({ vendor: VENDOR, taxonomyLabel: "content_filter", detector: "azure.contentFilter", target: evidence.target, action: "blocked", evidence: [evidence] });
}

export function readCompletion(completion: ChatCompletion): VerdictReading {
  const promptFindings = (completion.prompt_filter_results ?? []).flatMap((entry) => contentFilterFindings(entry.content_filter_results, "prompt"));
  const responseFindings = completion.choices.flatMap((choice, index) => {
    const found = choice.content_filter_results ? contentFilterFindings(choice.content_filter_results, "response") : [];
    return found.length === 0 && choice.finish_reason === "content_filter" ? [unspecifiedFilter({ target: "response", messageIndex: index })] : found;
  });
  const messages: Message[] = completion.choices.map((choice) => ({
    role: "assistant",
    content: choice.message?.content ?? "",
    ...(choice.message?.tool_calls?.length
      ? { toolCalls: choice.message.tool_calls.map((call) => ({ ...(call.id ? { id: call.id } : {}), name: call.function.name, arguments: call.function.arguments })) }
      : {}),
  }));
  const finishReasons = completion.choices.flatMap((choice) => (choice.finish_reason ? [choice.finish_reason] : []));
  const usage = completion.usage;
  return {
    findings: [...promptFindings, ...responseFindings],
    vendorId: completion.id,
    response: { text: messages[0]?.content ?? "", messages, ...(finishReasons.length ? { finishReasons } : {}) },
    respondedModel: completion.model,
    ...(usage ? { usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens, totalTokens: usage.total_tokens } } : {}),
    outcome: "success",
    operation: "chat",
  };
}

/** A rejected prompt: Azure blocked it, so the exchange failed and the prompt findings are `blocked`. */
export function readFilterError(body: ContentFilterError): VerdictReading {
  const results = body.error.innererror?.content_filter_result;
  const findings = results ? contentFilterFindings(results, "prompt") : [];
  return {
    findings: findings.length === 0 && body.error.code === "content_filter" ? [unspecifiedFilter({ target: "prompt" })] : findings,
    outcome: "failure",
    operation: "chat",
    error: { code: body.error.code, ...(body.error.message ? { message: body.error.message } : {}) },
  };
}
