/**
 * A generated corpus of realistic credentials for 25+ common providers, in the shapes their
 * public documentation gives (prefix, alphabet, length), embedded in the kind of sentence a
 * user pastes into a chat; plus hard negatives that look random but are not secrets (UUIDs,
 * commit and file hashes, version strings, placeholders, URLs without credentials).
 */
import { ALNUM, B64, HEX, LOWER, Random, UPPER_NUM, URLSAFE } from "./random.js";

export interface SecretSample {
  provider: string;
  text: string;
  /** The secret value; undefined for a hard negative. */
  secret?: string;
}

type Maker = (r: Random) => string;

const base64 = (bytes: number, r: Random) => Buffer.from(Array.from({ length: bytes }, () => r.int(0, 255))).toString("base64");
const b64url = (json: object) => Buffer.from(JSON.stringify(json)).toString("base64url");

export const PROVIDERS: Readonly<Record<string, Maker>> = {
  aws_access_key_id: (r) => "AKIA" + r.chars(UPPER_NUM, 16),
  aws_secret_access_key: (r) => r.chars(B64, 40),
  github_classic_pat: (r) => "ghp_" + r.chars(ALNUM, 36),
  github_fine_grained_pat: (r) => "github_pat_" + r.chars(ALNUM, 22) + "_" + r.chars(ALNUM, 59),
  gitlab_pat: (r) => "glpat-" + r.chars(URLSAFE, 20),
  slack_bot_token: (r) => `xoxb-${r.chars("0123456789", 12)}-${r.chars("0123456789", 13)}-${r.chars(ALNUM, 24)}`,
  slack_webhook: (r) => `https://hooks.slack.com/services/T${r.chars(UPPER_NUM, 8)}/B${r.chars(UPPER_NUM, 10)}/${r.chars(ALNUM, 24)}`,
  stripe_secret_key: (r) => "sk_live_" + r.chars(ALNUM, 99).slice(0, r.int(24, 99)),
  openai_project_key: (r) => "sk-proj-" + r.chars(URLSAFE, 74) + "T3BlbkFJ" + r.chars(URLSAFE, 74),
  anthropic_api_key: (r) => "sk-ant-api03-" + r.chars(URLSAFE, 93) + "AA",
  google_api_key: (r) => "AIza" + r.chars(URLSAFE, 35),
  gcp_service_account_key: (r) => `-----BEGIN PRIVATE KEY-----\n${base64(48, r)}\n${base64(48, r)}\n-----END PRIVATE KEY-----`,
  azure_storage_account_key: (r) => base64(64, r),
  twilio_api_key: (r) => "SK" + r.chars(HEX, 32),
  sendgrid_api_key: (r) => `SG.${r.chars(URLSAFE, 22)}.${r.chars(URLSAFE, 43)}`,
  mailgun_api_key: (r) => "key-" + r.chars(HEX, 32),
  mailchimp_api_key: (r) => r.chars(HEX, 32) + "-us" + r.int(1, 21),
  npm_token: (r) => "npm_" + r.chars(ALNUM, 36),
  pypi_token: (r) => "pypi-AgEIcHlwaS5vcmc" + r.chars(URLSAFE, 70),
  huggingface_token: (r) => "hf_" + r.chars(ALNUM.slice(0, 52), 34),
  digitalocean_token: (r) => "dop_v1_" + r.chars(HEX, 64),
  telegram_bot_token: (r) => `${r.int(100000000, 9999999999)}:AA${r.chars(URLSAFE, 33)}`,
  discord_webhook: (r) => `https://discord.com/api/webhooks/${r.chars("0123456789", 18)}/${r.chars(URLSAFE, 68)}`,
  shopify_access_token: (r) => "shpat_" + r.chars(HEX, 32),
  databricks_token: (r) => "dapi" + r.chars(HEX, 32),
  jwt: (r) => `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub: r.chars("0123456789", 8), name: r.chars(LOWER, 6), iat: r.int(1.6e9, 1.8e9) })}.${r.chars(URLSAFE, 43)}`,
  postgres_password: (r) => r.chars(ALNUM, r.int(10, 20)),
  rsa_private_key: (r) => `-----BEGIN RSA PRIVATE KEY-----\n${base64(48, r)}\n${base64(48, r)}\n${base64(24, r)}\n-----END RSA PRIVATE KEY-----`,
};

/** How each provider's value usually appears in a pasted snippet. */
const CONTEXT: Readonly<Record<string, (secret: string, r: Random) => string>> = {
  aws_secret_access_key: (s) => `aws_secret_access_key = ${s}`,
  azure_storage_account_key: (s) => `DefaultEndpointsProtocol=https;AccountName=prodstore;AccountKey=${s};EndpointSuffix=core.windows.net`,
  postgres_password: (s, r) => `DATABASE_URL=postgres://app_${r.chars(LOWER, 4)}:${s}@db.internal:5432/orders`,
  mailgun_api_key: (s) => `MAILGUN_API_KEY=${s}`,
};

const SENTENCES: readonly ((value: string) => string)[] = [
  (v) => `Why does this fail? I set ${v} in my .env and the client still returns 401.`,
  (v) => `here is my config:\n\n${v}\n\ncan you see what is wrong`,
  (v) => `Please debug this snippet:\nconst client = new Client("${v}");\nclient.connect();`,
  (v) => `The deploy log printed ${v} - is that a problem?`,
];

export function secretCorpus(perProvider = 20, seed = 7): SecretSample[] {
  const r = new Random(seed);
  const out: SecretSample[] = [];
  for (const [provider, make] of Object.entries(PROVIDERS)) {
    for (let i = 0; i < perProvider; i += 1) {
      const secret = make(r);
      const placed = CONTEXT[provider]?.(secret, r) ?? secret;
      out.push({ provider, secret, text: r.pick(SENTENCES)(placed) });
    }
  }
  return out;
}

const NEGATIVES: readonly [string, Maker][] = [
  ["uuid", (r) => `request id ${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-a${r.chars(HEX, 3)}-${r.chars(HEX, 12)} failed`],
  ["git_sha", (r) => `the regression came in with commit ${r.chars(HEX, 40)}, can you explain the diff?`],
  ["sha256", (r) => `sha256sum of the installer is ${r.chars(HEX, 64)}`],
  ["version", (r) => `we upgraded from version ${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 30)}.${r.int(0, 99)} to the latest release`],
  ["placeholder", (r) => r.pick(["export OPENAI_API_KEY=<your-api-key>", "AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX", "password: ${DB_PASSWORD}", "api_key = 'YOUR_API_KEY_HERE'", "token: xxxxxxxxxxxxxxxxxxxxxxxx"])],
  ["url", (r) => `see https://docs.example.com/${r.chars(LOWER, 8)}/${r.chars(LOWER, 6)}?page=${r.int(1, 9)} for details`],
  ["base64_image", (r) => `<img src="data:image/png;base64,${base64(30, r)}">`],
  ["words", (r) => `The ${r.pick(["tokenizer", "session", "password reset", "secret santa"])} feature shipped in ${r.pick(["March", "May"])} with ${r.int(2, 90)} bug fixes.`],
];

export function secretNegatives(count = 240, seed = 11): SecretSample[] {
  const r = new Random(seed);
  return Array.from({ length: count }, (_, i) => {
    const [provider, make] = NEGATIVES[i % NEGATIVES.length]!;
    return { provider, text: make(r) };
  });
}
