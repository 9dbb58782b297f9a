import { z } from "zod";

const text = z.string().nullish();
const time = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "not an RFC 3339 time");

/** Activity Feed entry: who did what, when; resource ids (`claude_chat_id`, ...) sit at the top level. */
export const Activity = z.looseObject({
  id: z.string().min(1),
  created_at: time,
  type: z.string().min(1),
  organization_id: text,
  organization_uuid: text,
  actor: z.looseObject({ type: text, email_address: text, user_id: text, ip_address: text, user_agent: text }).nullish(),
});

export const Chat = z.looseObject({
  id: z.string().min(1),
  name: text,
  model: text,
  created_at: time,
  updated_at: time.nullish(),
  deleted_at: text,
  organization_id: text,
  project_id: text,
  user: z.looseObject({ id: text, email_address: text }).nullish(),
});

export const ChatMessage = z.looseObject({
  id: z.string().min(1),
  role: z.string().min(1),
  created_at: time,
  content: z.array(z.looseObject({ type: z.string(), text: text })).nullish(),
  files: z.array(z.unknown()).nullish(),
  artifacts: z.array(z.unknown()).nullish(),
  generated_files: z.array(z.unknown()).nullish(),
});

/** What the chat stream yields: a chat with all its messages. */
export const ChatRecord = z.object({ chat: Chat, messages: z.array(ChatMessage) });

export const ListPage = z.looseObject({ data: z.array(z.unknown()), has_more: z.boolean(), first_id: text, last_id: text });
