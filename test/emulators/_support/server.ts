/**
 * The base of the API emulators: a loopback HTTP server (ephemeral port) with fault injection
 * (a queue of error replies for the next requests, an optional delay per reply), bearer tokens
 * from an OAuth2 client-credentials endpoint that can be expired on demand, and a request log.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { randomUUID } from "node:crypto";

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw text instead of JSON (a truncated page). */
  raw?: string;
}

export interface Request {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (request: Request) => Reply | Promise<Reply>;

export class Emulator {
  url = "";
  /** `METHOD path?query` of every request, in order. */
  readonly log: string[] = [];
  /** Replies for the next API requests (token requests excluded), used once each. */
  readonly faults: Reply[] = [];
  /** Delay before each API reply, to stretch a run (the kill-and-restart tests). */
  delayMs = 0;
  /** Expire every token once this many API requests were answered (a token lapsing mid-run). */
  expireTokensAfter: number | undefined;
  private answered = 0;
  private server: Server | undefined;
  private readonly tokens = new Set<string>();

  constructor(
    private readonly handler: Handler,
    /** Lifetime of issued tokens in seconds. */
    private readonly tokenLifetime = 3600,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        void this.dispatch({ method: req.method ?? "GET", url: new URL(req.url ?? "/", this.url), headers: req.headers, body: Buffer.concat(chunks).toString("utf8") }).then((reply) => {
          res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
          res.end(reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body)));
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    if (!address || typeof address === "string") throw new Error("no address");
    this.url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Every token issued so far stops working (an expiry or revocation mid-run). */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** Bearer token check for APIs behind the OAuth2 endpoint. */
  authorized(request: Request): boolean {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    return token !== undefined && this.tokens.has(token);
  }

  private async dispatch(request: Request): Promise<Reply> {
    this.log.push(`${request.method} ${request.url.pathname}${request.url.search}`);
    if (request.method === "POST" && /\/oauth2\/v2\.0\/token$/.test(request.url.pathname)) return this.issueToken(request);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (++this.answered === this.expireTokensAfter) this.expireTokens();
    const fault = this.faults.shift();
    if (fault) return fault;
    try {
      return await this.handler(request);
    } catch (error) {
      return { status: 500, body: { error: { code: "EmulatorError", message: (error as Error).message } } };
    }
  }

  private issueToken(request: Request): Reply {
    const form = new URLSearchParams(request.body);
    if (form.get("grant_type") !== "client_credentials" || form.get("client_secret") !== "test-secret") {
      return { status: 401, body: { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." } };
    }
    const token = randomUUID();
    this.tokens.add(token);
    return { status: 200, body: { token_type: "Bearer", expires_in: this.tokenLifetime, access_token: token } };
  }
}

/** Slices `items` after the element whose id is `afterId` (exclusive). */
export function after<T extends { id: string }>(items: T[], afterId: string | null): T[] {
  if (!afterId) return items;
  const at = items.findIndex((i) => i.id === afterId);
  return at < 0 ? [] : items.slice(at + 1);
}

export const unauthorized: Reply = { status: 401, body: { error: { code: "InvalidAuthenticationToken", message: "Access token has expired or is not yet valid." } } };
