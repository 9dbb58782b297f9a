import { z } from "zod";
import type { Checkpoint, Input, InputContext, RawRecord } from "../../../inputs/types.js";
import { validate } from "../../../model/index.js";
import { backoffDelay, pause } from "../../../util/backoff.js";
import { AbortedError, HttpError, pollLoop, readCursor, resolveSecret, type HttpClient } from "../../_pull/index.js";
import { graphClient } from "../options.js";
import { CONNECTOR } from "../parse.js";
import { TOKEN_PARAMETER } from "../notifications/webhook.js";
import { certificateBase64, SubscriptionOptions, type SubscriptionSettings } from "./options.js";

const POSITION_KEY = "subscription";
const MINUTE = 60_000;

/** The subscription as stored in the source's checkpoint (in the state dir): no secrets. */
const StoredSubscription = z.object({
  id: z.string().min(1),
  resource: z.string(),
  notificationUrl: z.string(),
  certificateId: z.string().nullable(),
  expiresAt: z.iso.datetime({ offset: true }),
  renewedAt: z.iso.datetime({ offset: true }),
  /** The last time Graph confirmed the subscription exists: where a gap after a removal starts. */
  confirmedAt: z.iso.datetime({ offset: true }),
});
type StoredSubscription = z.infer<typeof StoredSubscription>;

const GraphSubscription = z.looseObject({ id: z.string().min(1), expirationDateTime: z.iso.datetime({ offset: true }) });

export function createSubscriptionInput(options: unknown, _ctx: InputContext): Input {
  const checked = validate(SubscriptionOptions, options, `${CONNECTOR} subscription options`);
  return { kind: "pull", read: (from, ctx) => new SubscriptionManager(checked, ctx).run(from) };
}

/** The Graph resource a subscription covers (learn.microsoft.com/graph/aiinteraction-changenotifications-overview). */
export function subscriptionResource(settings: Pick<SubscriptionSettings, "scope" | "filter">): string {
  const base = settings.scope === "tenant" ? "/copilot/interactionHistory/getAllEnterpriseInteractions" : `/copilot/users/${encodeURIComponent(settings.scope.userId)}/interactionHistory/getAllEnterpriseInteractions`;
  return settings.filter ? `${base}?$filter=${settings.filter}` : base;
}

/**
 * Keeps one Graph change-notification subscription alive: creates it, stores its id and expiry in
 * the source's checkpoint, renews it before it expires (and every `renewEveryMinutes`, which also
 * answers reauthorization challenges), checks every `checkIntervalMs` that Graph still has it, and
 * creates it again when Graph removed it or it lapsed, logging from when notifications may be
 * missing so that window can be backfilled with the pull.
 */
export class SubscriptionManager {
  private readonly http: HttpClient;
  private readonly settings: SubscriptionSettings;
  private readonly resource: string;

  constructor(
    private readonly options: SubscriptionOptions,
    private readonly ctx: Pick<InputContext, "logger" | "signal">,
    private readonly now: () => number = Date.now,
  ) {
    this.http = graphClient(options, ctx);
    this.settings = options.subscription;
    this.resource = subscriptionResource(this.settings);
  }

  async *run(from: Checkpoint): AsyncGenerator<RawRecord> {
    let state = readCursor(from, POSITION_KEY, StoredSubscription);
    const { follow, pollJitter } = this.options;
    const loop = { follow, pollJitter, pollIntervalMs: this.settings.checkIntervalMs, signal: this.ctx.signal, logger: this.ctx.logger };
    yield* pollLoop(loop, async function* (this: SubscriptionManager) {
      state = await this.checkRetrying(state);
      yield { data: undefined, position: { key: POSITION_KEY, value: state }, origin: `subscription ${state.id}`, bytes: 0 };
    }.bind(this));
  }

