import { z } from "zod";
import type { Checkpoint, Input, InputContext, RawRecord } from "../../inputs/types.js";
import { validate } from "../../model/index.js";
import {
  firstWatermarkCursor,
  EntraOptions,
  HttpError,
  parseSince,
  pollLoop,
  PullOptions,
  readCursor,
  START,
  walkPages,
  watermarkPass,
  WatermarkCursor,
  type HttpClient,
  type Page,
} from "../_pull/index.js";
import { graphClient, GraphOptions } from "./options.js";
import { CONNECTOR } from "./parse.js";
import { GraphPage, GraphUser } from "./schema.js";
import { createSubscriptionInput } from "./subscription/manager.js";

/** Which users' histories to read; the API has no tenant-wide listing (one request stream per user). */
const Users = z.union([
  z.object({ ids: z.array(z.string().min(1)).min(1) }).strict(),
  z.object({ groupId: z.string().min(1) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export const TranscriptOptions = PullOptions.extend(EntraOptions.shape).extend(GraphOptions.shape).extend({
  users: Users,
  /** `$top` per page (Microsoft recommends at most 100). */
  pageSize: z.number().int().positive().max(100).default(100),
});
export type TranscriptOptions = z.infer<typeof TranscriptOptions>;

const keyOf = (userId: string) => `user:${userId}`;

/**
 * The source's pull input: with `subscription` in its options it keeps the Graph subscription for
 * push notifications alive instead of reading the interaction history.
 */
export function createTranscriptPuller(options: Partial<TranscriptOptions> & { subscription?: unknown }, ctx: InputContext): Input {
  if (options.subscription !== undefined) return createSubscriptionInput(options, ctx);
  const checked = validate(TranscriptOptions, options, `${CONNECTOR} options`);
  return { kind: "pull", read: (from, ctx) => readTranscripts(checked, from, ctx) };
}

async function* readTranscripts(options: TranscriptOptions, from: Checkpoint, ctx: InputContext): AsyncGenerator<RawRecord> {
  const http = graphClient(options, ctx);
  const start = options.since ? parseSince(options.since)! : null;
  const cursors = new Map<string, WatermarkCursor>();
  const cursorOf = (userId: string): WatermarkCursor => cursors.get(userId) ?? readCursor(from, keyOf(userId), WatermarkCursor) ?? firstWatermarkCursor(start);

  yield* pollLoop({ ...options, signal: ctx.signal, logger: ctx.logger }, async function* () {
    const users = await listUsers(http, options);
    for (const [done, user] of users.entries()) {
      if (ctx.signal.aborted) return;
      try {
        for await (const record of readUser(http, options, user, cursorOf(user.id))) {
          cursors.set(user.id, record.position.value as WatermarkCursor);
          yield record;
        }
      } catch (error) {
        // A user without a Copilot licence (or gone) answers 4xx: the others are still read.
        if (!(error instanceof HttpError) || error.status === undefined || error.status >= 500 || error.status === 429 || error.status === 401) throw error;
        ctx.logger.warn({ user: user.id, err: error.message }, "cannot read this user's Copilot interaction history; skipped");
      }
      ctx.progress?.(done + 1, users.length);
    }
  });
}

function readUser(http: HttpClient, options: TranscriptOptions, user: { id: string; userPrincipalName?: string | null }, cursor: WatermarkCursor): AsyncGenerator<RawRecord> {
  const key = keyOf(user.id);
  return watermarkPass({
    key,
    cursor,
    async fetchPage(page, since) {
      const filter = since === null ? undefined : `createdDateTime ge ${new Date(since).toISOString()}`;
      const { data } = page
        ? await http.getJson(page, {}, GraphPage, "interaction history page")
        : await http.getJson(`copilot/users/${encodeURIComponent(user.id)}/interactionHistory/getAllEnterpriseInteractions`, { $top: options.pageSize, $filter: filter }, GraphPage, "interaction history page");
      return { items: data.value, next: data["@odata.nextLink"] ?? undefined };
    },
    stamp: (item) => {
      const { id, createdDateTime } = (item ?? {}) as { id?: unknown; createdDateTime?: unknown };
      return { id: typeof id === "string" ? id : undefined, at: Date.parse(String(createdDateTime)) };
    },
    toRecord: async (item, at) => ({ data: { user: { id: user.id, userPrincipalName: user.userPrincipalName ?? null }, interaction: item }, origin: `${key} ${at.page ?? "first page"}#${at.index}` }),
  });
}

/** The configured ids, a group's (transitive) user members, or every user in the tenant. */
async function listUsers(http: HttpClient, options: TranscriptOptions): Promise<{ id: string; userPrincipalName?: string | null }[]> {
  if ("ids" in options.users) return options.users.ids.map((id) => ({ id }));
  const path = "groupId" in options.users ? `groups/${encodeURIComponent(options.users.groupId)}/transitiveMembers/microsoft.graph.user` : "users";
  const users: { id: string; userPrincipalName?: string | null }[] = [];
  const fetchPage = async (page: string | null): Promise<Page<unknown>> => {
    const { data } = await http.getJson(page ?? path, page ? {} : { $select: "id,userPrincipalName", $top: 999 }, GraphPage, "user list page");
    return { items: data.value, next: data["@odata.nextLink"] ?? undefined };
  };
  for await (const { item } of walkPages(fetchPage, START)) {
    const user = GraphUser.safeParse(item);
    if (user.success) users.push(user.data);
  }
  return users;
}
