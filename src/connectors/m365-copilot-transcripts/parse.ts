import { interactionId, validate, type Interaction, type InteractionInput } from "../../model/index.js";
import { Interaction as InteractionSchema } from "../../model/index.js";
import { defined, present } from "../_pull/index.js";
import { AiInteraction, PulledInteraction } from "./schema.js";

export const CONNECTOR = "m365-copilot-transcripts";
export const PRODUCT = "Microsoft 365 Copilot";
export const VENDOR = "Microsoft";

/** HTML bodies (Teams-style) reduced to text: tags dropped, the common entities decoded. */
function bodyText(body: AiInteraction["body"]): string {
  const content = body?.content ?? "";
  if (body?.contentType?.toLowerCase() !== "html") return content;
  return content
    .replace(/<br\s*\/?>|<\/p>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

/**
 * A Graph `aiInteraction` (a user prompt or a Copilot response) → one Interaction. Prompt and
 * response of one request share `traceId` (= `requestId`); every interaction of a Copilot thread
 * shares `conversationId` (= `sessionId`), the `ThreadId` of the `m365-copilot-audit` records, so
 * text and audit verdicts meet in one conversation in the SIEM. Accepts the bare Graph object or
 * the puller's `{user, interaction}`.
 */
export function parseAiInteraction(raw: unknown): Interaction {
  const wrapped = typeof raw === "object" && raw !== null && "interaction" in raw ? validate(PulledInteraction, raw, "pulled Copilot interaction") : undefined;
  const item = validate(AiInteraction, wrapped ? wrapped.interaction : raw, "Copilot aiInteraction");
  const isPrompt = item.interactionType === "userPrompt";
  const text = bodyText(item.body);
  const message = { role: isPrompt ? ("user" as const) : ("assistant" as const), content: text, flags: { id: item.id } };
  const upn = wrapped?.user.userPrincipalName ?? undefined;
  const sender = item.from?.user;
  const appClass = item.appClass ?? undefined;
  const input: InteractionInput = {
    id: interactionId(CONNECTOR, item.id),
    timestamp: new Date(item.createdDateTime).toISOString(),
    source: { product: PRODUCT, vendor: VENDOR, connector: CONNECTOR, recordId: item.id },
    user: defined({
      id: wrapped?.user.id ?? (isPrompt ? sender?.id : undefined) ?? undefined,
      name: (isPrompt ? sender?.displayName : undefined) ?? upn,
      email: upn?.includes("@") ? upn : undefined,
      domain: upn?.split("@")[1],
    }),
    conversationId: item.sessionId ?? undefined,
    traceId: item.requestId ?? undefined,
    // appClass looks like `IPM.SkypeTeams.Message.Copilot.Word`: the last part is the host app.
    app: defined({ name: "Microsoft 365 Copilot", id: appClass, host: appClass?.split(".").pop() }),
    operation: item.interactionType,
    prompt: isPrompt ? { text, messages: [message] } : { text: "", messages: [] },
    response: isPrompt ? { text: "", messages: [] } : { text, messages: [message] },
    outcome: isPrompt ? "unknown" : "success",
    resources: [
      ...(item.contexts ?? []).map((c) => defined({ type: c.contextType ?? "context", name: c.displayName ?? undefined, url: c.contextReference ?? undefined })),
      ...(item.attachments ?? []).map((a) => defined({ type: "attachment", id: a.attachmentId ?? undefined, name: a.name ?? undefined, url: a.contentUrl ?? undefined })),
      ...(item.links ?? []).map((l) => defined({ type: l.linkType ?? "link", name: l.displayName ?? undefined, url: l.linkUrl ?? undefined })),
    ].filter(present),
    labels: defined({ locale: item.locale ?? undefined, conversationType: item.conversationType ?? undefined, requestId: item.requestId ?? undefined }),
    raw,
  };
  return InteractionSchema.parse(input);
}
