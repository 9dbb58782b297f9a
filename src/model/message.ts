import { z } from "zod";

export const Role = z.enum(["system", "user", "assistant", "tool"]);
export type Role = z.infer<typeof Role>;

export const ToolCall = z.object({
  id: z.string().optional(),
  name: z.string(),
  arguments: z.string().optional(),
});
export type ToolCall = z.infer<typeof ToolCall>;

export const Message = z.object({
  role: Role,
  content: z.string(),
  name: z.string().optional(),
  toolCalls: z.array(ToolCall).optional(),
  toolCallId: z.string().optional(),
  /** Vendor flags on the message, e.g. Copilot's `isPrompt`, `JailbreakDetected`. */
  flags: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type Message = z.infer<typeof Message>;

/** One side of an exchange: the messages as sent, and the text that is judged (the last user turn, or the answer). */
export const Turn = z.object({
  text: z.string().default(""),
  messages: z.array(Message).default([]),
  finishReasons: z.array(z.string()).optional(),
});
export type Turn = z.infer<typeof Turn>;
