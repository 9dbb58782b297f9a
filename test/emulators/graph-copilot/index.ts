/**
 * Microsoft Graph emulator for Copilot interaction history: per-user
 * `getAllEnterpriseInteractions` with `$top`, `$filter=createdDateTime ge …` and
 * `@odata.nextLink` paging (a skip token), user and group-member listings, and the Entra ID token
 * endpoint. A user without a Copilot licence answers 403.
 *
 * Change notifications as Graph documents them (learn.microsoft.com/graph/change-notifications-delivery-webhooks,
 * /graph/api/subscription-post-subscriptions, /graph/aiinteraction-changenotifications-overview):
 * `POST /subscriptions` checks the request (a lifetime of at most 4,320 minutes for aiInteraction,
 * `lifecycleNotificationUrl` beyond one hour, a certificate for rich notifications) and validates
 * both URLs with a `validationToken` round trip before answering 201; `GET`, `PATCH` (renewal) and
 * `DELETE` on `/subscriptions/{id}`, 404 once a subscription is gone. `notify` and `lifecycle`
 * deliver notification collections to a subscription's URLs the way Graph does.
 */
import { randomUUID } from "node:crypto";
import { Emulator, unauthorized, type Request, type Reply } from "../_support/server.js";
import { encryptForSubscriber } from "./encrypt.js";

export interface GraphUserData {
  id: string;
  userPrincipalName: string;
  licensed: boolean;
  interactions: { id: string; createdDateTime: string; [key: string]: unknown }[];
}

export interface GraphSubscription {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  clientState?: string;
  expirationDateTime: string;
  includeResourceData?: boolean;
  encryptionCertificate?: string;
  encryptionCertificateId?: string;
}

const MAX_LIFETIME_MS = 4320 * 60_000;
const HOUR_MS = 3_600_000;
const graphError = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message } } });

export class GraphEmulator extends Emulator {
  readonly users: GraphUserData[] = [];
  readonly groups = new Map<string, string[]>();
  readonly subscriptions = new Map<string, GraphSubscription>();
  /** The emulator's clock for subscription lifetimes; tests move it. */
  now: () => number = Date.now;

  constructor() {
    super((request) => this.route(request));
  }

  private async route(request: Request): Promise<Reply> {
    if (!this.authorized(request)) return unauthorized;
    const path = request.url.pathname.replace(/^\/(v1\.0|beta)\//, "");
    if (path === "subscriptions" && request.method === "POST") return this.createSubscription(JSON.parse(request.body || "{}") as Partial<GraphSubscription>);
    const subscription = /^subscriptions\/([^/]+)$/.exec(path);
    if (subscription) return this.subscriptionRequest(request, decodeURIComponent(subscription[1]!));
    const history = /^copilot\/users\/([^/]+)\/interactionHistory\/getAllEnterpriseInteractions$/.exec(path);
    if (history) {
      const user = this.users.find((u) => u.id === decodeURIComponent(history[1]!));
      if (!user) return { status: 404, body: { error: { code: "Request_ResourceNotFound", message: "user not found" } } };
      if (!user.licensed) return { status: 403, body: { error: { code: "Forbidden", message: "user has no Copilot licence" } } };
      const filter = /createdDateTime ge (\S+)/.exec(request.url.searchParams.get("$filter") ?? "")?.[1];
      const items = user.interactions
        .filter((i) => !filter || Date.parse(i.createdDateTime) >= Date.parse(filter))
        .sort((a, b) => Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime) || a.id.localeCompare(b.id));
      return this.page(request, items);
    }
    if (path === "users") return this.page(request, this.users.map(({ id, userPrincipalName }) => ({ id, userPrincipalName })));
    const members = /^groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/.exec(path);
    if (members) {
      const ids = this.groups.get(decodeURIComponent(members[1]!)) ?? [];
      return this.page(request, this.users.filter((u) => ids.includes(u.id)).map(({ id, userPrincipalName }) => ({ id, userPrincipalName })));
    }
    return { status: 404, body: { error: { code: "BadRequest", message: `no route ${path}` } } };
  }

  private async createSubscription(body: Partial<GraphSubscription>): Promise<Reply> {
    const missing = (["changeType", "notificationUrl", "resource", "expirationDateTime"] as const).filter((k) => !body[k]);
    if (missing.length > 0) return graphError(400, "ValidationError", `missing ${missing.join(", ")}`);
    const lifetimeError = this.lifetimeError(body.expirationDateTime!);
    if (lifetimeError) return lifetimeError;
    if (Date.parse(body.expirationDateTime!) - this.now() > HOUR_MS && !body.lifecycleNotificationUrl) {
      return graphError(400, "ValidationError", "lifecycleNotificationUrl is a required property for subscription creation on this resource when the expirationDateTime value is set to greater than 1 hour");
    }
    if (body.includeResourceData && (!body.encryptionCertificate || !body.encryptionCertificateId)) return graphError(400, "ValidationError", "encryptionCertificate and encryptionCertificateId are required when includeResourceData is true");
    // Both endpoints are validated, even when they are the same URL.
    for (const url of [body.notificationUrl!, body.lifecycleNotificationUrl].filter((u): u is string => u !== undefined)) {
      const failure = await validateEndpoint(url);
      if (failure) return graphError(400, "ValidationError", `Subscription validation request failed. ${failure}`);
    }
    const created = { ...body, id: randomUUID() } as GraphSubscription;
    this.subscriptions.set(created.id, created);
    return { status: 201, body: created };
  }