  /**
   * A check, tried again with backoff (`retry` options) when it fails: Graph refuses to create a
   * subscription while the receiver does not answer its URL validation yet, which happens when
   * both sources start together.
   */
  private async checkRetrying(state: StoredSubscription | undefined): Promise<StoredSubscription> {
    const { retry } = this.options;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.check(state);
      } catch (error) {
        if (this.ctx.signal.aborted || attempt + 1 >= retry.maxAttempts) throw error;
        const delayMs = backoffDelay(attempt, retry);
        this.ctx.logger.warn({ err: (error as Error).message, attempt: attempt + 1, delayMs }, "Graph subscription check failed; trying again");
        if (!(await pause(delayMs, this.ctx.signal))) throw new AbortedError();
      }
    }
  }

  /** One check: create, replace, renew or confirm the subscription; returns what to store. */
  async check(state: StoredSubscription | undefined): Promise<StoredSubscription> {
    if (!state) return this.create();
    const now = this.now();
    if (state.resource !== this.resource || state.notificationUrl !== this.settings.notificationUrl) {
      await this.remove(state.id);
      return this.create();
    }
    if (now >= Date.parse(state.expiresAt)) return this.recreate(state, state.expiresAt, "expired");
    const due =
      now >= Date.parse(state.expiresAt) - this.settings.renewBeforeMinutes * MINUTE ||
      now >= Date.parse(state.renewedAt) + this.settings.renewEveryMinutes * MINUTE ||
      state.certificateId !== (this.settings.certificateId ?? null);
    try {
      if (due) return await this.renew(state);
      await this.http.getJson(`subscriptions/${encodeURIComponent(state.id)}`, {}, GraphSubscription, "subscription");
      return { ...state, confirmedAt: new Date(now).toISOString() };
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return this.recreate(state, state.confirmedAt, "removed by Graph");
      throw error;
    }
  }

  private async recreate(state: StoredSubscription, gapSince: string, why: string): Promise<StoredSubscription> {
    this.ctx.logger.warn(
      { subscriptionId: state.id, missingSince: gapSince },
      `Graph subscription ${why}; creating a new one. Notifications since ${gapSince} may be missing: run aisiem backfill --source <the m365-copilot-transcripts pull source> --since ${gapSince}`,
    );
    return this.create();
  }

  private async create(): Promise<StoredSubscription> {
    const { settings } = this;
    const body = {
      changeType: settings.changeType,
      notificationUrl: this.deliveryUrl(settings.notificationUrl),
      lifecycleNotificationUrl: this.deliveryUrl(settings.lifecycleNotificationUrl ?? settings.notificationUrl),
      resource: this.resource,
      expirationDateTime: this.expiry(),
      clientState: settings.clientState,
      includeResourceData: settings.includeResourceData,
      ...this.encryption(),
    };
    const { data } = await this.http.post("subscriptions", {}, body, GraphSubscription, "created subscription");
    this.ctx.logger.info({ subscriptionId: data.id, resource: this.resource, expiresAt: data.expirationDateTime }, "Graph subscription created");
    return this.stored(data);
  }

  private async renew(state: StoredSubscription): Promise<StoredSubscription> {
    const rotated = state.certificateId !== (this.settings.certificateId ?? null);
    const body = { expirationDateTime: this.expiry(), ...(rotated ? this.encryption() : {}) };
    const { data } = await this.http.patch(`subscriptions/${encodeURIComponent(state.id)}`, body, GraphSubscription, "renewed subscription");
    this.ctx.logger.info({ subscriptionId: data.id, expiresAt: data.expirationDateTime, certificateRotated: rotated }, "Graph subscription renewed");
    return this.stored(data);
  }

  private async remove(id: string): Promise<void> {
    try {
      await this.http.delete(`subscriptions/${encodeURIComponent(id)}`, "subscription");
      this.ctx.logger.info({ subscriptionId: id }, "Graph subscription deleted: its resource or URL is no longer the configured one");
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 404)) throw error;
    }
  }

  private stored(subscription: z.infer<typeof GraphSubscription>): StoredSubscription {
    const now = new Date(this.now()).toISOString();
    return {
      id: subscription.id,
      resource: this.resource,
      notificationUrl: this.settings.notificationUrl,
      certificateId: this.settings.certificateId ?? null,
      expiresAt: new Date(subscription.expirationDateTime).toISOString(),
      renewedAt: now,
      confirmedAt: now,
    };
  }

  private expiry(): string {
    return new Date(this.now() + this.settings.lifetimeMinutes * MINUTE).toISOString();
  }

  private encryption(): { encryptionCertificate?: string; encryptionCertificateId?: string } {
    const { certificate, certificateId, includeResourceData } = this.settings;
    return includeResourceData && certificate && certificateId ? { encryptionCertificate: certificateBase64(certificate), encryptionCertificateId: certificateId } : {};
  }

  /** The URL Graph posts to, with the receiver's token in its query string when one is configured. */
  private deliveryUrl(base: string): string {
    if (!this.settings.receiverToken) return base;
    const url = new URL(base);
    url.searchParams.set(TOKEN_PARAMETER, resolveSecret(this.settings.receiverToken, "subscription.receiverToken"));
    return url.toString();
  }
}
