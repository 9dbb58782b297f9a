import type { InputContext } from "../../inputs/types.js";
import { apiKeyAuth, createApiClient, resolveSecret, type HttpClient } from "../_pull/index.js";
import type { ChatGptOptions } from "./puller.js";

const DEFAULT_BASE_URL = "https://api.chatgpt.com/v1/compliance";

/** The Compliance API client for one workspace or organization (`scope`), with the bearer key. */
export function complianceClient(options: ChatGptOptions, scope: string, ctx: InputContext): HttpClient {
  return createApiClient(options, ctx, {
    baseUrl: `${(options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/$/, "")}/${scope}/`,
    auth: apiKeyAuth("Authorization", resolveSecret(options.apiKey, "apiKey"), "Bearer "),
  });
}
