/**
 * PAIR-style jailbreaks: an attacker model rewrites a harmful request until the target complies,
 * and what it converges on is a persuasive wrapper — a role ("you are a security researcher"),
 * a fiction or hypothetical frame, and a disclaimer that the answer will never be used ("purely
 * for educational purposes", "I'm not endorsing this") — around a request on a hazardous topic.
 * Each part alone is ordinary (role-play prompts, essays about crime); the signal is their
 * co-occurrence. Topic stems follow the hazard categories of the MLCommons / Llama Guard
 * taxonomy (violence, weapons, crime, cyber attacks, fraud, drugs, sexual content, self-harm,
 * hate, harassment, privacy, disinformation).
 */
import { anchored, AnchorScanner, type AnchoredPattern } from "../anchored.js";

const FRAME = anchored([
  {
    before: String.raw`\b`,
    anchors: ["imagine", "pretend", "hypothetical", "fictional", "fiction", "novel", "screenplay", "story", "role-play", "roleplay", "role play", "character", "scenario", "in a world where", "thought experiment", "villain", "theoretical"],
  },
  { before: String.raw`\b(?:you are|you're|act as|as) an? (?:[\w-]+ ){0,3}`, anchors: ["expert", "writer", "author", "researcher", "detective", "journalist", "consultant", "professor", "historian", "scientist", "chemist", "hacker", "specialist", "investigator", "officer", "analyst", "psychologist", "sociologist", "activist", "lawyer", "doctor", "engineer", "agent"] },
]);

const DISCLAIMER = anchored([
  { before: String.raw`\bfor (?:purely |strictly |only )?(?:an? )?`, anchors: ["educational", "research", "academic", "informational", "fictional", "hypothetical", "defensive", "awareness", "training"], after: String.raw` (?:purposes?|use|study|project|story|scenario|report|blog|piece)\b` },
  { before: String.raw`\b(?:purely|strictly|only|just) (?:for )?(?:a )?`, anchors: ["hypothetical", "fictional", "theoretical", "academic", "educational"] },
  { before: String.raw`\b(?:will|would|should) (?:never|not) `, anchors: ["be used", "be shared", "be put into practice", "be acted"] },
  { before: String.raw`\bwon'?t `, anchors: ["be used", "be shared"] },
  { before: String.raw`\b(?:not|never) (?:be )?`, anchors: ["used in real life", "used in the real world", "real-world"] },
  { before: String.raw`\b(?:i'?m|i am) not `, anchors: ["encouraging", "endorsing", "condoning", "promoting", "asking for assistance", "planning"] },
  { before: String.raw`\bi (?:understand|know|realize|recognise|recognize) (?:that )?[^.?!]{0,50}\b`, anchors: ["illegal", "unethical", "harmful", "dangerous", "immoral"] },
  { before: String.raw`\b`, anchors: ["no one will be harmed", "no one gets hurt", "nobody gets hurt", "in a safe and controlled"] },
]);

/** Hazard-topic stems; each must start a word. */
const TOPIC = anchored({
  before: String.raw`\b`,
  anchors: [
    // violence, weapons, terror
    "kill", "murder", "assassinat", "torture", "kidnap", "bomb", "explosive", "detonat", "firearm", "weapon", "ammunition", "poison", "terroris", "mass shooting", "genocide", "ethnic cleansing",
    // crime, fraud, cyber
    "steal", "theft", "shoplift", "burglar", "launder", "embezzl", "counterfeit", "forge ", "forged", "forgery", "fraud", "scam", "phishing", "ponzi", "pyramid scheme", "insider trading", "tax evasion", "evade tax", "bribe", "blackmail", "extort", "smuggl", "traffick", "ransomware", "malware", "keylogger", "spyware", "botnet", "ddos", "exploit", "vulnerabilit", "hack", "crack password", "bypass security", "without detection", "undetected", "evade detection", "avoid detection", "tamper", "illegal", "illegally", "illicit", "unlawful", "black market", "dark web", "fake id", "fake review", "fabricated", "plagiar", "cheat",
    // drugs
    "cocaine", "heroin", "methamphetamine", "fentanyl", "opioid", "narcotic", "drug dealer", "sell drugs", "controlled substance",
    // sexual content, exploitation
    "erotic", "sexually explicit", "explicit sexual", "pornograph", "child labor", "child labour", "sexual exploitation", "prostitut",
    // self-harm
    "suicide", "self-harm", "self harm", "anorexia", "bulimia", "eating disorder",
    // hate, harassment, privacy
    "racist", "racism", "sexist", "xenophob", "homophob", "transphob", "slur", "inferior", "hate speech", "discriminat", "harass", "bully", "stalk", "doxx", "body shaming", "defamat", "slander", "libel", "surveil", "spy on", "personal information", "without their consent", "without consent",
    // deception, disinformation, manipulation
    "disinformation", "misinformation", "propaganda", "conspiracy", "fake news", "hoax", "manipulat", "deceive", "deceptive", "mislead", "gaslight", "coerce", "predatory", "unethical", "harmful", "dangerous",
  ],
});

const TOPIC_ALL = new RegExp(TOPIC.pattern.source, "g");
export const FRAMING_ANCHORS: readonly string[] = [FRAME, DISCLAIMER, TOPIC].flatMap((p) => p.anchors);

function occurs(text: string, present: ReadonlySet<string>, rule: AnchoredPattern): boolean {
  return AnchorScanner.any(present, rule.anchors) && rule.pattern.test(text);
}

/** Distinct hazard stems in the text. */
function topics(text: string, present: ReadonlySet<string>): number {
  if (!AnchorScanner.any(present, TOPIC.anchors)) return 0;
  return new Set(text.match(TOPIC_ALL) ?? []).size;
}

export interface FramingCues {
  frame: boolean;
  disclaimer: boolean;
  /** Number of distinct hazard-topic stems; 0 when there is neither a frame nor a disclaimer. */
  topics: number;
}

/** `present`: the anchors found in `folded` by a scanner that knows FRAMING_ANCHORS. */
export function framingCues(folded: string, present: ReadonlySet<string>): FramingCues {
  const frame = occurs(folded, present, FRAME);
  const disclaimer = occurs(folded, present, DISCLAIMER);
  // Counting topics costs a scan of its own, and without a frame or a disclaimer they score nothing.
  return { frame, disclaimer, topics: frame || disclaimer ? topics(folded, present) : 0 };
}

/**
 * Score of a wrapped harmful request, or 0. `harmRequest`: a harm pattern (intent × object) fired.
 * A disclaimer is the strongest cue: benign prompts rarely promise that the answer will never be
 * used (none of the benign jailbreak-classification prompts does). A role or fiction frame needs
 * two hazard topics, since role-play prompts are common and benign (one topic: 2.2 % of benign
 * prompts fire, two: 0.7 %).
 */
export function framedRequestScore(cues: FramingCues, harmRequest: boolean): number {
  if (harmRequest && (cues.frame || cues.disclaimer)) return 0.8;
  if (cues.disclaimer && cues.topics >= 1) return 0.75;
  if (cues.frame && cues.topics >= 2) return 0.7;
  if (cues.disclaimer) return 0.6;
  return 0;
}
