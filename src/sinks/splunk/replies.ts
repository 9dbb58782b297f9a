import { z } from "zod";

/** HEC reply body: always `{text, code}`, plus `ackId` or `invalid-event-number` (reference splunk.md §1.7). */
export const HecReply = z.looseObject({
  text: z.string().optional(),
  code: z.number().int().optional(),
  ackId: z.number().int().nonnegative().optional(),
  "invalid-event-number": z.number().int().nonnegative().optional(),
});
export type HecReply = z.infer<typeof HecReply>;

/**
 * What the sender does with a reply (reference splunk.md §1.10): `ok`; `retry` (500/503, codes
 * 8, 9, 18–20, 429, network errors) with backoff; `invalid` events (codes 6, 12, 13, 15) are cut
 * out at `invalid-event-number` or found by splitting; `too-large` (413) splits the batch;
 * `fatal` (401/403 codes 1–4, configuration codes 5, 7, 10, 11, 14, 16, 21, 22) stops with the reason.
 */
export type Verdict =
  | { kind: "ok"; ackId?: number }
  | { kind: "retry"; reason: string }
  | { kind: "invalid"; index?: number; reason: string }
  | { kind: "too-large"; reason: string }
  | { kind: "fatal"; reason: string };

const RETRY_CODES = new Set([8, 9, 18, 19, 20]);
const INVALID_CODES = new Set([6, 12, 13, 15]);

/** Why a fatal code happened, in terms a SOC engineer can act on. */
const FATAL_HINTS: Record<number, string> = {
  1: "the HEC token is disabled in Splunk",
  2: "no token was sent",
  3: "the Authorization header is malformed (expected `Splunk <token>`)",
  4: "Splunk does not know this HEC token",
  5: "the request had no data",
  7: "the index is not in the token's allowed indexes (or does not exist)",
  10: "the token has indexer acknowledgement on: set ack.enabled: true",
  11: "the ACK channel is not a valid GUID",
  14: "indexer acknowledgement is off for this token: set ack.enabled: false",
  16: "query-string authorization is not enabled for this token",
  21: "Splunk does not know this HEC token",
  22: "the HEC token is disabled in Splunk",
};

export function describeReply(status: number, reply: HecReply | undefined): string {
  const code = reply?.code !== undefined ? ` code ${reply.code}` : "";
  const text = reply?.text ? ` "${reply.text}"` : "";
  return `HTTP ${status}${code}${text}`;
}

/** Keys off the HTTP status and the numeric code, never the text (the docs' texts disagree in places). */
export function classifyReply(status: number, reply: HecReply | undefined): Verdict {
  const code = reply?.code;
  const what = describeReply(status, reply);
  if (status >= 200 && status < 300 && (code === undefined || code === 0)) return { kind: "ok", ackId: reply?.ackId };
  if (status === 413) return { kind: "too-large", reason: what };
  if (code !== undefined && INVALID_CODES.has(code)) return { kind: "invalid", index: reply?.["invalid-event-number"], reason: what };
  if (code !== undefined && RETRY_CODES.has(code)) return { kind: "retry", reason: what };
  if (code !== undefined && FATAL_HINTS[code]) return { kind: "fatal", reason: `${what}: ${FATAL_HINTS[code]}` };
  if (status === 429 || status >= 500) return { kind: "retry", reason: what };
  if (status === 401 || status === 403) return { kind: "fatal", reason: `${what}: the HEC token was refused` };
  return { kind: "fatal", reason: `${what}: unexpected reply from HEC` };
}

/** Decodes a reply body; a body that is not HEC JSON (a proxy's HTML page) yields undefined. */
export function parseReply(body: string): HecReply | undefined {
  try {
    const parsed = HecReply.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
