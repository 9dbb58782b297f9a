import { z } from "zod";
import type { Checkpoint, Input, InputContext, RawRecord } from "../../inputs/types.js";
import { validate } from "../../model/index.js";
import { apiKeyAuth, createApiClient, parseSince, pollLoop, PullOptions, readCursor, resolveSecret, Secret, walkPages, type HttpClient, type Page } from "../_pull/index.js";
import { CONNECTOR } from "./parse.js";
import { SpendLogsPage } from "./schema.js";

export const SpendLogOptions = PullOptions.extend({
  /** The LiteLLM proxy's URL, e.g. `https://litellm.internal:4000`. */
  baseUrl: z.url(),
  /** A master or admin key allowed to read `/spend/logs/v2`. */
  apiKey: Secret,
  pageSize: z.number().int().min(1).max(1000).default(100),
  /** Width of each listing window. */
  windowMinutes: z.number().int().positive().default(60),
  /** Leave the newest minutes for the next poll: a call's spend log is written after it ends. */
  settleMinutes: z.number().int().nonnegative().default(2),
});
export type SpendLogOptions = z.infer<typeof SpendLogOptions>;

/** The window being listed (epoch ms, both ends inclusive as LiteLLM filters them) and the page and item reached. */
const Cursor = z.object({ windowStart: z.number(), windowEnd: z.number(), page: z.string().nullable(), index: z.number().int() });
type Cursor = z.infer<typeof Cursor>;
const KEY = "cursor";

/** `YYYY-MM-DD HH:MM:SS` in UTC: the form `/spend/logs/v2` parses (spend_management_endpoints.py). */
export function spendLogTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

export function createSpendLogPuller(options: unknown, _ctx: InputContext): Input {
  const checked = validate(SpendLogOptions, options, `${CONNECTOR} options`);
  return { kind: "pull", read: (from, ctx) => readSpendLogs(checked, from, ctx) };
}

/**
 * Backfills and follows LiteLLM spend logs window by window, oldest first. A window ends where the
 * next begins: LiteLLM's bounds are inclusive, so a call at exactly that instant is read twice and
 * written once (its id is deterministic).
 */
async function* readSpendLogs(options: SpendLogOptions, from: Checkpoint, ctx: InputContext): AsyncGenerator<RawRecord> {
  const http = createApiClient(options, ctx, {
    baseUrl: options.baseUrl,
    auth: apiKeyAuth("Authorization", resolveSecret(options.apiKey, `${CONNECTOR} apiKey`), "Bearer "),
  });
  const windowMs = options.windowMinutes * 60_000;
  const start = parseSince(options.since ?? "1d")!;
  let cursor: Cursor = readCursor(from, KEY, Cursor) ?? { windowStart: start, windowEnd: start, page: null, index: -1 };

  yield* pollLoop({ ...options, signal: ctx.signal, logger: ctx.logger }, async function* () {
    const horizon = Date.now() - options.settleMinutes * 60_000;
    while (cursor.windowStart < horizon && !ctx.signal.aborted) {
      // A resumed window keeps the bounds it was listed with, so its pages still match.
      const windowEnd = cursor.windowEnd > cursor.windowStart ? cursor.windowEnd : Math.min(cursor.windowStart + windowMs, horizon);
      const window = { ...cursor, windowEnd };
      for await (const { item, at } of walkPages(listing(http, options, window), { page: window.page, index: window.index })) {
        cursor = { ...window, page: at.page, index: at.index };
        yield { data: item, position: { key: KEY, value: cursor }, origin: `GET /spend/logs/v2 ${spendLogTime(window.windowStart)} page ${at.page ?? "1"}#${at.index}`, bytes: JSON.stringify(item).length };
      }
      cursor = { windowStart: windowEnd, windowEnd, page: null, index: -1 };
      // Commit the end of the window even when it held nothing.
      yield { data: undefined, position: { key: KEY, value: cursor }, origin: `window ${new Date(windowEnd).toISOString()}`, bytes: 0 };
    }
  });
}

function listing(http: HttpClient, options: SpendLogOptions, window: Cursor) {
  return async (page: string | null): Promise<Page<unknown>> => {
    const number = page === null ? 1 : Number(page);
    const { data } = await http.getJson(
      "spend/logs/v2",
      {
        start_date: spendLogTime(window.windowStart),
        end_date: spendLogTime(window.windowEnd),
        page: number,
        page_size: options.pageSize,
        sort_by: "startTime",
        sort_order: "asc",
      },
      SpendLogsPage,
      "spend logs page",
    );
    return { items: data.data, next: number < data.total_pages ? String(number + 1) : undefined };
  };
}
