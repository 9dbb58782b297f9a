import { z } from "zod";

/** Dataset and namespace names: no `-` (it separates the data stream name's parts), at most 100 characters. */
const NamePart = z
  .string()
  .regex(/^[a-z0-9_.]+$/, "lower-case letters, digits, '_' and '.' only (no '-')")
  .max(100);

export const EcsMapOptions = z.object({
  /** Data stream namespace: documents go to `logs-aisiem.interaction-<namespace>` and `logs-aisiem.alert-<namespace>`. */
  namespace: NamePart.default("default"),
  /** Also write the fields Elastic's shipped Bedrock rules query (`gen_ai.policy.*`, `gen_ai.compliance.*`, `gen_ai.prompt`/`completion`). */
  legacyFields: z.boolean().default(false),
  /** Longest prompt/response copy, in characters; longer text is cut and hashed. */
  maxTextChars: z.number().int().min(256).max(1_000_000).default(32_000),
  /** Keep the vendor record as `event.original` (not searchable); `event.hash` is written either way. */
  keepOriginal: z.boolean().default(true),
  /** Longest `event.original`, in characters. */
  maxOriginalChars: z.number().int().min(256).default(65_536),
});
export type EcsMapOptions = z.infer<typeof EcsMapOptions>;

export const DATASETS = { event: "aisiem.interaction", alert: "aisiem.alert" } as const;

export function dataStreamName(kind: keyof typeof DATASETS, namespace: string): string {
  return `logs-${DATASETS[kind]}-${namespace}`;
}
