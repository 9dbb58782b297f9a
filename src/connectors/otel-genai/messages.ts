/**
 * GenAI message content in both forms the semantic conventions have used (sources.md §4):
 * the current `gen_ai.input.messages` / `gen_ai.output.messages` / `gen_ai.system_instructions`
 * attributes (role + typed parts), and the deprecated per-message events `gen_ai.system.message`,
 * `gen_ai.user.message`, `gen_ai.assistant.message`, `gen_ai.tool.message`, `gen_ai.choice`.
 */
import { z } from "zod";
import { validate, type Message, type Role, type ToolCall } from "../../model/index.js";

const Part = z.looseObject({
  type: z.string(),
  content: z.unknown().optional(),
  id: z.string().nullish(),
  name: z.string().optional(),
  arguments: z.unknown().optional(),
  response: z.unknown().optional(),
});
const GenAiMessage = z.looseObject({
  role: z.string(),
  parts: z.array(Part).default([]),
  name: z.string().nullish(),
  finish_reason: z.string().nullish(),
});
const GenAiMessages = z.array(GenAiMessage);
const Parts = z.array(Part);

/** Deprecated event bodies: `content` may be text or structured; assistant and choice carry OpenAI-style tool calls. */
const LegacyToolCall = z.looseObject({
  id: z.string().nullish(),
  function: z.looseObject({ name: z.string(), arguments: z.unknown().optional() }),
});
const LegacyBody = z.looseObject({
  role: z.string().nullish(),
  content: z.unknown().optional(),
  id: z.string().nullish(),
  tool_calls: z.array(LegacyToolCall).nullish(),
});
const ChoiceBody = z.looseObject({
  index: z.number().optional(),
  finish_reason: z.string().nullish(),
  message: LegacyBody.optional(),
});

export interface ParsedMessages {
  messages: Message[];
  finishReasons: string[];
}

/** Roles outside the model's four are folded in: `developer` instructs like `system`, `model` (Gemini) answers. */
export function toRole(role: string | null | undefined, fallback: Role): Role {
  switch (role) {
    case "system":
    case "developer":
      return "system";
    case "user":
      return "user";
    case "assistant":
    case "model":
      return "assistant";
    case "tool":
    case "function":
      return "tool";
    default:
      return fallback;
  }
}

/** Text of a content value: a string as is, text parts joined, anything else as JSON. */
export function contentText(content: unknown): string {
  if (content === undefined || content === null) return "";
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (isTextPart(part) ? partText(part) : "")).join("");
  return JSON.stringify(content);
}

function isTextPart(part: unknown): part is { text?: unknown; content?: unknown } {
  return typeof part === "object" && part !== null && (typeof (part as { text?: unknown }).text === "string" || typeof (part as { content?: unknown }).content === "string");
}

function partText(part: { text?: unknown; content?: unknown }): string {
  return typeof part.text === "string" ? part.text : String(part.content);
}

/** Tool-call arguments are a JSON string in OpenAI's shape and an object in the GenAI parts; kept as text. */
function toolCall(id: string | null | undefined, name: string, args: unknown): ToolCall {
  const call: ToolCall = { name };
  if (id) call.id = id;
  if (args !== undefined && args !== null) call.arguments = typeof args === "string" ? args : JSON.stringify(args);
  return call;
}

/** Attribute values are JSON strings on spans and structured values on log records; accept both. */
function structured(value: unknown, what: string): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new Error(`${what}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

function fromParts(role: Role, parts: z.infer<typeof Parts>, name?: string | null): Message {
  const text: string[] = [];
  const toolCalls: ToolCall[] = [];
  let toolCallId: string | undefined;
  for (const part of parts) {
    if (part.type === "tool_call") {
      toolCalls.push(toolCall(part.id, part.name ?? "", part.arguments));
    } else if (part.type === "tool_call_response") {
      toolCallId = part.id ?? undefined;
      text.push(contentText(part.response));
    } else if (part.type === "text" || part.type === "reasoning") {
      text.push(contentText(part.content));
    }
  }
  return {
    role,
    content: text.join(""),
    ...(name ? { name } : {}),
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
    ...(toolCallId ? { toolCallId } : {}),
  };
}

/** `gen_ai.input.messages` or `gen_ai.output.messages`. */
export function parseMessagesAttribute(value: unknown, attribute: string, fallbackRole: Role): ParsedMessages {
  const messages = validate(GenAiMessages, structured(value, attribute), attribute);
  return {
    messages: messages.map((m) => fromParts(toRole(m.role, fallbackRole), m.parts, m.name)),
    finishReasons: messages.flatMap((m) => (m.finish_reason ? [m.finish_reason] : [])),
  };
}

/** `gen_ai.system_instructions`: parts of one system message. */
export function parseSystemInstructions(value: unknown): Message {
  const parsed = structured(value, "gen_ai.system_instructions");
  if (typeof parsed === "string") return { role: "system", content: parsed };
  return fromParts("system", validate(Parts, parsed, "gen_ai.system_instructions"));
}

const LEGACY_ROLE: Record<string, Role> = {
  "gen_ai.system.message": "system",
  "gen_ai.user.message": "user",
  "gen_ai.assistant.message": "assistant",
  "gen_ai.tool.message": "tool",
};

export function isLegacyMessageEvent(name: string): boolean {
  return name in LEGACY_ROLE || name === "gen_ai.choice";
}

function fromLegacy(role: Role, body: z.infer<typeof LegacyBody>): Message {
  const toolCalls = (body.tool_calls ?? []).map((call) => toolCall(call.id, call.function.name, call.function.arguments));
  return {
    role: toRole(body.role, role),
    content: contentText(body.content),
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
    ...(role === "tool" && body.id ? { toolCallId: body.id } : {}),
  };
}

/** A deprecated message event: which side it belongs to and the message; `choice` adds its finish reason. */
export function parseLegacyEvent(name: string, body: unknown): { side: "prompt" | "response"; message: Message; finishReason?: string } {
  if (name === "gen_ai.choice") {
    const choice = validate(ChoiceBody, body, `${name} event body`);
    return {
      side: "response",
      message: fromLegacy("assistant", choice.message ?? {}),
      ...(choice.finish_reason ? { finishReason: choice.finish_reason } : {}),
    };
  }
  return { side: "prompt", message: fromLegacy(LEGACY_ROLE[name]!, validate(LegacyBody, body, `${name} event body`)) };
}
