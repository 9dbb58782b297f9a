/** OTLP/gRPC from the client side: the OpenTelemetry exporters' results, and a raw client for what no exporter sends. */
import { compressionAlgorithms, credentials, makeGenericClientConstructor, Metadata, type ServiceError } from "@grpc/grpc-js";
import type { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { OTLP_GRPC_SERVICES } from "../../../src/inputs/http/grpc.js";
import { decodeRpcStatus, type DecodedStatus } from "./rpc-status.js";

export type ExportResult = Parameters<Parameters<OTLPTraceExporter["export"]>[1]>[0];

export function bearer(token: string): Metadata {
  const metadata = new Metadata();
  metadata.set("authorization", `Bearer ${token}`);
  return metadata;
}

/** Exports finished spans with the exporter and resolves with its result (the gRPC error in `error`). */
export function exportSpans(exporter: OTLPTraceExporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

/** The google.rpc.Status the server put in the `grpc-status-details-bin` trailer of an error. */
export function statusDetails(error: unknown): DecodedStatus {
  const [bytes] = (error as ServiceError).metadata.get("grpc-status-details-bin");
  if (!Buffer.isBuffer(bytes)) throw new Error("no grpc-status-details-bin in the error's trailers");
  return decodeRpcStatus(bytes);
}

/** Sends raw bytes as an Export request (the bytes need not be a valid message); resolves with the error, if any. */
export async function rawExport(
  address: string,
  service: "TraceService" | "LogsService",
  body: Buffer,
  options: { token: string; gzip?: boolean },
): Promise<ServiceError | undefined> {
  const { definition } = OTLP_GRPC_SERVICES.find((s) => s.name === service)!;
  const Client = makeGenericClientConstructor(definition, service);
  const client = new Client(address, credentials.createInsecure(), options.gzip ? { "grpc.default_compression_algorithm": compressionAlgorithms.gzip } : {});
  const call = (client as unknown as { Export: (body: Buffer, metadata: Metadata, done: (error: ServiceError | null) => void) => void }).Export.bind(client);
  try {
    return await new Promise((resolve) => call(body, bearer(options.token), (error) => resolve(error ?? undefined)));
  } finally {
    client.close();
  }
}
