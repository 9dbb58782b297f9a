import { z } from "zod";
import { interactionId, validate, type Finding, type FindingAction, type Interaction, type Message, type Turn } from "../../model/index.js";
import { ChatMessage, judgedText, toMessage } from "../_guardrail/conversation.js";
import { upstreamFinding } from "../_guardrail/findings.js";
import { lookupTaxonomy } from "../_taxonomy/index.js";
import { normaliseLabel } from "../otel-genai/findings.js";
import { defined } from "../otel-genai/operation.js";
import { SpendLogRow, StandardLoggingPayload, type GuardrailInformation } from "./schema.js";

export const CONNECTOR = "litellm";
export const VENDOR = "BerriAI";
export const PRODUCT = "LiteLLM";

/** One LiteLLM call, whichever record it came in: the callback payload or a spend-log row. */
interface Call {
  recordId: string;
  timestamp: string;
  callType: string;
  status: string | undefined;
  model: string | undefined;
  modelGroup: string | undefined;
  provider: string | undefined;
  metadata: z.infer<typeof StandardLoggingPayload>["metadata"];
  endUser: string | undefined;
  sessionId: string | undefined;
  traceId: string | undefined;
  sourceIp: string | undefined;
  userAgent: string | undefined;
  tags: string[];
  messages: unknown;
  response: unknown;
  usage: Interaction["usage"];
  error: { code?: string; message?: string } | undefined;
  guardrails: GuardrailInformation[];
}

/** LiteLLM fills unset fields with null or "" (`model_group`, `session_id` outside the proxy). */
const orUndefined = <T>(value: T | null | undefined): T | undefined => (value === null || value === "" ? undefined : value);

function fromPayload(p: StandardLoggingPayload): Call {
  const error = p.error_information;
  return {
    recordId: p.id,
    timestamp: new Date(p.startTime * 1000).toISOString(),
    callType: p.call_type,
    status: p.status,
    model: p.model,
    modelGroup: orUndefined(p.model_group),
    provider: orUndefined(p.custom_llm_provider),
    metadata: p.metadata,
    endUser: orUndefined(p.end_user) ?? orUndefined(p.metadata?.user_api_key_end_user_id),
    // `litellm_session_id` becomes the trace id when the session id is not set (the SDK outside the proxy).
    sessionId: orUndefined(p.session_id) ?? orUndefined(p.trace_id),
    traceId: orUndefined(p.trace_id),
    sourceIp: orUndefined(p.requester_ip_address) ?? orUndefined(p.metadata?.requester_ip_address),
    userAgent: orUndefined(p.user_agent) ?? orUndefined(p.metadata?.user_agent),
    tags: (p.request_tags ?? []).map(String),
    messages: p.messages,
    response: p.response,
    usage: defined({
      inputTokens: orUndefined(p.prompt_tokens),
      outputTokens: orUndefined(p.completion_tokens),
      totalTokens: orUndefined(p.total_tokens),
      cost: orUndefined(p.response_cost),
    }),
    error:
      p.status === "failure"
        ? defined({ code: error?.error_code == null ? undefined : String(error.error_code), message: orUndefined(error?.error_message) ?? orUndefined(p.error_str) })
        : undefined,
    guardrails: p.guardrail_information,
  };
}

/** Spend-log times are ISO strings, with or without a zone; LiteLLM stores them in UTC. */
function utcIso(value: string): string {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(ms)) throw new Error(`startTime: not a date: ${JSON.stringify(value).slice(0, 64)}`);
  return new Date(ms).toISOString();
}

