import { z } from "zod";
import { validate, type Interaction } from "../../model/index.js";
import { applyContentMode } from "../content.js";
import { defineConnector } from "../types.js";
import { CONNECTOR, isGenAi, toInteraction, type GenAiEvent, type GenAiOperation } from "./operation.js";
import {
  attributeMap,
  Attributes,
  AnyValue,
  isLogsRequest,
  isTraceRequest,
  nanosToIso,
  plain,
  splitLogsRequest,
  splitTraceRequest,
  UnixNano,
  type LogGroupRecord,
  type SpanRecord,
} from "./otlp.js";

const Hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-fA-F]{${length}}$`), `expected ${length} hex digits`);
const Resource = z.looseObject({ attributes: Attributes }).default({ attributes: [] });

const Span = z.looseObject({
  traceId: Hex(32),
  spanId: Hex(16),
  name: z.string(),
  startTimeUnixNano: UnixNano,
  attributes: Attributes,
  events: z.array(z.looseObject({ name: z.string(), timeUnixNano: UnixNano.optional(), attributes: Attributes })).default([]),
  status: z.looseObject({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() }).optional(),
});
const SpanRecordSchema = z.object({ resource: Resource, scope: z.unknown().optional(), span: Span });

const LogRecord = z.looseObject({
  timeUnixNano: UnixNano.optional(),
  observedTimeUnixNano: UnixNano.optional(),
  traceId: z.union([Hex(32), z.literal("")]).optional(),
  spanId: z.union([Hex(16), z.literal("")]).optional(),
  /** Since OTLP 1.5 the event name is a field; before that, the `event.name` attribute. */
  eventName: z.string().optional(),
  attributes: Attributes,
  body: AnyValue.optional(),
});
const LogGroupSchema = z.object({ resource: Resource, scope: z.unknown().optional(), logRecords: z.array(LogRecord).min(1) });

/** OTLP JSON status codes are numbers; some encoders write the enum name. */
function statusCode(code: number | string | undefined): number | undefined {
  if (typeof code === "number") return code;
  return code === "STATUS_CODE_ERROR" ? 2 : code === "STATUS_CODE_OK" ? 1 : undefined;
}

function fromSpan(raw: SpanRecord): Interaction[] {
  const { resource, span } = validate(SpanRecordSchema, raw, "OTLP span record");
  const attributes = attributeMap(span.attributes);
  const events: GenAiEvent[] = span.events.map((e) => ({ name: e.name, attributes: attributeMap(e.attributes) }));
  if (!isGenAi(attributes, events)) return [];
  const operation: GenAiOperation = {
    recordId: `${span.traceId.toLowerCase()}:${span.spanId.toLowerCase()}`,
    timestamp: nanosToIso(span.startTimeUnixNano),
    attributes,
    resource: attributeMap(resource.attributes),
    events,
    traceId: span.traceId.toLowerCase(),
    spanName: span.name,
    statusCode: statusCode(span.status?.code),
    statusMessage: span.status?.message || undefined,
    raw,
  };
  return [toInteraction(operation)];
}

/**
 * The GenAI log records of one span context in one export as one interaction. Its record id is the
 * span's with `/logs@<time of the first record>` appended: the span itself arrives on the traces
 * route and is an interaction of its own, and an SDK may export one operation's events in several
 * requests (a simple processor sends each alone), each of which must keep its own id.
 */
function fromLogGroup(raw: LogGroupRecord): Interaction[] {
  const { resource, logRecords } = validate(LogGroupSchema, raw, "OTLP log record group");
  const events: GenAiEvent[] = logRecords.map((record) => {
    const attributes = attributeMap(record.attributes);
    const name = record.eventName || (typeof attributes["event.name"] === "string" ? attributes["event.name"] : "");
    return { name, attributes, body: plain(record.body) };
  });
  if (!isGenAi({}, events)) return [];
  const head = logRecords[0]!;
  const time = head.timeUnixNano && head.timeUnixNano !== "0" ? head.timeUnixNano : head.observedTimeUnixNano;
  if (time === undefined) throw new Error("logRecords[0]: neither timeUnixNano nor observedTimeUnixNano is set");
  const traceId = head.traceId ? head.traceId.toLowerCase() : undefined;
  const context = head.spanId ? `${traceId}:${head.spanId.toLowerCase()}` : "";
  const operation: GenAiOperation = {
    recordId: `${context}/logs@${time}:${events[0]!.name}`,
    timestamp: nanosToIso(time),
    // Per-message events carry `gen_ai.system`/`gen_ai.provider.name` as attributes: the operation's.
    attributes: Object.assign({}, ...events.map((e) => e.attributes)) as Record<string, unknown>,
    resource: attributeMap(resource.attributes),
    events,
    traceId,
    raw,
  };
  return [toInteraction(operation)];
}

/** Names the span or group of a whole export request in the error, since the request is one record. */
function located(where: string, parse: () => Interaction[]): Interaction[] {
  try {
    return parse();
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * OpenTelemetry GenAI spans and events (OTLP/JSON). Accepts what the HTTP receiver spools (one
 * span record, or the log records of one span context) and whole export requests as a collector's
 * file exporter writes them (one ExportTraceServiceRequest or ExportLogsServiceRequest per line).
 * Spans without any `gen_ai.*` attribute or event yield nothing: they are the application's other
 * telemetry, not AI interactions.
 */
export const connector = defineConnector<unknown>({
  name: CONNECTOR,
  vendor: "OpenTelemetry",
  product: "OpenTelemetry GenAI",
  description: "OpenTelemetry GenAI spans and events over OTLP/HTTP (JSON or protobuf) or OTLP/gRPC: current and deprecated conventions, guardrail and evaluation events.",
  parse(raw, ctx) {
    let interactions: Interaction[];
    if (isTraceRequest(raw)) interactions = splitTraceRequest(raw).flatMap((record, i) => located(`span ${i}`, () => fromSpan(record)));
    else if (isLogsRequest(raw)) interactions = splitLogsRequest(raw).flatMap((group, i) => located(`log record group ${i}`, () => fromLogGroup(group)));
    else if (typeof raw === "object" && raw !== null && "span" in raw) interactions = fromSpan(raw as SpanRecord);
    else if (typeof raw === "object" && raw !== null && "logRecords" in raw) interactions = fromLogGroup(raw as LogGroupRecord);
    else throw new Error("not OTLP: expected a span record, a log record group, an ExportTraceServiceRequest or an ExportLogsServiceRequest");
    return interactions.map((interaction) => applyContentMode(interaction, ctx.content));
  },
});
