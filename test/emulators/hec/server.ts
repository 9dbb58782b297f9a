import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { gunzipSync } from "node:zlib";
import { GUID, reply, splitConcatenated, type Reply } from "./protocol.js";

export interface EmulatorToken {
  token: string;
  disabled?: boolean;
  /** Indexer acknowledgement (`useACK`): a channel is required and replies carry `ackId`. */
  ack?: boolean;
  /** Allowed indexes; any index when left out. */
  indexes?: string[];
  allowQueryStringAuth?: boolean;
}

export interface EmulatorOptions {
  tokens: EmulatorToken[];
  /** limits.conf `[http_input] max_content_length` (default 800 MB). */
  maxContentLength?: number;
  /** inputs.conf `[http] maxEventSize` (default 5 MB). */
  maxEventSize?: number;
  /**
   * Whether events before an invalid one are indexed. Splunk's own log shows `events_processed=0`
   * for such a request (reference splunk.md [S17]), so by default nothing is.
   */
  indexBeforeInvalid?: boolean;
  tls?: { key: string; cert: string };
}

/** Faults to inject; counters are consumed request by request. */
export interface Faults {
  /** The next N data requests are answered 503 code 9 "Server is busy". */
  busy: number;
  /** After this many more data requests, every one is answered 503 code 9 (a receiver that stays busy). */
  busyAfter: number | undefined;
  /** The next N data requests are answered 500 code 8. */
  internalErrors: number;
  /** The next N data requests have their connection destroyed before any reply. */
  resets: number;
  /** Delay before every reply. */
  slowMs: number;
  /** Health reports code 18 and data requests get 503 code 9 while set. */
  unhealthy: boolean;
  /** Events whose `event.event_id` is in here are refused with code 6 and their `invalid-event-number`. */
  poison: Set<string>;
  /** ACKs stay `false` for this many polls after the request. */
  ackAfterPolls: number;
  /** The next N acknowledged requests are lost: never indexed, their ACK never turns true. */
  loseAcks: number;
}

export interface IndexedEvent {
  token: string;
  channel?: string;
  endpoint: "event" | "raw";
  envelope: Record<string, unknown>;
}

interface AckEntry {
  events: IndexedEvent[];
  lost: boolean;
  pollsLeft: number;
}

const DEFAULT_FAULTS = (): Faults => ({
  busy: 0,
  busyAfter: undefined,
  internalErrors: 0,
  resets: 0,
  slowMs: 0,
  unhealthy: false,
  poison: new Set(),
  ackAfterPolls: 0,
  loseAcks: 0,
});

const EVENT_PATHS = new Set(["/services/collector", "/services/collector/event", "/services/collector/event/1.0"]);
const RAW_PATHS = new Set(["/services/collector/raw", "/services/collector/raw/1.0"]);
const HEALTH_PATHS = new Set(["/services/collector/health", "/services/collector/health/1.0"]);
const ACK_PATH = "/services/collector/ack";

/**
 * An HTTP Event Collector that follows the documented protocol (reference splunk.md §1): token
 * checks, the JSON event and raw endpoints, batches of concatenated JSON, gzip, size limits,
 * indexer acknowledgement with channels, health, and every documented reply code. It keeps what
 * it "indexed" in memory so tests can account for each event.
 */
export class HecEmulator {
  readonly indexed: IndexedEvent[] = [];
  readonly faults: Faults = DEFAULT_FAULTS();
  /** Every request seen, for tests that check what the client sent. */
  readonly requests: Array<{ path: string; headers: IncomingMessage["headers"]; status: number }> = [];
  private readonly acks = new Map<string, { next: number; entries: Map<number, AckEntry> }>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  url = "";

  constructor(private readonly options: EmulatorOptions) {}

