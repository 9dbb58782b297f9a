import { z } from "zod";
import type { Checkpoint, Input, InputContext, RawRecord } from "../../inputs/types.js";
import {
  createApiClient,
  entraAuth,
  EntraOptions,
  HttpError,
  parseSince,
  pollLoop,
  PullOptions,
  readCursor,
  walkPages,
  type HttpClient,
  type Page,
} from "../_pull/index.js";
import { validate } from "../../model/index.js";
import { CONNECTOR } from "./parse.js";
import { ContentBlob, Subscription } from "./schema.js";

/** The API lists content for the last 7 days only, and at most 24 hours per request (Management Activity API reference). */
const AVAILABILITY_MS = 7 * 24 * 3_600_000;
const MAX_WINDOW_MINUTES = 24 * 60;
/** Start a little inside the 7 days so a request is not refused (AF20030) for being a moment too old. */
const AVAILABILITY_MARGIN_MS = 10 * 60_000;

export const AuditOptions = PullOptions.extend(EntraOptions.shape).extend({
  /** `https://manage.office.com`; GCC `https://manage-gcc.office.com`, GCC High `https://manage.office365.us`, DoD `https://manage.protection.apps.mil`. */
  resource: z.url().default("https://manage.office.com"),
  contentType: z.string().default("Audit.General"),
  /** Sent as `PublisherIdentifier` so the tenant's own throttling quota applies. */
  publisherIdentifier: z.string().optional(),
  /** Width of each listing window (at most 24 h). */
  windowMinutes: z.number().int().positive().max(MAX_WINDOW_MINUTES).default(60),
  /** Leave the newest minutes for the next poll: content appears in the listing with some delay. */
  settleMinutes: z.number().int().nonnegative().default(5),
  /** Start the subscription when it is not enabled (needs no extra permission). */
  startSubscription: z.boolean().default(true),
});
export type AuditOptions = z.infer<typeof AuditOptions>;

/** Where the read stands: the window being listed, the listing page, the blob on it and the record in the blob. */
const Cursor = z.object({
  windowStart: z.number(),
  windowEnd: z.number(),
  page: z.string().nullable(),
  index: z.number().int(),
  item: z.number().int(),
});
type Cursor = z.infer<typeof Cursor>;
const KEY = "cursor";

const isCopilotRecord = (r: unknown): boolean =>
  typeof r !== "object" || r === null || (r as { Operation?: unknown }).Operation === "CopilotInteraction" || (r as { RecordType?: unknown }).RecordType === 261;

export function createAuditPuller(options: Partial<AuditOptions>, _ctx: InputContext): Input {
  const checked = validate(AuditOptions, options, `${CONNECTOR} options`);
  return { kind: "pull", read: (from, ctx) => readAudit(checked, from, ctx) };
}

async function* readAudit(options: AuditOptions, from: Checkpoint, ctx: InputContext): AsyncGenerator<RawRecord> {
  const resource = options.baseUrl ?? options.resource;
  const http = createApiClient(options, ctx, {
    baseUrl: `${resource.replace(/\/$/, "")}/api/v1.0/${encodeURIComponent(options.tenantId)}/activity/feed/`,
    auth: entraAuth(options, ctx, options.resource),
  });
  const windowMs = options.windowMinutes * 60_000;
  const stored = readCursor(from, KEY, Cursor);
  const firstStart = stored?.windowStart ?? parseSince(options.since ?? "1d")!;
  let cursor: Cursor = stored ?? { windowStart: firstStart, windowEnd: firstStart, page: null, index: -1, item: -1 };
  let subscribed = false;

  yield* pollLoop({ ...options, signal: ctx.signal, logger: ctx.logger }, async function* () {
    if (!subscribed) subscribed = await ensureSubscription(http, options, ctx);
    cursor = clampToAvailability(cursor, ctx);
    const horizon = Date.now() - options.settleMinutes * 60_000;
    const total = Math.max(1, Math.ceil((horizon - cursor.windowStart) / windowMs));
    let done = 0;
    while (cursor.windowStart < horizon && !ctx.signal.aborted) {
      // A resumed window keeps the bounds it was listed with, so its pages and indexes still match.
      const inWindow = cursor.windowEnd > cursor.windowStart;
      const windowEnd = inWindow ? cursor.windowEnd : Math.min(cursor.windowStart + windowMs, horizon);
      const window = { ...cursor, windowEnd };
      for await (const record of readWindow(http, options, window, ctx)) {
        cursor = record.position.value as Cursor;
        yield record;
      }
      cursor = { windowStart: windowEnd, windowEnd, page: null, index: -1, item: -1 };
      // Commit the end of the window even when it held nothing for us.
      yield { data: undefined, position: { key: KEY, value: cursor }, origin: `window ${new Date(windowEnd).toISOString()}`, bytes: 0 };
      ctx.progress?.(++done, total);
    }
  });
}