function fromSpendLog(row: SpendLogRow): Call {
  const metadata = row.metadata;
  const error = metadata?.error_information;
  const status = orUndefined(row.status) ?? orUndefined(metadata?.status);
  return {
    recordId: row.request_id,
    timestamp: utcIso(row.startTime),
    callType: row.call_type,
    status,
    model: orUndefined(row.model),
    modelGroup: orUndefined(row.model_group),
    provider: orUndefined(row.custom_llm_provider),
    metadata,
    endUser: orUndefined(row.end_user) ?? orUndefined(row.user),
    sessionId: orUndefined(row.session_id),
    traceId: undefined,
    sourceIp: orUndefined(row.requester_ip_address) ?? orUndefined(metadata?.requester_ip_address),
    userAgent: orUndefined(metadata?.user_agent),
    tags: typeof row.request_tags === "string" ? (JSON.parse(row.request_tags) as unknown[]).map(String) : (row.request_tags ?? []).map(String),
    messages: row.messages,
    response: row.response,
    usage: defined({
      inputTokens: orUndefined(row.prompt_tokens),
      outputTokens: orUndefined(row.completion_tokens),
      totalTokens: orUndefined(row.total_tokens),
      cost: orUndefined(row.spend),
    }),
    error: status === "failure" ? defined({ code: error?.error_code == null ? undefined : String(error.error_code), message: orUndefined(error?.error_message) }) : undefined,
    guardrails: metadata?.guardrail_information ?? [],
  };
}

/** OpenAI chat messages as LiteLLM logs them, with tool calls (`function.name`, `function.arguments`). */
const LoggedMessage = ChatMessage.extend({
  role: z.string(),
  tool_calls: z.array(z.looseObject({ id: z.string().nullish(), function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }) })).nullish(),
  tool_call_id: z.string().nullish(),
});

function toLoggedMessage(m: z.infer<typeof LoggedMessage>): Message {
  const role = m.role === "function" ? "tool" : m.role;
  const base = toMessage(validate(ChatMessage, { ...m, role }, "message"));
  const toolCalls = (m.tool_calls ?? []).map((c) => defined({ id: orUndefined(c.id), name: c.function.name, arguments: orUndefined(c.function.arguments) })!);
  return { ...base, ...(toolCalls.length > 0 ? { toolCalls } : {}), ...(m.tool_call_id ? { toolCallId: m.tool_call_id } : {}) };
}

function promptOf(messages: unknown): Turn {
  if (typeof messages === "string") return { text: messages, messages: [{ role: "user", content: messages }] };
  if (!Array.isArray(messages)) return { text: "", messages: [] };
  const parsed = validate(z.array(LoggedMessage), messages, "messages").map(toLoggedMessage);
  return { text: judgedText(parsed, "user"), messages: parsed };
}

const ChatResponse = z.looseObject({
  model: z.string().nullish(),
  choices: z.array(z.looseObject({ finish_reason: z.string().nullish(), message: LoggedMessage.nullish() })),
});

function responseOf(response: unknown): { turn: Turn; model?: string } {
  if (typeof response === "string") return { turn: { text: response, messages: response ? [{ role: "assistant", content: response }] : [] } };
  const chat = ChatResponse.safeParse(response);
  if (!chat.success) return { turn: { text: "", messages: [] } };
  const messages = chat.data.choices.flatMap((c) => (c.message ? [toLoggedMessage(c.message)] : []));
  const finishReasons = chat.data.choices.flatMap((c) => (c.finish_reason ? [c.finish_reason] : []));
  return {
    turn: { text: messages.map((m) => m.content).filter(Boolean).join("\n"), messages, ...(finishReasons.length > 0 ? { finishReasons } : {}) },
    model: orUndefined(chat.data.model),
  };
}

const modes = (g: GuardrailInformation): string[] => (g.guardrail_mode == null ? [] : Array.isArray(g.guardrail_mode) ? g.guardrail_mode : [g.guardrail_mode]);

/**
 * `guardrail_intervened`: the guardrail blocked or changed the content (masked when it reports
 * masked entities); `guardrail_flagged` and `logging_only` guardrails let it through and recorded it.
 */
function actionOf(g: GuardrailInformation): FindingAction {
  if (g.guardrail_status === "guardrail_flagged" || modes(g).includes("logging_only")) return "observed";
  if (Object.keys(g.masked_entity_count ?? {}).length > 0) return "masked";
  return "blocked";
}

/** A category with its own taxonomy row, else the guardrail provider's row (`provider/presidio` → pii). */
function taxonomyKey(category: string | undefined, provider: string | undefined): string {
  const key = category ? normaliseLabel(category) : "";
  if (key && lookupTaxonomy(CONNECTOR, key)) return key;
  return `provider/${normaliseLabel(provider ?? "unknown")}`;
}

