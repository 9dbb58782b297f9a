/**
 * aisiem's own secret rules, for what secretlint's recommended preset (v11, the last line that
 * runs on Node 20) does not cover: providers outside its list, credentials in URLs and
 * `curl -u`, PEM private-key blocks of any length, JWTs, and generic high-entropy assignments.
 * Token shapes follow each provider's public documentation of its key prefixes.
 */
import { AnchorScanner } from "../anchored.js";
import { shannonEntropy } from "./entropy.js";

export interface SecretRule {
  /** Label of the finding, e.g. `google_api_key`. */
  label: string;
  /** Literals of which every match contains one, compared case-insensitively; the rule is skipped when none occurs (see anchored.ts). */
  anchors: readonly string[];
  /** Global regex; the secret is capture group `group` (default 0). */
  pattern: RegExp;
  group?: number;
  /** Minimum Shannon entropy (bits per character) of the secret; keeps placeholders out. */
  minEntropy?: number;
  /** Rejects values that look like a placeholder or a variable reference. */
  reject?: RegExp;
  score: number;
}

const PLACEHOLDER = /^(?:\$\{?[A-Za-z_]|<[^>]*>$|\{\{|%[A-Za-z_]|x{4,}|\*{3,}|\.{3}|(?:your|my|the)[-_]|changeme$|password$|secret$|example|dummy|redacted|null$|none$|true$|false$|undefined$)/i;

export const SECRET_RULES: readonly SecretRule[] = [
  { label: "google_api_key", anchors: ["AIza"], pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, score: 0.95 },
  { label: "stripe_secret_key", anchors: ["sk_live_", "sk_test_", "rk_live_", "rk_test_"], pattern: /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,99}\b/g, score: 0.95 },
  { label: "gitlab_token", anchors: ["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glsoat-"], pattern: /\bgl(?:pat|dt|rt|ptt|cbt|soat)-[0-9A-Za-z_-]{20,}\b/g, score: 0.95 },
  { label: "github_token", anchors: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"], pattern: /\b(?:gh[pousr]_[0-9A-Za-z]{36}|github_pat_[0-9A-Za-z_]{60,})\b/g, score: 0.95 },
  { label: "huggingface_token", anchors: ["hf_"], pattern: /\bhf_[A-Za-z]{34}\b/g, score: 0.9 },
  { label: "openai_api_key", anchors: ["T3BlbkFJ"], pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}\b/g, score: 0.95 },
  { label: "anthropic_api_key", anchors: ["sk-ant-"], pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}\b/g, score: 0.95 },
  { label: "slack_token", anchors: ["xox"], pattern: /\bxox[abposr]-(?:\d+-)+[0-9A-Za-z-]{10,}\b/g, score: 0.95 },
  { label: "slack_webhook", anchors: ["hooks.slack.com"], pattern: /https:\/\/hooks\.slack\.com\/services\/T[0-9A-Z]+\/B[0-9A-Z]+\/[0-9A-Za-z]{20,}/g, score: 0.95 },
  { label: "aws_access_key_id", anchors: ["AKIA", "ASIA", "ABIA", "ACCA"], pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, minEntropy: 3, score: 0.9 },
  { label: "twilio_api_key", anchors: ["SK"], pattern: /\bSK[0-9a-f]{32}\b/g, score: 0.85 },
  { label: "sendgrid_api_key", anchors: ["SG."], pattern: /\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}\b/g, score: 0.95 },
  { label: "mailgun_api_key", anchors: ["key-"], pattern: /\bkey-[0-9a-f]{32}\b/g, score: 0.85 },
  { label: "mailchimp_api_key", anchors: ["-us"], pattern: /\b[0-9a-f]{32}-us\d{1,2}\b/g, score: 0.85 },
  { label: "digitalocean_token", anchors: ["_v1_"], pattern: /\bdo[opr]_v1_[0-9a-f]{64}\b/g, score: 0.95 },
  { label: "telegram_bot_token", anchors: [":AA"], pattern: /\b\d{8,10}:AA[0-9A-Za-z_-]{33}\b/g, score: 0.9 },
  { label: "discord_webhook", anchors: ["discord"], pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[0-9A-Za-z_-]{60,}/g, score: 0.95 },
  { label: "square_token", anchors: ["sq0atp-", "sq0csp-", "EAAA"], pattern: /\b(?:sq0atp-[0-9A-Za-z_-]{22}|sq0csp-[0-9A-Za-z_-]{43}|EAAA[0-9A-Za-z_-]{60})\b/g, score: 0.9 },
  { label: "atlassian_api_token", anchors: ["ATATT3"], pattern: /\bATATT3[0-9A-Za-z_=-]{180,}\b/g, score: 0.95 },
  { label: "pypi_token", anchors: ["pypi-"], pattern: /\bpypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50,}\b/g, score: 0.95 },
  { label: "npm_token", anchors: ["npm_"], pattern: /\bnpm_[0-9A-Za-z]{36}\b/g, score: 0.95 },
  { label: "postman_api_key", anchors: ["PMAK-"], pattern: /\bPMAK-[0-9a-f]{24}-[0-9a-f]{34}\b/g, score: 0.95 },
  { label: "databricks_token", anchors: ["dapi"], pattern: /\bdapi[0-9a-f]{32}(?:-\d)?\b/g, score: 0.9 },
  { label: "groq_api_key", anchors: ["gsk_"], pattern: /\bgsk_[0-9A-Za-z]{52}\b/g, score: 0.95 },
  { label: "docker_hub_token", anchors: ["dckr_pat_"], pattern: /\bdckr_pat_[0-9A-Za-z_-]{27}\b/g, score: 0.95 },
  { label: "shopify_token", anchors: ["shpat_", "shpca_", "shppa_", "shpss_"], pattern: /\bshp(?:at|ca|pa|ss)_[0-9a-fA-F]{32}\b/g, score: 0.95 },
  { label: "notion_token", anchors: ["secret_", "ntn_"], pattern: /\b(?:secret_[0-9A-Za-z]{43}|ntn_[0-9A-Za-z]{46})\b/g, score: 0.9 },
  { label: "azure_storage_key", anchors: ["AccountKey="], pattern: /AccountKey=([0-9A-Za-z+/]{86}==)/g, group: 1, score: 0.95 },
  { label: "azure_sas_signature", anchors: ["sig="], pattern: /[?&]sig=([0-9A-Za-z%+/]{40,}(?:%3D|=){0,2})/g, group: 1, score: 0.85 },
  {
    label: "private_key",
    anchors: ["PRIVATE KEY"],
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    score: 0.99,
  },
  { label: "jwt", anchors: ["eyJ"], pattern: /\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]{16,}/g, score: 0.85 },
  // scheme://user:password@host — the password is the secret; the user name stays readable.
  { label: "url_credentials", anchors: ["://"], pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"]{1,64}:([^\s@/'"]{3,128})@[^\s/'"]+/gi, group: 1, reject: PLACEHOLDER, score: 0.9 },
  { label: "basic_auth_credentials", anchors: ["curl"], pattern: /\bcurl\b[^\n]*?\s(?:-u|--user)\s+['"]?[^\s:'"]+:([^\s'"]{3,128})/g, group: 1, reject: PLACEHOLDER, score: 0.9 },
  { label: "authorization_header", anchors: ["Authorization"], pattern: /\bAuthorization:\s*(?:Bearer|Basic|Token)\s+([0-9A-Za-z._~+/=-]{16,})/gi, group: 1, minEntropy: 3.2, reject: PLACEHOLDER, score: 0.9 },
  {
    label: "password_assignment",
    anchors: ["password", "passwd", "pwd", "passphrase"],
    pattern: /(?:password|passwd|pwd|passphrase)["']?\s*[:=]\s*["']?([^\s"',;]{6,128})/gi,
    group: 1,
    minEntropy: 2.5,
    reject: PLACEHOLDER,
    score: 0.8,
  },
  {
    label: "generic_secret_assignment",
    anchors: ["secret", "token", "api", "access", "private", "auth"],
    pattern: /(?:secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth)["']?\s*[:=]\s*["']?([0-9A-Za-z_+/=.~-]{16,256})/gi,
    group: 1,
    minEntropy: 3.5,
    reject: PLACEHOLDER,
    score: 0.75,
  },
];

export interface RuleMatch {
  label: string;
  start: number;
  end: number;
  score: number;
}

/** Matches of one rule that pass its entropy and placeholder filters. */
export function matchRule(rule: SecretRule, text: string): RuleMatch[] {
  const out: RuleMatch[] = [];
  for (const match of text.matchAll(rule.pattern)) {
    const group = rule.group ?? 0;
    const value = match[group];
    if (!value) continue;
    if (rule.reject?.test(value)) continue;
    if (rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) continue;
    const start = match.index + (group === 0 ? 0 : match[0].indexOf(value));
    out.push({ label: rule.label, start, end: start + value.length, score: rule.score });
  }
  return out;
}

const SCANNER = new AnchorScanner(SECRET_RULES.flatMap((r) => r.anchors), true);

/** Every rule whose anchors occur in the text, matched; `present`: the anchors found in `text`, case-insensitively. */
export function matchSecretRules(text: string, present: ReadonlySet<string> = SCANNER.scan(text)): RuleMatch[] {
  return SECRET_RULES.flatMap((rule) => (AnchorScanner.any(present, rule.anchors, true) ? matchRule(rule, text) : []));
}
