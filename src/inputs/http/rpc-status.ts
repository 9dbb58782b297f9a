/**
 * `google.rpc.Status`, the error OTLP sends on both transports: the body of every OTLP/HTTP 4xx and
 * 5xx reply (binary protobuf or its JSON mapping, as the request was) and the
 * `grpc-status-details-bin` trailer of an OTLP/gRPC error. Details follow the OTLP specification
 * ("Failures", "Bad Data", "Throttling"): a `BadRequest` naming what was wrong with bad data, a
 * `RetryInfo` with the delay when the receiver asks the client to come back later.
 *
 * The messages are declared as in googleapis `google/rpc/status.proto` and `error_details.proto`
 * (only the fields sent), with `google.protobuf.Any` and `Duration`.
 */
import { status as GrpcCode } from "@grpc/grpc-js";
import protobuf from "protobufjs";
import type { FieldViolation, RequestError } from "./body.js";

const RPC = {
  nested: {
    Any: { fields: { typeUrl: { type: "string", id: 1 }, value: { type: "bytes", id: 2 } } },
    Duration: { fields: { seconds: { type: "int64", id: 1 }, nanos: { type: "int32", id: 2 } } },
    Status: { fields: { code: { type: "int32", id: 1 }, message: { type: "string", id: 2 }, details: { rule: "repeated", type: "Any", id: 3 } } },
    RetryInfo: { fields: { retryDelay: { type: "Duration", id: 1 } } },
    FieldViolation: { fields: { field: { type: "string", id: 1 }, description: { type: "string", id: 2 } } },
    BadRequest: { fields: { fieldViolations: { rule: "repeated", type: "FieldViolation", id: 1 } } },
  },
};

const root = protobuf.Root.fromJSON(RPC);
const StatusMessage = root.lookupType("Status");
const RetryInfoMessage = root.lookupType("RetryInfo");
const BadRequestMessage = root.lookupType("BadRequest");
const TYPE_URL = { retryInfo: "type.googleapis.com/google.rpc.RetryInfo", badRequest: "type.googleapis.com/google.rpc.BadRequest" };

export interface RpcStatus {
  code: GrpcCode;
  message: string;
  /** Sent as a BadRequest: what was wrong with the data. */
  violations?: FieldViolation[];
  /** Sent as a RetryInfo: how long the client should wait before sending the request again. */
  retryDelaySeconds?: number;
}

/** HTTP statuses OTLP clients retry (OTLP/HTTP "Retryable Response Codes"); every other 4xx/5xx is final. */
const RETRYABLE_HTTP = new Set([429, 502, 503, 504]);
export const isRetryable = (httpStatus: number): boolean => RETRYABLE_HTTP.has(httpStatus);

/**
 * The gRPC code for each refusal. Backpressure is UNAVAILABLE, which OTLP/gRPC clients retry (the
 * specification's "Throttling"); an oversized request is RESOURCE_EXHAUSTED without RetryInfo,
 * which they do not, as gRPC itself answers a message over the size limit.
 */
const GRPC_CODE: Readonly<Record<number, GrpcCode>> = {
  400: GrpcCode.INVALID_ARGUMENT,
  401: GrpcCode.UNAUTHENTICATED,
  404: GrpcCode.NOT_FOUND,
  405: GrpcCode.UNIMPLEMENTED,
  413: GrpcCode.RESOURCE_EXHAUSTED,
  415: GrpcCode.UNIMPLEMENTED,
  429: GrpcCode.UNAVAILABLE,
  503: GrpcCode.UNAVAILABLE,
};

/** The Status describing a refused request; a retryable one carries `retryAfterSeconds` as its RetryInfo. */
export function rpcStatusOf(error: RequestError, retryAfterSeconds: number): RpcStatus {
  const status: RpcStatus = { code: GRPC_CODE[error.status] ?? GrpcCode.INTERNAL, message: error.message };
  if (error.status === 400) status.violations = error.violations.length > 0 ? error.violations : [{ description: error.message }];
  if (isRetryable(error.status)) status.retryDelaySeconds = retryAfterSeconds;
  return status;
}

interface Detail {
  typeUrl: string;
  message: protobuf.Type;
  value: Record<string, unknown>;
  /** The same detail in the proto3 JSON mapping, where they differ (a Duration is `"<n>s"`). */
  json: Record<string, unknown>;
}

function detailsOf(status: RpcStatus): Detail[] {
  const details: Detail[] = [];
  if (status.violations) {
    const value = { fieldViolations: status.violations };
    details.push({ typeUrl: TYPE_URL.badRequest, message: BadRequestMessage, value, json: value });
  }
  if (status.retryDelaySeconds !== undefined) {
    const seconds = status.retryDelaySeconds;
    details.push({ typeUrl: TYPE_URL.retryInfo, message: RetryInfoMessage, value: { retryDelay: { seconds } }, json: { retryDelay: `${seconds}s` } });
  }
  return details;
}

/** The binary protobuf encoding (`application/x-protobuf` bodies, the gRPC status details trailer). */
export function encodeRpcStatus(status: RpcStatus): Buffer {
  const details = detailsOf(status).map((d) => ({ typeUrl: d.typeUrl, value: d.message.encode(d.message.fromObject(d.value)).finish() }));
  return Buffer.from(StatusMessage.encode(StatusMessage.fromObject({ code: status.code, message: status.message, details })).finish());
}

/** The proto3 JSON mapping (`application/json` bodies): an Any inlines its message's fields next to `@type`. */
export function rpcStatusJson(status: RpcStatus): Record<string, unknown> {
  return { code: status.code, message: status.message, details: detailsOf(status).map((d) => ({ "@type": d.typeUrl, ...d.json })) };
}
