/**
 * OTLP/JSON envelopes (ExportTraceServiceRequest, ExportLogsServiceRequest) and their split into
 * small records: one per span, and one per span context for log records, so a bad span is
 * dead-lettered alone instead of poisoning the whole export. In OTLP/JSON, trace and span ids are
 * hex strings and 64-bit integers may be strings (opentelemetry-proto `docs/specification.md`).
 */
import { z } from "zod";
import { validate } from "../../model/index.js";

export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: string | number;
  bytesValue?: string;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
}

export const AnyValue: z.ZodType<OtlpAnyValue> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: z.union([z.string().regex(/^-?\d+$/, "expected an integer"), z.number().int()]).optional(),
    doubleValue: z.union([z.number(), z.string()]).optional(),
    bytesValue: z.string().optional(),
    arrayValue: z.object({ values: z.array(AnyValue).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(KeyValue).optional() }).optional(),
  }),
);
export const KeyValue: z.ZodType<OtlpKeyValue> = z.lazy(() => z.object({ key: z.string(), value: AnyValue.optional() }));
export const Attributes = z.array(KeyValue).default([]);

const Resource = z.looseObject({ attributes: Attributes });
const Scope = z.looseObject({ name: z.string().optional(), version: z.string().optional() });
/** Nanoseconds since the epoch; a string in OTLP/JSON because it exceeds 2^53. */
export const UnixNano = z.union([z.string().regex(/^\d+$/, "expected nanoseconds as digits"), z.number().int().nonnegative()]);

/** The envelope down to the span list; the spans themselves are checked one by one by the connector. */
export const TraceRequest = z.object({
  resourceSpans: z.array(
    z.looseObject({
      resource: Resource.optional(),
      scopeSpans: z.array(z.looseObject({ scope: Scope.optional(), spans: z.array(z.unknown()).default([]) })).default([]),
    }),
  ),
});

export const LogsRequest = z.object({
  resourceLogs: z.array(
    z.looseObject({
      resource: Resource.optional(),
      scopeLogs: z.array(z.looseObject({ scope: Scope.optional(), logRecords: z.array(z.unknown()).default([]) })).default([]),
    }),
  ),
});

/** One span with the resource and scope it was exported under: what the receiver spools for `/v1/traces`. */
export interface SpanRecord {
  resource?: unknown;
  scope?: unknown;
  span: unknown;
}

/** The log records of one span context (or one record without a context) with their resource and scope. */
export interface LogGroupRecord {
  resource?: unknown;
  scope?: unknown;
  logRecords: unknown[];
}

export function isTraceRequest(value: unknown): boolean {
  return typeof value === "object" && value !== null && "resourceSpans" in value;
}

export function isLogsRequest(value: unknown): boolean {
  return typeof value === "object" && value !== null && "resourceLogs" in value;
}

export function splitTraceRequest(value: unknown): SpanRecord[] {
  const request = validate(TraceRequest, value, "OTLP ExportTraceServiceRequest");
  return request.resourceSpans.flatMap((rs) =>
    rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ resource: rs.resource, scope: ss.scope, span }))),
  );
}

/**
 * Splits a logs export by span context: GenAI events of one operation (the deprecated per-message
 * events, evaluation and guardrail results) belong together. Records without a span id stay alone.
 */
export function splitLogsRequest(value: unknown): LogGroupRecord[] {
  const request = validate(LogsRequest, value, "OTLP ExportLogsServiceRequest");
  const groups: LogGroupRecord[] = [];
  for (const rl of request.resourceLogs) {
    for (const sl of rl.scopeLogs) {
      const byContext = new Map<string, LogGroupRecord>();
      for (const record of sl.logRecords) {
        const context = spanContextOf(record);
        const existing = context ? byContext.get(context) : undefined;
        if (existing) {
          existing.logRecords.push(record);
          continue;
        }
        const group: LogGroupRecord = { resource: rl.resource, scope: sl.scope, logRecords: [record] };
        if (context) byContext.set(context, group);
        groups.push(group);
      }
    }
  }
  return groups;
}

function spanContextOf(record: unknown): string | undefined {
  if (typeof record !== "object" || record === null) return undefined;
  const { traceId, spanId } = record as { traceId?: unknown; spanId?: unknown };
  return typeof spanId === "string" && spanId !== "" ? `${String(traceId)}:${spanId}` : undefined;
}

/** Plain JavaScript value of an OTLP AnyValue: arrays and key-value lists become arrays and objects. */
export function plain(value: OtlpAnyValue | undefined): unknown {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  if (value.kvlistValue) return attributeMap(value.kvlistValue.values ?? []);
  return undefined;
}

export function attributeMap(attributes: readonly OtlpKeyValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of attributes) out[key] = plain(value);
  return out;
}

/** ISO timestamp of a nanosecond epoch value (millisecond precision, as the model keeps it). */
export function nanosToIso(nanos: string | number): string {
  const ms = typeof nanos === "number" ? Math.floor(nanos / 1e6) : Number(BigInt(nanos) / 1_000_000n);
  return new Date(ms).toISOString();
}
