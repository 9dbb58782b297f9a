/**
 * One Elasticsearch search hit → an Interaction. Reads the ECS/OTel `gen_ai.*` fields where a
 * document has them and the `aws_bedrock` integration's layout otherwise (reference note
 * elastic.md §1.4 and §2: `gen_ai.prompt`/`completion` hold the re-serialised request and
 * response bodies, `gen_ai.request.model.id` the model, `gen_ai.policy.*` and
 * `gen_ai.compliance.violation_code` the guardrail verdicts).
 */
import { z } from "zod";
import { interactionId, makeFinding, validate, type Finding, type FindingCategory, type Interaction, type Message, type Turn } from "../../model/index.js";
import { actionOfBedrock, providerOf, readRequest, readResponse } from "../_bedrock/index.js";

export const CONNECTOR = "elasticsearch";

const Strings = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const Num = z.number().nonnegative();

const Source = z.looseObject({
  "@timestamp": z.union([z.string().min(1), z.number()]),
  event: z.looseObject({ id: z.string().optional(), action: z.string().optional(), outcome: z.string().optional() }).optional(),
  user: z.looseObject({ id: z.string().optional(), name: z.string().optional(), email: z.string().optional(), domain: z.string().optional() }).optional(),
  source: z.looseObject({ ip: z.string().optional() }).optional(),
  user_agent: z.looseObject({ original: z.string().optional() }).optional(),
  cloud: z.looseObject({ provider: z.string().optional(), region: z.string().optional(), account: z.looseObject({ id: z.string().optional() }).optional() }).optional(),
  organization: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).optional(),
  service: z.looseObject({ name: z.string().optional() }).optional(),
  observer: z.looseObject({ vendor: z.string().optional(), product: z.string().optional() }).optional(),
  gen_ai: z
    .looseObject({
      prompt: z.string().optional(),
      completion: z.string().optional(),
      system: z.string().optional(),
      provider: z.looseObject({ name: z.string().optional() }).optional(),
      operation: z.looseObject({ name: z.string().optional() }).optional(),
      conversation: z.looseObject({ id: z.string().optional() }).optional(),
      user: z.looseObject({ id: z.string().optional() }).optional(),
      request: z
        .looseObject({ id: z.string().optional(), model: z.union([z.string(), z.looseObject({ id: z.string().optional() })]).optional() })
        .optional(),
      response: z
        .looseObject({ model: z.string().optional(), error_code: z.string().optional(), finish_reasons: Strings.optional() })
        .optional(),
      usage: z
        .looseObject({ input_tokens: Num.optional(), output_tokens: Num.optional(), prompt_tokens: Num.optional(), completion_tokens: Num.optional() })
        .optional(),
      input: z.looseObject({ messages: z.array(z.unknown()).optional() }).optional(),
      output: z.looseObject({ messages: z.array(z.unknown()).optional() }).optional(),
      policy: z.looseObject({ name: Strings.optional(), action: Strings.optional(), confidence: Strings.optional() }).optional(),
      compliance: z.looseObject({ violation_code: Strings.optional() }).optional(),
    })
    .optional(),
});

export const SearchHit = z.looseObject({
  _index: z.string().min(1),
  _id: z.string().min(1),
  _source: Source,
});
export type SearchHit = z.infer<typeof SearchHit>;

const OtelMessage = z.looseObject({
  role: z.string(),
  parts: z.array(z.looseObject({ type: z.string(), content: z.string().optional() })).default([]),
});

/** OTel `gen_ai.*.messages` (role + parts) as aisiem messages; text parts only. */
function fromOtel(messages: unknown[], role: "user" | "assistant"): Turn | undefined {
  const parsed = z.array(OtelMessage).safeParse(messages);
  if (!parsed.success || parsed.data.length === 0) return undefined;
  const out: Message[] = parsed.data.map((m) => ({
    role: (["system", "user", "assistant", "tool"].includes(m.role) ? m.role : role) as Message["role"],
    content: m.parts.map((p) => p.content ?? "").join(""),
  }));
  const judged = [...out].reverse().find((m) => m.role === role);
  return { text: judged?.content ?? "", messages: out };
}

/** A body Elastic's pipeline re-serialised to text: read it as JSON when it is, else keep the text. */
function fromBody(text: string | undefined, read: (body: unknown) => Turn, role: "user" | "assistant"): Turn {
  if (!text) return { text: "", messages: [] };
  try {
    const turn = read(JSON.parse(text));
    if (turn.text || turn.messages.length > 0) return turn;
  } catch {
    // Not JSON: the field holds the text itself.
  }
  return { text, messages: [{ role, content: text }] };
}

