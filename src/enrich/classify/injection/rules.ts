/**
 * Rule signals for prompt injection and jailbreaks (behaviour.md §4.4): instruction override
 * (Rebuff's verb × adjective × object family, as one regex), system-prompt extraction,
 * persona / role-play jailbreak markers, chat-template and delimiter smuggling, response
 * priming, many-shot turn markers (§4.3) and obfuscation. All read the folded text; adversarial
 * suffixes are in suffix.ts.
 */
import type { FindingCategory } from "../../../model/index.js";
import { anchored, AnchorScanner, type AnchoredPart, type AnchoredPattern } from "../anchored.js";

export interface InjectionSignal {
  /** Signal name, used as the finding label. */
  name: string;
  category: FindingCategory;
  score: number;
  /** Span in the folded text, when the signal has one place. */
  start?: number;
  end?: number;
}

interface PatternRule extends AnchoredPattern {
  name: string;
  category: FindingCategory;
  score: number;
}

const rule = (name: string, category: FindingCategory, score: number, parts: AnchoredPart | readonly AnchoredPart[], flags = ""): PatternRule => ({ name, category, score, ...anchored(parts, flags) });
const phrases = (anchors: readonly string[]): AnchoredPart => ({ before: String.raw`\b`, anchors, after: String.raw`\b` });

const VERBS = ["ignore", "disregard", "forget", "skip", "bypass", "override", "overrule", "neglect", "omit", "drop", "do not follow", "don't follow", "dont follow", "stop following", "pay no attention to"];
const ADJECTIVES = String.raw`(?:previous|prior|above|preceding|earlier|initial|original|foregoing|former|system|developer|openai'?s?|your)`;
const OBJECTS = String.raw`(?:instructions?|directives?|commands?|rules|guidelines|prompts?|context|programming|restrictions|guardrails|polic(?:y|ies)|constraints|safety (?:measures|filters|guidelines)|content (?:policy|filters?))`;

