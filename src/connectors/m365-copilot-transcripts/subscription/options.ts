import { X509Certificate } from "node:crypto";
import { z } from "zod";
import { EntraOptions, PullOptions, Secret } from "../../_pull/index.js";
import { GraphOptions } from "../options.js";

/** Graph's longest lifetime for a subscription on `aiInteraction`: 4,320 minutes (three days). */
export const MAX_LIFETIME_MINUTES = 4320;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Graph posts only to HTTPS URLs; plain HTTP is let through for loopback (an emulator). */
const NotificationUrl = z.url().refine((url) => {
  const parsed = new URL(url);
  return parsed.protocol === "https:" || LOOPBACK.has(parsed.hostname);
}, "Graph delivers notifications only to an https:// URL reachable from the internet");

/** Graph takes RSA keys of 2,048 to 4,096 bits (learn.microsoft.com/graph/change-notifications-with-resource-data). */
const EncryptionCertificate = z.string().superRefine((pem, ctx) => {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `not a PEM X.509 certificate (${(error as Error).message})` });
    return;
  }
  const type = certificate.publicKey.asymmetricKeyType;
  const bits = certificate.publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (type !== "rsa" || bits < 2048 || bits > 4096) ctx.addIssue({ code: "custom", message: `Graph needs an RSA key of 2048 to 4096 bits; this certificate has a ${type ?? "unknown"} key of ${bits} bits` });
});

/** A PEM certificate as Graph's `encryptionCertificate`: base64 DER, which holds the public key only. */
export const certificateBase64 = (pem: string): string => new X509Certificate(pem).raw.toString("base64");

export const SubscriptionSettings = z
  .object({
    /** The receiver route Graph posts to: `https://<public host>/v1/ingest/m365-copilot-transcripts`. */
    notificationUrl: NotificationUrl,
    /** Lifecycle notifications (required by Graph for lifetimes over an hour); default: `notificationUrl`. */
    lifecycleNotificationUrl: NotificationUrl.optional(),
    /** One of the receiver's tokens, added to both URLs as `?token=` (Graph cannot send headers). */
    receiverToken: Secret.optional(),
    /** Every interaction of the tenant, or one user's (Graph allows one tenant-wide subscription per app). */
    scope: z.union([z.literal("tenant"), z.object({ userId: z.string().min(1) }).strict()]).default("tenant"),
    /** OData `$filter` on top-level aiInteraction properties, e.g. `appClass eq 'IPM.SkypeTeams.Message.Copilot.Teams'`. */
    filter: z.string().min(1).optional(),
    changeType: z.string().regex(/^(created|updated|deleted)(,(created|updated|deleted))*$/).default("created,updated"),
    /** Rich notifications (the interaction itself, encrypted); false gives basic ones that only name it. */
    includeResourceData: z.boolean().default(true),
    /** PEM certificate whose private key is in the receiver source's `notifications.keys` (usually `${file:...}`). */
    certificate: EncryptionCertificate.optional(),
    certificateId: z.string().min(1).max(128).optional(),
    /** The same value as the receiver source's `notifications.clientState`. */
    clientState: z.string().min(16).max(128),
    lifetimeMinutes: z.number().int().min(5).max(MAX_LIFETIME_MINUTES).default(MAX_LIFETIME_MINUTES - 90),
    /** Renew when less than this is left. */
    renewBeforeMinutes: z.number().int().positive().default(12 * 60),
    /**
     * Renew at least this often anyway: renewing also answers Graph's `reauthorizationRequired`
     * challenges, which this input does not see (they arrive at the receiver).
     */
    renewEveryMinutes: z.number().int().positive().default(30),
    /** How often the subscription is checked (and recreated when Graph removed it). */
    checkIntervalMs: z.number().int().positive().default(5 * 60_000),
  })
  .strict()
  .refine((s) => !s.includeResourceData || (s.certificate !== undefined && s.certificateId !== undefined), {
    message: "rich notifications (includeResourceData) need certificate and certificateId",
    path: ["certificate"],
  })
  .refine((s) => s.renewBeforeMinutes < s.lifetimeMinutes, { message: "renewBeforeMinutes must be shorter than lifetimeMinutes", path: ["renewBeforeMinutes"] });
export type SubscriptionSettings = z.infer<typeof SubscriptionSettings>;

/** Options of a pull source that manages the Graph subscription instead of reading the history. */
export const SubscriptionOptions = PullOptions.extend(EntraOptions.shape).extend(GraphOptions.shape).extend({ subscription: SubscriptionSettings });
export type SubscriptionOptions = z.infer<typeof SubscriptionOptions>;
