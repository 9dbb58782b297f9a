/**
 * Rule signals for prompt injection and jailbreaks (behaviour.md §4.4): instruction override
 * (Rebuff's verb × adjective × object family, as one regex), system-prompt extraction,
 * persona / role-play jailbreak markers, chat-template and delimiter smuggling, response
 * priming, many-shot turn markers (§4.3) and adversarial suffixes. All read the folded text.
 */
import type { FindingCategory } from "../../../model/index.js";

export interface InjectionSignal {
  /** Signal name, used as the finding label. */
  name: string;
  category: FindingCategory;
  score: number;
  /** Span in the folded text, when the signal has one place. */
  start?: number;
  end?: number;
}

interface PatternRule {
  name: string;
  category: FindingCategory;
  pattern: RegExp;
  score: number;
}

const VERBS = String.raw`(?:ignore|disregard|forget|skip|bypass|override|overrule|neglect|omit|drop|do not follow|don'?t follow|stop following|pay no attention to)`;
const ADJECTIVES = String.raw`(?:previous|prior|above|preceding|earlier|initial|original|foregoing|former|system|developer|openai'?s?|your)`;
const OBJECTS = String.raw`(?:instructions?|directives?|commands?|rules|guidelines|prompts?|context|programming|restrictions|guardrails|polic(?:y|ies)|constraints|safety (?:measures|filters|guidelines)|content (?:policy|filters?))`;

