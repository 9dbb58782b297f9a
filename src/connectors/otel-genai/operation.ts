/**
 * One GenAI operation, from a span (attributes + span events) or from the log records of one span
 * context (the `gen_ai.client.inference.operation.details` event and the per-message events), as
 * one canonical Interaction. Attribute names follow the GenAI semantic conventions (sources.md §4);
 * the deprecated `gen_ai.system` and `gen_ai.usage.prompt_tokens/completion_tokens` are read too.
 */
import { interactionId, type Finding, type Interaction, type Message } from "../../model/index.js";
import { contentFilterFinding, evaluationFinding, guardrailFinding } from "./findings.js";
import { isLegacyMessageEvent, parseLegacyEvent, parseMessagesAttribute, parseSystemInstructions } from "./messages.js";

export const CONNECTOR = "otel-genai";

export interface GenAiEvent {
  name: string;
  attributes: Record<string, unknown>;
  /** Log-record events carry their payload here; span events only have attributes. */
  body?: unknown;
}

export interface GenAiOperation {
  recordId: string;
  timestamp: string;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  events: GenAiEvent[];
  traceId?: string;
  spanName?: string;
  /** OTLP status code: 2 is ERROR. */
  statusCode?: number;
  statusMessage?: string;
  raw: unknown;
}

const DETAILS_EVENT = "gen_ai.client.inference.operation.details";

export function isGenAi(attributes: Record<string, unknown>, events: readonly GenAiEvent[]): boolean {
  return Object.keys(attributes).some((k) => k.startsWith("gen_ai.")) || events.some((e) => e.name.startsWith("gen_ai."));
}

const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined);
const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined);

function first(sources: ReadonlyArray<Record<string, unknown>>, ...keys: string[]): string | undefined {
  for (const source of sources) for (const key of keys) if (str(source[key]) !== undefined) return str(source[key]);
  return undefined;
}

/**
 * A deprecated span event has no body: Azure AI Inference and Semantic Kernel put the body as
 * JSON in `gen_ai.event.content`; otherwise the attributes themselves are the body's fields.
 */
function eventBody(event: GenAiEvent): unknown {
  if (event.body !== undefined) return event.body;
  const content = event.attributes["gen_ai.event.content"];
  if (typeof content === "string") {
    try {
      return JSON.parse(content);
    } catch {
      return { content };
    }
  }
  return event.attributes;
}

interface Sides {
  prompt: Message[];
  response: Message[];
  finishReasons: string[];
}

function currentForm(attributes: Record<string, unknown>): Sides {
  const prompt: Message[] = [];
  if (attributes["gen_ai.system_instructions"] !== undefined) prompt.push(parseSystemInstructions(attributes["gen_ai.system_instructions"]));
  const input = attributes["gen_ai.input.messages"] !== undefined ? parseMessagesAttribute(attributes["gen_ai.input.messages"], "gen_ai.input.messages", "user") : undefined;
  const output =
    attributes["gen_ai.output.messages"] !== undefined ? parseMessagesAttribute(attributes["gen_ai.output.messages"], "gen_ai.output.messages", "assistant") : undefined;
  return { prompt: [...prompt, ...(input?.messages ?? [])], response: output?.messages ?? [], finishReasons: output?.finishReasons ?? [] };
}

function legacyForm(events: readonly GenAiEvent[]): Sides {
  const sides: Sides = { prompt: [], response: [], finishReasons: [] };
  events.forEach((event, index) => {
    if (!isLegacyMessageEvent(event.name)) return;
    let parsed: ReturnType<typeof parseLegacyEvent>;
    try {
      parsed = parseLegacyEvent(event.name, eventBody(event));
    } catch (error) {
      throw new Error(`events[${index}] (${event.name}): ${(error as Error).message}`, { cause: error });
    }
    sides[parsed.side].push(parsed.message);
    if (parsed.finishReason) sides.finishReasons.push(parsed.finishReason);
  });
  return sides;
}

function lastOfRole(messages: readonly Message[], role: Message["role"]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) if (messages[i]!.role === role) return messages[i]!.content;
  return "";
}

