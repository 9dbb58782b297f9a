import { z } from "zod";
import type { Checkpoint, Input, InputContext, RawRecord } from "../../inputs/types.js";
import { validate, ValidationError } from "../../model/index.js";
import {
  firstWatermarkCursor,
  parseSince,
  pollLoop,
  PullOptions,
  readCursor,
  Secret,
  timeProgress,
  watermarkPass,
  withMessages,
  WatermarkCursor,
} from "../_pull/index.js";
import { complianceClient } from "./client.js";
import { readLogs } from "./logs-puller.js";
import { CONNECTOR } from "./parse.js";
import { Conversation, ListPage } from "./schema.js";

export const ChatGptOptions = PullOptions.extend({
  /** The Compliance API key a workspace owner created for the workspace. */
  apiKey: Secret,
  /** The workspace: required for conversations; for logs unless `organizationId` is given. */
  workspaceId: z.string().min(1).optional(),
  /** `conversations` (Compliance API transcripts) or `logs` (Compliance Logs Platform files). */
  stream: z.enum(["conversations", "logs"]).default("conversations"),
  /** Logs only: an API Platform organization (`org-…`) whose log files to read instead of a workspace's. */
  organizationId: z.string().min(1).optional(),
  /** Logs only: the event types to read, each with its own checkpoint. */
  eventTypes: z
    .array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, "expected an event type such as CODEX_LOG"))
    .min(1)
    .default(["CODEX_LOG", "CODEX_SECURITY_LOG", "AUTH_LOG"]),
  /** `limit` per page. */
  pageSize: z.number().int().positive().max(200).default(100),
});
export type ChatGptOptions = z.infer<typeof ChatGptOptions>;

const KEY = "conversations";

export function createChatGptPuller(options: Partial<ChatGptOptions>, _ctx: InputContext): Input {
  const checked = validate(ChatGptOptions, options, `${CONNECTOR} options`);
  const scope = scopePath(checked);
  return { kind: "pull", read: (from, ctx) => (checked.stream === "logs" ? readLogs : readConversations)(checked, scope, from, ctx) };
}

/** `workspaces/{id}` or, for logs, `organizations/{id}`: exactly one has to be given. */
function scopePath(options: ChatGptOptions): string {
  const { stream, workspaceId, organizationId } = options;
  const problem =
    stream === "conversations" && organizationId ? { path: "organizationId", message: "only the logs stream reads an organization; give workspaceId" }
    : workspaceId && organizationId ? { path: "organizationId", message: "give workspaceId or organizationId, not both" }
    : !workspaceId && !organizationId ? { path: "workspaceId", message: stream === "logs" ? "required (or organizationId)" : "required" }
    : undefined;
  if (problem) throw new ValidationError(`${CONNECTOR} options`, [problem]);
  return workspaceId ? `workspaces/${encodeURIComponent(workspaceId)}` : `organizations/${encodeURIComponent(organizationId!)}`;
}

async function* readConversations(options: ChatGptOptions, scope: string, from: Checkpoint, ctx: InputContext): AsyncGenerator<RawRecord> {
  const http = complianceClient(options, scope, ctx);
  const start = options.since ? parseSince(options.since)! : 0;
  let cursor = readCursor(from, KEY, WatermarkCursor) ?? firstWatermarkCursor(start);

  yield* pollLoop({ ...options, signal: ctx.signal, logger: ctx.logger }, async function* () {
    const progress = timeProgress(cursor.since ?? start, Date.now(), ctx.progress);
    for await (const record of watermarkPass({
      key: KEY,
      cursor,
      async fetchPage(page, since) {
        // since_timestamp is inclusive Unix seconds over last activity; `after` takes the previous page's last_id.
        const query = { since_timestamp: since === null ? undefined : Math.floor(since / 1000), limit: options.pageSize, after: page ?? undefined };
        const { data } = await http.getJson("conversations", query, ListPage, "conversation list page");
        return { items: data.data, next: data.has_more && data.last_id ? data.last_id : undefined };
      },
      stamp(item) {
        const c = (item ?? {}) as { id?: unknown; last_active_at?: unknown; created_at?: unknown };
        const seconds = typeof c.last_active_at === "number" ? c.last_active_at : c.created_at;
        return { id: typeof c.id === "string" ? c.id : undefined, at: typeof seconds === "number" ? seconds * 1000 : NaN };
      },
      toRecord: (item, at) =>
        withMessages({
          item,
          schema: Conversation,
          as: "conversation",
          origin: `conversations ${at.page ?? "first page"}#${at.index}`,
          ctx,
          async fetchPage(id, after) {
            const query = { limit: options.pageSize, after: after ?? undefined };
            const { data } = await http.getJson(`conversations/${encodeURIComponent(id)}/messages`, query, ListPage, "message list page");
            return { items: data.data, next: data.has_more && data.last_id ? data.last_id : undefined };
          },
        }),
    })) {
      cursor = record.position.value as WatermarkCursor;
      if (cursor.seen.at !== null) progress(cursor.seen.at);
      yield record;
    }
  });
}
