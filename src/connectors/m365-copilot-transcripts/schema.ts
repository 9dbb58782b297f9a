import { z } from "zod";

const text = z.string().nullish();

/** Graph `aiInteraction` (Copilot interaction history), one prompt or one response. */
export const AiInteraction = z.looseObject({
  id: z.string().min(1),
  sessionId: text,
  requestId: text,
  interactionType: z.string().min(1),
  appClass: text,
  conversationType: text,
  createdDateTime: z.iso.datetime({ offset: true }),
  locale: text,
  from: z
    .looseObject({
      user: z.looseObject({ id: text, displayName: text }).nullish(),
      application: z.looseObject({ id: text, displayName: text }).nullish(),
    })
    .nullish(),
  body: z.looseObject({ contentType: text, content: text }).nullish(),
  attachments: z.array(z.looseObject({ attachmentId: text, contentType: text, contentUrl: text, name: text })).nullish(),
  contexts: z.array(z.looseObject({ contextReference: text, displayName: text, contextType: text })).nullish(),
  links: z.array(z.looseObject({ linkUrl: text, displayName: text, linkType: text })).nullish(),
});
export type AiInteraction = z.infer<typeof AiInteraction>;

/** What the puller yields: the interaction and the user whose history it came from. */
export const PulledInteraction = z.object({
  user: z.object({ id: z.string(), userPrincipalName: text }),
  interaction: z.unknown(),
});

export const GraphPage = z.looseObject({ value: z.array(z.unknown()), "@odata.nextLink": z.string().nullish() });
export const GraphUser = z.looseObject({ id: z.string().min(1), userPrincipalName: text });
