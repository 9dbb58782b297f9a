/**
 * Lexical fallback for harm categories (Llama Guard S1–S14 style) when a text arrives without an
 * upstream verdict. Each entry is a request pattern, not a bare word: "kill a process" and "the
 * history of bombs" must not fire (XSTest's safe prompts are the false-positive check), so the
 * patterns pair an intent verb with a harmful object.
 */
import type { HarmCode } from "../../../model/index.js";

const HOWTO = String.raw`(?:how (?:do|can|could|would|should) (?:i|we|you|one|someone)|how to|ways? to|steps? to|guide (?:to|for|on)|instructions? (?:to|for|on)|tutorial|teach me|help me|tell me how|explain how|write (?:a|an)|create (?:a|an)|give me|best way to|easiest way to|plan (?:to|for))`;

export interface HarmPattern {
  code: HarmCode;
  pattern: RegExp;
  weight: number;
}

const p = (code: HarmCode, weight: number, source: string): HarmPattern => ({ code, weight, pattern: new RegExp(source, "i") });

export const HARM_PATTERNS: readonly HarmPattern[] = [
  p("S1", 0.8, String.raw`${HOWTO}[^.?!]{0,60}\b(?:kill|murder|assassinate|stab|shoot|strangle|poison|kidnap|torture|maim)\b[^.?!]{0,40}\b(?:someone|somebody|a (?:person|man|woman|child|kid)|my (?:wife|husband|boss|neighbou?r|teacher|parents?|mother|father|sister|brother)|people|him|her|them|president)`),
  p("S1", 0.7, String.raw`\b(?:get away with|cover up|hide the body|dispose of (?:a|the) body|untraceable poison|hitman|hire a hit)\b`),
  p("S1", 0.6, String.raw`\b(?:mass shooting|school shooting|terrorist attack|ethnic cleansing)\b`),
  p("S2", 0.7, String.raw`${HOWTO}[^.?!]{0,60}\b(?:steal|shoplift|launder (?:money)?|money laundering|embezzle|commit (?:fraud|tax evasion|identity theft)|evade taxes|counterfeit|forge|hotwire|pick a lock|break into|burglar|smuggle|traffic drugs|sell drugs|cook meth|make meth|scam|phish|blackmail|extort|bribe)\b`),
  p("S2", 0.7, String.raw`${HOWTO}[^.?!]{0,60}\b(?:hack into|crack (?:a |the )?password|ddos|ransomware|keylogger|malware|exploit (?:a |the )?vulnerabilit|sql injection attack|steal (?:credentials|passwords|data))\b`),
  p("S2", 0.6, String.raw`\b(?:synthesi[sz]e|manufacture|produce|make|cook)\b[^.?!]{0,30}\b(?:methamphetamine|meth|cocaine|heroin|fentanyl|lsd|mdma|crack cocaine)\b`),
  p("S3", 0.8, String.raw`\b(?:rape|sexual(?:ly)? assault|drug (?:her|his|someone'?s?) drink|date rape|sex trafficking|revenge porn)\b`),
  p("S4", 0.95, String.raw`\b(?:child|minor|underage|kid|preteen|teen)\w*\b[^.?!]{0,30}\b(?:sexual|nude|naked|porn|erotic|explicit)\b|\b(?:sexual|nude|naked|porn|erotic|explicit)\w*\b[^.?!]{0,30}\b(?:child|minor|underage|preteen)\b`),
  p("S5", 0.6, String.raw`\b(?:defamatory|false rumou?rs?|fake (?:news|story) (?:about|claiming)|smear campaign|claiming that [^.?!]{0,60}(?:addicted|criminal|pedophile|affair))\b`),
  p("S6", 0.4, String.raw`\b(?:what dose|how much [^.?!]{0,30} (?:should i take|to overdose)|prescribe me|diagnose my|stop taking my medication|invest all my|guaranteed returns)\b`),
  p("S7", 0.6, String.raw`${HOWTO}[^.?!]{0,60}\b(?:find (?:someone'?s?|a person'?s?|their|his|her) (?:home )?address|track (?:someone|my (?:wife|husband|partner|ex))|spy on|dox|doxx|stalk|get (?:someone'?s?|his|her) (?:social security|ssn|password|phone records))\b`),
  p("S8", 0.5, String.raw`\b(?:pirate|pirated|torrent|crack(?:ed)? (?:software|license)|bypass (?:drm|copy protection)|keygen|full (?:lyrics|text) of)\b`),
  p("S9", 0.9, String.raw`${HOWTO}[^.?!]{0,60}\b(?:bomb|explosive|ied|pipe bomb|nerve agent|sarin|ricin|anthrax|bioweapon|biological weapon|chemical weapon|nuclear weapon|dirty bomb|napalm|molotov|grenade|enrich uranium|weaponi[sz]e)\b`),
  p("S9", 0.6, String.raw`\b(?:build|make|assemble|construct|detonate)\b[^.?!]{0,30}\b(?:a bomb|an explosive|a pipe bomb|a dirty bomb|an ied|a molotov)\b`),
  p("S10", 0.7, String.raw`\b(?:racial slur|inferior race|subhuman|ethnic group[^.?!]{0,40}(?:inferior|dangerous|vermin)|(?:jews|muslims|blacks|immigrants|gays|women) (?:are|should be) (?:inferior|vermin|exterminated|banned|deported))\b`),
  p("S10", 0.6, String.raw`\b(?:xenophobic|racist|sexist|homophobic|transphobic|hateful) (?:speech|joke|essay|article|post|rant|campaign)\b`),
  p("S11", 0.85, String.raw`\b(?:kill myself|end my life|commit suicide|suicide method|ways to die|how (?:to|do i) (?:self[- ]harm|cut myself|hang myself|overdose)|want to die|painless (?:way to die|death))\b`),
  p("S11", 0.6, String.raw`\b(?:pro[- ]ana|starve myself|purging tips|promote (?:anorexia|bulimia|eating disorders?|self[- ]harm))\b`),
  p("S12", 0.6, String.raw`\b(?:explicit sex(?:ual)? (?:story|scene)|erotic story|write porn|sexually explicit|nude photos? of)\b`),
  p("S13", 0.6, String.raw`\b(?:voter suppression|rig (?:the|an) election|fake ballots?|ballot stuffing|(?:mislead|discourage) voters|election disinformation)\b`),
  p("S14", 0.7, String.raw`\b(?:rm -rf /|fork bomb|:\(\)\{ :\|:& \};:|os\.system\(|subprocess\.(?:call|run|popen)\(|reverse shell|/etc/shadow|eval\(base64)\b`),
];
