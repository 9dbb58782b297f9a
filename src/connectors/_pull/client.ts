import type { InputContext } from "../../inputs/types.js";
import type { AuthProvider } from "./auth.js";
import { HttpClient } from "./http.js";
import type { PullOptions } from "./options.js";

/** An HTTP client for a puller's API, from its common options and the run's logger and stop signal. */
export function createApiClient(
  options: PullOptions,
  ctx: Pick<InputContext, "logger" | "signal">,
  api: { baseUrl: string; auth?: AuthProvider; headers?: Record<string, string> },
): HttpClient {
  return new HttpClient({
    baseUrl: api.baseUrl,
    auth: api.auth,
    headers: api.headers,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    tls: options.tls,
    logger: ctx.logger,
    signal: ctx.signal,
  });
}
