import { interactionId, validate, ValidationError, type Interaction, type InteractionInput } from "../../model/index.js";
import { Interaction as InteractionSchema } from "../../model/index.js";
import { defined, isoTime } from "../_pull/index.js";
import { LogEvent, LogRecord } from "./logs-schema.js";
import { CONNECTOR, PRODUCT, VENDOR } from "./parse.js";

/** Text of a prompt or response field: a string, or content parts with `text`. */
function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join("\n");
  if (value && typeof value === "object" && "text" in value) return textOf((value as { text: unknown }).text);
  return "";
}

function outcomeOf(event: LogEvent, answered: boolean): Interaction["outcome"] {
  const said = `${event.status ?? ""} ${event.action ?? ""}`;
  if (/fail|error|denied|blocked|rejected/i.test(said)) return "failure";
  if (/succe|complete|\bok\b/i.test(said) || answered) return "success";
  return "unknown";
}

/**
 * A line of a Compliance Logs Platform file → one Interaction. A Codex turn (prompt or response
 * text) becomes a chat interaction; any other event (sign-ins, admin and security events) a
 * metadata-only one: who, from where, what, and whether it failed. Accepts the puller's record
 * (`{logFile, line, event}`) or a bare event from a downloaded file. The id comes from the
 * event's `event_id`, so an event delivered twice (the platform delivers at least once) or read
 * again from an overlapping window has one id.
 */
export function parseLogRecord(raw: unknown): Interaction[] {
  const fromPuller = typeof raw === "object" && raw !== null && "event" in raw && "logFile" in raw;
  const { logFile, line, event } = fromPuller
    ? validate(LogRecord, raw, "ChatGPT compliance log record")
    : { logFile: undefined, line: undefined, event: validate(LogEvent, raw, "ChatGPT compliance log event") };
  // Log files are immutable, so a file and line identify an event that carries no id of its own.
  const recordId = event.event_id ?? event.id ?? (logFile ? `${logFile.id}#${line}` : undefined);
  const when = event.timestamp ?? event.created_at;
  const timestamp = when === null || when === undefined ? undefined : isoTime(when);
  const problems = [
    ...(recordId ? [] : [{ path: "event_id", message: "missing (neither event_id nor id)" }]),
    ...(timestamp ? [] : [{ path: "timestamp", message: "missing or not a time (timestamp or created_at)" }]),
  ];
  if (problems.length > 0) throw new ValidationError("ChatGPT compliance log event", problems);

  const eventType = event.event_type ?? logFile?.event_type ?? "UNKNOWN";
  const prompt = textOf(event.prompt ?? event.input);
  const response = textOf(event.response ?? event.output);
  const turn = prompt !== "" || response !== "";
  const actor = event.actor;
  const email = actor?.email ?? event.user_email ?? event.email ?? undefined;
  const usage = event.usage;
  const input: InteractionInput = {
    id: interactionId(CONNECTOR, `log/${recordId}`),
    timestamp: timestamp!,
    source: { product: PRODUCT, vendor: VENDOR, connector: CONNECTOR, recordId: recordId! },
    user: defined({ id: actor?.user_id ?? actor?.id ?? event.user_id ?? undefined, email, name: email, domain: email?.split("@")[1] }),
    conversationId: event.thread_id ?? event.conversation_id ?? event.session_id ?? event.task_id ?? undefined,
    app: defined({ name: eventType.startsWith("CODEX") ? "Codex" : PRODUCT, host: event.client ?? undefined }),
    operation: turn ? "chat" : (event.action ?? eventType.toLowerCase()),
    model: event.model ? { provider: "openai", requested: event.model } : {},
    prompt: turn ? { text: prompt, messages: prompt ? [{ role: "user", content: prompt }] : [] } : undefined,
    response: turn ? { text: response, messages: response ? [{ role: "assistant", content: response }] : [] } : undefined,
    usage: usage ? defined({ inputTokens: usage.input_tokens ?? undefined, outputTokens: usage.output_tokens ?? undefined, totalTokens: usage.total_tokens ?? undefined }) : undefined,
    outcome: outcomeOf(event, response !== ""),
    network: defined({ sourceIp: actor?.ip_address ?? event.ip_address ?? undefined, userAgent: actor?.user_agent ?? event.user_agent ?? undefined }),
    organization: defined({ id: event.workspace_id ?? event.organization_id ?? undefined }),
    labels: defined({ eventType, action: event.action ?? undefined, actorType: actor?.type ?? undefined, logFileId: logFile?.id, taskId: event.task_id ?? undefined }),
    raw: event,
  };
  return [InteractionSchema.parse(input)];
}
