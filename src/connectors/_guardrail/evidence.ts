import type { Evidence, FindingTarget } from "../../model/index.js";

/**
 * A vendor-reported match as its shape only: letters and digits become `*`, separators stay, so
 * an analyst sees "***-**-****" or "****@*******.***" and never the value (vendors copy matched
 * PII and secrets into their verdicts). Capped to the snippet limit of the model.
 */
export function maskMatch(match: string): string {
  return match.replace(/[\p{L}\p{N}]/gu, "*").slice(0, 512);
}

/**
 * Evidence for a matched string: its masked shape and, when the vendor gave no offsets, where it
 * first occurs in the judged text.
 */
export function matchEvidence(target: FindingTarget, text: string, match: string | undefined, offsets?: { start: number; end: number }): Evidence {
  if (!match) return { target, ...offsets };
  const at = offsets ?? locate(text, match);
  return { target, ...at, snippet: maskMatch(match) };
}

function locate(text: string, match: string): { start: number; end: number } | undefined {
  const start = text.indexOf(match);
  return start < 0 ? undefined : { start, end: start + match.length };
}
