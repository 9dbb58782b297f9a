import { validate, type Interaction, type Role } from "../../model/index.js";
import { defined, exchangesToInteractions, groupExchanges, isoTime, type TranscriptMessage } from "../_pull/index.js";
import { ConversationRecord } from "./schema.js";

export const CONNECTOR = "chatgpt-enterprise";
export const PRODUCT = "ChatGPT Enterprise";
export const VENDOR = "OpenAI";

const ROLES: Record<string, Role> = { user: "user", assistant: "assistant", tool: "tool", system: "system" };

/**
 * A conversation with its messages (Compliance API) → one Interaction per exchange (a user
 * prompt and the answers to it). Ids come from conversation and message ids, so a conversation
 * read again after it grew yields the same ids for the exchanges already written.
 */
export function parseConversation(raw: unknown): Interaction[] {
  const { conversation, messages } = validate(ConversationRecord, raw, "ChatGPT conversation record");
  const transcript: TranscriptMessage[] = messages.map((m) => {
    const parts = (m.content?.parts ?? []).filter((p): p is string => typeof p === "string");
    return {
      id: m.id,
      role: ROLES[m.author.role] ?? "tool",
      content: parts.length > 0 ? parts.join("\n") : (m.content?.text ?? ""),
      createdAt: isoTime(m.created_at)!,
      name: m.author.tool_name ?? undefined,
      raw: m,
    };
  });
  const email = conversation.user_email ?? undefined;
  const gpt = messages.find((m) => m.gpt_id)?.gpt_id;
  const project = messages.find((m) => m.project_id)?.project_id;
  return exchangesToInteractions(
    {
      connector: CONNECTOR,
      vendor: VENDOR,
      product: PRODUCT,
      conversationId: conversation.id,
      shared: {
        user: defined({ id: conversation.user_id ?? undefined, email, name: email, domain: email?.split("@")[1] }),
        app: defined({ name: "ChatGPT Enterprise", id: gpt ?? undefined }),
        organization: conversation.workspace_id ? { id: conversation.workspace_id } : undefined,
        labels: defined({ title: conversation.title ?? undefined, gptId: gpt ?? undefined, projectId: project ?? undefined }),
      },
      meta: conversation,
    },
    groupExchanges(transcript),
  );
}
