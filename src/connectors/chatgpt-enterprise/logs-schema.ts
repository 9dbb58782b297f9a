import { z } from "zod";

const text = z.string().nullish();
/** RFC 3339 string or Unix seconds: the Logs Platform's event time format is not public (verify). */
const time = z.union([z.number(), z.string()]).nullish();
const tokens = z.number().nonnegative().nullish();

/** A log file as the Logs Platform lists it: only `id` and `end_time` are relied upon. */
export const LogFile = z.looseObject({
  id: z.string().min(1),
  end_time: z.string().refine((v) => !Number.isNaN(Date.parse(v)), "not an ISO 8601 time"),
  event_type: text,
});
export type LogFile = z.infer<typeof LogFile>;

/** `GET …/logs`: one page of log files; the next page is asked for with `after` = `last_end_time`. */
export const LogFileList = z.looseObject({
  data: z.array(z.unknown()),
  has_more: z.boolean(),
  last_end_time: text,
});

const Actor = z.looseObject({ id: text, user_id: text, email: text, ip_address: text, user_agent: text, type: text });

/**
 * One line of a downloaded log file. Only `event_id` (the key for de-duplicating the platform's
 * at-least-once delivery) is known from public material; the other names are the likely ones
 * and each is optional, so an event with other fields still becomes a metadata-only interaction
 * with its original kept in `raw` (see docs/connectors-enterprise.md, "verify").
 */
export const LogEvent = z.looseObject({
  event_id: text,
  id: text,
  event_type: text,
  timestamp: time,
  created_at: time,
  action: text,
  status: text,
  actor: Actor.nullish(),
  user_id: text,
  user_email: text,
  email: text,
  ip_address: text,
  user_agent: text,
  workspace_id: text,
  organization_id: text,
  thread_id: text,
  conversation_id: text,
  session_id: text,
  task_id: text,
  /** Codex turns: text, or a list of content parts. */
  prompt: z.unknown().optional(),
  input: z.unknown().optional(),
  response: z.unknown().optional(),
  output: z.unknown().optional(),
  model: text,
  client: text,
  usage: z.looseObject({ input_tokens: tokens, output_tokens: tokens, total_tokens: tokens }).nullish(),
});
export type LogEvent = z.infer<typeof LogEvent>;

/** What the logs puller yields per line: the event with the file it came from and its line index. */
export const LogRecord = z.object({
  logFile: z.object({ id: z.string().min(1), event_type: z.string().min(1) }),
  line: z.number().int().nonnegative(),
  event: LogEvent,
});
export type LogRecord = z.infer<typeof LogRecord>;
