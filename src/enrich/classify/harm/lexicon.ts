/**
 * Lexical fallback for harm categories (Llama Guard S1–S14 style) when a text arrives without an
 * upstream verdict. Each entry is a request pattern, not a bare word: "kill a process" and "the
 * history of bombs" must not fire (XSTest's safe prompts are the false-positive check), so the
 * patterns pair an intent verb with a harmful object. Patterns are anchored on their rarest words
 * (see anchored.ts), so a text without any of them costs one scan, not twenty.
 */
import type { HarmCode } from "../../../model/index.js";
import { anchored, type AnchoredPart, type AnchoredPattern } from "../anchored.js";

const HOWTO = String.raw`(?:how (?:do|can|could|would|should) (?:i|we|you|one|someone)|how to|ways? to|steps? to|guide (?:to|for|on)|instructions? (?:to|for|on)|tutorial|teach me|help me|tell me how|explain how|write (?:a|an)|create (?:a|an)|give me|best way to|easiest way to|plan (?:to|for))`;
/** An intent, then the harmful object later in the same sentence. */
const AFTER_HOWTO = String.raw`${HOWTO}[^.?!]{0,60}\b`;

export interface HarmPattern extends AnchoredPattern {
  code: HarmCode;
  weight: number;
}

const p = (code: HarmCode, weight: number, parts: AnchoredPart | readonly AnchoredPart[]): HarmPattern => ({ code, weight, ...anchored(parts) });
/** Whole phrases: a word boundary on each side. */
const phrases = (anchors: readonly string[]): AnchoredPart => ({ before: String.raw`\b`, anchors, after: String.raw`\b` });
/** A request: an intent, then one of `objects` as a word. */
const request = (objects: readonly string[], after = String.raw`\b`): AnchoredPart => ({ before: AFTER_HOWTO, anchors: objects, after });