  private subscriptionRequest(request: Request, id: string): Reply {
    const existing = this.subscriptions.get(id);
    if (!existing) return graphError(404, "ResourceNotFound", `The object was not found. subscriptionId: ${id}`);
    if (request.method === "DELETE") {
      this.subscriptions.delete(id);
      return { status: 204 };
    }
    if (request.method === "PATCH") {
      const changes = JSON.parse(request.body || "{}") as Partial<GraphSubscription>;
      if (!changes.expirationDateTime) return graphError(400, "ValidationError", "expirationDateTime is required");
      const lifetimeError = this.lifetimeError(changes.expirationDateTime);
      if (lifetimeError) return lifetimeError;
      Object.assign(existing, changes);
    }
    return { status: 200, body: existing };
  }

  private lifetimeError(expiration: string): Reply | undefined {
    const lifetime = Date.parse(expiration) - this.now();
    if (Number.isNaN(lifetime) || lifetime <= 0 || lifetime > MAX_LIFETIME_MS) return graphError(400, "ExtensionError", `Subscription expiration can only be 4320 minutes in the future; got ${expiration}`);
    return undefined;
  }

  /** Graph drops a subscription (its subscriptionRemoved lifecycle event is sent separately with `lifecycle`). */
  removeSubscription(id: string): void {
    this.subscriptions.delete(id);
  }

  /**
   * Delivers rich (or, without `includeResourceData`, basic) notifications of `interactions` to the
   * subscription's notification URL; `alter` changes each notification before it is sent (to
   * tamper with it). Returns the receiver's status.
   */
  async notify(subscriptionId: string, interactions: { id: string }[], alter: (n: Record<string, unknown>) => Record<string, unknown> = (n) => n): Promise<number> {
    const sub = this.subscriptions.get(subscriptionId)!;
    const value = interactions.map((interaction) =>
      alter({
        subscriptionId,
        changeType: "created",
        clientState: sub.clientState,
        subscriptionExpirationDateTime: sub.expirationDateTime,
        resource: `copilot/interactionHistory/interactions('${interaction.id}')`,
        resourceData: { id: interaction.id, "@odata.type": "#Microsoft.Graph.aiInteraction", "@odata.id": `copilot/interactionHistory/interactions('${interaction.id}')` },
        ...(sub.includeResourceData ? { encryptedContent: encryptForSubscriber(interaction, sub.encryptionCertificate!, sub.encryptionCertificateId!) } : {}),
        tenantId: "tenant-1",
      }),
    );
    return deliver(sub.notificationUrl, { value, ...(sub.includeResourceData ? { validationTokens: ["eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln"] } : {}) });
  }

  /** Delivers a lifecycle notification to the subscription's lifecycle URL. */
  async lifecycle(subscription: GraphSubscription, lifecycleEvent: string, clientState = subscription.clientState): Promise<number> {
    const value = [{ subscriptionId: subscription.id, subscriptionExpirationDateTime: subscription.expirationDateTime, tenantId: "tenant-1", clientState, lifecycleEvent }];
    return deliver(subscription.lifecycleNotificationUrl ?? subscription.notificationUrl, { value });
  }

  private page(request: Request, items: unknown[]): Reply {
    const top = Number(request.url.searchParams.get("$top") ?? 100);
    const skip = Number(request.url.searchParams.get("$skiptoken") ?? 0);
    const value = items.slice(skip, skip + top);
    const body: Record<string, unknown> = { "@odata.context": `${this.url}/v1.0/$metadata`, value };
    if (skip + top < items.length) {
      const next = new URL(request.url);
      next.searchParams.set("$skiptoken", String(skip + top));
      body["@odata.nextLink"] = next.toString();
    }
    return { status: 200, body };
  }
}

/** Graph's URL validation: the URL-decoded token back as text/plain with 200 within 10 seconds; a reason when not. */
async function validateEndpoint(url: string): Promise<string | undefined> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const target = new URL(url);
  target.searchParams.set("validationToken", token);
  try {
    const response = await fetch(target, { method: "POST", headers: { "Content-Type": "text/plain; charset=utf-8" }, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    if (response.status !== 200) return `HTTP ${response.status}`;
    if (!(response.headers.get("content-type") ?? "").startsWith("text/plain")) return `content type ${response.headers.get("content-type")}`;
    return text === token ? undefined : "the response did not echo the validation token";
  } catch (error) {
    return (error as Error).message;
  }
}

async function deliver(url: string, collection: object): Promise<number> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(collection) });
  await response.text();
  return response.status;
}