function eventFindings(events: readonly GenAiEvent[]): Finding[] {
  const findings: Finding[] = [];
  events.forEach((event, index) => {
    try {
      const finding =
        event.name === "gen_ai.guardrail.result"
          ? guardrailFinding(event.attributes)
          : event.name === "gen_ai.evaluation.result"
            ? evaluationFinding(event.attributes)
            : undefined;
      if (finding) findings.push(finding);
    } catch (error) {
      throw new Error(`events[${index}] (${event.name}): ${(error as Error).message}`, { cause: error });
    }
  });
  return findings;
}

export function toInteraction(op: GenAiOperation): Interaction {
  // The details event repeats the operation's attributes, with the messages, for log pipelines.
  const details = op.events.find((e) => e.name === DETAILS_EVENT);
  const attributes = details ? { ...op.attributes, ...details.attributes } : op.attributes;
  const both = [attributes, op.resource];
  const current = currentForm(attributes);
  const sides = current.prompt.length > 0 || current.response.length > 0 ? current : legacyForm(op.events);
  const declared = attributes["gen_ai.response.finish_reasons"];
  const finishReasons = Array.isArray(declared) ? declared.map(String) : sides.finishReasons;
  const provider = first([attributes], "gen_ai.provider.name", "gen_ai.system");
  const inputTokens = num(attributes["gen_ai.usage.input_tokens"]) ?? num(attributes["gen_ai.usage.prompt_tokens"]);
  const outputTokens = num(attributes["gen_ai.usage.output_tokens"]) ?? num(attributes["gen_ai.usage.completion_tokens"]);
  const failed = op.statusCode === 2 || str(attributes["error.type"]) !== undefined;
  const findings = eventFindings(op.events);
  if (finishReasons.includes("content_filter")) findings.push(contentFilterFinding(provider));

  const usage = defined({
    inputTokens,
    outputTokens,
    totalTokens: inputTokens !== undefined && outputTokens !== undefined ? inputTokens + outputTokens : undefined,
  });
  const interaction: Interaction = {
    id: interactionId(CONNECTOR, op.recordId),
    timestamp: op.timestamp,
    source: { product: "OpenTelemetry GenAI", vendor: "OpenTelemetry", connector: CONNECTOR, recordId: op.recordId, turn: 0 },
    user: defined({ id: first(both, "user.id", "enduser.id"), name: first(both, "user.name", "user.full_name"), email: first(both, "user.email") }) ?? {},
    conversationId: first(both, "gen_ai.conversation.id", "session.id"),
    app: defined({ name: str(op.resource["service.name"]) ?? "unknown_service", id: str(op.resource["service.instance.id"]) })!,
    operation: str(attributes["gen_ai.operation.name"]),
    model: defined({ provider, requested: str(attributes["gen_ai.request.model"]), responded: str(attributes["gen_ai.response.model"]) }) ?? {},
    prompt: { text: lastOfRole(sides.prompt, "user"), messages: sides.prompt },
    response: {
      text: sides.response.map((m) => m.content).filter(Boolean).join("\n"),
      messages: sides.response,
      ...(finishReasons.length > 0 ? { finishReasons } : {}),
    },
    content: "kept",
    usage,
    outcome: failed ? "failure" : "success",
    error: failed ? (defined({ code: str(attributes["error.type"]), message: op.statusMessage }) ?? {}) : undefined,
    network: defined({ sourceIp: first(both, "client.address"), userAgent: first(both, "user_agent.original") }),
    cloud: defined({ provider: str(op.resource["cloud.provider"]), region: str(op.resource["cloud.region"]), accountId: str(op.resource["cloud.account.id"]) }),
    findings,
    labels: defined<Record<string, string | undefined>>({
      "span.name": op.spanName,
      "gen_ai.response.id": str(attributes["gen_ai.response.id"]),
      "gen_ai.agent.name": str(attributes["gen_ai.agent.name"]),
      "gen_ai.agent.id": str(attributes["gen_ai.agent.id"]),
      "service.version": str(op.resource["service.version"]),
      "deployment.environment": first([op.resource], "deployment.environment.name", "deployment.environment"),
    }) as Record<string, string> | undefined,
    traceId: op.traceId,
    raw: op.raw,
  };
  return defined(interaction)!;
}

/** The object without its undefined fields, or undefined when none is left (optional blocks stay out of the record). */
export function defined<T extends object>(fields: T): T | undefined {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}
