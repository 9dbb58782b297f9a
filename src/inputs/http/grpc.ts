import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  Metadata,
  Server,
  ServerCredentials,
  type MethodDefinition,
  type sendUnaryData,
  type StatusObject,
  type ServerUnaryCall,
  type ServiceDefinition,
} from "@grpc/grpc-js";
import type { Logger } from "pino";
import type { TokenCheck } from "./auth.js";
import { RequestError } from "./body.js";
import type { HttpInputConfig } from "./config.js";
import type { Intake } from "./intake.js";
import type { Route } from "./payload.js";
import { encodeRpcStatus, rpcStatusOf } from "./rpc-status.js";

export interface GrpcReceiverDeps {
  config: HttpInputConfig;
  intake: Intake;
  tokens: TokenCheck;
  logger: Logger;
}

/**
 * The receiver takes or refuses a request whole (a span its connector cannot parse is dead-lettered
 * later, not refused), so partial_success stays unset and every Export*ServiceResponse is empty:
 * zero bytes on the wire.
 */
const EMPTY_RESPONSE = Buffer.alloc(0);

/** A unary Export method whose request stays raw bytes: decoded by the receiver, and dead-lettered as they came when they cannot be. */
function exportMethod(path: string): MethodDefinition<Buffer, Buffer> {
  const identity = (bytes: Buffer) => bytes;
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: () => EMPTY_RESPONSE,
    responseDeserialize: identity,
  };
}

/** The OTLP/gRPC services served (opentelemetry-proto `collector/{trace,logs}/v1`), with the route their requests take. */
export const OTLP_GRPC_SERVICES: ReadonlyArray<{ name: string; route: Route; definition: ServiceDefinition }> = [
  {
    name: "TraceService",
    route: { kind: "otlp-traces" },
    definition: { Export: exportMethod("/opentelemetry.proto.collector.trace.v1.TraceService/Export") },
  },
  {
    name: "LogsService",
    route: { kind: "otlp-logs" },
    definition: { Export: exportMethod("/opentelemetry.proto.collector.logs.v1.LogsService/Export") },
  },
];

/** A refusal as a gRPC status: the code, the reason, and the google.rpc.Status with its details in `grpc-status-details-bin`. */
function grpcStatusOf(error: RequestError, retryAfterSeconds: number): Partial<StatusObject> {
  const status = rpcStatusOf(error, retryAfterSeconds);
  const metadata = new Metadata();
  metadata.set("grpc-status-details-bin", encodeRpcStatus(status));
  return { code: status.code, details: status.message, metadata };
}

/**
 * OTLP/gRPC on the receiver: the same bearer tokens (from the `authorization` metadata), the same
 * backpressure and the same spool as OTLP/HTTP, and the reply only once the records are on disk.
 * gRPC itself enforces `maxBodyBytes` on the message, also after gzip decompression
 * (RESOURCE_EXHAUSTED).
 */
export function createGrpcReceiver(deps: GrpcReceiverDeps): Server {
  const { config, intake, tokens, logger } = deps;
  const server = new Server({ "grpc.max_receive_message_length": config.maxBodyBytes });

  const handle = async (route: Route, name: string, call: ServerUnaryCall<Buffer, Buffer>): Promise<void> => {
    const [authorization] = call.metadata.get("authorization");
    if (!tokens.allows(typeof authorization === "string" ? authorization : undefined)) throw new RequestError(401, "missing or invalid bearer token");
    intake.admit();
    await intake.accept(route, call.request, "protobuf", `gRPC ${name}/Export ${randomUUID()}`);
  };

  for (const { name, route, definition } of OTLP_GRPC_SERVICES) {
    server.addService(definition, {
      Export: (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) => {
        handle(route, name, call).then(
          () => callback(null, EMPTY_RESPONSE),
          (error: unknown) => {
            if (!(error instanceof RequestError)) logger.error({ err: (error as Error).message }, "grpc receiver request failed");
            callback(grpcStatusOf(error instanceof RequestError ? error : new RequestError(500, "internal error"), config.retryAfterSeconds));
          },
        );
      },
    });
  }
  return server;
}

/** Binds the server; resolves with `host:port` (the port is known only then when configured as 0). */
export async function listenGrpc(server: Server, config: HttpInputConfig, host: string, port: number): Promise<string> {
  const credentials = config.tls
    ? ServerCredentials.createSsl(null, [{ cert_chain: readFileSync(config.tls.certFile), private_key: readFileSync(config.tls.keyFile) }], false)
    : ServerCredentials.createInsecure();
  const hostPart = host.includes(":") ? `[${host}]` : host;
  const bound = await new Promise<number>((resolve, reject) => server.bindAsync(`${hostPart}:${port}`, credentials, (error, actual) => (error ? reject(error) : resolve(actual))));
  return `${hostPart}:${bound}`;
}

/** Stops taking calls and resolves once the calls in flight are answered. */
export async function shutdownGrpc(server: Server): Promise<void> {
  await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
}
