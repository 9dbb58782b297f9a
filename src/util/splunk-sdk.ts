import axios, { AxiosHeaders } from "axios";
import { z } from "zod";
import { httpsAgent, TlsConfig } from "./tls.js";

/** Connection to Splunk's management (REST) port, shared by the search source and the KV-store writer. */
export const SplunkRestConfig = z
  .object({
    /** Management URL, e.g. `https://splunk.example.com:8089`. */
    url: z.url({ protocol: /^https?$/ }),
    /** Splunk authentication token (sent as `Authorization: Bearer`); or username and password. */
    token: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    /** Namespace for app-scoped objects (the KV-store collection lives in TA-aisiem). */
    app: z.string().min(1).optional(),
    owner: z.string().min(1).default("nobody"),
    timeoutMs: z.number().int().positive().default(60_000),
    tls: TlsConfig,
  })
  .refine((c) => c.token !== undefined || (c.username !== undefined && c.password !== undefined), {
    message: "give token, or username and password",
    path: ["token"],
  });
export type SplunkRestConfig = z.infer<typeof SplunkRestConfig>;

/** The slice of splunk-sdk's untyped `Service` aisiem calls. */
export interface SplunkService {
  get(path: string, params: Record<string, unknown>): Promise<SplunkResponse>;
  request(path: string, method: string, query: Record<string, unknown>, post: Record<string, unknown>, body: string, headers: Record<string, string>): Promise<SplunkResponse>;
}
export interface SplunkResponse {
  status: number;
  data: unknown;
}

interface HttpMessage {
  method: string;
  headers: Record<string, string>;
  timeout?: number;
  body?: string;
}
interface SdkHttpBase {
  _buildResponse(error: unknown, response: { headers: Record<string, unknown>; statusCode: number } | null, data: unknown): SplunkResponse;
}
interface SplunkSdk {
  Http: { extend(methods: Record<string, unknown>): new () => unknown };
  Service: new (http: unknown, params: Record<string, unknown>) => SplunkService;
}

let sdk: Promise<SplunkSdk> | undefined;

/**
 * Imports splunk-sdk on first use only. Its entry point loads `.env` into `process.env`
 * (reference splunk.md §2.1); whatever that added is removed again so the SDK never changes the
 * process's environment.
 */
export function loadSplunkSdk(): Promise<SplunkSdk> {
  sdk ??= (async () => {
    const before = new Set(Object.keys(process.env));
    const mod = (await import("splunk-sdk")) as { default?: SplunkSdk } & SplunkSdk;
    for (const key of Object.keys(process.env)) if (!before.has(key)) delete process.env[key];
    return mod.default ?? mod;
  })();
  return sdk;
}

/**
 * Export searches answer with one JSON object per line; other endpoints with one document.
 * Both become a value: the document, or the array of lines.
 */
export function parseSplunkJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as unknown);
  }
}

/**
 * A splunk-sdk `Service` whose HTTP layer is aisiem's: axios with an HTTPS agent that verifies
 * certificates (against `tls.ca` when given). The SDK's own Node transport turns verification off
 * with no way back (reference splunk.md §2.1), so it is never used.
 */
export async function createSplunkService(config: SplunkRestConfig): Promise<SplunkService> {
  const { Http, Service } = await loadSplunkSdk();
  const agent = httpsAgent(config.tls);
  const VerifyingHttp = Http.extend({
    makeRequest(this: SdkHttpBase, url: string, message: HttpMessage): Promise<SplunkResponse> {
      return axios
        .request({
          url,
          method: message.method,
          headers: message.headers,
          data: message.body || undefined,
          timeout: config.timeoutMs,
          responseType: "text",
          transformResponse: (data: unknown) => data,
          validateStatus: () => true,
          httpsAgent: agent,
          maxRedirects: 0,
          proxy: false,
        })
        .then(
          (res) => this._buildResponse(null, { headers: AxiosHeaders.from(res.headers as AxiosHeaders).toJSON(), statusCode: res.status }, res.data),
          (error: unknown) => Promise.reject(this._buildResponse(error, { headers: {}, statusCode: 0 }, {})),
        );
    },
    parseJson: parseSplunkJson,
  });
  const url = new URL(config.url);
  return new Service(new VerifyingHttp(), {
    scheme: url.protocol.replace(":", ""),
    host: url.hostname,
    port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
    ...(config.token ? { sessionKey: config.token, authorization: "Bearer" } : { username: config.username, password: config.password }),
    app: config.app,
    owner: config.owner,
  });
}

/** splunk-sdk rejects with its response object, not an Error: this names what went wrong without the body's secrets. */
export function splunkError(what: string, failure: unknown): Error {
  const f = failure as { status?: number; error?: { code?: string; message?: string }; data?: { messages?: Array<{ text?: string }> } };
  const detail = f?.error?.message ?? f?.data?.messages?.map((m) => m.text).join("; ") ?? (failure instanceof Error ? failure.message : "");
  return new Error(`${what} failed${f?.status ? ` (HTTP ${f.status})` : ""}${detail ? `: ${detail}` : ""}`);
}
