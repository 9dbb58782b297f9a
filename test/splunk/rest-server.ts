import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";

/** What the fake management port holds: indexed rows (with `_indextime`) and KV-store collections. */
export interface RestState {
  rows: Array<Record<string, string>>;
  collections: Map<string, Map<string, Record<string, unknown>>>;
  requests: Array<{ method: string; path: string; query: URLSearchParams; authorization?: string }>;
}

/**
 * A small stand-in for Splunk's management port over HTTPS: `search/v2/jobs/export` (NDJSON
 * results filtered by `index_earliest`/`index_latest`) and the KV-store `storage/collections`
 * endpoints (config create, data query by `_key`, `batch_save`). Bearer token required.
 */
export async function startRestServer(tls: { key: string; cert: string }, token: string): Promise<{ url: string; state: RestState; stop(): Promise<void> }> {
  const state: RestState = { rows: [], collections: new Map(), requests: [] };
  const server: Server = createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "https://splunk");
      const body = Buffer.concat(chunks).toString("utf8");
      state.requests.push({ method: req.method ?? "", path: url.pathname, query: url.searchParams, authorization: req.headers.authorization });
      const send = (status: number, value: unknown, type = "application/json") => {
        res.writeHead(status, { "Content-Type": type });
        res.end(typeof value === "string" ? value : JSON.stringify(value));
      };
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { messages: [{ type: "WARN", text: "call not properly authenticated" }] });
      if (url.pathname === "/services/search/v2/jobs/export") {
        const from = Number(url.searchParams.get("index_earliest"));
        const to = Number(url.searchParams.get("index_latest"));
        const lines = state.rows
          .filter((r) => Number(r._indextime) >= from && Number(r._indextime) < to)
          .map((result, i, all) => JSON.stringify({ preview: false, offset: i, ...(i === all.length - 1 ? { lastrow: true } : {}), result }));
        return send(200, lines.join("\n") + "\n");
      }
      const kv = /^\/servicesNS\/nobody\/([^/]+)\/storage\/collections\/(config|data\/([^/]+)(\/batch_save)?)$/.exec(url.pathname);
      if (!kv) return send(404, { messages: [{ type: "ERROR", text: "not found" }] });
      if (kv[2] === "config") {
        const name = new URLSearchParams(body).get("name")!;
        if (state.collections.has(name)) return send(409, { messages: [{ type: "ERROR", text: "An object with name=" + name + " already exists" }] });
        state.collections.set(name, new Map());
        return send(201, { entry: [{ name }] });
      }
      const collection = state.collections.get(kv[3]!);
      if (!collection) return send(404, { messages: [{ type: "ERROR", text: "Collection does not exist" }] });
      if (kv[4]) {
        const docs = JSON.parse(body) as Array<Record<string, unknown>>;
        for (const doc of docs) collection.set(String(doc._key), doc);
        return send(200, docs.map((d) => d._key));
      }
      const query = JSON.parse(url.searchParams.get("query") ?? "{}") as { $or?: Array<{ _key: string }> };
      const keys = new Set((query.$or ?? []).map((q) => q._key));
      return send(200, [...collection.values()].filter((d) => keys.has(String(d._key))));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `https://127.0.0.1:${port}`, state, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
