/**
 * A streamed Azure OpenAI chat completion (`stream: true`), reassembled into the completion it
 * stands for. Azure sends, as server-sent events ending in `data: [DONE]`:
 * - a prompt annotation chunk (empty `id`, `created: 0`, no choices) with `prompt_filter_results`
 *   (`prompt_annotations` in early API versions);
 * - `chat.completion.chunk`s whose `choices[].delta` carry the text and tool-call fragments, and
 *   whose `content_filter_results` annotate what was just sent (default streaming);
 * - with the asynchronous filter, annotation chunks (empty `id`, choices with
 *   `content_filter_results` and `content_filter_offsets` but no delta), the last one with
 *   `finish_reason: "content_filter"` when the filter stopped the stream;
 * - optionally a usage chunk (no choices) when the app asked for `stream_options.include_usage`.
 * Sources: learn.microsoft.com/azure/ai-services/openai/concepts/content-streaming (sample streams)
 * and sources.md §1.4 for the filter results themselves.
 */
import { z } from "zod";
import { problemsOf, ValidationError, type Problem } from "../../model/index.js";
import type { ChatCompletion } from "./completion.js";
import { ContentFilterResults, mergeFilterResults } from "./filters.js";

const ToolCallDelta = z.looseObject({
  index: z.number().int().nonnegative(),
  id: z.string().optional(),
  function: z.looseObject({ name: z.string().optional(), arguments: z.string().optional() }).optional(),
});

const ChoiceDelta = z.looseObject({
  index: z.number().int().nonnegative(),
  finish_reason: z.string().nullable().optional(),
  delta: z
    .looseObject({
      role: z.string().optional(),
      content: z.string().nullable().optional(),
      tool_calls: z.array(ToolCallDelta).optional(),
    })
    .optional(),
  content_filter_results: ContentFilterResults.optional(),
});

const PromptFilterResult = z.looseObject({ prompt_index: z.number().int().nonnegative().default(0), content_filter_results: ContentFilterResults });

/** One chunk; `id`, `created` and `model` are empty (`""`, 0) on annotation chunks. */
const StreamChunk = z.looseObject({
  id: z.string().optional(),
  object: z.string().optional(),
  created: z.number().int().nonnegative().optional(),
  model: z.string().optional(),
  prompt_filter_results: z.array(PromptFilterResult).optional(),
  prompt_annotations: z.array(PromptFilterResult).optional(),
  choices: z.array(ChoiceDelta).default([]),
  usage: z.looseObject({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional(), total_tokens: z.number().optional() }).nullable().optional(),
});
type StreamChunk = z.infer<typeof StreamChunk>;

/** A streamed response as posted: the chunk objects in order, or the SSE body as text. */
export const StreamedResponse = z.union([z.array(z.unknown()).min(1, "a stream needs at least one chunk"), z.string().min(1)], {
  error: "expected the stream's chunks (an array) or its server-sent events text",
});
export type StreamedResponse = z.infer<typeof StreamedResponse>;

const streamError = (problems: Problem[]) => new ValidationError("azure-openai streamed completion", problems);

/**
 * The `data:` payloads of an SSE body, one per event (multi-line data joined by newlines, per the
 * SSE format). Comments and other fields are skipped; `[DONE]` ends the stream.
 */
function sseEvents(text: string): unknown[] {
  const chunks: unknown[] = [];
  for (const event of text.split(/\r?\n\r?\n|\r\r/)) {
    const data = event
      .split(/\r?\n|\r/)
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).replace(/^ /, ""));
    if (data.length === 0) continue;
    const payload = data.join("\n").trim();
    if (payload === "[DONE]") break;
    try {
      chunks.push(JSON.parse(payload));
    } catch {
      throw streamError([{ path: `chunk[${chunks.length}]`, message: "data is not JSON" }]);
    }
  }
  if (chunks.length === 0) throw streamError([{ path: "", message: "no `data:` event with a chunk in the text" }]);
  return chunks;
}

