/**
 * The Graph side of rich notifications, as learn.microsoft.com/graph/change-notifications-with-resource-data
 * describes it: a fresh 32-byte key per notification encrypts the resource (AES-256-CBC, PKCS7, IV =
 * the key's first 16 bytes), signs the ciphertext (HMAC-SHA256), and is itself encrypted for the
 * subscriber's certificate (RSA-OAEP with SHA-1).
 */
import { constants, createCipheriv, createHash, createHmac, publicEncrypt, randomBytes, X509Certificate } from "node:crypto";

export interface EncryptedContent {
  data: string;
  dataKey: string;
  dataSignature: string;
  encryptionCertificateId: string;
  encryptionCertificateThumbprint: string;
}

/** `certificate` is the subscription's `encryptionCertificate`: base64 DER. */
export function encryptForSubscriber(resource: unknown, certificate: string, certificateId: string): EncryptedContent {
  const der = Buffer.from(certificate, "base64");
  const x509 = new X509Certificate(der);
  const key = randomBytes(32);
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
  const data = Buffer.concat([cipher.update(JSON.stringify(resource), "utf8"), cipher.final()]);
  return {
    data: data.toString("base64"),
    dataKey: publicEncrypt({ key: x509.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, key).toString("base64"),
    dataSignature: createHmac("sha256", key).update(data).digest("base64"),
    encryptionCertificateId: certificateId,
    encryptionCertificateThumbprint: createHash("sha1").update(der).digest("hex").toUpperCase(),
  };
}
