/**
 * ChatGPT Enterprise Compliance API emulator: conversations of a workspace filtered by
 * `since_timestamp` (inclusive, on last activity), `limit` and `after` (the previous page's
 * `last_id`), and each conversation's messages with the same paging; Bearer API key.
 */
import { after, Emulator, type Request, type Reply } from "../_support/server.js";

export interface ConversationData {
  id: string;
  user_id: string;
  user_email: string;
  created_at: number;
  last_active_at: number;
  title: string;
  messages: { id: string; created_at: number; [key: string]: unknown }[];
}

export class ChatGptEmulator extends Emulator {
  readonly conversations: ConversationData[] = [];
  /** Raw entries listed as they are (malformed items). */
  readonly extraListItems: unknown[] = [];

  constructor(
    readonly workspace = "ws-1",
    readonly apiKey = "test-key",
  ) {
    super((request) => this.route(request));
  }

  private route(request: Request): Reply {
    if (request.headers.authorization !== `Bearer ${this.apiKey}`) return { status: 401, body: { error: { type: "invalid_request_error", message: "Invalid API key" } } };
    const prefix = `/v1/compliance/workspaces/${this.workspace}/`;
    if (!request.url.pathname.startsWith(prefix)) return { status: 404, body: { error: { message: "not found" } } };
    const path = request.url.pathname.slice(prefix.length);
    const q = request.url.searchParams;
    const limit = Number(q.get("limit") ?? 20);
    if (path === "conversations") {
      const since = Number(q.get("since_timestamp") ?? 0);
      const listed = [
        ...this.conversations.filter((c) => c.last_active_at >= since).map(({ messages: _m, ...c }) => ({ object: "compliance.workspace.conversation", ...c })),
        ...(this.extraListItems as { id: string; last_active_at: number }[]),
      ].sort((a, b) => a.last_active_at - b.last_active_at || String(a.id).localeCompare(String(b.id)));
      return list(after(listed, q.get("after")), limit);
    }
    const messages = /^conversations\/([^/]+)\/messages$/.exec(path);
    if (messages) {
      const conversation = this.conversations.find((c) => c.id === decodeURIComponent(messages[1]!));
      if (!conversation) return { status: 404, body: { error: { message: "conversation not found" } } };
      return list(after(conversation.messages, q.get("after")), limit);
    }
    return { status: 404, body: { error: { message: `no route ${path}` } } };
  }
}

function list(items: { id: string }[], limit: number): Reply {
  const data = items.slice(0, limit);
  return { status: 200, body: { object: "list", data, has_more: items.length > limit, last_id: data.at(-1)?.id ?? null } };
}
