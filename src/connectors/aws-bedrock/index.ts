import { validate, ValidationError, type Interaction } from "../../model/index.js";
import { envelopeInteraction, envelopeSchema, verdictContext, type Envelope } from "../_guardrail/envelope.js";
import { defineConnector, type ParseContext } from "../types.js";
import { ApplyGuardrailResponse, readApplyGuardrail } from "./apply-guardrail.js";
import { carriedRecords, decodeExportLine, isCarrier, unwrapCarrier } from "./cloudwatch.js";
import { BedrockOptions, CONNECTOR, invocationLogInteraction, PRODUCT } from "./invocation-log.js";

const identity = {
  name: CONNECTOR,
  vendor: PRODUCT.vendor,
  product: PRODUCT.product,
  description:
    "AWS Bedrock model invocation logs (S3, CloudWatch Logs exports and subscriptions, with guardrail traces) and ApplyGuardrail responses posted with their prompt context.",
};

const ApplyGuardrailEnvelope = envelopeSchema(ApplyGuardrailResponse);

/**
 * Each carried record's interaction, all or nothing; a record that fails names its place in the
 * carrier. The pipeline unwraps carriers first (`unwrap`) and reads their records one by one.
 */
function parseCarried(raw: object, options: BedrockOptions, ctx: ParseContext<BedrockOptions>): Interaction[] {
  return carriedRecords(raw).map((piece) => {
    if ("error" in piece) throw new Error(piece.error);
    try {
      return invocationLogInteraction(piece.record, options, ctx.content);
    } catch (error) {
      throw new Error(`aws-bedrock ${piece.where}: ${(error as Error).message}`, { cause: error });
    }
  });
}

/**
 * One connector for everything Bedrock-shaped: an invocation log record, a CloudWatch Logs
 * carrier of such records, or an ApplyGuardrail response in the guardrail envelope.
 */
export const connector = defineConnector<BedrockOptions>({
  ...identity,
  optionsSchema: BedrockOptions,
  decodeLine: decodeExportLine,
  unwrap: unwrapCarrier,
  parse(raw, ctx) {
    // Options arrive validated from the config; parsing again is idempotent and covers callers that pass none.
    const options = validate(BedrockOptions, ctx.options ?? {}, "aws-bedrock options");
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error(`aws-bedrock expects a JSON object, got ${Array.isArray(raw) ? "an array" : typeof raw}`);
    if ("guardrailResponse" in raw) {
      const envelope = validate(ApplyGuardrailEnvelope, raw, "aws-bedrock ApplyGuardrail envelope") as Envelope<ApplyGuardrailResponse>;
      return [envelopeInteraction(identity, envelope, readApplyGuardrail(envelope.guardrailResponse, verdictContext(envelope)), raw, ctx.content)];
    }
    if (isCarrier(raw)) return parseCarried(raw, options, ctx);
    if ("schemaType" in raw || "modelId" in raw || "requestId" in raw) return [invocationLogInteraction(raw, options, ctx.content)];
    throw new ValidationError("aws-bedrock record", [
      {
        path: "",
        message:
          "expected a model invocation log (schemaType / modelId / requestId), a CloudWatch Logs carrier (logEvents / events / awslogs / a Firehose delivery's records) or an ApplyGuardrail envelope (guardrailResponse)",
      },
    ]);
  },
});
