import { z } from "zod";

export const HttpInputConfig = z
  .object({
    type: z.literal("http"),
    /** Loopback unless told otherwise: exposing the receiver is a deliberate choice. */
    host: z.string().min(1).default("127.0.0.1"),
    port: z.number().int().min(0).max(65535).default(8787),
    /** Bearer tokens accepted (several, so one can be rotated while the other is live). Use `${ENV}` or `${file:...}`. */
    tokens: z.array(z.string().min(16, "use a token of at least 16 characters")).default([]),
    /** Accept requests without a token: only for a receiver behind an authenticating proxy. */
    allowUnauthenticated: z.boolean().default(false),
    tls: z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
    /** Largest request body, before and after gzip decompression. */
    maxBodyBytes: z.number().int().positive().default(10 * 1024 * 1024),
    /** Where accepted requests are kept until the pipeline has written them; default `<stateDir>/spool/<source name>`. */
    spoolDir: z.string().min(1).optional(),
    /** Accepted but not yet written bytes above which requests are answered 429 with Retry-After. */
    maxSpoolBytes: z.number().int().positive().default(1024 * 1024 * 1024),
    /** A spool segment is closed and a new one started past this size; acknowledged segments are deleted. */
    segmentBytes: z.number().int().positive().default(16 * 1024 * 1024),
    retryAfterSeconds: z.number().int().positive().default(5),
    /**
     * Also serve OTLP/gRPC (TraceService and LogsService Export) on its own port, with the same
     * tokens, TLS, limits and spool. `grpc: {}` listens on the input's host at 4317, the OTLP/gRPC default.
     */
    grpc: z
      .object({
        host: z.string().min(1).optional(),
        port: z.number().int().min(0).max(65535).default(4317),
      })
      .optional(),
  })
  .refine((c) => c.tokens.length > 0 || c.allowUnauthenticated, {
    message: "set at least one token, or allowUnauthenticated: true for a receiver behind an authenticating proxy",
    path: ["tokens"],
  });
export type HttpInputConfig = z.infer<typeof HttpInputConfig>;
