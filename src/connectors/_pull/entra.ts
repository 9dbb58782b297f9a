import { z } from "zod";
import type { InputContext } from "../../inputs/types.js";
import { ClientCredentialsAuth } from "./auth.js";
import { createApiClient } from "./client.js";
import type { PullOptions } from "./options.js";
import { resolveSecret, Secret } from "./secret.js";

/** Microsoft Entra ID app registration used by the Microsoft pullers (client-credentials grant). */
export const EntraOptions = z.object({
  tenantId: z.string().min(1),
  clientId: z.string().min(1),
  clientSecret: Secret,
  /** `https://login.microsoftonline.com`; `https://login.microsoftonline.us` for US Government clouds. */
  authorityUrl: z.url().default("https://login.microsoftonline.com"),
  /** Renew the access token this long before it expires. */
  tokenRefreshBeforeMs: z.number().int().nonnegative().default(5 * 60_000),
});
export type EntraOptions = z.infer<typeof EntraOptions>;

/** An auth provider for `resource` (its `/.default` scope: the application permissions granted to the app). */
export function entraAuth(options: EntraOptions & PullOptions, ctx: Pick<InputContext, "logger" | "signal">, resource: string): ClientCredentialsAuth {
  return new ClientCredentialsAuth({
    http: createApiClient(options, ctx, { baseUrl: options.authorityUrl }),
    tokenPath: `/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`,
    clientId: options.clientId,
    clientSecret: resolveSecret(options.clientSecret, "clientSecret"),
    scope: `${resource.replace(/\/$/, "")}/.default`,
    refreshBeforeMs: options.tokenRefreshBeforeMs,
  });
}