const PATTERN_RULES: readonly PatternRule[] = [
  rule("instruction_override", "prompt_injection", 0.9, {
    before: String.raw`\b`,
    anchors: VERBS,
    after: String.raw`\s+(?:all\s+|any\s+|every\s+|the\s+|of\s+)*(?:(?:your|my|the|these|those|its)\s+)?(?:${ADJECTIVES}\s+)*(?:and\s+${ADJECTIVES}\s+)?${OBJECTS}`,
  }),
  rule("instruction_override", "prompt_injection", 0.7, [
    { before: String.raw`\b(?:new|updated|real|actual) (?:system )?`, anchors: ["instruction"], after: String.raw`s?\s*:` },
    { before: String.raw`\b`, anchors: ["from now on"], after: String.raw`,? you (?:will|must|are going to|shall) (?:only )?(?:respond|answer|act|reply|obey)` },
    { before: String.raw`\b`, anchors: ["your new "], after: String.raw`(?:task|goal|objective|instructions?) (?:is|are)\b` },
  ]),
  rule("system_prompt_extraction", "system_prompt_leak", 0.85, [
    {
      before: String.raw`\b(?:reveal|show|print|repeat|output|display|tell me|give me|leak|dump|write out|recite|what (?:is|are|was|were))\b[^.?!\n]{0,30}\b(?:your|the) (?:system|initial|original|hidden|secret|confidential|developer|pre-?)\s?`,
      anchors: ["prompt", "instruction", "message", "rules", "directives"],
      after: String.raw`s?\b`,
    },
    { before: String.raw`\b`, anchors: ["repeat "], after: String.raw`(?:the |all )?(?:words|text|everything|instructions) (?:above|before|preceding)\b` },
    { before: String.raw`\b`, anchors: ["what were you told"], after: String.raw` (?:before|at the start)\b` },
    { before: String.raw`\b`, anchors: ["print everything", "print all"], after: String.raw` (?:above|before)\b` },
  ]),
  rule(
    "delimiter_smuggling",
    "prompt_injection",
    0.8,
    [
      { anchors: ["<|im_start|>", "<|im_end|>", "<|system|>", "<|endoftext|>", "<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>", "[inst]", "[/inst]", "<<sys>>", "<</sys>>", "<system>", "</system>", "<sys_prompt>", "</sys_prompt>"] },
      { before: "^", anchors: ["##"], after: String.raw`#*\s*(?:system|instruction|new instructions)\b` },
      { before: String.raw`^\s*`, anchors: ["system", "developer"], after: String.raw`\s*:\s` },
    ],
    "m",
  ),
  rule("response_priming", "jailbreak", 0.7, [
    { before: String.raw`\b(?:begin|start|open) (?:your|the|each) `, anchors: ["response", "reply", "answer", "output"], after: String.raw`s? (?:with|by (?:saying|replying with|writing))\b` },
    { before: String.raw`\brespond (?:only )?with ["'${"`"}]?`, anchors: ["sure"], after: String.raw`\b` },
    { before: String.raw`\b`, anchors: ["sure, here ", "sure here "], after: String.raw`(?:is|are)\b` },
  ]),
];

/** Persona and role-play jailbreak markers; several together are much stronger than one. */
const PERSONA_MARKERS: readonly AnchoredPattern[] = [
  anchored([phrases(["do anything now"]), { before: String.raw`\b`, anchors: ["dan"], after: String.raw`\b(?: mode| \d|:)` }]),
  anchored(phrases(["developer mode", "god mode", "unrestricted mode", "opposite mode"])),
  anchored(phrases(["jailbreak", "jailbroken"])),
  anchored({ before: String.raw`\b`, anchors: ["unfiltered", "uncensored", "amoral", "unethical", "unrestricted"], after: String.raw`\b[^.\n]{0,30}\b(?:ai|chatbot|assistant|model|response|character|persona)\b` }),
  anchored({
    before: String.raw`\b(?:no|without|free (?:of|from)|not bound by|doesn'?t have|does not have|don'?t have)\b[^.\n]{0,25}\b`,
    anchors: ["ethical", "moral", "content", "safety"],
    after: String.raw`\b[^.\n]{0,15}\b(?:guidelines|restrictions|constraints|filters|principles|limitations|boundaries|polic(?:y|ies))\b`,
  }),
  anchored(phrases(["stay in character", "stays in character", "break character", "breaking character"])),
  anchored([phrases(["you are no longer", "broken free"]), { before: String.raw`\b`, anchors: ["freed from the "], after: String.raw`(?:typical )?confines\b` }]),
  anchored({ before: String.raw`\b(?:never|not|won'?t|will not|cannot|can'?t) `, anchors: ["refuse", "decline", "say no", "reject"], after: String.raw`\b` }),
  anchored({ before: String.raw`\b(?:ignore|violate|bypass|break)s? (?:all )?(?:the )?(?:openai|anthropic|content|usage) `, anchors: ["policy", "policies"], after: String.raw`\b` }),
  anchored({ before: String.raw`\b`, anchors: ["no matter how "], after: String.raw`(?:immoral|unethical|illegal|dangerous|offensive)\b` }),
  anchored({ before: String.raw`\b(?:two|2|both) (?:different )?`, anchors: ["responses", "answers", "paragraphs"], after: String.raw`\b[^.\n]{0,60}\b(?:normal|classic|standard)\b` }),
  anchored([
    { before: String.raw`\b`, anchors: ["act as "], after: String.raw`(?:an? )?(?:evil|unfiltered|uncensored|rogue)\b` },
    { before: String.raw`\b`, anchors: ["roleplay as"], after: String.raw`\b[^.\n]{0,40}\b(?:evil|unfiltered|villain|criminal)\b` },
  ]),
];

export const RULE_ANCHORS: readonly string[] = [...PATTERN_RULES, ...PERSONA_MARKERS].flatMap((r) => r.anchors);
const SCANNER = new AnchorScanner(RULE_ANCHORS);

/** Which rule anchors a folded text holds: computed once, read by the pattern and persona rules. */
function ruleAnchors(text: string): Set<string> {
  return SCANNER.scan(text);
}

const TURN_MARKER = /^\s*(?:user|human|q|assistant|ai|a|bot|model)\s*:/gm;

export function patternSignals(text: string, present: ReadonlySet<string> = ruleAnchors(text)): InjectionSignal[] {
  const out: InjectionSignal[] = [];
  for (const rule of PATTERN_RULES) {
    if (out.some((s) => s.name === rule.name && s.score >= rule.score) || !AnchorScanner.any(present, rule.anchors)) continue;
    const match = rule.pattern.exec(text);
    if (match) out.push({ name: rule.name, category: rule.category, score: rule.score, start: match.index, end: match.index + match[0].length });
  }
  return out;
}

export function personaSignal(text: string, present: ReadonlySet<string> = ruleAnchors(text)): InjectionSignal | undefined {
  let hits = 0;
  let first: RegExpExecArray | undefined;
  for (const marker of PERSONA_MARKERS) {
    if (!AnchorScanner.any(present, marker.anchors)) continue;
    const match = marker.pattern.exec(text);
    if (!match) continue;
    hits += 1;
    if (!first || match.index < first.index) first = match;
  }
  if (!first) return undefined;
  // One marker 0.55, two 0.78, three 0.89, ...: independent weak cues add up.
  const score = 1 - 0.45 * Math.pow(0.5, hits - 1);
  return { name: "persona_jailbreak", category: "jailbreak", score, start: first.index, end: first.index + first[0].length };
}

/** §4.3: ≥ 10 embedded user/assistant pairs is many-shot, ≥ 32 strongly so. */
export function manyShotSignal(text: string): InjectionSignal | undefined {
  const markers = text.match(TURN_MARKER)?.length ?? 0;
  const pairs = Math.floor(markers / 2);
  if (pairs < 10) return undefined;
  return { name: "many_shot", category: "jailbreak", score: pairs >= 32 ? 0.9 : 0.7 };
}

/** Invisible characters are suspicious in a prompt by themselves (§1.6); tag characters most of all. */
export function obfuscationSignal(invisible: number, confusables: number): InjectionSignal | undefined {
  if (invisible === 0 && confusables < 3) return undefined;
  const score = Math.min(0.9, 0.4 + 0.1 * invisible + 0.05 * confusables);
  return { name: "obfuscation", category: "prompt_injection", score };
}
