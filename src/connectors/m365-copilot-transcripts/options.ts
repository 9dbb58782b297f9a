import { z } from "zod";
import type { InputContext } from "../../inputs/types.js";
import { createApiClient, entraAuth, type EntraOptions, type HttpClient, type PullOptions } from "../_pull/index.js";

/** Which Microsoft Graph to talk to. */
export const GraphOptions = z.object({
  resource: z.url().default("https://graph.microsoft.com"),
  apiVersion: z.enum(["v1.0", "beta"]).default("v1.0"),
});
export type GraphOptions = z.infer<typeof GraphOptions>;

/** A Graph client with the app's client-credentials token (cached, renewed before expiry). */
export function graphClient(options: PullOptions & EntraOptions & GraphOptions, ctx: Pick<InputContext, "logger" | "signal">): HttpClient {
  const root = (options.baseUrl ?? options.resource).replace(/\/$/, "");
  return createApiClient(options, ctx, { baseUrl: `${root}/${options.apiVersion}/`, auth: entraAuth(options, ctx, options.resource) });
}
