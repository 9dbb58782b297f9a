import { z } from "zod";

const text = z.string().nullish();

/** Compliance API conversation (list entry): times are Unix seconds. */
export const Conversation = z.looseObject({
  id: z.string().min(1),
  workspace_id: text,
  user_id: text,
  user_email: text,
  created_at: z.number(),
  last_active_at: z.number().nullish(),
  title: text,
});
export type Conversation = z.infer<typeof Conversation>;

export const ChatGptMessage = z.looseObject({
  id: z.string().min(1),
  parent_id: text,
  created_at: z.number(),
  author: z.looseObject({ role: z.string().min(1), tool_name: text }),
  /** `{type: "text", parts: [...]}`; other content types carry their own fields. */
  content: z.looseObject({ type: text, parts: z.array(z.unknown()).nullish(), text: text }).nullish(),
  files: z.array(z.unknown()).nullish(),
  gpt_id: text,
  project_id: text,
});

/** What the puller yields: a conversation with all its messages. */
export const ConversationRecord = z.object({ conversation: Conversation, messages: z.array(ChatGptMessage) });

/** The Compliance API's list envelope. */
export const ListPage = z.looseObject({ data: z.array(z.unknown()), has_more: z.boolean(), last_id: text });