  async start(): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = this.options.tls ? createHttpsServer(this.options.tls, handler) : createHttpServer(handler);
    this.server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `${this.options.tls ? "https" : "http"}://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  resetFaults(): void {
    Object.assign(this.faults, DEFAULT_FAULTS());
  }

  /** The `event_id` of every indexed JSON event, in arrival order (repeats show duplicates). */
  eventIds(): string[] {
    return this.indexed.map((e) => String((e.envelope.event as Record<string, unknown> | undefined)?.event_id));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const isData = EVENT_PATHS.has(url.pathname) || RAW_PATHS.has(url.pathname);
    if (isData && this.faults.resets > 0) {
      this.faults.resets -= 1;
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    const result = await this.route(req, url, body);
    if (this.faults.slowMs > 0) await new Promise((r) => setTimeout(r, this.faults.slowMs));
    this.requests.push({ path: url.pathname, headers: req.headers, status: result.status });
    if (res.destroyed) return;
    res.writeHead(result.status, { "Content-Type": "application/json; charset=UTF-8" });
    res.end(JSON.stringify(result.body));
  }

  private async route(req: IncomingMessage, url: URL, body: Buffer): Promise<Reply> {
    if (HEALTH_PATHS.has(url.pathname)) return this.health(req);
    if (url.pathname === ACK_PATH && req.method === "POST") return this.ack(req, url, body);
    const raw = RAW_PATHS.has(url.pathname);
    if ((EVENT_PATHS.has(url.pathname) || raw) && req.method === "POST") return this.data(req, url, body, raw);
    return { status: 404, body: { text: "The requested URL was not found on this server.", code: 404 } };
  }

  private health(req: IncomingMessage): Reply {
    // A token on a health check is checked too (codes 21/22).
    const presented = bearer(req.headers.authorization);
    if (presented !== undefined) {
      const token = this.options.tokens.find((t) => t.token === presented);
      if (!token) return reply(21);
      if (token.disabled) return reply(22);
    }
    return this.faults.unhealthy ? reply(18) : reply(17);
  }

  /** Token from the header or (when allowed) the query string; a reply when it is refused. */
  private authenticate(req: IncomingMessage, url: URL): EmulatorToken | Reply {
    const queryToken = url.searchParams.get("token");
    if (queryToken !== null) {
      const token = this.options.tokens.find((t) => t.token === queryToken);
      if (!token) return reply(4);
      if (!token.allowQueryStringAuth) return reply(16);
      return token.disabled ? reply(1) : token;
    }
    const header = req.headers.authorization;
    if (!header) return reply(2);
    const presented = bearer(header);
    if (presented === undefined) return reply(3);
    const token = this.options.tokens.find((t) => t.token === presented);
    if (!token) return reply(4);
    return token.disabled ? reply(1) : token;
  }

  private channelOf(req: IncomingMessage, url: URL, token: EmulatorToken, required: boolean): string | Reply | undefined {
    const channel = (req.headers["x-splunk-request-channel"] as string | undefined) ?? url.searchParams.get("channel") ?? undefined;
    if (channel === undefined) return token.ack || required ? reply(10) : undefined;
    return GUID.test(channel) ? channel : reply(11);
  }

  private async data(req: IncomingMessage, url: URL, body: Buffer, raw: boolean): Promise<Reply> {
    const token = this.authenticate(req, url);
    if ("status" in token) return token;
    if (body.length > (this.options.maxContentLength ?? 838_860_800)) {
      return { status: 413, body: { text: `Content-Length of ${body.length} too large (maximum is ${this.options.maxContentLength})` } };
    }
    const channel = this.channelOf(req, url, token, raw);
    if (typeof channel === "object") return channel;
    if (this.faults.busyAfter !== undefined) {
      if (this.faults.busyAfter === 0) return reply(9);
      this.faults.busyAfter -= 1;
    }
    if (this.faults.busy > 0 || this.faults.unhealthy) {
      if (!this.faults.unhealthy) this.faults.busy -= 1;
      return reply(9);
    }
    if (this.faults.internalErrors > 0) {
      this.faults.internalErrors -= 1;
      return reply(8);
    }
    let text: string;
    const encoding = req.headers["content-encoding"];
    if (encoding === "gzip") {
      try {
        text = gunzipSync(body).toString("utf8");
      } catch {
        return reply(6, { "invalid-event-number": 0 });
      }
    } else if (encoding === undefined || encoding === "identity") text = body.toString("utf8");
    else return reply(6, { "invalid-event-number": 0 });
    if (text.trim() === "") return reply(5);

    const parsed = raw ? this.parseRaw(text, url, token, channel) : this.parseEvents(text, token, channel);
    if ("status" in parsed) return parsed;
    return this.accept(parsed, token, channel);
  }

  private parseRaw(text: string, url: URL, token: EmulatorToken, channel: string | undefined): IndexedEvent[] | Reply {
    const meta = Object.fromEntries(["host", "index", "source", "sourcetype", "time"].flatMap((k) => (url.searchParams.has(k) ? [[k, url.searchParams.get(k)]] : [])));
    const index = meta.index as string | undefined;
    if (index && token.indexes && !token.indexes.includes(index)) return reply(7);
    return text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== "")
      .map((line) => ({ token: token.token, channel, endpoint: "raw" as const, envelope: { ...meta, event: line } }));
  }

  private parseEvents(text: string, token: EmulatorToken, channel: string | undefined): IndexedEvent[] | Reply {
    const { values, brokenAt } = splitConcatenated(text);
    const events: IndexedEvent[] = [];
    const invalid = (code: 6 | 12 | 13 | 15, at: number): Reply => {
      if (this.options.indexBeforeInvalid) this.indexed.push(...events);
      return reply(code, { "invalid-event-number": at });
    };
    for (const [i, value] of values.entries()) {
      let envelope: unknown;
      try {
        envelope = JSON.parse(value);
      } catch {
        return invalid(6, i);
      }
      if (!envelope || typeof envelope !== "object" || Array.isArray(envelope)) return invalid(6, i);
      const e = envelope as Record<string, unknown>;
      if (!("event" in e)) return invalid(12, i);
      if (e.event === null || (typeof e.event === "string" && e.event.trim() === "")) return invalid(13, i);
      if (e.time !== undefined && !Number.isFinite(Number(e.time))) return invalid(6, i);
      if (e.fields !== undefined && !flatFields(e.fields)) return invalid(15, i);
      if (Buffer.byteLength(value) > (this.options.maxEventSize ?? 5 * 1024 * 1024)) return invalid(6, i);
      const eventId = (e.event as Record<string, unknown> | undefined)?.event_id;
      if (typeof eventId === "string" && this.faults.poison.has(eventId)) return invalid(6, i);
      if (typeof e.index === "string" && token.indexes && !token.indexes.includes(e.index)) return reply(7);
      events.push({ token: token.token, channel, endpoint: "event", envelope: e });
    }
    if (brokenAt !== undefined) return invalid(6, brokenAt);
    return events;
  }

  private accept(events: IndexedEvent[], token: EmulatorToken, channel: string | undefined): Reply {
    if (!token.ack || channel === undefined) {
      this.indexed.push(...events);
      return reply(0);
    }
    const state = this.acks.get(channel) ?? { next: 0, entries: new Map<number, AckEntry>() };
    this.acks.set(channel, state);
    const ackId = state.next++;
    const lost = this.faults.loseAcks > 0;
    if (lost) this.faults.loseAcks -= 1;
    else this.indexed.push(...events);
    state.entries.set(ackId, { events, lost, pollsLeft: this.faults.ackAfterPolls });
    return reply(0, { ackId });
  }

  private ack(req: IncomingMessage, url: URL, body: Buffer): Reply {
    const token = this.authenticate(req, url);
    if ("status" in token) return token;
    if (!token.ack) return reply(14);
    const channel = this.channelOf(req, url, token, true);
    if (typeof channel === "object" || channel === undefined) return channel ?? reply(10);
    let ids: unknown;
    try {
      ids = (JSON.parse(body.toString("utf8")) as { acks?: unknown }).acks;
    } catch {
      return reply(6);
    }
    if (!Array.isArray(ids)) return reply(6);
    const entries = this.acks.get(channel)?.entries ?? new Map<number, AckEntry>();
    const acks: Record<string, boolean> = {};
    for (const id of ids) {
      const entry = entries.get(Number(id));
      if (!entry || entry.lost) {
        acks[String(id)] = false;
        continue;
      }
      if (entry.pollsLeft > 0) {
        entry.pollsLeft -= 1;
        acks[String(id)] = false;
        continue;
      }
      acks[String(id)] = true;
      // An acknowledged id is forgotten once reported, as the indexer does.
      entries.delete(Number(id));
    }
    return { status: 200, body: { acks } };
  }
}

/** `Splunk <token>` or HTTP Basic with the token as password; undefined for anything else. */
function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const splunk = /^Splunk (\S+)$/.exec(header);
  if (splunk) return splunk[1];
  const basic = /^Basic (\S+)$/.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

/** Indexed fields must be flat: strings (or numbers) or arrays of them (reference splunk.md §1.3). */
function flatFields(fields: unknown): boolean {
  if (!fields || typeof fields !== "object" || Array.isArray(fields)) return false;
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "number";
  return Object.values(fields).every((v) => scalar(v) || (Array.isArray(v) && v.every(scalar)));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startHecEmulator(options: EmulatorOptions): Promise<HecEmulator> {
  return new HecEmulator(options).start();
}
