/**
 * A scripted HTTP server on loopback for the sink's edge cases that a real node will not produce
 * on demand (429s, 503s, a server that is not Elasticsearch). Each request is recorded and
 * answered by the test's handler.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** Leave out `x-elastic-product` (a server that is not Elasticsearch). */
  notElastic?: boolean;
}

export interface ScriptedServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function scriptedServer(handle: (request: SeenRequest) => Reply): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const seen = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(seen);
      const reply = handle(seen);
      res.writeHead(reply.status ?? 200, {
        "content-type": "application/json",
        ...(!reply.notElastic && { "x-elastic-product": "Elasticsearch" }),
      });
      res.end(JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Clients keep connections alive; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}

/** The documents (every second line) of a bulk body. */
export function bulkDocs(body: string): Array<Record<string, unknown>> {
  return body
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((_, i) => i % 2 === 1);
}

export function bulkActions(body: string): Array<{ create: { _index: string; _id: string } }> {
  return body
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((_, i) => i % 2 === 0);
}

/** A bulk answer with one item per action, each status from `statusFor`. */
export function bulkReply(body: string, statusFor: (id: string, n: number) => number): Reply {
  const items = bulkActions(body).map(({ create }, n) => {
    const status = statusFor(create._id, n);
    const error =
      status === 409
        ? { type: "version_conflict_engine_exception", reason: `[${create._id}]: version conflict, document already exists` }
        : status === 429
          ? { type: "es_rejected_execution_exception", reason: "rejected execution" }
          : status >= 400
            ? { type: "document_parsing_exception", reason: "[1:2] failed to parse field [gen_ai.usage.input_tokens]", caused_by: { type: "illegal_argument_exception", reason: "Value out of range" } }
            : undefined;
    return { create: { _index: create._index, _id: create._id, status, ...(error && { error }) } };
  });
  return { body: { took: 1, errors: items.some((i) => i.create.status >= 300), items } };
}
