import { z } from "zod";
import { BehaviourAlert, BehaviourSignal } from "./behaviour.js";
import { Finding } from "./finding.js";
import { Interaction } from "./interaction.js";

export const Citation = z.object({
  interactionId: z.string(),
  /** Which part of the interaction the sentence rests on. */
  target: z.enum(["prompt", "response", "interaction"]).optional(),
});

export const Summary = z.object({
  text: z.string(),
  citations: z.array(Citation).default([]),
  generator: z.string().default("aisiem.deterministic"),
});
export type Summary = z.infer<typeof Summary>;

export const RiskLevel = z.enum(["none", "low", "medium", "high", "critical"]);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const Risk = z.object({
  score: z.number().min(0).max(100),
  level: RiskLevel,
  reasons: z.array(z.string()).default([]),
});
export type Risk = z.infer<typeof Risk>;

export const Redaction = z.object({
  category: z.string(),
  label: z.string().optional(),
  count: z.number().int().positive(),
  mode: z.enum(["mask", "hash", "drop"]),
});
export type Redaction = z.infer<typeof Redaction>;

/** An interaction after enrichment: upstream and aisiem findings, summary, behaviour and risk. */
export const Enriched = Interaction.extend({
  findings: z.array(Finding).default([]),
  summary: Summary.optional(),
  conversationSummary: Summary.optional(),
  behaviour: z.array(BehaviourSignal).default([]),
  alerts: z.array(BehaviourAlert).default([]),
  risk: Risk.default({ score: 0, level: "none", reasons: [] }),
  redactions: z.array(Redaction).default([]),
  refusal: z.enum(["none", "partial", "full"]).optional(),
});
export type Enriched = z.infer<typeof Enriched>;