const PATTERN_RULES: readonly PatternRule[] = [
  {
    name: "instruction_override",
    category: "prompt_injection",
    pattern: new RegExp(String.raw`\b${VERBS}\s+(?:all\s+|any\s+|every\s+|the\s+|of\s+)*(?:(?:your|my|the|these|those|its)\s+)?(?:${ADJECTIVES}\s+)*(?:and\s+${ADJECTIVES}\s+)?${OBJECTS}`),
    score: 0.9,
  },
  {
    name: "instruction_override",
    category: "prompt_injection",
    pattern: /\b(?:new|updated|real|actual) (?:system )?instructions?\s*:|\bfrom now on,? you (?:will|must|are going to|shall) (?:only )?(?:respond|answer|act|reply|obey)|\byour new (?:task|goal|objective|instructions?) (?:is|are)\b/,
    score: 0.7,
  },
  {
    name: "system_prompt_extraction",
    category: "system_prompt_leak",
    pattern: /\b(?:reveal|show|print|repeat|output|display|tell me|give me|leak|dump|write out|recite|what (?:is|are|was|were))\b[^.?!\n]{0,30}\b(?:your|the) (?:system|initial|original|hidden|secret|confidential|developer|pre-?)\s?(?:prompt|instructions?|message|rules|directives)\b|\brepeat (?:the |all )?(?:words|text|everything|instructions) (?:above|before|preceding)\b|\bwhat were you told (?:before|at the start)\b|\bprint (?:everything|all) (?:above|before)\b/,
    score: 0.85,
  },
  {
    name: "delimiter_smuggling",
    category: "prompt_injection",
    pattern: /<\|(?:im_start|im_end|system|endoftext|begin_of_text|start_header_id|end_header_id|eot_id)\|>|\[\/?inst\]|<<\/?sys>>|^#{2,}\s*(?:system|instruction|new instructions)\b|<\/?(?:system|sys_prompt)>|^\s*(?:system|developer)\s*:\s/m,
    score: 0.8,
  },
  {
    name: "response_priming",
    category: "jailbreak",
    pattern: /\b(?:begin|start|open) (?:your|the|each) (?:response|reply|answer|output)s? (?:with|by (?:saying|replying with|writing))\b|\brespond (?:only )?with ["'`]?sure\b|\bsure,? here (?:is|are)\b/,
    score: 0.7,
  },
];

/** Persona and role-play jailbreak markers; several together are much stronger than one. */
const PERSONA_MARKERS: readonly RegExp[] = [
  /\bdo anything now\b|\bdan\b(?: mode| \d|:)/,
  /\bdeveloper mode\b|\bgod mode\b|\bunrestricted mode\b|\bopposite mode\b/,
  /\bjailbr(?:eak|oken)\b/,
  /\b(?:unfiltered|uncensored|amoral|unethical|unrestricted)\b[^.\n]{0,30}\b(?:ai|chatbot|assistant|model|response|character|persona)\b/,
  /\b(?:no|without|free (?:of|from)|not bound by|doesn'?t have|does not have|don'?t have)\b[^.\n]{0,25}\b(?:ethical|moral|content|safety)\b[^.\n]{0,15}\b(?:guidelines|restrictions|constraints|filters|principles|limitations|boundaries|polic(?:y|ies))\b/,
  /\bstay(?:s)? in character\b|\bbreak(?:ing)? character\b/,
  /\byou are no longer\b|\bfreed from the (?:typical )?confines\b|\bbroken free\b/,
  /\b(?:never|not|won'?t|will not|cannot|can'?t) (?:refuse|decline|say no|reject)\b/,
  /\b(?:ignore|violate|bypass|break)s? (?:all )?(?:the )?(?:openai|anthropic|content|usage) polic(?:y|ies)\b/,
  /\bno matter how (?:immoral|unethical|illegal|dangerous|offensive)\b/,
  /\b(?:two|2|both) (?:different )?(?:responses|answers|paragraphs)\b[^.\n]{0,60}\b(?:normal|classic|standard)\b/,
  /\bact as (?:an? )?(?:evil|unfiltered|uncensored|rogue)\b|\broleplay as\b[^.\n]{0,40}\b(?:evil|unfiltered|villain|criminal)\b/,
];

/** Fiction, hypothetical and authority frames that wrap a harmful request (PAIR-style refinement). */
export const FRAMING_CUES =
  /\b(?:imagine|pretend|hypothetical(?:ly)?|fictional|fiction|novel|screenplay|story|role-?play|character|scenario|in a world where|thought experiment|for (?:educational|research|academic) purposes|purely (?:fictional|hypothetical)|you are an? (?:\w+ ){0,3}(?:expert|writer|author|researcher|detective|journalist|consultant|character|assistant)|as an? (?:\w+ ){0,2}(?:expert|writer|author|researcher|journalist))\b/;

const TURN_MARKER = /^\s*(?:user|human|q|assistant|ai|a|bot|model)\s*:/gm;

export function patternSignals(text: string): InjectionSignal[] {
  const out: InjectionSignal[] = [];
  for (const rule of PATTERN_RULES) {
    if (out.some((s) => s.name === rule.name && s.score >= rule.score)) continue;
    const match = rule.pattern.exec(text);
    if (match) out.push({ name: rule.name, category: rule.category, score: rule.score, start: match.index, end: match.index + match[0].length });
  }
  return out;
}

export function personaSignal(text: string): InjectionSignal | undefined {
  let hits = 0;
  let first: RegExpExecArray | undefined;
  for (const marker of PERSONA_MARKERS) {
    const match = marker.exec(text);
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

/** A token that natural prose does not contain: symbols inside a word, camel case, runs of punctuation. */
function oddToken(token: string): boolean {
  if (token.length < 2) return false;
  const inner = token.replace(/^[("'[{]+|[)"'\]},.;:!?]+$/g, "");
  return /[^\p{L}\p{N}_\s'-].*[^\p{L}\p{N}_\s'-]/u.test(inner) || /[a-z][A-Z]/.test(inner) || /[!?.\-=*<>\\/]{3,}/.test(token) || (/^[^\p{L}\p{N}_]+$/u.test(inner) && inner.length >= 2);
}

/** Share of odd tokens among `tokens`. */
function oddShare(tokens: readonly string[]): number {
  if (tokens.length === 0) return 0;
  return tokens.filter(oddToken).length / tokens.length;
}

/**
 * GCG-style optimised suffix: a natural-language request followed by a tail of token soup.
 * Requiring the head to read as prose keeps source code (odd everywhere) out. Reads the
 * original casing, since camel case inside a word is one of the tells.
 */
export function adversarialSuffixSignal(original: string): InjectionSignal | undefined {
  if (original.includes("```")) return undefined;
  const tokens = original.trim().split(/\s+/);
  if (tokens.length < 15) return undefined;
  // A GCG suffix is 20 model tokens, about ten whitespace-separated pieces.
  const tail = tokens.slice(-10);
  const head = tokens.slice(0, Math.min(12, tokens.length - tail.length));
  const tailShare = oddShare(tail);
  if (tailShare < 0.3 || oddShare(head) > 0.1 || head.length < 5) return undefined;
  return { name: "adversarial_suffix", category: "jailbreak", score: Math.min(0.95, 0.5 + tailShare) };
}

/** Invisible characters are suspicious in a prompt by themselves (§1.6); tag characters most of all. */
export function obfuscationSignal(invisible: number, confusables: number): InjectionSignal | undefined {
  if (invisible === 0 && confusables < 3) return undefined;
  const score = Math.min(0.9, 0.4 + 0.1 * invisible + 0.05 * confusables);
  return { name: "obfuscation", category: "prompt_injection", score };
}
