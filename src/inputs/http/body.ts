import type { IncomingMessage } from "node:http";
import { gunzip } from "node:zlib";
import { promisify } from "node:util";

const gunzipAsync = promisify(gunzip);

/** Which part of a request was wrong and why: a `google.rpc.BadRequest` field violation. */
export interface FieldViolation {
  /** Path in the OTLP/JSON form of the request (`resourceSpans[0].scopeSpans`); absent when the whole body is unreadable. */
  field?: string;
  description: string;
}

export interface RequestErrorOptions {
  /** Response headers the refusal needs (`WWW-Authenticate`, `Allow`). */
  headers?: Record<string, string>;
  /** For a 400: what was wrong, field by field. */
  violations?: FieldViolation[];
}

/** A request the receiver refuses, with the status (HTTP; mapped to a gRPC code for gRPC) and the reason sent back. */
export class RequestError extends Error {
  readonly headers: Record<string, string>;
  readonly violations: FieldViolation[];

  constructor(
    readonly status: number,
    message: string,
    options: RequestErrorOptions = {},
  ) {
    super(message);
    this.name = "RequestError";
    this.headers = options.headers ?? {};
    this.violations = options.violations ?? [];
  }
}

/** Reads a request body up to `maxBytes`, gunzipping `Content-Encoding: gzip` within the same limit. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) throw new RequestError(413, `body of ${declared} bytes exceeds the limit of ${maxBytes}`);
  const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
  if (!["identity", "gzip", "x-gzip"].includes(encoding)) throw new RequestError(415, `unsupported Content-Encoding "${encoding}"; use gzip or none`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new RequestError(413, `body exceeds the limit of ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  if (encoding === "identity") return body;
  try {
    return await gunzipAsync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new RequestError(413, `decompressed body exceeds the limit of ${maxBytes} bytes`);
    throw new RequestError(400, `invalid gzip body: ${(error as Error).message}`);
  }
}
