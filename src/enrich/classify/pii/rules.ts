/**
 * Personal and financial data: regexes that find candidates and validators that keep false
 * positives low (Luhn and issuer prefixes for cards, the IBAN checksum, SSN area rules, context
 * words for account numbers, and no IP address inside a version string).
 */
import { AnchorScanner } from "../anchored.js";
import type { SensitiveSpan } from "../types.js";
import { cardNetwork, digitsOf, ibanValid, ipv4Valid, luhnValid, ssnValid, trivialDigits } from "./validators.js";

export interface PiiRule {
  label: string;
  category: "pii" | "financial";
  pattern: RegExp;
  /** Literals of which every match contains one, compared case-insensitively; without them the rule always runs. */
  anchors?: readonly string[];
  /** Capture group holding the value (default 0). */
  group?: number;
  score: number;
  /** Accepts the value given the text and where it sits. */
  accept?: (value: string, text: string, start: number, end: number) => boolean;
}

/** Words just before a dotted number that make it a version, not an address. */
const VERSION_CONTEXT = /(?:\bv|version|release|build|ver\.?|firmware|sdk|api|node|python|java|chrome|firefox|os|android|ios|update|upgrade|package|npm|pip)[\s:=@-]*$/i;

function notVersion(_value: string, text: string, start: number, end: number): boolean {
  if (VERSION_CONTEXT.test(text.slice(Math.max(0, start - 16), start))) return false;
  // 1.2.3.4.5 or 1.2.3.4-beta: part of a longer dotted or tagged version
  if (/^[.\-+]\d|^-(?:alpha|beta|rc|snapshot)/i.test(text.slice(end, end + 8))) return false;
  return !/[.\d]$/.test(text.slice(Math.max(0, start - 1), start));
}

const PHONE_SEPARATORS = /[\s().-]/;

export const PII_RULES: readonly PiiRule[] = [
  { label: "email", category: "pii", anchors: ["@"], pattern: /\b[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}\b/g, score: 0.95 },
  {
    label: "payment_card",
    category: "financial",
    pattern: /(?<![\d-])\d(?:[ -]?\d){11,18}(?![\d-])/g,
    score: 0.95,
    accept: (value) => {
      const digits = digitsOf(value);
      return luhnValid(digits) && cardNetwork(digits) !== undefined && !trivialDigits(digits);
    },
  },
  {
    label: "iban",
    category: "financial",
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
    score: 0.95,
    accept: (value) => ibanValid(value),
  },
  {
    label: "bank_account_number",
    category: "financial",
    anchors: ["account", "acct", "routing", "sort", "aba", "kontonummer", "bsb"],
    pattern: /\b(?:account\s*(?:number|no\.?|num|#)|acct\.?\s*(?:no\.?|#)?|routing\s*(?:number|no\.?)|sort\s*code|aba|kontonummer|bsb)\s*[:#]?\s*((?:\d[ -]?){5,16}\d)\b/gi,
    group: 1,
    score: 0.8,
    accept: (value) => !trivialDigits(digitsOf(value)),
  },
  {
    label: "us_ssn",
    category: "pii",
    pattern: /\b\d{3}-\d{2}-\d{4}\b|\b(?:ssn|social\s+security(?:\s+(?:number|no\.?))?)\s*[:#]?\s*(\d{9})\b/gi,
    // The bare 9-digit form counts only after a context word, and then the number alone is the value.
    group: 1,
    score: 0.9,
    accept: (value) => ssnValid(digitsOf(value)),
  },
  {
    label: "uk_nino",
    category: "pii",
    pattern: /\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
    score: 0.85,
  },
  {
    label: "phone_number",
    category: "pii",
    pattern: /(?<![\w.+-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\w.-]*\d)/g,
    score: 0.7,
    accept: (value, text, start) => {
      const digits = digitsOf(value);
      if (digits.length < 9 || digits.length > 15) return false;
      // Numbers with a leading + or a bracketed area code are phones; otherwise require separators in phone shape.
      if (!value.startsWith("+") && !value.startsWith("(") && !/^\d{3}[\s.-]\d{3}[\s.-]\d{4}$/.test(value) && !/\b(?:phone|tel|mobile|cell|call|fax|whatsapp)\b/i.test(text.slice(Math.max(0, start - 24), start))) return false;
      if (/^\d{4}[-.]\d{2}[-.]\d{2}/.test(value)) return false;
      return PHONE_SEPARATORS.test(value) || value.startsWith("+");
    },
  },
  {
    label: "ip_address",
    category: "pii",
    pattern: /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g,
    score: 0.6,
    accept: (value, text, start, end) => ipv4Valid(value) && notVersion(value, text, start, end),
  },
];

const SCANNER = new AnchorScanner(PII_RULES.flatMap((r) => r.anchors ?? []), true);

/** Personal data found by `rules` (a subset of PII_RULES); `present`: the anchors found in `text`, case-insensitively. */
export function detectPii(text: string, rules: readonly PiiRule[] = PII_RULES, present: ReadonlySet<string> = SCANNER.scan(text)): SensitiveSpan[] {
  const out: SensitiveSpan[] = [];
  for (const rule of rules) {
    if (rule.anchors && !AnchorScanner.any(present, rule.anchors, true)) continue;
    for (const match of text.matchAll(rule.pattern)) {
      const group = rule.group ?? 0;
      const value = match[group] ?? (group === 0 ? undefined : match[0]);
      if (!value) continue;
      const start = match.index + match[0].indexOf(value);
      const end = start + value.length;
      if (rule.accept && !rule.accept(value, text, start, end)) continue;
      out.push({ start, end, category: rule.category, label: rule.label, score: rule.score });
    }
  }
  return out;
}
