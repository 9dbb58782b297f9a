import type { SensitiveSpan } from "./types.js";

/**
 * Overlapping detections of one value (two rules on one token) collapse into one span: the
 * widest wins, ties go to the higher score, so redaction covers the whole value once.
 */
export function mergeSpans<T extends Pick<SensitiveSpan, "start" | "end" | "score">>(spans: readonly T[]): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || b.score - a.score);
  const out: T[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start < last.end) {
      if (span.end > last.end) out[out.length - 1] = { ...last, end: span.end };
      continue;
    }
    out.push(span);
  }
  return out;
}
