/**
 * ChatGPT Enterprise Compliance API emulator: conversations of a workspace filtered by
 * `since_timestamp` (inclusive, on last activity), `limit` and `after` (the previous page's
 * `last_id`), and each conversation's messages with the same paging; Bearer API key.
 * Compliance Logs Platform of the workspace or an organization: `logs?event_type=&after=&limit=`
 * lists the files of that type ending strictly after `after`, oldest first, with `has_more` and
 * `last_end_time`; `logs/{id}` answers the JSONL file, or a redirect to a storage URL.
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

export interface LogFileData {
  id: string;
  event_type: string;
  /** ISO 8601. */
  end_time: string;
  /** The file's content, one JSONL line each (malformed ones included as they are). */
  lines: string[];
}

const STORAGE = "/storage/";

export class ChatGptEmulator extends Emulator {
  readonly conversations: ConversationData[] = [];
  /** Raw entries listed as they are (malformed items). */
  readonly extraListItems: unknown[] = [];
  readonly logFiles: LogFileData[] = [];
  /** Answer downloads with a 302 to a storage URL instead of the content. */
  redirectDownloads = false;

  constructor(
    readonly workspace = "ws-1",
    readonly apiKey = "test-key",
    readonly organization = "org-test",
  ) {
    super((request) => this.route(request));
  }

  private route(request: Request): Reply {
    if (request.url.pathname.startsWith(STORAGE)) return this.storage(request.url);
    if (request.headers.authorization !== `Bearer ${this.apiKey}`) return { status: 401, body: { error: { type: "invalid_request_error", message: "Invalid API key" } } };
    const prefix = [`/v1/compliance/workspaces/${this.workspace}/`, `/v1/compliance/organizations/${this.organization}/`].find((p) => request.url.pathname.startsWith(p));
    if (!prefix) return { status: 404, body: { error: { message: "not found" } } };
    const path = request.url.pathname.slice(prefix.length);
    const q = request.url.searchParams;
    const limit = Number(q.get("limit") ?? 20);
    if (path === "logs") return this.listLogs(q, limit);
    const download = /^logs\/([^/]+)$/.exec(path);
    if (download) return this.download(decodeURIComponent(download[1]!));
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

  private listLogs(q: URLSearchParams, limit: number): Reply {
    const eventType = q.get("event_type");
    const after = Date.parse(q.get("after") ?? "");
    if (!eventType || Number.isNaN(after)) return { status: 400, body: { error: { type: "invalid_request_error", message: "event_type and after (ISO 8601) are required" } } };
    const files = this.logFiles
      .filter((f) => f.event_type === eventType && Date.parse(f.end_time) > after)
      .sort((a, b) => Date.parse(a.end_time) - Date.parse(b.end_time) || a.id.localeCompare(b.id));
    const data = files.slice(0, limit).map(({ lines: _lines, ...meta }) => ({ object: "compliance.log_file", ...meta }));
    return { status: 200, body: { object: "list", data, has_more: files.length > limit, last_end_time: files[Math.min(limit, files.length) - 1]?.end_time ?? null } };
  }

  private download(id: string): Reply {
    const file = this.logFiles.find((f) => f.id === id);
    if (!file) return { status: 404, body: { error: { message: `log file ${id} not found` } } };
    if (this.redirectDownloads) return { status: 302, headers: { location: `${this.url}${STORAGE}${encodeURIComponent(id)}?signature=emulated` } };
    return jsonl(file);
  }

  /** A signed storage URL: no credentials needed (that none are sent across origins is tested with nock). */
  private storage(url: URL): Reply {
    const file = this.logFiles.find((f) => f.id === decodeURIComponent(url.pathname.slice(STORAGE.length)));
    return file ? jsonl(file) : { status: 404, raw: "no such object" };
  }
}

const jsonl = (file: LogFileData): Reply => ({ status: 200, headers: { "content-type": "application/jsonl" }, raw: file.lines.map((l) => `${l}\n`).join("") });

function list(items: { id: string }[], limit: number): Reply {
  const data = items.slice(0, limit);
  return { status: 200, body: { object: "list", data, has_more: items.length > limit, last_id: data.at(-1)?.id ?? null } };
}
