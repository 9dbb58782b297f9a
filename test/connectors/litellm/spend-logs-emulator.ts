import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SpendLogsEmulator {
  url: string;
  /** Query strings of every request, in order. */
  requests: URLSearchParams[];
  close(): Promise<void>;
}

const toMs = (value: string) => Date.parse(`${value.replace(" ", "T")}Z`);

/**
 * LiteLLM's `GET /spend/logs/v2` as spend_management_endpoints.py implements it: Bearer auth,
 * `start_date`/`end_date` as `YYYY-MM-DD HH:MM:SS` UTC (both inclusive), `page`/`page_size`,
 * `sort_by=startTime&sort_order=asc`, envelope `{data, total, page, page_size, total_pages}`.
 * The first `throttle` requests are answered 429 with Retry-After: 0.
 */
export async function startSpendLogsEmulator(rows: Array<{ request_id: string; startTime: string }>, key: string, throttle = 0): Promise<SpendLogsEmulator> {
  const requests: URLSearchParams[] = [];
  let refused = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    requests.push(url.searchParams);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${key}`) return send(401, { error: { message: "Authentication Error" } });
    if (url.pathname !== "/spend/logs/v2") return send(404, { detail: "Not Found" });
    if (refused < throttle) {
      refused += 1;
      return send(429, { error: { message: "rate limited" } }, { "Retry-After": "0" });
    }
    const q = url.searchParams;
    const start = toMs(q.get("start_date") ?? "");
    const end = toMs(q.get("end_date") ?? "");
    if (Number.isNaN(start) || Number.isNaN(end)) return send(400, { detail: "Invalid date format" });
    const page = Number(q.get("page") ?? 1);
    const size = Number(q.get("page_size") ?? 50);
    const matching = rows
      .filter((r) => Date.parse(`${r.startTime}Z`) >= start && Date.parse(`${r.startTime}Z`) <= end)
      .sort((a, b) => a.startTime.localeCompare(b.startTime));
    send(200, { data: matching.slice((page - 1) * size, page * size), total: matching.length, page, page_size: size, total_pages: Math.ceil(matching.length / size) });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
