import { createHmac } from "node:crypto";
import { maskLabel } from "../classify/evidence.js";
import type { SensitiveSpan } from "../classify/types.js";

export type RedactionMode = "mask" | "hash" | "drop";

export interface Replacement {
  start: number;
  end: number;
  /** Length of what now stands in the text instead. */
  length: number;
  category: SensitiveSpan["category"];
  label: string;
  mode: RedactionMode;
}

export interface RedactedText {
  text: string;
  replacements: Replacement[];
}

export interface Rewriter {
  modeFor(span: SensitiveSpan): RedactionMode;
  /** HMAC key for `hash` mode; a keyed hash so that low-entropy values (phone numbers) cannot be brute-forced from the SIEM. */
  hashKey?: string;
}

function replacementFor(value: string, span: SensitiveSpan, mode: RedactionMode, hashKey: string | undefined): string {
  if (mode === "drop") return "";
  if (mode === "mask" || !hashKey) return maskLabel(span.label);
  return `[HMAC:${span.label}:${createHmac("sha256", hashKey).update(value).digest("hex").slice(0, 16)}]`;
}

/** Rewrites every span (non-overlapping, any order) per its mode. */
export function rewrite(text: string, spans: readonly SensitiveSpan[], rewriter: Rewriter): RedactedText {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  const replacements: Replacement[] = [];
  for (const span of sorted) {
    const mode = rewriter.modeFor(span);
    const replacement = replacementFor(text.slice(span.start, span.end), span, mode, rewriter.hashKey);
    out += text.slice(at, span.start) + replacement;
    at = span.end;
    replacements.push({ start: span.start, end: span.end, length: replacement.length, category: span.category, label: span.label, mode });
  }
  return { text: out + text.slice(at), replacements };
}

/** Where an offset of the original text lands in the rewritten one (inside a replaced value: at its replacement's start). */
export function shiftOffset(offset: number, replacements: readonly Replacement[]): number {
  let shift = 0;
  for (const r of replacements) {
    if (offset <= r.start) break;
    if (offset < r.end) return r.start + shift;
    shift += r.length - (r.end - r.start);
  }
  return offset + shift;
}
