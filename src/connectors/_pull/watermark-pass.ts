import { z } from "zod";
import type { RawRecord } from "../../inputs/types.js";
import { START, walkPages, type Page, type PagePosition } from "./pages.js";
import { advanceWatermark, alreadyRead, EMPTY_WATERMARK, type Watermark } from "./watermark.js";

/**
 * Cursor of a list read by "changed at or after" passes: the watermark of the finished passes,
 * and the page, item and newest timestamp of the pass in progress.
 */
export const WatermarkCursor = z.object({
  since: z.number().nullable(),
  sinceIds: z.array(z.string()),
  page: z.string().nullable(),
  index: z.number().int(),
  seen: z.object({ at: z.number().nullable(), ids: z.array(z.string()) }),
});
export type WatermarkCursor = z.infer<typeof WatermarkCursor>;

export const firstWatermarkCursor = (since: number | null): WatermarkCursor => ({ since, sinceIds: [], ...START, seen: EMPTY_WATERMARK });

export interface WatermarkPass {
  key: string;
  cursor: WatermarkCursor;
  /** Fetches a page: the first (cursor null) filtered by `since` (epoch ms, inclusive), the others by their cursor. */
  fetchPage(page: string | null, since: number | null): Promise<Page<unknown>>;
  /** The item's id and change time (epoch ms; NaN when it has none, and the parser will refuse it). */
  stamp(item: unknown): { id: string | undefined; at: number };
  /** The record to yield for an item (`data: undefined` when it was dead-lettered). */
  toRecord(item: unknown, at: PagePosition): Promise<Pick<RawRecord, "data" | "origin">>;
}

/**
 * One pass over everything changed since the watermark, resumable at any item. At the end it
 * yields a position-only record that moves the watermark to the newest change read, so the next
 * pass asks for less.
 */
export async function* watermarkPass(pass: WatermarkPass): AsyncGenerator<RawRecord> {
  const { key, cursor } = pass;
  const previous: Watermark = { at: cursor.since, ids: cursor.sinceIds };
  let seen: Watermark = cursor.seen;
  for await (const { item, at } of walkPages((page) => pass.fetchPage(page, cursor.since), { page: cursor.page, index: cursor.index })) {
    const { id, at: changed } = pass.stamp(item);
    if (id !== undefined) {
      // An inclusive filter lists again what was read at the watermark's own time: skip those.
      if (alreadyRead(previous, changed, id)) continue;
      seen = advanceWatermark(seen, changed, id);
    }
    const { data, origin } = await pass.toRecord(item, at);
    const position: WatermarkCursor = { ...cursor, page: at.page, index: at.index, seen };
    yield { data, origin, position: { key, value: position }, bytes: data === undefined ? 0 : JSON.stringify(data).length };
  }
  const next: WatermarkCursor = seen.at === null ? { ...cursor, ...START } : { since: seen.at, sinceIds: seen.ids, ...START, seen: EMPTY_WATERMARK };
  yield { data: undefined, position: { key, value: next }, origin: key, bytes: 0 };
}