function guardrailFindings(guardrails: readonly GuardrailInformation[]): Finding[] {
  return guardrails.flatMap((g) => {
    if (g.guardrail_status !== "guardrail_intervened" && g.guardrail_status !== "guardrail_flagged") return [];
    const provider = orUndefined(g.guardrail_provider);
    const categories = g.violation_categories?.length ? g.violation_categories : Object.keys(g.masked_entity_count ?? {});
    const action = actionOf(g);
    const target = modes(g).includes("post_call") ? "response" : "prompt";
    const score = g.confidence_score != null && g.confidence_score >= 0 && g.confidence_score <= 1 ? g.confidence_score : undefined;
    const policy = defined({ id: orUndefined(g.guardrail_id), name: orUndefined(g.guardrail_name) ?? orUndefined(g.policy_template) });
    return (categories.length > 0 ? categories : [undefined]).map((category) =>
      upstreamFinding({
        vendor: CONNECTOR,
        taxonomyLabel: taxonomyKey(category, provider),
        label: category ?? orUndefined(g.guardrail_name) ?? provider ?? "guardrail",
        detector: `litellm.${provider ?? g.guardrail_name ?? "guardrail"}`,
        target,
        action,
        score,
        policy,
      }),
    );
  });
}

/** A StandardLoggingPayload (callbacks) or a spend-log row (`/spend/logs/v2`) as one Interaction. */
export function parseLiteLlmRecord(raw: unknown): Interaction {
  const isSpendRow = typeof raw === "object" && raw !== null && "request_id" in raw && !("call_type" in raw && "startTime" in raw && typeof (raw as { startTime: unknown }).startTime === "number");
  const call = isSpendRow ? fromSpendLog(validate(SpendLogRow, raw, "LiteLLM spend-log row")) : fromPayload(validate(StandardLoggingPayload, raw, "LiteLLM StandardLoggingPayload"));
  const m = call.metadata;
  const prompt = promptOf(call.messages);
  const response = responseOf(call.response);
  const aliases = [m?.user_api_key_alias, m?.user_api_key_user_id].filter((a): a is string => typeof a === "string" && a !== "");
  const team = orUndefined(m?.user_api_key_team_alias) ?? orUndefined(m?.user_api_key_team_id);
  const interaction: Interaction = {
    id: interactionId(CONNECTOR, call.recordId),
    timestamp: call.timestamp,
    source: { product: PRODUCT, vendor: VENDOR, connector: CONNECTOR, recordId: call.recordId, turn: 0 },
    user: defined({
      id: call.endUser ?? orUndefined(m?.user_api_key_user_id),
      email: orUndefined(m?.user_api_key_user_email),
      groups: team ? [team] : undefined,
      aliases: aliases.length > 0 ? aliases : undefined,
    }) ?? {},
    conversationId: call.sessionId,
    app: { name: orUndefined(m?.user_api_key_alias) ?? PRODUCT },
    operation: call.callType,
    model: defined({ provider: call.provider, requested: call.modelGroup ?? call.model, responded: response.model ?? call.model }) ?? {},
    prompt,
    response: response.turn,
    content: "kept",
    usage: call.usage,
    outcome: call.status === "success" ? "success" : call.status === "failure" ? "failure" : "unknown",
    error: call.error,
    network: defined({ sourceIp: call.sourceIp, userAgent: call.userAgent }),
    organization: defined({ id: orUndefined(m?.user_api_key_org_id) }),
    findings: guardrailFindings(call.guardrails),
    labels: defined<Record<string, string | undefined>>({
      "litellm.key_alias": orUndefined(m?.user_api_key_alias),
      "litellm.team_id": orUndefined(m?.user_api_key_team_id),
      "litellm.team_alias": orUndefined(m?.user_api_key_team_alias),
      "litellm.model_group": call.modelGroup,
      "litellm.route": orUndefined(m?.user_api_key_request_route),
      "litellm.request_tags": call.tags.length > 0 ? call.tags.join(",") : undefined,
    }) as Record<string, string> | undefined,
    traceId: call.traceId,
    raw,
  };
  return defined(interaction)!;
}
