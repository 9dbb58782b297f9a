import { z } from "zod";
import { Finding } from "./finding.js";
import { Turn } from "./message.js";

const Timestamp = z.iso.datetime({ offset: true });

export const Source = z.object({
  /** The product the record came from, e.g. `Microsoft 365 Copilot`, `AWS Bedrock`. */
  product: z.string().min(1),
  vendor: z.string().min(1),
  /** The aisiem connector that parsed it. */
  connector: z.string().min(1),
  /** The product's own id for the record (request id, audit record id, message id). */
  recordId: z.string().min(1),
  /** Index of this exchange inside the source record, when one record holds several. */
  turn: z.number().int().nonnegative().default(0),
});
export type Source = z.infer<typeof Source>;

export const User = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  domain: z.string().optional(),
  groups: z.array(z.string()).optional(),
  /** Gateway key alias, team, app user id: what identity stitching may resolve to a person. */
  aliases: z.array(z.string()).optional(),
});
export type User = z.infer<typeof User>;

export const App = z.object({
  /** The AI tool as the SOC knows it, e.g. `Copilot`, `ChatGPT Enterprise`, `internal-support-bot`. */
  name: z.string().min(1),
  id: z.string().optional(),
  /** Where it ran, e.g. Copilot's `AppHost` (`Word`, `Teams`). */
  host: z.string().optional(),
});
export type App = z.infer<typeof App>;

export const Model = z.object({
  provider: z.string().optional(),
  requested: z.string().optional(),
  responded: z.string().optional(),
});

export const Usage = z.object({
  inputTokens: z.number().nonnegative().optional(),
  outputTokens: z.number().nonnegative().optional(),
  totalTokens: z.number().nonnegative().optional(),
  cost: z.number().nonnegative().optional(),
});

/** A document, site or plugin the AI tool read while answering (Copilot `AccessedResources`, RAG sources). */
export const Resource = z.object({
  type: z.string().optional(),
  name: z.string().optional(),
  id: z.string().optional(),
  url: z.string().optional(),
  sensitivityLabel: z.string().optional(),
  action: z.string().optional(),
});

/** How prompt and response text was treated before it left the parser (per-connector privacy option). */
export const ContentHandling = z.enum(["kept", "hashed", "dropped"]);

export const Interaction = z.object({
  id: z.string().min(1),
  timestamp: Timestamp,
  source: Source,
  user: User.default({}),
  conversationId: z.string().optional(),
  app: App,
  operation: z.string().optional(),
  model: Model.default({}),
  prompt: Turn.default({ text: "", messages: [] }),
  response: Turn.default({ text: "", messages: [] }),
  content: ContentHandling.default("kept"),
  usage: Usage.optional(),
  outcome: z.enum(["success", "failure", "unknown"]).default("unknown"),
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
  network: z.object({ sourceIp: z.string().optional(), userAgent: z.string().optional() }).optional(),
  cloud: z.object({ provider: z.string().optional(), region: z.string().optional(), accountId: z.string().optional() }).optional(),
  organization: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  resources: z.array(Resource).optional(),
  /** Guardrail verdicts as the product reported them. */
  findings: z.array(Finding).default([]),
  /** Free-form source attributes worth keeping (team, key alias, trace id). */
  labels: z.record(z.string(), z.string()).optional(),
  traceId: z.string().optional(),
  /** The original vendor record, kept for `event.original`. */
  raw: z.unknown().optional(),
});
export type Interaction = z.infer<typeof Interaction>;
export type InteractionInput = z.input<typeof Interaction>;
