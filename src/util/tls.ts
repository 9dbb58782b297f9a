import { readFileSync } from "node:fs";
import { Agent } from "node:https";
import { z } from "zod";

/** TLS options of every HTTPS client aisiem opens: verification is on unless turned off here. */
export const TlsConfig = z
  .object({
    /** PEM file with the CA(s) that signed the server's certificate (a private CA, a self-signed server). */
    ca: z.string().min(1).optional(),
    /** Verify the server certificate and host name. Turning it off is for lab use only. */
    verify: z.boolean().default(true),
  })
  .default({ verify: true });
export type TlsConfig = z.infer<typeof TlsConfig>;

/** An HTTPS agent that verifies certificates (against `ca` when given, else Node's trust store). */
export function httpsAgent(tls: TlsConfig, options: { keepAlive?: boolean } = {}): Agent {
  return new Agent({
    keepAlive: options.keepAlive ?? true,
    rejectUnauthorized: tls.verify,
    ...(tls.ca ? { ca: readFileSync(tls.ca) } : {}),
  });
}
