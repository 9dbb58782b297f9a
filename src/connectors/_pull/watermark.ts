/**
 * A time watermark for APIs filtered by "changed at or after": the newest timestamp read so far
 * and the ids read at exactly that time, so the next poll can ask `>= at` without reading those
 * again and without missing a record that arrives later with the same timestamp.
 */
export interface Watermark {
  /** Epoch milliseconds; null before anything was read. */
  at: number | null;
  ids: string[];
}

export const EMPTY_WATERMARK: Watermark = { at: null, ids: [] };

export function advanceWatermark(mark: Watermark, at: number, id: string): Watermark {
  if (Number.isNaN(at) || (mark.at !== null && at < mark.at)) return mark;
  if (mark.at === at) return mark.ids.includes(id) ? mark : { at, ids: [...mark.ids, id] };
  return { at, ids: [id] };
}

export function alreadyRead(mark: Watermark, at: number, id: string): boolean {
  return mark.at === at && mark.ids.includes(id);
}
