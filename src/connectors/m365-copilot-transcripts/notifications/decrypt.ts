import { constants, createDecipheriv, createHmac, privateDecrypt, timingSafeEqual, type KeyObject } from "node:crypto";
import type { EncryptedContent } from "./schema.js";

export interface DecryptionKey {
  certificateId: string;
  privateKey: KeyObject;
}

/**
 * Opens a rich notification's `encryptedContent` as Graph documents it
 * (learn.microsoft.com/graph/change-notifications-with-resource-data, "Decrypting resource data"):
 * the symmetric key `dataKey` is RSA-OAEP (SHA-1, MGF1 SHA-1) encrypted for our certificate; the
 * HMAC-SHA256 of the encrypted `data` under that key must equal `dataSignature` before anything is
 * decrypted; `data` is AES-256-CBC with PKCS7 padding and the first 16 bytes of the key as IV.
 * Returns the resource's JSON text; throws with what failed, never with key material.
 */
export function decryptContent(content: EncryptedContent, keys: readonly DecryptionKey[]): string {
  const key = keys.find((k) => k.certificateId === content.encryptionCertificateId);
  if (!key) {
    const known = keys.map((k) => k.certificateId).join(", ") || "none configured";
    throw new Error(`encrypted for certificate "${content.encryptionCertificateId}", which has no private key in options.notifications.keys (known: ${known})`);
  }
  let symmetricKey: Buffer;
  try {
    symmetricKey = privateDecrypt({ key: key.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, Buffer.from(content.dataKey, "base64"));
  } catch {
    throw new Error(`dataKey cannot be decrypted with the private key of certificate "${key.certificateId}"`);
  }
  if (symmetricKey.length !== 32) throw new Error(`dataKey holds a ${symmetricKey.length}-byte key; AES-256 needs 32`);
  const data = Buffer.from(content.data, "base64");
  const expected = createHmac("sha256", symmetricKey).update(data).digest();
  const presented = Buffer.from(content.dataSignature, "base64");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) throw new Error("dataSignature does not match the HMAC-SHA256 of data: the notification was altered; not decrypted");
  try {
    const decipher = createDecipheriv("aes-256-cbc", symmetricKey, symmetricKey.subarray(0, 16));
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new Error(`data cannot be decrypted: ${(error as Error).message}`, { cause: error });
  }
}
