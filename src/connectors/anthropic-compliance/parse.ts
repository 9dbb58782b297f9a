import { interactionId, validate, type Interaction, type InteractionInput } from "../../model/index.js";
import { Interaction as InteractionSchema } from "../../model/index.js";
import { defined, exchangesToInteractions, groupExchanges, isoTime, type TranscriptMessage } from "../_pull/index.js";
import { Activity, ChatRecord } from "./schema.js";

export const CONNECTOR = "anthropic-compliance";
export const PRODUCT = "Claude Enterprise";
export const VENDOR = "Anthropic";

/** A chat with its messages → one Interaction per exchange; an Activity Feed entry → one metadata-only Interaction. */
export function parseComplianceRecord(raw: unknown): Interaction[] {
  if (typeof raw === "object" && raw !== null && "chat" in raw) return parseChat(raw);
  return [parseActivity(raw)];
}

function parseChat(raw: unknown): Interaction[] {
  const { chat, messages } = validate(ChatRecord, raw, "Claude chat record");
  const transcript: TranscriptMessage[] = messages.map((m) => ({
    id: m.id,
    role: m.role === "assistant" ? "assistant" : "user",
    content: (m.content ?? []).map((c) => c.text ?? "").filter(Boolean).join("\n"),
    createdAt: isoTime(m.created_at)!,
    raw: m,
  }));
  const email = chat.user?.email_address ?? undefined;
  return exchangesToInteractions(
    {
      connector: CONNECTOR,
      vendor: VENDOR,
      product: PRODUCT,
      conversationId: chat.id,
      shared: {
        user: defined({ id: chat.user?.id ?? undefined, email, name: email, domain: email?.split("@")[1] }),
        app: { name: "Claude" },
        model: chat.model ? { provider: "anthropic", requested: chat.model } : {},
        organization: chat.organization_id ? { id: chat.organization_id } : undefined,
        labels: defined({ chatName: chat.name ?? undefined, projectId: chat.project_id ?? undefined, deletedAt: chat.deleted_at ?? undefined }),
      },
      meta: chat,
    },
    groupExchanges(transcript),
  );
}

function parseActivity(raw: unknown): Interaction {
  const activity = validate(Activity, raw, "Claude compliance activity");
  const actor = activity.actor;
  const email = actor?.email_address ?? undefined;
  // Resource ids of the activity (`claude_chat_id`, `claude_file_id`, `claude_project_id`, ...) as labels.
  const ids = Object.fromEntries(Object.entries(activity).filter(([k, v]) => k.endsWith("_id") && k !== "organization_id" && typeof v === "string")) as Record<string, string>;
  const input: InteractionInput = {
    id: interactionId(CONNECTOR, activity.id),
    timestamp: isoTime(activity.created_at)!,
    source: { product: PRODUCT, vendor: VENDOR, connector: CONNECTOR, recordId: activity.id },
    user: defined({ id: actor?.user_id ?? undefined, email, name: email, domain: email?.split("@")[1] }),
    conversationId: typeof activity.claude_chat_id === "string" ? activity.claude_chat_id : undefined,
    app: { name: "Claude" },
    operation: activity.type,
    outcome: /_failed$/.test(activity.type) ? "failure" : "success",
    network: defined({ sourceIp: actor?.ip_address ?? undefined, userAgent: actor?.user_agent ?? undefined }),
    organization: defined({ id: activity.organization_id ?? undefined, name: activity.organization_uuid ?? undefined }),
    labels: { ...ids, ...defined({ actorType: actor?.type ?? undefined }) },
    raw,
  };
  return InteractionSchema.parse(input);
}