function validateChunks(values: unknown[]): StreamChunk[] {
  const problems: Problem[] = [];
  const chunks = values.map((value, i) => {
    const result = StreamChunk.safeParse(value);
    if (result.success) return result.data;
    problems.push(...problemsOf(result.error).map((p) => ({ ...p, path: `chunk[${i}]${p.path ? `.${p.path}` : ""}` })));
    return undefined;
  });
  if (problems.length > 0) throw streamError(problems);
  return chunks as StreamChunk[];
}

interface ChoiceBuilder {
  role?: string;
  content: string;
  finishReason?: string;
  filters?: ContentFilterResults;
  tools: Map<number, { id?: string; name: string; arguments: string }>;
}

const firstOf = <T>(values: T[], useful: (value: T) => boolean): T | undefined => values.find(useful);

/**
 * The completion a stream stands for: text and tool calls concatenated per choice, the last
 * finish reason, filter results merged over every chunk (the worst severity per category wins,
 * and a category filtered in any chunk is filtered), the last usage reported.
 */
export function assembleStream(response: StreamedResponse): ChatCompletion {
  const chunks = validateChunks(typeof response === "string" ? sseEvents(response) : response);
  const id = firstOf(chunks, (c) => Boolean(c.id))?.id;
  if (!id) throw streamError([{ path: "", message: "no chunk carries the completion id (only annotation chunks?)" }]);
  const prompts = new Map<number, ContentFilterResults>();
  const choices = new Map<number, ChoiceBuilder>();
  let usage: StreamChunk["usage"];
  for (const chunk of chunks) {
    for (const entry of [...(chunk.prompt_filter_results ?? []), ...(chunk.prompt_annotations ?? [])]) {
      prompts.set(entry.prompt_index, mergeFilterResults(prompts.get(entry.prompt_index), entry.content_filter_results));
    }
    for (const choice of chunk.choices) {
      const builder: ChoiceBuilder = choices.get(choice.index) ?? { content: "", tools: new Map() };
      choices.set(choice.index, builder);
      builder.role ??= choice.delta?.role;
      builder.content += choice.delta?.content ?? "";
      if (choice.finish_reason) builder.finishReason = choice.finish_reason;
      if (choice.content_filter_results) builder.filters = mergeFilterResults(builder.filters, choice.content_filter_results);
      for (const call of choice.delta?.tool_calls ?? []) {
        const tool = builder.tools.get(call.index) ?? { name: "", arguments: "" };
        builder.tools.set(call.index, { id: tool.id ?? call.id, name: tool.name + (call.function?.name ?? ""), arguments: tool.arguments + (call.function?.arguments ?? "") });
      }
    }
    if (chunk.usage) usage = chunk.usage;
  }
  const created = firstOf(chunks, (c) => (c.created ?? 0) > 0)?.created;
  const model = firstOf(chunks, (c) => Boolean(c.model))?.model;
  return {
    id,
    ...(created ? { created } : {}),
    ...(model ? { model } : {}),
    choices: [...choices]
      .sort((a, b) => a[0] - b[0])
      .map(([index, choice]) => ({
        index,
        finish_reason: choice.finishReason ?? null,
        message: {
          role: choice.role ?? "assistant",
          content: choice.content,
          ...(choice.tools.size
            ? { tool_calls: [...choice.tools.values()].map((call) => ({ ...(call.id ? { id: call.id } : {}), function: { name: call.name, arguments: call.arguments } })) }
            : {}),
        },
        ...(choice.filters ? { content_filter_results: choice.filters } : {}),
      })),
    ...(prompts.size ? { prompt_filter_results: [...prompts].sort((a, b) => a[0] - b[0]).map(([prompt_index, content_filter_results]) => ({ prompt_index, content_filter_results })) } : {}),
    ...(usage ? { usage } : {}),
  };
}
