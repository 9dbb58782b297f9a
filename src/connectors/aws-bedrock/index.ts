import { z } from "zod";
import { validate, ValidationError, type Interaction } from "../../model/index.js";
import { envelopeInteraction, envelopeSchema, verdictContext, type Envelope } from "../_guardrail/envelope.js";
import { defineConnector, type ParseContext } from "../types.js";
import { ApplyGuardrailResponse, readApplyGuardrail } from "./apply-guardrail.js";
import { BedrockOptions, CONNECTOR, invocationLogInteraction, PRODUCT } from "./invocation-log.js";

const identity = {
  name: CONNECTOR,
  vendor: PRODUCT.vendor,
  product: PRODUCT.product,
  description:
    "AWS Bedrock model invocation logs (S3 / CloudWatch Logs exports, with guardrail traces) and ApplyGuardrail responses posted with their prompt context.",
};

const ApplyGuardrailEnvelope = envelopeSchema(ApplyGuardrailResponse);

/**
 * CloudWatch Logs carriers of invocation log records: a subscription-filter payload
 * (`logEvents[]`, as Firehose or Lambda receive it) or `aws logs filter-log-events` output
 * (`events[]`). Each `message` is one record as JSON text.
 */
const LogEvents = z.looseObject({
  messageType: z.string().optional(),
  logEvents: z.array(z.looseObject({ message: z.string() })).optional(),
  events: z.array(z.looseObject({ message: z.string() })).optional(),
});

function parseLogEvents(raw: object, options: BedrockOptions, ctx: ParseContext<BedrockOptions>): Interaction[] {
  const carrier = validate(LogEvents, raw, "aws-bedrock CloudWatch Logs events");
  // CONTROL_MESSAGE is CloudWatch checking the destination is reachable: it carries no records.
  if (carrier.messageType === "CONTROL_MESSAGE") return [];
  const key = carrier.logEvents ? "logEvents" : "events";
  return (carrier.logEvents ?? carrier.events ?? []).map((event, index) => {
    let record: unknown;
    try {
      record = JSON.parse(event.message);
    } catch (error) {
      throw new Error(`aws-bedrock ${key}[${index}].message is not JSON: ${(error as Error).message}`, { cause: error });
    }
    return invocationLogInteraction(record, options, ctx.content);
  });
}

/**
 * One connector for everything Bedrock-shaped: an invocation log record, a CloudWatch Logs
 * carrier of such records, or an ApplyGuardrail response in the guardrail envelope.
 */
export const connector = defineConnector<BedrockOptions>({
  ...identity,
  optionsSchema: BedrockOptions,
  parse(raw, ctx) {
    // Options arrive validated from the config; parsing again is idempotent and covers callers that pass none.
    const options = validate(BedrockOptions, ctx.options ?? {}, "aws-bedrock options");
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error(`aws-bedrock expects a JSON object, got ${Array.isArray(raw) ? "an array" : typeof raw}`);
    if ("guardrailResponse" in raw) {
      const envelope = validate(ApplyGuardrailEnvelope, raw, "aws-bedrock ApplyGuardrail envelope") as Envelope<ApplyGuardrailResponse>;
      return [envelopeInteraction(identity, envelope, readApplyGuardrail(envelope.guardrailResponse, verdictContext(envelope)), raw, ctx.content)];
    }
    if ("logEvents" in raw || "events" in raw) return parseLogEvents(raw, options, ctx);
    if ("schemaType" in raw || "modelId" in raw || "requestId" in raw) return [invocationLogInteraction(raw, options, ctx.content)];
    throw new ValidationError("aws-bedrock record", [
      {
        path: "",
        message:
          "expected a model invocation log (schemaType / modelId / requestId), a CloudWatch Logs payload (logEvents / events) or an ApplyGuardrail envelope (guardrailResponse)",
      },
    ]);
  },
});
