/**
 * The HEC reply table as documented by Splunk ("Possible error codes", reference splunk.md §1.7):
 * each code with its HTTP status and text. The emulator answers only with these.
 */
export const HEC_REPLIES = {
  0: { status: 200, text: "Success" },
  1: { status: 403, text: "Token disabled" },
  2: { status: 401, text: "Token is required" },
  3: { status: 401, text: "Invalid authorization" },
  4: { status: 403, text: "Invalid token" },
  5: { status: 400, text: "No data" },
  6: { status: 400, text: "Invalid data format" },
  7: { status: 400, text: "Incorrect index" },
  8: { status: 500, text: "Internal server error" },
  9: { status: 503, text: "Server is busy" },
  10: { status: 400, text: "Data channel is missing" },
  11: { status: 400, text: "Invalid data channel" },
  12: { status: 400, text: "Event field is required" },
  13: { status: 400, text: "Event field cannot be blank" },
  14: { status: 400, text: "ACK is disabled" },
  15: { status: 400, text: "Error in handling indexed fields" },
  16: { status: 400, text: "Query string authorization is not enabled" },
  17: { status: 200, text: "HEC is healthy" },
  18: { status: 503, text: "HEC is unhealthy, queues are full" },
  19: { status: 503, text: "HEC is unhealthy, ack service unavailable" },
  20: { status: 503, text: "HEC is unhealthy, queues are full, ack service unavailable" },
  21: { status: 400, text: "Invalid token" },
  22: { status: 400, text: "Token disabled" },
} as const;
export type HecCode = keyof typeof HEC_REPLIES;

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export function reply(code: HecCode, extra: Record<string, unknown> = {}): Reply {
  const { status, text } = HEC_REPLIES[code];
  return { status, body: { text, code, ...extra } };
}

/** A channel is a GUID (reference splunk.md §1.8). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Splits a body of concatenated JSON values (`{..}{..}` or newline-separated) into the text of
 * each value. Returns the values found and, when the body does not split cleanly, the position
 * of the first piece that is not a complete JSON value.
 */
export function splitConcatenated(body: string): { values: string[]; brokenAt?: number } {
  const values: string[] = [];
  let i = 0;
  const n = body.length;
  while (i < n) {
    while (i < n && /\s/.test(body[i]!)) i += 1;
    if (i >= n) break;
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < n; i += 1) {
      const c = body[i]!;
      if (inString) {
        if (c === "\\") i += 1;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === "{" || c === "[") depth += 1;
      else if (c === "}" || c === "]") {
        depth -= 1;
        if (depth === 0) {
          i += 1;
          break;
        }
      } else if (depth === 0 && /\s/.test(c)) break;
    }
    if (depth !== 0 || inString) return { values, brokenAt: values.length };
    values.push(body.slice(start, i));
  }
  return { values };
}
