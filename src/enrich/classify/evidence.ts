import { makeFinding, type Evidence, type Finding, type FindingCategory, type HarmCode, type Severity } from "../../model/index.js";
import type { ClassifierInput, SensitiveSpan } from "./types.js";

/** Characters of context on each side of a match in a snippet. */
const CONTEXT = 24;
const SNIPPET_MAX = 200;

export function maskLabel(label: string): string {
  return `[REDACTED:${label}]`;
}

/**
 * The text around [start, end) with every sensitive value in it replaced by its mask, so a
 * snippet never carries a secret or a personal value, even one that merely sits nearby.
 */
export function snippet(text: string, start: number, end: number, sensitive: readonly SensitiveSpan[]): string {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT, from + SNIPPET_MAX);
  const inside = sensitive.filter((s) => s.end > from && s.start < to).sort((a, b) => a.start - b.start);
  let out = "";
  let at = from;
  for (const span of inside) {
    if (span.start < at) {
      at = Math.max(at, span.end);
      continue;
    }
    out += text.slice(at, span.start) + maskLabel(span.label);
    at = span.end;
  }
  if (at < to) out += text.slice(at, to);
  // Newlines in a snippet would break a one-line SIEM view; the offsets keep the exact place.
  return out.replace(/[\r\n\t]+/g, " ");
}

export function evidenceFor(input: ClassifierInput, start?: number, end?: number): Evidence {
  const evidence: Evidence = { target: input.options.role };
  if (input.options.context?.messageIndex !== undefined) evidence.messageIndex = input.options.context.messageIndex;
  if (start !== undefined && end !== undefined) {
    evidence.start = start;
    evidence.end = end;
    evidence.snippet = snippet(input.text, start, end, input.sensitive);
  }
  return evidence;
}

/** Severity from a 0..1 score, for categories without a fixed severity. */
export function severityOf(score: number): Severity {
  if (score >= 0.9) return "high";
  if (score >= 0.7) return "medium";
  if (score >= 0.4) return "low";
  return "info";
}

export interface FindingSpec {
  detector: string;
  category: FindingCategory;
  label: string;
  score: number;
  severity?: Severity;
  harm?: HarmCode;
  evidence: Evidence[];
}

/** An aisiem finding: origin `aisiem`, action `observed` (we judge, we do not block), frameworks from the category. */
export function finding(input: ClassifierInput, spec: FindingSpec): Finding {
  return makeFinding({
    origin: "aisiem",
    detector: spec.detector,
    category: spec.category,
    label: spec.label,
    ...(spec.harm ? { harm: spec.harm } : {}),
    target: input.options.role,
    score: Math.round(Math.min(1, Math.max(0, spec.score)) * 1000) / 1000,
    severity: spec.severity ?? severityOf(spec.score),
    action: "observed",
    evidence: spec.evidence,
  });
}