async function* readWindow(http: HttpClient, options: AuditOptions, window: Cursor, ctx: InputContext): AsyncGenerator<RawRecord> {
  const listing = async (page: string | null): Promise<Page<unknown>> => {
    const { data, headers } = page
      ? await http.getJson(page, {}, z.array(z.unknown()), "content listing")
      : await http.getJson(
          "subscriptions/content",
          {
            contentType: options.contentType,
            startTime: formatTime(window.windowStart),
            endTime: formatTime(window.windowEnd),
            PublisherIdentifier: options.publisherIdentifier,
          },
          z.array(z.unknown()),
          "content listing",
        );
    return { items: data, next: headers.nextpageuri || undefined };
  };
  const resumeBlob = window.index >= 0 && window.item >= 0;
  const start = { page: window.page, index: resumeBlob ? window.index - 1 : window.index };
  for await (const { item, at } of walkPages(listing, start)) {
    const blob = ContentBlob.safeParse(item);
    const position = (record: number): Cursor => ({ windowStart: window.windowStart, windowEnd: window.windowEnd, page: at.page, index: at.index, item: record });
    if (!blob.success) {
      ctx.deadLetter?.(`content listing entry without contentUri/contentId: ${blob.error.issues[0]?.message ?? "invalid"}`, item, `content listing ${at.page ?? "first page"}#${at.index}`);
      yield { data: undefined, position: { key: KEY, value: position(Number.MAX_SAFE_INTEGER) }, origin: "content listing", bytes: 0 };
      continue;
    }
    const skipThrough = resumeBlob && at.page === window.page && at.index === window.index ? window.item : -1;
    let records: unknown[];
    try {
      records = (await http.getJson(blob.data.contentUri, {}, z.array(z.unknown()), "content blob")).data;
    } catch (error) {
      // AF20051 (expired) / AF20050 (gone): the blob cannot be read again; keep its reference and go on.
      if (!(error instanceof HttpError) || error.status === undefined || error.status >= 500 || error.status === 429) throw error;
      ctx.deadLetter?.(error.message, item, blob.data.contentId);
      yield { data: undefined, position: { key: KEY, value: position(Number.MAX_SAFE_INTEGER) }, origin: blob.data.contentId, bytes: 0 };
      continue;
    }
    for (let i = skipThrough + 1; i < records.length; i += 1) {
      if (!isCopilotRecord(records[i])) continue;
      yield { data: records[i], position: { key: KEY, value: position(i) }, origin: `${blob.data.contentId}#${i}`, bytes: JSON.stringify(records[i]).length };
    }
  }
}

/** Lists subscriptions and starts the content type's when it is not enabled; returns whether it is. */
async function ensureSubscription(http: HttpClient, options: AuditOptions, ctx: InputContext): Promise<boolean> {
  const query = { PublisherIdentifier: options.publisherIdentifier };
  const { data } = await http.getJson("subscriptions/list", query, z.array(Subscription), "subscription list");
  if (data.some((s) => s.contentType === options.contentType && s.status === "enabled")) return true;
  if (!options.startSubscription) throw new Error(`no enabled ${options.contentType} subscription and startSubscription is off`);
  await http.post("subscriptions/start", { contentType: options.contentType, ...query }, {}, z.unknown(), "subscription start");
  ctx.logger.info({ contentType: options.contentType }, "started the Management Activity API subscription (content can take up to 12 hours to appear)");
  return true;
}

/** Content older than 7 days cannot be listed: start inside the window and say what may be missing. */
function clampToAvailability(cursor: Cursor, ctx: InputContext): Cursor {
  const earliest = Date.now() - AVAILABILITY_MS + AVAILABILITY_MARGIN_MS;
  if (cursor.windowStart >= earliest) return cursor;
  ctx.logger.warn(
    { from: new Date(cursor.windowStart).toISOString(), availableFrom: new Date(earliest).toISOString() },
    "the position is older than the Management Activity API's 7-day availability: content before availableFrom cannot be listed any more and may have been missed",
  );
  return { windowStart: earliest, windowEnd: earliest, page: null, index: -1, item: -1 };
}

/** `YYYY-MM-DDTHH:MM:SS` in UTC, the form the API documents. */
function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
