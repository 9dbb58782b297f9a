import axios, { type AxiosInstance } from "axios";
import { z } from "zod";
import { validate } from "../../model/index.js";
import { httpsAgent, type TlsConfig } from "../../util/tls.js";
import { classifyReply, parseReply, type HecReply, type Verdict } from "./replies.js";

export interface HecEndpointOptions {
  url: string;
  token: string;
  timeoutMs: number;
  tls: TlsConfig;
  gzip: boolean;
  /** Sent as `X-Splunk-Request-Channel` when indexer acknowledgement is on. */
  channel?: string;
}

export interface HecResponse {
  status: number;
  reply: HecReply | undefined;
  verdict: Verdict;
}

const AckStatus = z.object({ acks: z.record(z.string(), z.boolean()) });

/** Network failures that may pass: the request is sent again (to this or another endpoint). */
export function networkReason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return `network error ${e.code ?? ""} ${e.message ?? String(error)}`.replace(/\s+/g, " ").trim();
}

/**
 * One HEC endpoint: the three calls the sink needs (`/event`, `/health`, `/ack`) over axios with
 * a verifying HTTPS agent. Replies are returned, never thrown; network errors are thrown.
 */
export class HecEndpoint {
  private readonly http: AxiosInstance;

  constructor(readonly options: HecEndpointOptions) {
    this.http = axios.create({
      baseURL: options.url.replace(/\/+$/, ""),
      timeout: options.timeoutMs,
      httpsAgent: httpsAgent(options.tls),
      headers: {
        Authorization: `Splunk ${options.token}`,
        ...(options.channel ? { "X-Splunk-Request-Channel": options.channel } : {}),
      },
      responseType: "text",
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
      maxBodyLength: Infinity,
      maxContentLength: 1_048_576,
      maxRedirects: 0,
      // Proxies from the environment are not applied: HEC traffic carries the token.
      proxy: false,
    });
  }

  get url(): string {
    return this.options.url;
  }

  /** POSTs a body of concatenated JSON events (already gzip-compressed when `gzip` is on). */
  async send(body: Buffer, signal?: AbortSignal): Promise<HecResponse> {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (this.options.gzip) headers["Content-Encoding"] = "gzip";
    const res = await this.http.post("/services/collector/event", body, { headers, signal });
    return this.response(res.status, res.data as string);
  }

  async health(signal?: AbortSignal): Promise<HecResponse> {
    const res = await this.http.get("/services/collector/health", { signal });
    return this.response(res.status, res.data as string);
  }

  /**
   * Checks the token without indexing anything: an empty POST is answered 400 code 5 "No data"
   * when the token is good, 401/403 when it is not.
   */
  async probeToken(signal?: AbortSignal): Promise<HecResponse> {
    const res = await this.http.post("/services/collector/event", "", { headers: { "Content-Type": "application/json" }, signal });
    return this.response(res.status, res.data as string);
  }

  /** Indexing status of earlier requests on this channel: `true` once indexed. */
  async ackStatus(ids: number[], signal?: AbortSignal): Promise<Map<number, boolean>> {
    const res = await this.http.post("/services/collector/ack", JSON.stringify({ acks: ids }), {
      headers: { "Content-Type": "application/json" },
      signal,
    });
    const response = this.response(res.status, res.data as string);
    if (response.verdict.kind !== "ok") throw new Error(`ACK poll failed: ${response.verdict.reason}`);
    const parsed = validate(AckStatus, JSON.parse(res.data as string), "HEC ACK reply");
    return new Map(Object.entries(parsed.acks).map(([id, done]) => [Number(id), done]));
  }

  private response(status: number, body: string): HecResponse {
    const reply = parseReply(body);
    return { status, reply, verdict: classifyReply(status, reply) };
  }
}
