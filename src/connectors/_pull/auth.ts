import { z } from "zod";
import type { HttpClient } from "./http.js";

/** Supplies the credential headers of each request; `invalidate` drops a token the API refused. */
export interface AuthProvider {
  headers(): Promise<Record<string, string>>;
  invalidate?(): void;
}

/** A static API key in a header (`Authorization: Bearer …` for OpenAI, `x-api-key` for Anthropic). */
export function apiKeyAuth(header: string, key: string, prefix = ""): AuthProvider {
  const value = prefix + key;
  return { headers: async () => ({ [header]: value }) };
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive(),
});

export interface ClientCredentialsOptions {
  /** Client for the authority (no auth of its own); its base URL is the authority's root. */
  http: HttpClient;
  /** Token endpoint path under the authority, e.g. `/{tenant}/oauth2/v2.0/token`. */
  tokenPath: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Fetch a new token this long before the current one expires, so no call goes out with a stale one. */
  refreshBeforeMs: number;
  now?: () => number;
}

/**
 * OAuth2 client-credentials grant (Microsoft Entra ID) with a cached token, renewed
 * `refreshBeforeMs` before expiry and at once when an API answers 401. Concurrent callers share
 * one token request.
 */
export class ClientCredentialsAuth implements AuthProvider {
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ClientCredentialsOptions) {
    this.now = options.now ?? Date.now;
  }

  async headers(): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.accessToken()}` };
  }

  invalidate(): void {
    this.token = undefined;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt - this.options.refreshBeforeMs) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const { http, tokenPath, clientId, clientSecret, scope } = this.options;
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope });
    const requestedAt = this.now();
    const { data } = await http.post(tokenPath, {}, form, TokenResponse, "token response");
    this.token = { value: data.access_token, expiresAt: requestedAt + data.expires_in * 1000 };
    return data.access_token;
  }
}
