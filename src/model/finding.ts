import { z } from "zod";
import { FindingCategory, HarmCodeSchema } from "./taxonomy.js";

/** What the product did about a detection. A detection is not an action: `unknown` when the source does not say. */
export const FindingAction = z.enum(["blocked", "masked", "allowed", "observed", "unknown"]);
export type FindingAction = z.infer<typeof FindingAction>;

export const Severity = z.enum(["info", "low", "medium", "high", "critical"]);
export type Severity = z.infer<typeof Severity>;

/** Which part of the interaction a finding is about. */
export const FindingTarget = z.enum(["prompt", "response", "interaction"]);
export type FindingTarget = z.infer<typeof FindingTarget>;

/** Where a finding sits in the text: offsets into the judged text and a snippet that never holds the secret itself. */
export const Evidence = z.object({
  target: FindingTarget,
  messageIndex: z.number().int().nonnegative().optional(),
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
  snippet: z.string().max(512).optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Policy = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  version: z.string().optional(),
});
export type Policy = z.infer<typeof Policy>;

export const Finding = z.object({
  origin: z.enum(["upstream", "aisiem"]),
  /** The detector that produced it, e.g. `bedrock.contentPolicy`, `aisiem.secrets`. */
  detector: z.string().min(1),
  category: FindingCategory,
  /** The detector's own label, kept as the vendor spelled it (e.g. `HATE`, `jailbreak`, `aws_access_key`). */
  label: z.string().optional(),
  harm: HarmCodeSchema.optional(),
  target: FindingTarget,
  /** 0..1; absent when the source gives no score. */
  score: z.number().min(0).max(1).optional(),
  severity: Severity,
  action: FindingAction,
  policy: Policy.optional(),
  evidence: z.array(Evidence).default([]),
  atlas: z.array(z.string()).default([]),
  owasp: z.array(z.string()).default([]),
});
export type Finding = z.infer<typeof Finding>;
export type FindingInput = z.input<typeof Finding>;
