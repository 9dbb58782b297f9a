import { createHash } from "node:crypto";
import type { Enriched, FindingAction, Severity } from "../../model/index.js";

/** Values CIM validation treats as "no value" (reference splunk.md §3.3): never emitted. */
export const PLACEHOLDERS: ReadonlySet<string> = new Set(["", " ", "-", "null", "(null)", "unknown", "none", "n/a"]);

export type CimValue = string | number | boolean | string[];
export type CimFields = Record<string, CimValue>;

function isReal(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return !PLACEHOLDERS.has(value.trim().toLowerCase());
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Drops absent and placeholder values (and empty lists), so an event only carries what is known. */
export function compact(fields: Record<string, CimValue | undefined | null>): CimFields {
  const out: CimFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) {
      const real = value.filter(isReal);
      if (real.length > 0) out[key] = real;
    } else if (isReal(value)) out[key] = value as CimValue;
  }
  return out;
}

/** Drops undefined leaves and empty objects from the nested `aisiem` / `gen_ai` detail. */
export function prune<T>(value: T): T | undefined {
  if (Array.isArray(value)) return (value.length > 0 ? value : undefined) as T | undefined;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).flatMap(([k, v]) => {
      const kept = prune(v);
      return kept === undefined ? [] : [[k, kept] as const];
    });
    return (entries.length > 0 ? Object.fromEntries(entries) : undefined) as T | undefined;
  }
  return value === null || value === "" ? undefined : value;
}

/** CIM's severity vocabulary (critical, high, medium, low, informational). */
export const CIM_SEVERITY: Record<Severity, string> = {
  info: "informational",
  low: "low",
  medium: "medium",
  high: "high",
  critical: "critical",
};

/**
 * IDS and DLP know only allowed/blocked. Masked content did not pass as sent, so it counts as
 * blocked; when the product did not say (`unknown`, `observed`) the content went through.
 */
export function cimAction(action: FindingAction): "allowed" | "blocked" {
  return action === "blocked" || action === "masked" ? "blocked" : "allowed";
}

/** The identity SOC content keys on: e-mail/UPN first, then the product's id, then the display name. */
export function cimUser(record: Pick<Enriched, "user">): string | undefined {
  const { email, id, name } = record.user;
  return [email, id, name].find(isReal);
}

/** Stable id of one emitted event, so an at-least-once resend can be removed with `dedup event_id`. */
export function eventId(...parts: Array<string | number>): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

/** HEC `time`: epoch seconds with millisecond fraction (reference splunk.md §1.3). */
export function epochSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}
