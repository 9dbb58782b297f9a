import { stringify } from "safe-stable-stringify";
import { textHash } from "../../model/index.js";

/**
 * The record id for a source that gives none: a hash of the record with sorted keys, so the same
 * record always gets the same id and a replay stays idempotent.
 */
export function hashRecordId(raw: unknown): string {
  return textHash(stringify(raw) ?? "");
}