/** Bedrock guardrail violation codes and policy names in aisiem's taxonomy. */
function categoryOf(policy: string, code: string | undefined): FindingCategory {
  if (code === "PROMPT_ATTACK") return "prompt_injection";
  if (code && ["HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT"].includes(code)) return "harm";
  if (policy.startsWith("topic")) return "denied_topic";
  if (policy.startsWith("word")) return "blocklist";
  if (policy.startsWith("sensitive")) return "pii";
  if (policy.startsWith("contextual")) return "other";
  return "policy";
}

const SEVERITY_OF_CONFIDENCE: Record<string, Finding["severity"]> = { LOW: "low", MEDIUM: "medium", HIGH: "high", NONE: "info" };

/**
 * Elastic's pipeline appends the policies, actions and confidences of an intervention as
 * parallel lists, and the content filters' codes apart from them: the codes go, in order, to the
 * content-policy entries.
 */
function guardrailFindings(genAi: NonNullable<z.infer<typeof Source>["gen_ai"]>): Finding[] {
  const names = genAi.policy?.name ?? [];
  const actions = genAi.policy?.action ?? [];
  const confidences = genAi.policy?.confidence ?? [];
  const codes = [...(genAi.compliance?.violation_code ?? [])];
  return names.map((policy, i) => {
    const label = policy.startsWith("content") ? codes.shift() : undefined;
    return makeFinding({
      origin: "upstream",
      detector: `aws-bedrock.${policy}`,
      category: categoryOf(policy, label),
      ...(label && { label }),
      target: "interaction",
      severity: SEVERITY_OF_CONFIDENCE[confidences[i] ?? ""] ?? "medium",
      action: actionOfBedrock(actions[i] ?? ""),
    });
  });
}

function isoTimestamp(value: string | number, where: string): string {
  const date = new Date(typeof value === "number" ? value : value);
  if (Number.isNaN(date.getTime())) throw new Error(`${where}: @timestamp ${JSON.stringify(value)} is not a date`);
  return date.toISOString();
}

export function hitInteraction(raw: unknown): Interaction {
  const hit = validate(SearchHit, raw, "Elasticsearch search hit");
  const where = `${hit._index}/${hit._id}`;
  const s = hit._source;
  const genAi = s.gen_ai ?? {};
  const bedrock = hit._index.includes("aws_bedrock");
  const requested = typeof genAi.request?.model === "string" ? genAi.request.model : genAi.request?.model?.id;
  const recordId = genAi.request?.id ?? s.event?.id ?? where;
  const inputTokens = genAi.usage?.input_tokens ?? genAi.usage?.prompt_tokens;
  const outputTokens = genAi.usage?.output_tokens ?? genAi.usage?.completion_tokens;
  const response = fromOtel(genAi.output?.messages ?? [], "assistant") ?? fromBody(genAi.completion, readResponse, "assistant");
  const finishReasons = genAi.response?.finish_reasons ?? response.finishReasons;
  return {
    id: interactionId(CONNECTOR, recordId),
    timestamp: isoTimestamp(s["@timestamp"], where),
    source: {
      product: s.observer?.product ?? (bedrock ? "AWS Bedrock" : "Elasticsearch"),
      vendor: s.observer?.vendor ?? (bedrock ? "Amazon Web Services" : "Elastic"),
      connector: CONNECTOR,
      recordId,
      turn: 0,
    },
    user: { id: s.user?.id ?? genAi.user?.id, name: s.user?.name, email: s.user?.email, domain: s.user?.domain },
    ...(genAi.conversation?.id && { conversationId: genAi.conversation.id }),
    app: { name: s.service?.name ?? (bedrock ? "AWS Bedrock" : hit._index) },
    ...(s.event?.action && { operation: s.event.action }),
    model: {
      provider: genAi.provider?.name ?? (bedrock ? "aws.bedrock" : genAi.system) ?? (requested ? providerOf(requested) : undefined),
      requested,
      responded: genAi.response?.model,
    },
    prompt: fromOtel(genAi.input?.messages ?? [], "user") ?? fromBody(genAi.prompt, readRequest, "user"),
    response: { ...response, ...(finishReasons && { finishReasons }) },
    content: "kept",
    ...((inputTokens !== undefined || outputTokens !== undefined) && { usage: { inputTokens, outputTokens } }),
    outcome: s.event?.outcome === "success" || s.event?.outcome === "failure" ? s.event.outcome : "unknown",
    ...(genAi.response?.error_code && { error: { code: genAi.response.error_code } }),
    ...((s.source?.ip || s.user_agent?.original) && { network: { sourceIp: s.source?.ip, userAgent: s.user_agent?.original } }),
    ...(s.cloud && { cloud: { provider: s.cloud.provider ?? (bedrock ? "aws" : undefined), region: s.cloud.region, accountId: s.cloud.account?.id } }),
    ...(s.organization && { organization: { id: s.organization.id, name: s.organization.name } }),
    findings: guardrailFindings(genAi),
    raw: hit,
  };
}
