import { z } from "zod";
import {
  App,
  FindingAction,
  FindingTarget,
  interactionId,
  User,
  validate,
  ValidationError,
  type Finding,
  type Interaction,
  type Turn,
} from "../../model/index.js";
import { defineConnector, type Connector, type ContentMode } from "../types.js";
import { Conversation, toTurn } from "./conversation.js";
import { definedStrings } from "./defined.js";
import { finishInteraction } from "./finish.js";
import { hashRecordId } from "./record-id.js";

/**
 * The envelope an application posts with an inline guardrail verdict: the vendor's response as it
 * came back (`guardrailResponse`) plus the context the vendor does not echo — when, who, which
 * app, the prompt and response, and what the app then did. One shape for every "verdict + context"
 * connector; strict, so a misspelt key is reported instead of silently lost.
 */
const EnvelopeContext = {
  /** When the check ran (ISO 8601 with offset). Required: no vendor response carries a time. */
  timestamp: z.iso.datetime({ offset: true }),
  /** The app's id for the exchange; used for the record id when the vendor gives none. */
  requestId: z.string().min(1).optional(),
  conversationId: z.string().min(1).optional(),
  /** Which side the verdict judged. */
  target: FindingTarget.exclude(["interaction"]).default("prompt"),
  /** What the app did with the verdict; without it the action is the vendor's, else `unknown`. */
  action: FindingAction.exclude(["unknown"]).optional(),
  prompt: Conversation.optional(),
  response: Conversation.optional(),
  user: z.union([z.string().min(1), User], { error: "expected a user id, or {id, name, email, domain, groups, aliases}" }).optional(),
  app: z.union([z.string().min(1), App], { error: "expected an app name, or {name, id, host}" }).optional(),
  model: z.string().min(1).optional(),
  labels: z.record(z.string(), z.string()).optional(),
};

export function envelopeSchema<V extends z.ZodType>(verdict: V) {
  return z.strictObject({ ...EnvelopeContext, guardrailResponse: verdict });
}
export type Envelope<V> = Omit<z.infer<ReturnType<typeof envelopeSchema<z.ZodType<V>>>>, "guardrailResponse"> & { guardrailResponse: V };

/** What a connector reads out of a vendor verdict. */
export interface VerdictReading {
  findings: Finding[];
  /** The answer when the verdict carries it (Azure OpenAI completions) and the envelope has none. */
  response?: Turn;
  /** The model that answered, when the verdict names it. */
  respondedModel?: string;
  usage?: Interaction["usage"];
  /** What the exchange was when the verdict says (`chat`); else `guardrail.<target>`. */
  operation?: string;
  /** The vendor's id for the check (request uuid, scan id, event id). */
  vendorId?: string;
  outcome?: Interaction["outcome"];
  error?: Interaction["error"];
  labels?: Record<string, string>;
}

/** Context a verdict reader needs: which side was judged, its text, and the app's stated action. */
export interface VerdictContext {
  target: "prompt" | "response";
  text: string;
  /** The app's action when it stated one, else the fallback the caller gives. */
  actionOr(vendorAction: FindingAction | undefined): FindingAction;
}

export interface ConnectorIdentity {
  name: string;
  vendor: string;
  product: string;
  description: string;
}

/**
 * An Interaction from an envelope and what was read from its verdict. Record id: the vendor's id,
 * else the app's `requestId` with the judged side (a prompt check and a response check of one
 * request are two records), else a hash of the whole envelope.
 */
export function envelopeInteraction<V>(identity: ConnectorIdentity, envelope: Envelope<V>, reading: VerdictReading, raw: unknown, content: ContentMode | undefined): Interaction {
  const recordId = reading.vendorId ?? (envelope.requestId ? `${envelope.requestId}#${envelope.target}` : hashRecordId(raw));
  const labels = { ...reading.labels, ...envelope.labels, ...(envelope.requestId ? { requestId: envelope.requestId } : {}) };
  return finishInteraction(
    {
      id: interactionId(identity.name, recordId),
      timestamp: envelope.timestamp,
      source: { product: identity.product, vendor: identity.vendor, connector: identity.name, recordId },
      user: typeof envelope.user === "string" ? { id: envelope.user } : (envelope.user ?? {}),
      ...(envelope.conversationId ? { conversationId: envelope.conversationId } : {}),
      app: typeof envelope.app === "string" ? { name: envelope.app } : (envelope.app ?? { name: "unknown" }),
      operation: reading.operation ?? `guardrail.${envelope.target}`,
      model: definedStrings({ requested: envelope.model, responded: reading.respondedModel }),
      prompt: toTurn(envelope.prompt, "user"),
      response: envelope.response !== undefined || !reading.response ? toTurn(envelope.response, "assistant") : reading.response,
      ...(reading.usage ? { usage: reading.usage } : {}),
      outcome: reading.outcome ?? "unknown",
      ...(reading.error ? { error: reading.error } : {}),
      findings: reading.findings,
      ...(Object.keys(labels).length ? { labels } : {}),
      raw,
    },
    content,
  );
}

export interface GuardrailConnectorSpec<V> extends ConnectorIdentity {
  verdictSchema: z.ZodType<V>;
  read(verdict: V, context: VerdictContext): VerdictReading;
}

export function verdictContext(envelope: Pick<Envelope<unknown>, "target" | "action" | "prompt" | "response">): VerdictContext {
  const side = envelope.target === "response" ? envelope.response : envelope.prompt;
  const text = toTurn(side, envelope.target === "response" ? "assistant" : "user").text;
  return { target: envelope.target, text, actionOr: (vendorAction) => envelope.action ?? vendorAction ?? "unknown" };
}

/** A connector for an inline guardrail whose verdicts arrive in the envelope. */
export function defineGuardrailConnector<V>(spec: GuardrailConnectorSpec<V>): Connector<unknown> {
  const schema = envelopeSchema(spec.verdictSchema);
  const identity: ConnectorIdentity = { name: spec.name, vendor: spec.vendor, product: spec.product, description: spec.description };
  return defineConnector<unknown>({
    ...identity,
    parse(raw, ctx) {
      if (typeof raw !== "object" || raw === null || !("guardrailResponse" in raw)) {
        throw new ValidationError(`${spec.name} envelope`, [
          { path: "guardrailResponse", message: "required: post the vendor response as guardrailResponse with its timestamp and context (the verdict alone has neither)" },
        ]);
      }
      const envelope = validate(schema, raw, `${spec.name} envelope`) as Envelope<V>;
      const reading = spec.read(envelope.guardrailResponse, verdictContext(envelope));
      return [envelopeInteraction(identity, envelope, reading, raw, ctx.content)];
    },
  });
}
