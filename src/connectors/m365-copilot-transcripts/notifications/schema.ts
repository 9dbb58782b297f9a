import { createPrivateKey, type KeyObject } from "node:crypto";
import { z } from "zod";

const text = z.string().nullish();

/** Graph `changeNotificationEncryptedContent`: the resource, encrypted for our certificate. */
export const EncryptedContent = z.looseObject({
  data: z.base64(),
  dataKey: z.base64(),
  dataSignature: z.base64(),
  encryptionCertificateId: z.string().min(1),
  encryptionCertificateThumbprint: text,
});
export type EncryptedContent = z.infer<typeof EncryptedContent>;

/**
 * One Graph `changeNotification`: a change of a resource (with `resourceData`, and with
 * `encryptedContent` when the subscription asked for rich notifications) or, with
 * `lifecycleEvent`, news about the subscription itself.
 */
export const ChangeNotification = z.looseObject({
  subscriptionId: z.string().min(1),
  clientState: text,
  tenantId: text,
  subscriptionExpirationDateTime: text,
  changeType: text,
  resource: text,
  resourceData: z.looseObject({ id: text, "@odata.type": text, "@odata.id": text }).nullish(),
  encryptedContent: EncryptedContent.nullish(),
  lifecycleEvent: text,
});
export type ChangeNotification = z.infer<typeof ChangeNotification>;

/** What the receiver spools per notification: the notification and when it arrived. */
export const ReceivedNotification = z.object({
  receivedAt: z.iso.datetime({ offset: true }),
  notification: z.unknown(),
});
export type ReceivedNotification = z.infer<typeof ReceivedNotification>;

export const isReceivedNotification = (raw: unknown): boolean => typeof raw === "object" && raw !== null && "receivedAt" in raw && "notification" in raw;

const PrivateKeyPem = z.string().transform((pem, ctx): KeyObject => {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `not a PEM private key (${(error as Error).message})` });
    return z.NEVER;
  }
});

/**
 * How this connector checks and opens the notifications the receiver spooled. Values come from
 * the config, usually `${ENV}` and `${file:/path}`.
 */
export const NotificationOptions = z
  .object({
    /** The subscription's `clientState`; Graph allows at most 128 characters. */
    clientState: z.string().min(16, "use a clientState of at least 16 characters").max(128),
    /**
     * Private keys by the `encryptionCertificateId` given when subscribing. Several while a
     * certificate is rotated: Graph may still encrypt with the old one for a while.
     */
    keys: z.array(z.object({ certificateId: z.string().min(1).max(128), privateKey: PrivateKeyPem }).strict()).default([]),
  })
  .strict();
export type NotificationOptions = z.infer<typeof NotificationOptions>;
