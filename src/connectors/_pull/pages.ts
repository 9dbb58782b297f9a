import type { Json } from "../../inputs/types.js";

/** One page of a cursor-paged list, its items in the order they are to be read. */
export interface Page<T> {
  items: T[];
  /** Cursor of the page after this one; undefined on the last page. */
  next?: string;
  /**
   * On the last page, a cursor that reads only what comes after it (an API's `last_id`), for
   * lists where items move to the end when they change: the next poll starts there instead of
   * re-reading this page.
   */
  tail?: string;
}

/**
 * Where a paged read stands: the cursor the current page was fetched with (null for the first
 * page) and the index of the last item done on it (-1 when none). Stored in checkpoints.
 */
export interface PagePosition {
  page: string | null;
  index: number;
  [key: string]: Json;
}

export const START: PagePosition = { page: null, index: -1 };

export interface PagedItem<T> {
  item: T;
  /** The position to commit once this item is written. */
  at: PagePosition;
}

/**
 * Reads a cursor-paged list from `from` to its last page: the page `from.page` is fetched again
 * and the items up to `from.index` are skipped, so a resumed read continues exactly after the last
 * committed item. Returns where the read ended, for the next poll.
 */
export async function* walkPages<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  from: PagePosition,
): AsyncGenerator<PagedItem<T>, PagePosition> {
  let page = from.page;
  let skipThrough = from.index;
  for (;;) {
    const { items, next, tail } = await fetchPage(page);
    for (let index = skipThrough + 1; index < items.length; index += 1) {
      yield { item: items[index]!, at: { page, index } };
    }
    if (next === undefined) return tail !== undefined && items.length > 0 ? { page: tail, index: -1 } : { page, index: Math.max(skipThrough, items.length - 1) };
    page = next;
    skipThrough = -1;
  }
}
