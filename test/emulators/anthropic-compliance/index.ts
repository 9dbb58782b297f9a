/**
 * Anthropic Compliance API emulator: the Activity Feed (newest first; `after_id` pages to older
 * entries, `before_id` to newer ones, `first_id`/`last_id`/`has_more`), chats ordered by
 * `updated_at` with `after_id` and `updated_at.gte`, and each chat's messages; `x-api-key` and
 * `anthropic-version` headers.
 */
import { after, Emulator, type Request, type Reply } from "../_support/server.js";

export interface ActivityData {
  id: string;
  created_at: string;
  type: string;
  [key: string]: unknown;
}

export interface ChatData {
  id: string;
  created_at: string;
  updated_at: string;
  messages: { id: string; created_at: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

export class AnthropicEmulator extends Emulator {
  /** Kept in creation order; served newest first. */
  readonly activities: ActivityData[] = [];
  readonly chats: ChatData[] = [];

  constructor(readonly apiKey = "test-key") {
    super((request) => this.route(request));
  }

  private route(request: Request): Reply {
    if (request.headers["x-api-key"] !== this.apiKey) return { status: 401, body: { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } } };
    if (!request.headers["anthropic-version"]) return { status: 400, body: { type: "error", error: { type: "invalid_request_error", message: "anthropic-version header is required" } } };
    const path = request.url.pathname.replace(/^\/v1\/compliance\//, "");
    const q = request.url.searchParams;
    const limit = Number(q.get("limit") ?? 100);
    if (path === "activities") {
      const newestFirst = [...this.activities].reverse();
      const before = q.get("before_id");
      if (before) {
        const at = newestFirst.findIndex((a) => a.id === before);
        const newer = at < 0 ? [] : newestFirst.slice(0, at);
        return list(newer.slice(Math.max(0, newer.length - limit)), newer.length > limit);
      }
      const older = after(newestFirst, q.get("after_id"));
      return list(older.slice(0, limit), older.length > limit);
    }
    if (path === "apps/chats") {
      if (q.get("order_by") !== "updated_at") return { status: 400, body: { type: "error", error: { type: "invalid_request_error", message: "emulator supports order_by=updated_at only" } } };
      const gte = Date.parse(q.get("updated_at.gte") ?? "1970-01-01T00:00:00Z");
      const ordered = this.chats
        .filter((c) => Date.parse(c.updated_at) >= gte)
        .map(({ messages: _m, ...c }) => c as { id: string; updated_at: string })
        .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id.localeCompare(b.id));
      const rest = after(ordered, q.get("after_id"));
      return list(rest.slice(0, limit), rest.length > limit);
    }
    const messages = /^apps\/chats\/([^/]+)\/messages$/.exec(path);
    if (messages) {
      const chat = this.chats.find((c) => c.id === decodeURIComponent(messages[1]!));
      if (!chat) return { status: 404, body: { type: "error", error: { type: "not_found_error", message: "chat not found" } } };
      const rest = after(chat.messages, q.get("after_id"));
      return list(rest.slice(0, limit), rest.length > limit);
    }
    return { status: 404, body: { type: "error", error: { type: "not_found_error", message: `no route ${path}` } } };
  }
}

function list(data: { id: string }[], hasMore: boolean): Reply {
  return { status: 200, body: { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null } };
}
