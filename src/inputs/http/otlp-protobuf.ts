/**
 * OTLP/HTTP protobuf bodies (`Content-Type: application/x-protobuf`) decoded into the OTLP/JSON
 * shape the otel-genai connector reads, so both encodings take the same path after decoding.
 *
 * The message definitions follow opentelemetry-proto (common/v1, resource/v1, trace/v1, logs/v1,
 * collector/{trace,logs}/v1) but declare only the fields aisiem reads, plus the span's parent, kind
 * and end and the log severity, which an analyst looks for in the kept raw record: the decoder
 * skips every other field by its wire type. Enums (span kind, status code, severity) are declared as int32, which has the same
 * wire encoding and yields the number OTLP/JSON uses. The JSON mapping follows the protocol's
 * `docs/specification.md`: trace and span ids as hex, 64-bit integers as decimal strings, other
 * bytes as base64, fields at their default value left out.
 */
import protobuf from "protobufjs";

const repeated = (type: string, id: number) => ({ rule: "repeated", type, id });

const OTLP = {
  nested: {
    AnyValue: {
      oneofs: { value: { oneof: ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"] } },
      fields: {
        stringValue: { type: "string", id: 1 },
        boolValue: { type: "bool", id: 2 },
        intValue: { type: "int64", id: 3 },
        doubleValue: { type: "double", id: 4 },
        arrayValue: { type: "ArrayValue", id: 5 },
        kvlistValue: { type: "KeyValueList", id: 6 },
        bytesValue: { type: "bytes", id: 7 },
      },
    },
    ArrayValue: { fields: { values: repeated("AnyValue", 1) } },
    KeyValueList: { fields: { values: repeated("KeyValue", 1) } },
    KeyValue: { fields: { key: { type: "string", id: 1 }, value: { type: "AnyValue", id: 2 } } },
    InstrumentationScope: { fields: { name: { type: "string", id: 1 }, version: { type: "string", id: 2 } } },
    Resource: { fields: { attributes: repeated("KeyValue", 1) } },
    Span: {
      fields: {
        traceId: { type: "bytes", id: 1 },
        spanId: { type: "bytes", id: 2 },
        parentSpanId: { type: "bytes", id: 4 },
        name: { type: "string", id: 5 },
        kind: { type: "int32", id: 6 },
        startTimeUnixNano: { type: "fixed64", id: 7 },
        endTimeUnixNano: { type: "fixed64", id: 8 },
        attributes: repeated("KeyValue", 9),
        events: repeated("SpanEvent", 11),
        status: { type: "Status", id: 15 },
      },
    },
    SpanEvent: { fields: { timeUnixNano: { type: "fixed64", id: 1 }, name: { type: "string", id: 2 }, attributes: repeated("KeyValue", 3) } },
    Status: { fields: { message: { type: "string", id: 2 }, code: { type: "int32", id: 3 } } },
    ScopeSpans: { fields: { scope: { type: "InstrumentationScope", id: 1 }, spans: repeated("Span", 2) } },
    ResourceSpans: { fields: { resource: { type: "Resource", id: 1 }, scopeSpans: repeated("ScopeSpans", 2) } },
    ExportTraceServiceRequest: { fields: { resourceSpans: repeated("ResourceSpans", 1) } },
    LogRecord: {
      fields: {
        timeUnixNano: { type: "fixed64", id: 1 },
        severityNumber: { type: "int32", id: 2 },
        severityText: { type: "string", id: 3 },
        body: { type: "AnyValue", id: 5 },
        attributes: repeated("KeyValue", 6),
        traceId: { type: "bytes", id: 9 },
        spanId: { type: "bytes", id: 10 },
        observedTimeUnixNano: { type: "fixed64", id: 11 },
        eventName: { type: "string", id: 12 },
      },
    },
    ScopeLogs: { fields: { scope: { type: "InstrumentationScope", id: 1 }, logRecords: repeated("LogRecord", 2) } },
    ResourceLogs: { fields: { resource: { type: "Resource", id: 1 }, scopeLogs: repeated("ScopeLogs", 2) } },
    ExportLogsServiceRequest: { fields: { resourceLogs: repeated("ResourceLogs", 1) } },
  },
};

const root = protobuf.Root.fromJSON(OTLP);
const JSON_MAPPING: protobuf.IConversionOptions = { longs: String, enums: Number, bytes: String };

/** Per signal: the request message and the path from it down to the items that carry ids. */
const SIGNALS = {
  traces: { type: root.lookupType("ExportTraceServiceRequest"), path: ["resourceSpans", "scopeSpans", "spans"] },
  logs: { type: root.lookupType("ExportLogsServiceRequest"), path: ["resourceLogs", "scopeLogs", "logRecords"] },
} as const;
export type OtlpSignal = keyof typeof SIGNALS;

type Message = Record<string, unknown>;

function childrenOf(messages: Message[], key: string): Message[] {
  return messages.flatMap((m) => (m[key] as Message[] | undefined) ?? []);
}

/**
 * An Export{Trace,Logs}ServiceRequest protobuf body in OTLP/JSON form. Throws with the decoder's
 * reason on a malformed body. An empty body is a valid, empty request.
 */
export function decodeOtlpProtobuf(signal: OtlpSignal, body: Buffer): unknown {
  const { type, path } = SIGNALS[signal];
  let request: Message;
  try {
    request = type.toObject(type.decode(body), JSON_MAPPING);
  } catch (error) {
    throw new Error(`invalid OTLP protobuf ${type.name}: ${(error as Error).message}`, { cause: error });
  }
  // Ids are the only bytes OTLP/JSON writes as hex; protobufjs gives base64 for all bytes.
  for (const item of path.reduce(childrenOf, [request])) {
    for (const key of ["traceId", "spanId", "parentSpanId"]) {
      if (typeof item[key] === "string") item[key] = Buffer.from(item[key], "base64").toString("hex");
    }
  }
  return { [path[0]]: [], ...request };
}
