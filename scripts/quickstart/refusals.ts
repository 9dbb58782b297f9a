/** Refusals worded the way the assistants in the corpus word them. */
import type { Random } from "./random.js";
import type { ToolName } from "./tools.js";

const BY_TOOL: Record<ToolName, string[]> = {
  "chatgpt-enterprise": [
    "I'm sorry, but I can't help with that.",
    "I can't help with getting into someone else's account or data without their authorization. If there's a legitimate business need, your IT or security team can grant access through the proper process.",
    "I'm sorry, but I can't assist with that request. If you're trying to solve a work problem, I'm happy to help with an approach that goes through the appropriate approvals.",
  ],
  "anthropic-compliance": [
    "I can't help with this. What you're describing would move data outside the controls your organization has put in place, and I don't want to help work around those. If you need the data for a legitimate reason, I'm glad to help you write a request to your data owner or security team.",
    "I'm not able to help with that. I'd be happy to help with something else, or with a version of this task that doesn't involve bypassing security controls.",
    "I don't think I should help with this one, even framed this way. The specific steps would be the same as in your earlier request.",
  ],
  "m365-copilot-transcripts": [
    "Sorry, it looks like I can't respond to this. Let's try a different topic.",
    "I'm sorry, but I can't help with that request.",
  ],
  litellm: [
    "I'm sorry, but I can't share my instructions or internal configuration. Is there something about your work I can help with?",
    "I can't help with that. I can answer questions about Northwind's products, policies and internal tools.",
  ],
};

export function refusal(r: Random, tool: ToolName): string {
  return r.pick(BY_TOOL[tool]);
}
