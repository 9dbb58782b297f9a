import { z } from "zod";
import type { Checkpoint, Input, InputContext, RawRecord } from "../../inputs/types.js";
import { validate } from "../../model/index.js";
import {
  apiKeyAuth,
  createApiClient,
  firstWatermarkCursor,
  parseSince,
  pollLoop,
  PullOptions,
  readCursor,
  resolveSecret,
  Secret,
  timeProgress,
  watermarkPass,
  withMessages,
  WatermarkCursor,
} from "../_pull/index.js";
import { CONNECTOR } from "./parse.js";
import { Conversation, ListPage } from "./schema.js";

export const ChatGptOptions = PullOptions.extend({
  /** The Compliance API key a workspace owner created for the workspace. */
  apiKey: Secret,
  workspaceId: z.string().min(1),
  /** `limit` per page. */
  pageSize: z.number().int().positive().max(200).default(100),
});
export type ChatGptOptions = z.infer<typeof ChatGptOptions>;

const DEFAULT_BASE_URL = "https://api.chatgpt.com/v1/compliance";
const KEY = "conversations";

export function createChatGptPuller(options: Partial<ChatGptOptions>, _ctx: InputContext): Input {
  const checked = validate(ChatGptOptions, options, `${CONNECTOR} options`);
  return { kind: "pull", read: (from, ctx) => readConversations(checked, from, ctx) };
}

async function* readConversations(options: ChatGptOptions, from: Checkpoint, ctx: InputContext): AsyncGenerator<RawRecord> {
  const http = createApiClient(options, ctx, {
    baseUrl: `${(options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/$/, "")}/workspaces/${encodeURIComponent(options.workspaceId)}/`,
    auth: apiKeyAuth("Authorization", resolveSecret(options.apiKey, "apiKey"), "Bearer "),
  });
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
