/**
 * MITRE ATLAS techniques aisiem alerts point at, with the tactic each serves, for ECS `threat.*`.
 * Ids, names and tactics as in ATLAS v5.1.0 (reference note elastic.md, §1.5 "Useful ATLAS ids").
 */
const TACTICS: Record<string, string> = {
  "AML.TA0000": "AI Model Access",
  "AML.TA0003": "Resource Development",
  "AML.TA0005": "Execution",
  "AML.TA0007": "Defense Evasion",
  "AML.TA0010": "Exfiltration",
  "AML.TA0011": "Impact",
  "AML.TA0012": "Privilege Escalation",
  "AML.TA0013": "Credential Access",
};

const TECHNIQUES: Record<string, { name: string; tactics: string[] }> = {
  "AML.T0015": { name: "Evade AI Model", tactics: ["AML.TA0007"] },
  "AML.T0024": { name: "Exfiltration via AI Inference API", tactics: ["AML.TA0010"] },
  "AML.T0029": { name: "Denial of AI Service", tactics: ["AML.TA0011"] },
  "AML.T0034": { name: "Cost Harvesting", tactics: ["AML.TA0011"] },
  "AML.T0040": { name: "AI Model Inference API Access", tactics: ["AML.TA0000"] },
  "AML.T0046": { name: "Spamming AI System with Chaff Data", tactics: ["AML.TA0011"] },
  "AML.T0048": { name: "External Harms", tactics: ["AML.TA0011"] },
  "AML.T0051": { name: "LLM Prompt Injection", tactics: ["AML.TA0005"] },
  "AML.T0053": { name: "AI Agent Tool Invocation", tactics: ["AML.TA0005", "AML.TA0012"] },
  "AML.T0054": { name: "LLM Jailbreak", tactics: ["AML.TA0012", "AML.TA0007"] },
  "AML.T0055": { name: "Unsecured Credentials", tactics: ["AML.TA0013"] },
  "AML.T0056": { name: "Extract LLM System Prompt", tactics: ["AML.TA0010"] },
  "AML.T0057": { name: "LLM Data Leakage", tactics: ["AML.TA0010"] },
  "AML.T0065": { name: "LLM Prompt Crafting", tactics: ["AML.TA0003"] },
  "AML.T0068": { name: "LLM Prompt Obfuscation", tactics: ["AML.TA0007"] },
  "AML.T0086": { name: "Exfiltration via AI Agent Tool Invocation", tactics: ["AML.TA0010"] },
};

export const ATLAS_FRAMEWORK = "MITRE ATLAS";

const techniqueUrl = (id: string) => `https://atlas.mitre.org/techniques/${id}/`;
const tacticUrl = (id: string) => `https://atlas.mitre.org/tactics/${id}/`;

export interface EcsThreat {
  framework: string;
  tactic?: { id: string[]; name: string[]; reference: string[] };
  technique: { id: string[]; name?: string[]; reference: string[]; subtechnique?: { id: string[]; reference: string[] } };
}

/** `threat.*` for ATLAS ids such as `AML.T0051` or `AML.T0051.000`; undefined when there are none. */
export function atlasThreat(ids: readonly string[]): EcsThreat | undefined {
  const techniques = unique(ids.map((id) => id.split(".").slice(0, 2).join(".")));
  if (techniques.length === 0) return undefined;
  const subtechniques = unique(ids.filter((id) => id.split(".").length > 2));
  const known = techniques.map((id) => TECHNIQUES[id]);
  const names = known.every((t) => t !== undefined) ? known.map((t) => t!.name) : undefined;
  const tactics = unique(known.flatMap((t) => t?.tactics ?? []));
  return {
    framework: ATLAS_FRAMEWORK,
    ...(tactics.length > 0 && {
      tactic: { id: tactics, name: tactics.map((id) => TACTICS[id] ?? id), reference: tactics.map(tacticUrl) },
    }),
    technique: {
      id: techniques,
      ...(names && { name: names }),
      reference: techniques.map(techniqueUrl),
      ...(subtechniques.length > 0 && { subtechnique: { id: subtechniques, reference: subtechniques.map(techniqueUrl) } }),
    },
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
