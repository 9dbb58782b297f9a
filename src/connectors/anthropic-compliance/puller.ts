import { z } from "zod";
import type { Checkpoint, Input, InputContext, RawRecord } from "../../inputs/types.js";
import { validate } from "../../model/index.js";
import {
  apiKeyAuth,
  createApiClient,
  parseSince,
  pollLoop,
  PullOptions,
  readCursor,
  resolveSecret,
  Secret,
  START,
  timeProgress,
  walkPages,
  withMessages,
  type HttpClient,
  type Page,
  type PagePosition,
} from "../_pull/index.js";
import { CONNECTOR } from "./parse.js";
import { Chat, ListPage } from "./schema.js";

export const AnthropicOptions = PullOptions.extend({
  /** Compliance Access Key (`read:compliance_activities`, and `read:compliance_user_data` for chats). */
  apiKey: Secret,
  /** Read the Activity Feed (auth, chat, file, project and admin events). */
  activities: z.boolean().default(true),
  /** Read chat transcripts (Claude Enterprise only). */
  chats: z.boolean().default(true),
  pageSize: z.number().int().positive().max(1000).default(100),
  anthropicVersion: z.string().default("2023-06-01"),
});
export type AnthropicOptions = z.infer<typeof AnthropicOptions>;

const DEFAULT_BASE_URL = "https://api.anthropic.com/v1/compliance";
const ActivityCursor = z.object({ before: z.string().nullable() });
const ChatCursor = z.object({ page: z.string().nullable(), index: z.number().int() });

export function createAnthropicPuller(options: Partial<AnthropicOptions>, _ctx: InputContext): Input {
  const checked = validate(AnthropicOptions, options, `${CONNECTOR} options`);
  return { kind: "pull", read: (from, ctx) => readCompliance(checked, from, ctx) };
}

async function* readCompliance(options: AnthropicOptions, from: Checkpoint, ctx: InputContext): AsyncGenerator<RawRecord> {
  const http = createApiClient(options, ctx, {
    baseUrl: `${(options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/$/, "")}/`,
    auth: apiKeyAuth("x-api-key", resolveSecret(options.apiKey, "apiKey")),
    headers: { "anthropic-version": options.anthropicVersion },
  });
  const since = options.since ? parseSince(options.since)! : 0;
  let activities = readCursor(from, "activities", ActivityCursor);
  let chats: PagePosition = readCursor(from, "chats", ChatCursor) ?? START;

  yield* pollLoop({ ...options, signal: ctx.signal, logger: ctx.logger }, async function* () {
    if (options.activities) {
      for await (const record of readActivities(http, options, activities, since, ctx)) {
        activities = record.position.value as z.infer<typeof ActivityCursor>;
        yield record;
      }
    }
    if (options.chats) {
      const progress = timeProgress(since, Date.now(), ctx.progress);
      for await (const record of readChats(http, options, chats, since, ctx)) {
        chats = record.position.value as PagePosition;
        const updated = (record.data as { chat?: { updated_at?: string } } | undefined)?.chat?.updated_at;
        if (updated) progress(Date.parse(updated));
        yield record;
      }
    }
  });
}

const list = async (http: HttpClient, path: string, query: Record<string, string | number | undefined>, what: string) =>
  (await http.getJson(path, query, ListPage, what)).data;

const activityRecord = (item: unknown, before: string | null): RawRecord => ({
  data: item,
  position: { key: "activities", value: { before } },
  origin: `activity ${before ?? ""}`,
  bytes: JSON.stringify(item).length,
});

/**
 * The Activity Feed is newest-first; `before_id` pages towards newer entries. The read goes
 * forward from the last entry read; the first time, it first pages back (`after_id`) to the
 * oldest entry at or after `since`.
 */
async function* readActivities(http: HttpClient, options: AnthropicOptions, cursor: { before: string | null } | undefined, since: number, ctx: InputContext): AsyncGenerator<RawRecord> {
  let before = cursor?.before ?? null;
  if (before === null) {
    const start = await findOldestSince(http, options, since);
    if (!start) return;
    if (start.yieldIt) yield activityRecord(start.item, start.id);
    else yield { data: undefined, position: { key: "activities", value: { before: start.id } }, origin: "activities", bytes: 0 };
    before = start.id;
  }
  for (;;) {
    if (ctx.signal.aborted) return;
    const page = await list(http, "activities", { before_id: before, limit: options.pageSize }, "activity page");
    const ascending = [...page.data].reverse();
    for (const item of ascending) {
      const id = (item as { id?: unknown })?.id;
      if (typeof id !== "string") {
        ctx.deadLetter?.("activity without an id", item, `activities before ${before}`);
        continue;
      }
      before = id;
      yield activityRecord(item, id);
    }
    if (!page.has_more || ascending.length === 0) return;
  }
}

/** The oldest entry created at or after `since` (to read first), or the newest entry when none is (to read after). */
async function findOldestSince(http: HttpClient, options: AnthropicOptions, since: number): Promise<{ id: string; item: unknown; yieldIt: boolean } | undefined> {
  let after: string | undefined;
  let oldest: { id: string; item: unknown } | undefined;
  let newest: string | undefined;
  for (;;) {
    const page = await list(http, "activities", { after_id: after, limit: options.pageSize }, "activity page");
    for (const item of page.data) {
      const { id, created_at } = (item ?? {}) as { id?: unknown; created_at?: unknown };
      if (typeof id !== "string") continue;
      newest ??= id;
      if (Date.parse(String(created_at)) < since) return oldest ? { ...oldest, yieldIt: true } : { id: newest, item, yieldIt: false };
      oldest = { id, item };
    }
    if (!page.has_more || !page.last_id) return oldest ? { ...oldest, yieldIt: true } : undefined;
    after = page.last_id;
  }
}

/** Chats in order of last update, organisation-wide, each with its messages; the `after_id` stream goes on across polls. */
function readChats(http: HttpClient, options: AnthropicOptions, from: PagePosition, since: number, ctx: InputContext): AsyncGenerator<RawRecord> {
  const fetchPage = async (after: string | null): Promise<Page<unknown>> => {
    const query = { order_by: "updated_at", "updated_at.gte": new Date(since).toISOString(), limit: options.pageSize, after_id: after ?? undefined };
    const page = await list(http, "apps/chats", query, "chat page");
    return { items: page.data, next: page.has_more && page.last_id ? page.last_id : undefined, tail: page.last_id ?? undefined };
  };
  return (async function* () {
    const pages = walkPages(fetchPage, from);
    for (;;) {
      const step = await pages.next();
      if (step.done) {
        yield { data: undefined, position: { key: "chats", value: step.value }, origin: "chats", bytes: 0 };
        return;
      }
      const { item, at } = step.value;
      const record = await withMessages({
        item,
        schema: Chat,
        as: "chat",
        origin: `chats ${at.page ?? "first page"}#${at.index}`,
        ctx,
        async fetchPage(id, after) {
          const page = await list(http, `apps/chats/${encodeURIComponent(id)}/messages`, { limit: options.pageSize, after_id: after ?? undefined }, "message page");
          return { items: page.data, next: page.has_more && page.last_id ? page.last_id : undefined };
        },
      });
      yield { ...record, position: { key: "chats", value: at }, bytes: record.data === undefined ? 0 : JSON.stringify(record.data).length };
    }
  })();
}
