/**
 * LiteLLM's records as BerriAI/litellm `litellm/types/utils.py` defines them (sources.md §2.1):
 * the StandardLoggingPayload its callbacks send (generic API webhook, custom callbacks) and the
 * spend-log rows of `GET /spend/logs/v2` (`LiteLLM_SpendLogs`, `SpendLogsMetadata` in
 * `litellm/proxy/_types.py`). Only the fields aisiem reads are checked; the rest is kept in `raw`.
 */
import { z } from "zod";

const Str = z.string().nullish();
const Num = z.number().nullish();

export const GuardrailInformation = z.looseObject({
  guardrail_name: Str,
  guardrail_provider: Str,
  /** `pre_call`, `during_call`, `post_call`, `logging_only`, or a list of them. */
  guardrail_mode: z.union([z.string(), z.array(z.string())]).nullish(),
  guardrail_status: z.string().nullish(),
  guardrail_action: Str,
  guardrail_id: Str,
  policy_template: Str,
  confidence_score: Num,
  risk_score: Num,
  masked_entity_count: z.record(z.string(), z.number()).nullish(),
  violation_categories: z.array(z.string()).nullish(),
});
export type GuardrailInformation = z.infer<typeof GuardrailInformation>;

/** Older LiteLLM versions log one guardrail as an object instead of a list. */
const Guardrails = z
  .union([z.array(GuardrailInformation), GuardrailInformation])
  .nullish()
  .transform((g) => (g == null ? [] : Array.isArray(g) ? g : [g]));

export const ErrorInformation = z.looseObject({ error_code: z.union([z.string(), z.number()]).nullish(), error_class: Str, error_message: Str });

const Metadata = z.looseObject({
  user_api_key_alias: Str,
  user_api_key_user_id: Str,
  user_api_key_user_email: Str,
  user_api_key_team_id: Str,
  user_api_key_team_alias: Str,
  user_api_key_org_id: Str,
  user_api_key_end_user_id: Str,
  user_api_key_request_route: Str,
  requester_ip_address: Str,
  user_agent: Str,
  applied_guardrails: z.array(z.string()).nullish(),
  /** Spend-log rows keep these inside `metadata`. */
  guardrail_information: Guardrails.optional(),
  error_information: ErrorInformation.nullish(),
  status: Str,
});

/** `messages` and `response` are whatever the call type sends: chat messages, a prompt string, a response object. */
const Body = z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())]).nullish();

export const StandardLoggingPayload = z.looseObject({
  id: z.string().min(1),
  trace_id: Str,
  session_id: Str,
  litellm_call_id: Str,
  call_type: z.string(),
  status: z.string(),
  startTime: z.number(),
  endTime: Num,
  model: z.string(),
  model_group: Str,
  custom_llm_provider: Str,
  api_base: Str,
  prompt_tokens: Num,
  completion_tokens: Num,
  total_tokens: Num,
  response_cost: Num,
  metadata: Metadata.nullish(),
  request_tags: z.array(z.unknown()).nullish(),
  end_user: Str,
  requester_ip_address: Str,
  user_agent: Str,
  messages: Body,
  response: Body,
  error_str: Str,
  error_information: ErrorInformation.nullish(),
  guardrail_information: Guardrails,
});
export type StandardLoggingPayload = z.infer<typeof StandardLoggingPayload>;

/** Metadata arrives as an object, or as a JSON string from databases that store it as text. */
const JsonObject = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}, Metadata.nullish());

export const SpendLogRow = z.looseObject({
  request_id: z.string().min(1),
  call_type: z.string(),
  startTime: z.string().min(1),
  model: Str,
  model_group: Str,
  custom_llm_provider: Str,
  api_base: Str,
  user: Str,
  end_user: Str,
  team_id: Str,
  session_id: Str,
  spend: Num,
  prompt_tokens: Num,
  completion_tokens: Num,
  total_tokens: Num,
  metadata: JsonObject,
  request_tags: z.union([z.array(z.unknown()), z.string()]).nullish(),
  requester_ip_address: Str,
  messages: Body,
  response: Body,
  status: Str,
});
export type SpendLogRow = z.infer<typeof SpendLogRow>;

export const SpendLogsPage = z.looseObject({
  data: z.array(z.unknown()),
  total: z.number().int().nonnegative().optional(),
  page: z.number().int().positive(),
  page_size: z.number().int().positive().optional(),
  total_pages: z.number().int().nonnegative(),
});
