import { readFileSync } from "node:fs";
import { Agent as HttpsAgent } from "node:https";
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import type { Logger } from "pino";
import { z } from "zod";
import { validate, ValidationError } from "../../model/index.js";
import { backoffDelay, pause } from "../../util/backoff.js";
import type { AuthProvider } from "./auth.js";
import type { RetryOptions, TlsOptions } from "./options.js";

export interface HttpClientOptions {
  /** API root; absolute links the API returns (next pages, content URIs) must share its origin. */
  baseUrl: string;
  auth?: AuthProvider;
  retry: RetryOptions;
  timeoutMs: number;
  tls: TlsOptions;
  logger: Logger;
  signal: AbortSignal;
  /** Extra headers on every request (API version pins). */
  headers?: Record<string, string>;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface HttpResult<T> {
  data: T;
  headers: Record<string, string | undefined>;
  /** Method and path, for error messages and DLQ origins (no host, no credentials). */
  origin: string;
}

/** A request that failed for good: a 4xx other than 401/429, or retries exhausted. */
export class HttpError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly origin: string,
    detail: string,
  ) {
    super(`${origin} failed${status ? ` with HTTP ${status}` : ""}: ${detail}`);
    this.name = "HttpError";
  }
}

export class AbortedError extends Error {
  constructor() {
    super("stopped");
    this.name = "AbortedError";
  }
}

const TEXT = z.string();
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;

/** Where a redirect points; refuses a missing Location and a step down from HTTPS to HTTP. */
function redirectTarget(from: URL, location: unknown, origin: string): URL {
  if (typeof location !== "string" || location === "") throw new HttpError(undefined, origin, "redirect without a Location header");
  const to = new URL(location, from);
  if (from.protocol === "https:" && to.protocol !== "https:") throw new HttpError(undefined, origin, `refusing a redirect from HTTPS to ${to.protocol.replace(":", "")}`);
  return to;
}

const RETRYABLE_NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "ECONNABORTED", "EPIPE", "EAI_AGAIN", "ERR_BAD_RESPONSE"]);

/**
 * The pullers' HTTP client: JSON over axios, TLS verified by default, the auth provider's headers
 * on every call, 401 answered by one token refresh, 429 and 5xx retried (Retry-After honoured up
 * to the cap, otherwise full-jitter exponential backoff), and a response whose body does not
 * match its schema treated like a 5xx (a truncated page) before it is given up.
 */
export class HttpClient {
  private readonly axios: AxiosInstance;
  private readonly origin: string;

  constructor(private readonly options: HttpClientOptions) {
    this.origin = new URL(options.baseUrl).origin;
    this.axios = axios.create({
      timeout: options.timeoutMs,
      validateStatus: () => true,
      maxRedirects: 0,
      httpsAgent: new HttpsAgent({
        rejectUnauthorized: options.tls.rejectUnauthorized,
        ca: options.tls.caFile ? readFileSync(options.tls.caFile) : undefined,
        keepAlive: true,
      }),
      headers: { Accept: "application/json", "User-Agent": "aisiem", ...options.headers },
    });
  }