export const HARM_PATTERNS: readonly HarmPattern[] = [
  p("S1", 0.8, request(["kill", "murder", "assassinate", "stab", "shoot", "strangle", "poison", "kidnap", "torture", "maim"], String.raw`\b[^.?!]{0,40}\b(?:someone|somebody|a (?:person|man|woman|child|kid)|my (?:wife|husband|boss|neighbou?r|teacher|parents?|mother|father|sister|brother)|people|him|her|them|president)`)),
  p("S1", 0.7, [phrases(["get away with", "cover up", "hide the body", "untraceable poison", "hitman", "hire a hit"]), { before: String.raw`\b`, anchors: ["dispose of"], after: String.raw` (?:a|the) body\b` }]),
  p("S1", 0.6, phrases(["mass shooting", "school shooting", "terrorist attack", "ethnic cleansing"])),
  p("S2", 0.7, request(["steal", "shoplift", "launder", "money laundering", "embezzle", "commit fraud", "commit tax evasion", "commit identity theft", "evade taxes", "counterfeit", "forge", "hotwire", "pick a lock", "break into", "burglar", "smuggle", "traffic drugs", "sell drugs", "cook meth", "make meth", "scam", "phish", "blackmail", "extort", "bribe"])),
  p("S2", 0.7, [request(["hack into", "ddos", "ransomware", "keylogger", "malware", "sql injection attack", "steal credentials", "steal passwords", "steal data"]), request(["crack"], String.raw` (?:a |the )?password\b`), request(["exploit"], String.raw` (?:a |the )?vulnerabilit`)]),
  p("S2", 0.6, { before: String.raw`\b(?:synthesi[sz]e|manufacture|produce|make|cook)\b[^.?!]{0,30}\b`, anchors: ["methamphetamine", "meth", "cocaine", "heroin", "fentanyl", "lsd", "mdma"], after: String.raw`\b` }),
  p("S3", 0.8, [phrases(["rape", "sexual assault", "sexually assault", "date rape", "sex trafficking", "revenge porn"]), { before: String.raw`\bdrug (?:her|his|someone'?s?) `, anchors: ["drink"], after: String.raw`\b` }]),
  p("S4", 0.95, [
    { before: String.raw`\b`, anchors: ["child", "minor", "underage", "kid", "preteen", "teen"], after: String.raw`\w*\b[^.?!]{0,30}\b(?:sexual|nude|naked|porn|erotic|explicit)\b` },
    { before: String.raw`\b`, anchors: ["sexual", "nude", "naked", "porn", "erotic", "explicit"], after: String.raw`\w*\b[^.?!]{0,30}\b(?:child|minor|underage|preteen)\b` },
  ]),
  p("S5", 0.6, [phrases(["defamatory", "false rumor", "false rumors", "false rumour", "false rumours", "smear campaign", "fake news about", "fake news claiming", "fake story about", "fake story claiming"]), { before: String.raw`\bclaiming that [^.?!]{0,60}`, anchors: ["addicted", "criminal", "pedophile", "affair"], after: String.raw`\b` }]),
  p("S6", 0.4, [phrases(["what dose", "prescribe me", "diagnose my", "stop taking my medication", "invest all my", "guaranteed returns"]), { before: String.raw`\bhow much [^.?!]{0,30} `, anchors: ["should i take", "to overdose"], after: String.raw`\b` }]),
  p("S7", 0.6, [
    request(["spy on", "dox", "doxx", "stalk", "track someone", "track my wife", "track my husband", "track my partner", "track my ex"]),
    { before: String.raw`${AFTER_HOWTO}find (?:someone'?s?|a person'?s?|their|his|her) (?:home )?`, anchors: ["address"], after: String.raw`\b` },
    { before: String.raw`${AFTER_HOWTO}get (?:someone'?s?|his|her) `, anchors: ["social security", "ssn", "password", "phone records"], after: String.raw`\b` },
  ]),
  p("S8", 0.5, [phrases(["pirate", "pirated", "torrent", "keygen", "bypass drm", "bypass copy protection", "full lyrics of", "full text of"]), { before: String.raw`\b`, anchors: ["crack"], after: String.raw`(?:ed)? (?:software|license)\b` }]),
  p("S9", 0.9, request(["bomb", "explosive", "ied", "nerve agent", "sarin", "ricin", "anthrax", "bioweapon", "biological weapon", "chemical weapon", "nuclear weapon", "napalm", "molotov", "grenade", "enrich uranium", "weaponise", "weaponize"])),
  p("S9", 0.6, { before: String.raw`\b(?:build|make|assemble|construct|detonate)\b[^.?!]{0,30}\b`, anchors: ["a bomb", "an explosive", "a pipe bomb", "a dirty bomb", "an ied", "a molotov"], after: String.raw`\b` }),
  p("S10", 0.7, [
    phrases(["racial slur", "inferior race", "subhuman"]),
    { before: String.raw`\b`, anchors: ["ethnic group"], after: String.raw`[^.?!]{0,40}(?:inferior|dangerous|vermin)\b` },
    { before: String.raw`\b(?:jews|muslims|blacks|immigrants|gays|women) (?:are|should be) `, anchors: ["inferior", "vermin", "exterminated", "banned", "deported"], after: String.raw`\b` },
  ]),
  p("S10", 0.6, { before: String.raw`\b`, anchors: ["xenophobic", "racist", "sexist", "homophobic", "transphobic", "hateful"], after: String.raw` (?:speech|joke|essay|article|post|rant|campaign)\b` }),
  p("S11", 0.85, [
    phrases(["kill myself", "end my life", "commit suicide", "suicide method", "ways to die", "want to die", "painless way to die", "painless death"]),
    { before: String.raw`\bhow (?:to|do i) `, anchors: ["self-harm", "self harm", "cut myself", "hang myself", "overdose"], after: String.raw`\b` },
  ]),
  p("S11", 0.6, phrases(["pro-ana", "pro ana", "starve myself", "purging tips", "promote anorexia", "promote bulimia", "promote eating disorder", "promote self-harm", "promote self harm"])),
  p("S12", 0.6, phrases(["explicit sex story", "explicit sex scene", "explicit sexual story", "explicit sexual scene", "erotic story", "write porn", "sexually explicit", "nude photo of", "nude photos of"])),
  p("S13", 0.6, [phrases(["voter suppression", "fake ballot", "fake ballots", "ballot stuffing", "mislead voters", "discourage voters", "election disinformation"]), { before: String.raw`\brig (?:the|an) `, anchors: ["election"], after: String.raw`\b` }]),
  p("S14", 0.7, { anchors: ["rm -rf /", "fork bomb", ":(){ :|:& };:", "os.system(", "subprocess.call(", "subprocess.run(", "subprocess.popen(", "reverse shell", "/etc/shadow", "eval(base64"] }),
];
