import { createHash } from "node:crypto";

/**
 * Deterministic interaction id: the same source record always yields the same id, so a replay
 * writes the same documents (idempotent in Elasticsearch, de-duplicable in Splunk).
 * 128 bits of SHA-256, hex: collisions are negligible at any SIEM's volume.
 */
export function interactionId(connector: string, recordId: string, turn = 0): string {
  return createHash("sha256").update(`${connector}\u0000${recordId}\u0000${turn}`).digest("hex").slice(0, 32);
}

/** Stable hash of a text, for correlating content that was dropped or truncated. */
export function textHash(text: string): string {
  return "sha256:" + createHash("sha256").update(text).digest("hex");
}