  /** Resolves `path` against the base URL; refuses links to another origin so credentials never leave it. */
  url(path: string, query: Query = {}): URL {
    const base = this.options.baseUrl.endsWith("/") ? this.options.baseUrl : this.options.baseUrl + "/";
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(path.replace(/^\//, ""), base);
    if (url.origin !== this.origin) throw new HttpError(undefined, `GET ${url.pathname}`, `refusing a link to another origin (${url.origin})`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  async getJson<S extends z.ZodType>(path: string, query: Query, schema: S, what: string): Promise<HttpResult<z.infer<S>>> {
    return this.request("GET", this.url(path, query), undefined, schema, what);
  }

  async post<S extends z.ZodType>(path: string, query: Query, body: unknown, schema: S, what: string): Promise<HttpResult<z.infer<S>>> {
    return this.request("POST", this.url(path, query), body, schema, what);
  }

  async patch<S extends z.ZodType>(path: string, body: unknown, schema: S, what: string): Promise<HttpResult<z.infer<S>>> {
    return this.request("PATCH", this.url(path), body, schema, what);
  }

  async delete(path: string, what: string): Promise<HttpResult<unknown>> {
    return this.request("DELETE", this.url(path), undefined, z.unknown(), what);
  }

  /**
   * A file's text as it is (JSONL, never JSON-decoded), following redirects to where it is
   * stored; the credentials go to the API's own origin only, never to the redirect target.
   */
  async getText(path: string, query: Query, what: string): Promise<HttpResult<string>> {
    return this.request("GET", this.url(path, query), undefined, TEXT, what, { text: true });
  }

  private async request<S extends z.ZodType>(method: "GET" | "POST" | "PATCH" | "DELETE", start: URL, body: unknown, schema: S, what: string, mode = { text: false }): Promise<HttpResult<z.infer<S>>> {
    const { retry, logger, signal } = this.options;
    const origin = `${method} ${start.pathname}`;
    let url = start;
    let refreshedAuth = false;
    let redirects = 0;
    for (let attempt = 0; ; attempt += 1) {
      if (signal.aborted) throw new AbortedError();
      let response: AxiosResponse | undefined;
      let failure = "";
      let retryAfterMs: number | undefined;
      try {
        const headers = url.origin === this.origin ? { ...(await this.options.auth?.headers()) } : {};
        const asText = mode.text ? { responseType: "text" as const, transformResponse: (data: unknown) => data, headers: { ...headers, Accept: "*/*" } } : { headers };
        response = await this.axios.request({ method, url: url.toString(), data: body, signal, ...asText });
      } catch (error) {
        if (signal.aborted) throw new AbortedError();
        if (error instanceof HttpError) throw error;
        const code = (error as { code?: string }).code ?? "";
        if (!RETRYABLE_NETWORK.has(code)) throw new HttpError(undefined, origin, (error as Error).message);
        failure = `network error ${code}`;
      }
      if (response) {
        const status = response.status;
        if (status >= 200 && status < 300) {
          try {
            return { data: validate(schema, response.data, what), headers: flatHeaders(response.headers), origin };
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            failure = error.message;
          }
        } else if (status === 401 && this.options.auth?.invalidate && !refreshedAuth) {
          // An access token can expire or be revoked mid-run: fetch a new one once, at once.
          refreshedAuth = true;
          this.options.auth.invalidate();
          logger.info({ request: origin }, "access token refused; refreshing it");
          attempt -= 1;
          continue;
        } else if (mode.text && REDIRECT.has(status) && redirects < MAX_REDIRECTS) {
          url = redirectTarget(url, response.headers.location, origin);
          redirects += 1;
          attempt -= 1;
          continue;
        } else if (status === 429 || status >= 500) {
          failure = `HTTP ${status}${vendorDetail(response.data)}`;
          retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
        } else {
          throw new HttpError(status, origin, vendorDetail(response.data).replace(/^: /, "") || "request refused");
        }
      }
      if (attempt + 1 >= retry.maxAttempts) {
        const detail = failure.replace(/^HTTP \d+(: )?/, "") || "server error";
        throw new HttpError(response?.status, origin, `${detail} (gave up after ${retry.maxAttempts} attempts)`);
      }
      const delay = Math.min(retry.maxDelayMs, retryAfterMs ?? backoffDelay(attempt, retry));
      logger.warn({ request: origin, attempt: attempt + 1, delayMs: delay, reason: failure }, "request failed; retrying");
      if (!(await pause(delay, signal))) throw new AbortedError();
    }
  }
}

function flatHeaders(headers: AxiosResponse["headers"]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value === undefined || value === null ? undefined : String(value);
  }
  return out;
}

/** Retry-After in seconds or as an HTTP date. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The vendor's own error code and message (Microsoft `error.code`, OpenAI/Anthropic `error.type`), shortened. */
function vendorDetail(body: unknown): string {
  if (!body || typeof body !== "object") return "";
  const error = (body as { error?: unknown }).error;
  if (typeof error === "string") {
    // OAuth2 errors: `error` plus `error_description` (Entra ID's AADSTS codes).
    const description = (body as { error_description?: unknown }).error_description;
    return `: ${[error, typeof description === "string" ? description : ""].join(" ").trim().slice(0, 300)}`;
  }
  if (!error || typeof error !== "object") return "";
  const { code, type, message } = error as { code?: unknown; type?: unknown; message?: unknown };
  const parts = [code ?? type, message].filter((p) => typeof p === "string") as string[];
  return parts.length > 0 ? `: ${parts.join(" ").slice(0, 300)}` : "";
}
