import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { TokenCheck } from "./auth.js";
import { readBody, RequestError } from "./body.js";
import type { HttpInputConfig } from "./config.js";
import { documentsOf, protobufDocuments, recordsOf, type Route } from "./payload.js";
import type { Spool } from "./spool.js";

export interface ReceiverDeps {
  config: HttpInputConfig;
  spool: Spool;
  logger: Logger;
  /** Connector names a `/v1/ingest/<connector>` request may name. */
  connectors: ReadonlySet<string>;
  deadLetter?: (reason: string, original: unknown, origin: string) => void;
}

const INGEST = /^\/v1\/ingest\/([a-z0-9][a-z0-9-]*)$/;

function routeOf(path: string, connectors: ReadonlySet<string>): Route | undefined {
  if (path === "/v1/traces") return { kind: "otlp-traces" };
  if (path === "/v1/logs") return { kind: "otlp-logs" };
  const match = INGEST.exec(path);
  if (!match) return undefined;
  if (!connectors.has(match[1]!)) throw new RequestError(404, `unknown connector "${match[1]}"; available: ${[...connectors].join(", ")}`);
  return { kind: "ingest", connector: match[1]! };
}

function reply(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * The receiver's request handling: authenticate, refuse when the spool is too far ahead of the
 * pipeline (429 + Retry-After), read and check the body, append its records to the spool and
 * answer only once they are on disk (202; 200 with an empty ExportServiceResponse for OTLP, in the
 * request's encoding, JSON or protobuf).
 * A payload that cannot be read is answered 400 with the reason and dead-lettered.
 */
export function createReceiver(deps: ReceiverDeps): Server {
  const { config, spool, logger } = deps;
  const tokens = new TokenCheck(config.tokens, config.allowUnauthenticated);
  const retryAfter = { "Retry-After": String(config.retryAfterSeconds) };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? "/", "http://receiver").pathname;
    if (path === "/healthz") {
      if (req.method !== "GET" && req.method !== "HEAD") return reply(res, 405, { error: "use GET" }, { Allow: "GET, HEAD" });
      const full = spool.unacknowledgedBytes() >= config.maxSpoolBytes;
      return reply(res, full ? 503 : 200, { status: full ? "backpressure" : "ok" });
    }
    if (!tokens.allows(req.headers.authorization)) return reply(res, 401, { error: "missing or invalid bearer token" }, { "WWW-Authenticate": 'Bearer realm="aisiem"' });
    const route = routeOf(path, deps.connectors);
    if (!route) return reply(res, 404, { error: "no such endpoint; use POST /v1/ingest/<connector>, /v1/traces or /v1/logs" });
    if (req.method !== "POST") return reply(res, 405, { error: "use POST" }, { Allow: "POST" });
    const protobuf = /protobuf/i.test(req.headers["content-type"] ?? "");
    if (protobuf && route.kind === "ingest") throw new RequestError(415, "protobuf is accepted only on the OTLP endpoints /v1/traces and /v1/logs; send JSON");
    if (spool.unacknowledgedBytes() >= config.maxSpoolBytes) {
      return reply(res, 429, { error: "receiver is behind; retry later" }, { ...retryAfter, Connection: "close" });
    }
    const requestId = randomUUID();
    const origin = `POST ${path} ${requestId}`;
    const body = await readBody(req, config.maxBodyBytes);
    let records;
    try {
      const documents = protobuf && route.kind !== "ingest" ? protobufDocuments(route, body) : documentsOf(body.toString("utf8"));
      records = recordsOf(route, documents, origin);
    } catch (error) {
      // A binary body is dead-lettered as base64 so the DLQ stays text and the body can be replayed.
      if (error instanceof RequestError) deps.deadLetter?.(`rejected request: ${error.message}`, body.toString(protobuf ? "base64" : "utf8"), origin);
      throw error;
    }
    const lines = records.map((r) => JSON.stringify(r) + "\n").join("");
    try {
      await spool.append(Buffer.from(lines, "utf8"));
    } catch (error) {
      logger.error({ err: (error as Error).message, requestId }, "spool write failed");
      return reply(res, 503, { error: "could not store the request; retry later" }, retryAfter);
    }
    if (route.kind === "ingest") return reply(res, 202, { accepted: records.length, requestId });
    if (protobuf) {
      // An empty Export*ServiceResponse encodes to zero bytes.
      res.writeHead(200, { "Content-Type": "application/x-protobuf", "Content-Length": "0" });
      return void res.end();
    }
    return reply(res, 200, {});
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof RequestError) {
        // The rest of a refused body is not read: close the connection instead of draining it.
        reply(res, error.status, { error: error.message }, { Connection: "close" });
        return;
      }
      logger.error({ err: (error as Error).message }, "receiver request failed");
      reply(res, 500, { error: "internal error" });
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
