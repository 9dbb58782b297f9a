import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { loadConnector } from "../../connectors/registry.js";
import type { ConnectorWebhook } from "../../connectors/types.js";
import type { TokenCheck } from "./auth.js";
import { readBody, RequestError } from "./body.js";
import type { HttpInputConfig } from "./config.js";
import type { BodyEncoding, Intake } from "./intake.js";
import type { Route } from "./payload.js";
import { encodeRpcStatus, isRetryable, rpcStatusJson, rpcStatusOf } from "./rpc-status.js";

export interface ReceiverDeps {
  config: HttpInputConfig;
  intake: Intake;
  tokens: TokenCheck;
  logger: Logger;
  /** Connector names a `/v1/ingest/<connector>` request may name. */
  connectors: ReadonlySet<string>;
}

const INGEST = /^\/v1\/ingest\/([a-z0-9][a-z0-9-]*)$/;
const OTLP_ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ["/v1/traces", { kind: "otlp-traces" }],
  ["/v1/logs", { kind: "otlp-logs" }],
]);

function routeOf(path: string, connectors: ReadonlySet<string>): Route | undefined {
  const otlp = OTLP_ROUTES.get(path);
  if (otlp) return otlp;
  const match = INGEST.exec(path);
  if (!match) return undefined;
  if (!connectors.has(match[1]!)) throw new RequestError(404, `unknown connector "${match[1]}"; available: ${[...connectors].join(", ")}`);
  return { kind: "ingest", connector: match[1]! };
}

/** The webhook hook of the connector an ingest path names, if it has one. */
async function webhookOf(path: string, connectors: ReadonlySet<string>): Promise<ConnectorWebhook | undefined> {
  const name = INGEST.exec(path)?.[1];
  return name !== undefined && connectors.has(name) ? (await loadConnector(name)).webhook : undefined;
}

/** The body as the connector's webhook rewrites it; a body that is not JSON is left for the intake to refuse. */
function prepared(prepare: NonNullable<ConnectorWebhook["prepare"]>, body: Buffer): Buffer {
  let document: unknown;
  try {
    document = JSON.parse(body.toString("utf8"));
  } catch {
    return body;
  }
  return Buffer.from(JSON.stringify(prepare(document, new Date())), "utf8");
}

/**
 * How refusals are written: OTLP replies are a `google.rpc.Status` in the request's encoding, as the
 * OTLP/HTTP specification requires ("Failures"); the other routes answer `{"error": "..."}`.
 */
type ReplyFormat = "plain" | "otlp-json" | "otlp-protobuf";

function reply(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, error: RequestError, format: ReplyFormat, retryAfterSeconds: number): void {
  // The rest of a refused body is not read: close the connection instead of draining it.
  const headers = { ...error.headers, Connection: "close", ...(isRetryable(error.status) ? { "Retry-After": String(retryAfterSeconds) } : {}) };
  if (format === "plain") return reply(res, error.status, { error: error.message }, headers);
  const status = rpcStatusOf(error, retryAfterSeconds);
  if (format === "otlp-json") return reply(res, error.status, rpcStatusJson(status), headers);
  const body = encodeRpcStatus(status);
  res.writeHead(error.status, { "Content-Type": "application/x-protobuf", "Content-Length": String(body.length), ...headers });
  res.end(body);
}

/**
 * The receiver's request handling: authenticate, refuse when the spool is too far ahead of the
 * pipeline (429 + Retry-After), read and check the body, append its records to the spool and
 * answer only once they are on disk (202; 200 with an empty ExportServiceResponse for OTLP, in the
 * request's encoding, JSON or protobuf).
 * A payload that cannot be read is answered 400 with the reason and dead-lettered.
 */
export function createReceiver(deps: ReceiverDeps): Server {
  const { config, intake, tokens, logger } = deps;

  const handle = async (req: IncomingMessage, res: ServerResponse, path: string, encoding: BodyEncoding): Promise<void> => {
    if (path === "/healthz") {
      if (req.method !== "GET" && req.method !== "HEAD") throw new RequestError(405, "use GET", { headers: { Allow: "GET, HEAD" } });
      const full = intake.saturated();
      return reply(res, full ? 503 : 200, { status: full ? "backpressure" : "ok" });
    }
    const query = new URL(req.url ?? "/", "http://receiver").searchParams;
    const webhook = await webhookOf(path, deps.connectors);
    const handshake = webhook?.handshake?.(query);
    if (handshake !== undefined) {
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
      return void res.end(handshake);
    }
    const queryToken = webhook?.tokenParameter ? query.get(webhook.tokenParameter) : null;
    if (!tokens.allows(req.headers.authorization || (queryToken ? `Bearer ${queryToken}` : undefined))) throw new RequestError(401, "missing or invalid bearer token", { headers: { "WWW-Authenticate": 'Bearer realm="aisiem"' } });
    const route = routeOf(path, deps.connectors);
    if (!route) throw new RequestError(404, "no such endpoint; use POST /v1/ingest/<connector>, /v1/traces or /v1/logs");
    if (req.method !== "POST") throw new RequestError(405, "use POST", { headers: { Allow: "POST" } });
    if (encoding === "protobuf" && route.kind === "ingest") throw new RequestError(415, "protobuf is accepted only on the OTLP endpoints /v1/traces and /v1/logs; send JSON");
    intake.admit();
    const requestId = randomUUID();
    const body = await readBody(req, config.maxBodyBytes);
    const accepted = await intake.accept(route, webhook?.prepare ? prepared(webhook.prepare, body) : body, encoding, `POST ${path} ${requestId}`);
    if (route.kind === "ingest") return reply(res, 202, { accepted, requestId });
    // The receiver takes or refuses a request whole (a span its connector cannot parse is
    // dead-lettered later, not refused), so partial_success stays unset: the response is an empty
    // Export*ServiceResponse, `{}` in JSON and zero bytes in protobuf.
    if (encoding === "protobuf") {
      res.writeHead(200, { "Content-Type": "application/x-protobuf", "Content-Length": "0" });
      return void res.end();
    }
    return reply(res, 200, {});
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://receiver").pathname;
    const encoding: BodyEncoding = /protobuf/i.test(req.headers["content-type"] ?? "") ? "protobuf" : "json";
    const format: ReplyFormat = OTLP_ROUTES.has(path) ? `otlp-${encoding}` : "plain";
    handle(req, res, path, encoding).catch((error: unknown) => {
      if (res.headersSent) return;
      if (!(error instanceof RequestError)) logger.error({ err: (error as Error).message }, "receiver request failed");
      refuse(res, error instanceof RequestError ? error : new RequestError(500, "internal error"), format, config.retryAfterSeconds);
    });
  };
  return config.tls
    ? createHttpsServer({ cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }, listener)
    : createHttpServer(listener);
}

export async function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server.address() as AddressInfo;
}

export async function shutdown(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
