import { interactionId, makeFinding, validate, type Finding, type Interaction, type InteractionInput, type Message } from "../../model/index.js";
import { Interaction as InteractionSchema } from "../../model/index.js";
import { defined, isoTime, present } from "../_pull/index.js";
import { CopilotAuditRecord, type AccessedResource } from "./schema.js";
import type { z } from "zod";

export const CONNECTOR = "m365-copilot-audit";
export const PRODUCT = "Microsoft 365 Copilot";
export const VENDOR = "Microsoft";

type Resource = z.infer<typeof AccessedResource>;

/**
 * A `CopilotInteraction` audit record → one Interaction. The record has no prompt or response
 * text (that comes from `m365-copilot-transcripts`, joined by `conversationId` = `ThreadId`); it
 * carries what Copilot read and Microsoft's own verdicts, kept as upstream findings:
 * `JailbreakDetected` per message, `XPIADetected` per accessed resource, and resources a policy
 * kept from Copilot (`Status: failure` with `PolicyDetails`).
 */
export function parseAuditRecord(raw: unknown): Interaction {
  const record = validate(CopilotAuditRecord, raw, "CopilotInteraction audit record");
  const data = record.CopilotEventData;
  const messages = data.Messages ?? [];
  const prompts = messages.filter((m) => m.isPrompt === true);
  const answers = messages.filter((m) => m.isPrompt !== true);
  const asMessage = (role: "user" | "assistant") => (m: (typeof messages)[number]): Message => ({
    role,
    content: "",
    flags: defined({ id: m.Id ?? undefined, isPrompt: m.isPrompt ?? undefined, JailbreakDetected: m.JailbreakDetected ?? undefined }),
  });
  const model = data.ModelTransparencyDetails?.[0];
  const upn = record.UserId ?? undefined;
  const resources = (data.AccessedResources ?? []).map((r) =>
    defined({ type: r.Type ?? undefined, name: r.Name ?? undefined, id: r.Id ?? undefined, url: r.SiteUrl ?? undefined, sensitivityLabel: r.SensitivityLabelId ?? undefined, action: r.Action ?? undefined }),
  );
  const contexts = (data.Contexts ?? []).map((c) => defined({ type: c.Type ?? "context", id: c.Id ?? undefined }));
  const plugins = (data.AISystemPlugin ?? []).map((p) => p.Name ?? p.Id).filter(present);

  const input: InteractionInput = {
    id: interactionId(CONNECTOR, record.Id),
    timestamp: isoTime(record.CreationTime)!,
    source: { product: PRODUCT, vendor: VENDOR, connector: CONNECTOR, recordId: record.Id },
    user: defined({ id: record.UserKey ?? undefined, email: upn?.includes("@") ? upn : undefined, name: upn, domain: upn?.split("@")[1] }),
    conversationId: data.ThreadId ?? undefined,
    app: defined({ name: data.AgentName ?? "Microsoft 365 Copilot", host: data.AppHost ?? undefined, id: data.AgentId ?? record.AppIdentity ?? undefined }),
    operation: record.Operation,
    model: defined({ provider: model?.ModelProviderName ?? undefined, responded: model?.ModelName ?? undefined }),
    prompt: { text: "", messages: prompts.map(asMessage("user")) },
    response: { text: "", messages: answers.map(asMessage("assistant")) },
    network: record.ClientIP ? { sourceIp: record.ClientIP.replace(/^::ffff:/i, "") } : undefined,
    organization: record.OrganizationId ? { id: record.OrganizationId } : undefined,
    resources: [...resources, ...contexts],
    findings: [...jailbreakFindings(prompts, answers), ...(data.AccessedResources ?? []).flatMap(resourceFindings)],
    labels: defined({
      plugins: plugins.length > 0 ? plugins.join(",") : undefined,
      agentVersion: data.AgentVersion ?? undefined,
      modelVersion: model?.ModelVersion ?? undefined,
      workload: record.Workload ?? undefined,
    }),
    raw,
  };
  return InteractionSchema.parse(input);
}

function jailbreakFindings(prompts: { JailbreakDetected?: boolean | null }[], answers: { JailbreakDetected?: boolean | null }[]): Finding[] {
  const flagged = (list: typeof prompts, target: "prompt" | "response") =>
    list.flatMap((m, messageIndex) =>
      m.JailbreakDetected === true
        ? [makeFinding({ origin: "upstream", detector: "m365.copilot.jailbreak", category: "jailbreak", label: "JailbreakDetected", target, severity: "high", action: "unknown", evidence: [{ target, messageIndex }] })]
        : [],
    );
  return [...flagged(prompts, "prompt"), ...flagged(answers, "response")];
}

function resourceFindings(resource: Resource): Finding[] {
  const findings: Finding[] = [];
  const policies = [resource.PolicyDetails ?? []].flat();
  const policy = policies[0];
  if (resource.XPIADetected === true) {
    findings.push(
      makeFinding({ origin: "upstream", detector: "m365.copilot.xpia", category: "indirect_prompt_injection", label: "XPIADetected", target: "interaction", severity: "high", action: "unknown", evidence: [{ target: "interaction", snippet: resource.Name?.slice(0, 512) ?? undefined }] }),
    );
  }
  if (resource.Status?.toLowerCase() === "failure") {
    // The resource was kept from Copilot; PolicyDetails names the DLP / label policy that did it.
    findings.push(
      makeFinding({
        origin: "upstream",
        detector: "m365.copilot.resourcePolicy",
        category: "policy",
        label: "AccessedResources.Status=failure",
        target: "interaction",
        severity: "medium",
        action: "blocked",
        policy: policy ? defined({ id: policy.PolicyId ?? undefined, name: policy.PolicyName ?? undefined }) : undefined,
        evidence: [{ target: "interaction", snippet: resource.Name?.slice(0, 512) ?? undefined }],
      }),
    );
  }
  return findings;
}
