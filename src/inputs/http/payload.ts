import { splitLogsRequest, splitTraceRequest } from "../../connectors/otel-genai/otlp.js";
import { ValidationError } from "../../model/index.js";
import { RequestError } from "./body.js";
import { decodeOtlpProtobuf } from "./otlp-protobuf.js";

/** What the receiver spools per record: the connector that parses it, where it came from, the record. */
export interface SpooledRecord {
  connector: string;
  origin: string;
  data: unknown;
}

export type Route = { kind: "ingest"; connector: string } | { kind: "otlp-traces" } | { kind: "otlp-logs" };

const OTLP_CONNECTOR = "otel-genai";

interface Document {
  value: unknown;
  line: number;
}

/**
 * A body as JSON documents: one JSON value, or NDJSON (one value per line). The Content-Type is not
 * trusted for this: LiteLLM's generic logger sends NDJSON as `application/json`.
 */
export function documentsOf(text: string): Document[] {
  if (text.trim() === "") throw new RequestError(400, "empty body");
  try {
    return [{ value: JSON.parse(text), line: 1 }];
  } catch (error) {
    const lines = text.split("\n");
    if (lines.filter((l) => l.trim() !== "").length < 2) throw new RequestError(400, `invalid JSON: ${(error as Error).message}`);
    const documents: Document[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      try {
        documents.push({ value: JSON.parse(line), line: i + 1 });
      } catch (lineError) {
        throw new RequestError(400, `line ${i + 1}: invalid JSON: ${(lineError as Error).message}`);
      }
    });
    return documents;
  }
}

/** An OTLP/HTTP protobuf body as the one document its OTLP/JSON encoding would be. */
export function protobufDocuments(route: Exclude<Route, { kind: "ingest" }>, body: Buffer): Document[] {
  try {
    return [{ value: decodeOtlpProtobuf(route.kind === "otlp-traces" ? "traces" : "logs", body), line: 1 }];
  } catch (error) {
    throw new RequestError(400, (error as Error).message);
  }
}

function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

/**
 * Splits documents into the records to spool: an array sent to `/v1/ingest/<connector>` is a batch
 * of records (LiteLLM's `json_array`); an OTLP export is split per span, and its log records per
 * span context, so a bad span fails alone when it is parsed. The envelope itself is checked here.
 */
export function recordsOf(route: Route, documents: readonly Document[], origin: string): SpooledRecord[] {
  const records: SpooledRecord[] = [];
  for (const { value, line } of documents) {
    const at = documents.length > 1 ? `${origin}:${line}` : origin;
    try {
      if (route.kind === "ingest") {
        const items = Array.isArray(value) ? value : [value];
        items.forEach((item, i) => {
          const where = Array.isArray(value) ? `${at}[${i}]` : at;
          if (kindOf(item) !== "object") throw new RequestError(400, `${Array.isArray(value) ? `[${i}]: ` : ""}expected a JSON object, got ${kindOf(item)}`);
          records.push({ connector: route.connector, origin: where, data: item });
        });
      } else {
        const parts = route.kind === "otlp-traces" ? splitTraceRequest(value) : splitLogsRequest(value);
        parts.forEach((data, i) => records.push({ connector: OTLP_CONNECTOR, origin: `${at}[${i}]`, data }));
      }
    } catch (error) {
      const reason = (error as Error).message;
      const violations = error instanceof ValidationError ? error.problems.map((p) => ({ field: p.path || undefined, description: p.message })) : [];
      throw new RequestError(400, documents.length > 1 ? `line ${line}: ${reason}` : reason, { violations });
    }
  }
  return records;
}
