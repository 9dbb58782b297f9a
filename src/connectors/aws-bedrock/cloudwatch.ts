/**
 * The CloudWatch Logs carriers of invocation log records, unwrapped to the records they hold:
 * - a subscription-filter payload (`messageType`, `logGroup`, `logStream`, `logEvents[]{id,
 *   timestamp, message}`), as Firehose or Lambda receive it once decoded;
 * - the Lambda event around it, `{awslogs: {data}}` with the payload gzip'd and base64-encoded;
 * - a Firehose HTTP endpoint delivery request, `{requestId, timestamp, records[]{data}}`, each
 *   `data` a base64 subscription payload (gzip'd unless Firehose decompresses) or, with message
 *   extraction on, the record itself;
 * - `aws logs filter-log-events` output (`events[]{eventId, message}`);
 * - a line of a CloudWatch Logs export to S3: `<ISO-8601 timestamp> <message>`.
 * A `CONTROL_MESSAGE` is CloudWatch checking that the destination is reachable: no records.
 */
import { gunzipSync } from "node:zlib";
import { z } from "zod";
import { validate } from "../../model/index.js";
import type { Carried } from "../types.js";

/** A decompressed payload larger than this is refused rather than inflated (a subscription batch is about 1 MB compressed). */
const MAX_DECODED_BYTES = 64 * 1024 * 1024;

const SubscriptionPayload = z.looseObject({
  messageType: z.enum(["DATA_MESSAGE", "CONTROL_MESSAGE"]).optional(),
  logGroup: z.string().optional(),
  logStream: z.string().optional(),
  logEvents: z.array(z.looseObject({ id: z.string().optional(), timestamp: z.number().optional(), message: z.string() })),
});
const FilteredEvents = z.looseObject({ events: z.array(z.looseObject({ eventId: z.string().optional(), message: z.string() })) });
const LambdaEvent = z.looseObject({ awslogs: z.looseObject({ data: z.string().min(1) }) });
const FirehoseDelivery = z.looseObject({ requestId: z.string().min(1), records: z.array(z.looseObject({ data: z.string() })) });


const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether `raw` is one of the carriers rather than a record itself. */
export function isCarrier(raw: object): boolean {
  return "logEvents" in raw || "events" in raw || "awslogs" in raw || ("records" in raw && "requestId" in raw);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** base64 → (gunzip when it starts with the gzip magic bytes) → JSON. */
function decodeData(data: string, where: string): unknown {
  const text = data.replace(/\s+/g, "");
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw new Error(`aws-bedrock ${where} is not base64`);
  let bytes = Buffer.from(text, "base64");
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_DECODED_BYTES });
    } catch (error) {
      throw new Error(`aws-bedrock ${where} is not valid gzip: ${(error as Error).message}`, { cause: error });
    }
  }
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new Error(`aws-bedrock ${where} does not decode to JSON: ${(error as Error).message}`, { cause: error });
  }
}

const label = (where: string, id: string | undefined) => (id ? `${where} (log event id ${id})` : where);

/** A log event's message as the record it holds; a message that is not JSON is reported in its place, not thrown. */
function messageRecord(message: string, where: string, id: string | undefined): Carried {
  try {
    return { where: label(where, id), record: JSON.parse(message) };
  } catch (error) {
    return { where: label(where, id), error: `aws-bedrock ${where}.message is not JSON${id ? ` (log event id ${id})` : ""}: ${(error as Error).message}`, original: message };
  }
}

/** The records of a carrier, in order; nested carriers (Firehose → subscription payload) are unwrapped too. */
export function carriedRecords(raw: unknown, prefix = ""): Carried[] {
  const at = (path: string) => `${prefix}${path}`;
  if (!isObject(raw) || !isCarrier(raw)) return [{ where: prefix.replace(/\.$/, "") || "record", record: raw }];
  if ("awslogs" in raw) {
    const event = validate(LambdaEvent, raw, `aws-bedrock CloudWatch Logs Lambda event${prefix ? ` in ${prefix}` : ""}`);
    return carriedRecords(decodeData(event.awslogs.data, at("awslogs.data")), at("awslogs.data."));
  }
  if ("records" in raw && "requestId" in raw) {
    const delivery = validate(FirehoseDelivery, raw, "aws-bedrock Firehose delivery request");
    return delivery.records.flatMap((record, index) => carriedRecords(decodeData(record.data, at(`records[${index}].data`)), at(`records[${index}].data.`)));
  }
  if ("logEvents" in raw) {
    const payload = validate(SubscriptionPayload, raw, `aws-bedrock CloudWatch Logs subscription payload${prefix ? ` in ${prefix.slice(0, -1)}` : ""}`);
    if (payload.messageType === "CONTROL_MESSAGE") return [];
    return payload.logEvents.map((event, index) => messageRecord(event.message, at(`logEvents[${index}]`), event.id));
  }
  const filtered = validate(FilteredEvents, raw, "aws-bedrock filter-log-events output");
  return filtered.events.map((event, index) => messageRecord(event.message, at(`events[${index}]`), event.eventId));
}

/** The records of `raw` when it is a carrier, for the pipeline to read one by one; undefined for a record. */
export const unwrapCarrier = (raw: unknown): Carried[] | undefined => (isObject(raw) && isCarrier(raw) ? carriedRecords(raw) : undefined);

/** `2026-03-04T09:10:00.000Z {...}`: the export's stamp, then the event's message. */
const EXPORT_LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})) ([\s\S]*)$/;

/**
 * One line of a file: bare JSON (S3 invocation logs, NDJSON), or a CloudWatch Logs export line
 * whose message after the timestamp is the JSON record.
 */
export function decodeExportLine(text: string): unknown {
  const match = EXPORT_LINE.exec(text);
  if (!match) return JSON.parse(text);
  try {
    return JSON.parse(match[2]!);
  } catch (error) {
    throw new SyntaxError(`CloudWatch Logs export line stamped ${match[1]}: the message is not JSON: ${(error as Error).message}`, { cause: error });
  }
}
