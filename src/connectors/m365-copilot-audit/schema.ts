import { z } from "zod";

/**
 * The `CopilotInteraction` audit record (RecordType 261, workload Copilot) as the Office 365
 * Management Activity API returns it: the common audit envelope plus `CopilotEventData`.
 * Fields after `AccessedResources` were added later (Messages with jailbreak flags, XPIA,
 * plugins, model details, agents); all are optional. See docs/connectors-enterprise.md.
 */
const text = z.string().nullish();
const flag = z.boolean().nullish();

const Policy = z.looseObject({ PolicyId: text, PolicyName: text });

export const AccessedResource = z.looseObject({
  Id: text,
  Name: text,
  SiteUrl: text,
  Type: text,
  Action: text,
  SensitivityLabelId: text,
  /** `failure` when a policy kept Copilot from using the resource. */
  Status: text,
  PolicyDetails: z.union([Policy, z.array(Policy)]).nullish(),
  /** Cross-prompt (indirect) injection found in the resource. */
  XPIADetected: flag,
});

export const CopilotMessage = z.looseObject({
  Id: text,
  isPrompt: flag,
  JailbreakDetected: flag,
});

export const CopilotEventData = z.looseObject({
  AppHost: text,
  ThreadId: text,
  Contexts: z.array(z.looseObject({ Id: text, Type: text })).nullish(),
  MessageIds: z.array(z.string()).nullish(),
  Messages: z.array(CopilotMessage).nullish(),
  AccessedResources: z.array(AccessedResource).nullish(),
  AISystemPlugin: z.array(z.looseObject({ Id: text, Name: text })).nullish(),
  ModelTransparencyDetails: z.array(z.looseObject({ ModelName: text, ModelProviderName: text, ModelVersion: text })).nullish(),
  AgentId: text,
  AgentName: text,
  AgentVersion: text,
});

export const CopilotAuditRecord = z.looseObject({
  Id: z.string().min(1),
  CreationTime: z.string().refine((v) => !Number.isNaN(Date.parse(v)), "not a date"),
  RecordType: z.literal(261),
  Operation: z.literal("CopilotInteraction"),
  OrganizationId: text,
  UserId: text,
  UserKey: text,
  UserType: z.number().nullish(),
  ClientIP: text,
  Workload: text,
  AppIdentity: text,
  CopilotEventData: CopilotEventData,
});
export type CopilotAuditRecord = z.infer<typeof CopilotAuditRecord>;

/** One entry of `/subscriptions/content`: a blob of audit records to download. */
export const ContentBlob = z.looseObject({
  contentUri: z.string().min(1),
  contentId: z.string().min(1),
  contentCreated: text,
  contentExpiration: text,
});

export const Subscription = z.looseObject({ contentType: z.string(), status: text });
