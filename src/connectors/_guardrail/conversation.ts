import { z } from "zod";
import type { Message, Turn } from "../../model/index.js";

/** A content part as chat APIs send it; only text parts carry text we judge. */
const ContentPart = z.looseObject({ type: z.string().optional(), text: z.string().optional() });

/** One chat message in the OpenAI shape most apps and guardrail APIs use (`developer` is a system role). */
export const ChatMessage = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z.union([z.string(), z.array(ContentPart), z.null()]).optional(),
  name: z.string().optional(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** A side of the exchange: plain text, several texts (a batch checked at once), or the chat messages as sent. */
export const Conversation = z.union([z.string(), z.array(z.union([z.string(), ChatMessage]))], {
  error: "expected text, a list of texts, or chat messages ({role, content})",
});
export type Conversation = z.infer<typeof Conversation>;

function textOf(content: ChatMessage["content"]): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => part.text ?? "").join("");
}

export function toMessage(message: ChatMessage): Message {
  return {
    role: message.role === "developer" ? "system" : message.role,
    content: textOf(message.content),
    ...(message.name ? { name: message.name } : {}),
  };
}

/** The text a guardrail judges on one side: the last message of the side's own role, else the last message. */
export function judgedText(messages: readonly Message[], role: Message["role"]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) if (messages[i]!.role === role) return messages[i]!.content;
  return messages.at(-1)?.content ?? "";
}

/** A Turn from text or messages; `role` is the side (`user` for the prompt, `assistant` for the response). */
export function toTurn(conversation: Conversation | undefined, role: "user" | "assistant"): Turn {
  if (conversation === undefined) return { text: "", messages: [] };
  if (typeof conversation === "string") return { text: conversation, messages: [{ role, content: conversation }] };
  const messages = conversation.map((item) => (typeof item === "string" ? { role, content: item } : toMessage(item)));
  return { text: judgedText(messages, role), messages };
}
