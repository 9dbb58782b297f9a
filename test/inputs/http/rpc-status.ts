/**
 * The test's own reading of `google.rpc.Status`, parsed from the message definitions as googleapis
 * publishes them (`google/rpc/status.proto`, `error_details.proto`, `google/protobuf/any.proto`,
 * `duration.proto`), so a wrong field number in the receiver's encoder shows up here.
 */
import protobuf from "protobufjs";

const root = new protobuf.Root();
protobuf.parse(
  `syntax = "proto3";
   package google.protobuf;
   message Any { string type_url = 1; bytes value = 2; }
   message Duration { int64 seconds = 1; int32 nanos = 2; }`,
  root,
);
protobuf.parse(
  `syntax = "proto3";
   package google.rpc;
   message Status { int32 code = 1; string message = 2; repeated google.protobuf.Any details = 3; }
   message RetryInfo { google.protobuf.Duration retry_delay = 1; }
   message BadRequest {
     message FieldViolation { string field = 1; string description = 2; }
     repeated FieldViolation field_violations = 1;
   }`,
  root,
);

const Status = root.lookupType("google.rpc.Status");
const DETAIL_TYPES: Record<string, protobuf.Type> = {
  "type.googleapis.com/google.rpc.RetryInfo": root.lookupType("google.rpc.RetryInfo"),
  "type.googleapis.com/google.rpc.BadRequest": root.lookupType("google.rpc.BadRequest"),
};

export interface DecodedStatus {
  code: number;
  message: string;
  /** Each Any unpacked, with its type URL under `@type` as in the JSON mapping. */
  details: Array<Record<string, unknown>>;
}

const AS_OBJECT = { longs: Number, defaults: false };

export function decodeRpcStatus(bytes: Uint8Array): DecodedStatus {
  const status = Status.toObject(Status.decode(bytes), AS_OBJECT) as { code?: number; message?: string; details?: Array<{ typeUrl: string; value: Uint8Array }> };
  const details = (status.details ?? []).map(({ typeUrl, value }) => {
    const type = DETAIL_TYPES[typeUrl];
    if (!type) throw new Error(`unexpected detail type ${typeUrl}`);
    return { "@type": typeUrl, ...type.toObject(type.decode(value), AS_OBJECT) };
  });
  return { code: status.code ?? 0, message: status.message ?? "", details };
}
