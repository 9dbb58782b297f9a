import type { Message, Turn } from "../../model/index.js";
import { capText } from "./text.js";

/** One OTel GenAI message part (`gen_ai.input.messages` / `output.messages` shape). */
type Part =
  | { type: "text"; content: string }
  | { type: "tool_call"; id?: string; name: string; arguments?: string }
  | { type: "tool_call_response"; id?: string; response: string };

interface OtelMessage {
  role: string;
  parts: Part[];
  finish_reason?: string;
}

function partsOf(message: Message, max: number): Part[] {
  const content = capText(message.content, max).text;
  if (message.role === "tool") return [{ type: "tool_call_response", id: message.toolCallId, response: content }];
  const parts: Part[] = content ? [{ type: "text", content }] : [];
  for (const call of message.toolCalls ?? []) {
    parts.push({ type: "tool_call", id: call.id, name: call.name, arguments: call.arguments && capText(call.arguments, max).text });
  }
  return parts;
}

/** The turn's messages in OTel's parts shape; a turn with text but no messages becomes one message. */
export function otelMessages(turn: Turn, role: "user" | "assistant", max: number): OtelMessage[] {
  const messages = turn.messages.length > 0 ? turn.messages : turn.text ? [{ role, content: turn.text }] : [];
  const out = messages.map((m) => ({ role: m.role, parts: partsOf(m, max) }));
  if (role === "assistant") {
    turn.finishReasons?.forEach((reason, i) => {
      if (out[i]) (out[i] as OtelMessage).finish_reason = reason;
    });
  }
  return out;
}

/** System messages given apart from the history, as OTel text parts. */
export function systemInstructions(turn: Turn, max: number): Array<{ type: "text"; content: string }> {
  return turn.messages.filter((m) => m.role === "system").map((m) => ({ type: "text", content: capText(m.content, max).text }));
}
