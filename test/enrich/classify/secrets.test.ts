import { performance } from "node:perf_hooks";
import { classify } from "../../../src/enrich/classify/index.js";
import { detectSecrets, SecretsConfig } from "../../../src/enrich/classify/secrets/index.js";

const config = SecretsConfig.parse({});
const labels = async (text: string) => (await detectSecrets(text, config)).map((s) => s.label);

describe("secrets", () => {
  it("leaves nothing behind on Node's performance timeline however many texts go through secretlint", async () => {
    const before = performance.getEntriesByType("mark").length;
    for (let i = 0; i < 50; i += 1) await labels(`aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY${String(i).padStart(10, "0")}"`);
    expect(performance.getEntriesByType("mark").length).toBe(before);
  });

  it("finds provider tokens through secretlint and aisiem's own rules", async () => {
    expect(await labels("token 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 here")).toEqual(["github_token"]);
    expect(await labels("key=AIzaSyD4x9Qm2Lk8vB7nR3tY6uW1eZ0pA5sC8dF")).toEqual(["google_api_key"]);
    expect(await labels("curl -u admin:S3cr3tPassw0rd https://api.example.com")).toEqual(["basic_auth_credentials"]);
    for (const assignment of ["aws_secret_access_key = ", '"SecretAccessKey": "', "AWS_SECRET_ACCESSKEY="]) {
      expect(await labels(`${assignment}wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz8MPLEKEY`)).toEqual(["aws_secret_access_key"]);
    }
    expect(await labels("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----")).toEqual(["private_key"]);
  });

  it("covers the password of a URL with credentials, once", async () => {
    const text = "connect to https://deploy:Zx81-kqPw93@git.example.com/repo.git";
    const spans = await detectSecrets(text, config);
    expect(spans).toHaveLength(1);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toContain("Zx81-kqPw93");
  });

  it("leaves placeholders, hashes and low-entropy assignments alone", async () => {
    expect(await labels("export OPENAI_API_KEY=<your-api-key>")).toEqual([]);
    expect(await labels("password: ${DB_PASSWORD}")).toEqual([]);
    expect(await labels("commit 3f786850e387550fdab836ed7e6dc881de23001b")).toEqual([]);
    expect(await labels("api_key = aaaaaaaaaaaaaaaaaaaaaaaa")).toEqual([]);
  });

  it("never puts the secret value in a finding", async () => {
    const secret = "sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ8Qw";
    const findings = await classify(`stripe key ${secret} leaked`, { role: "prompt" });
    expect(findings.map((f) => f.label)).toContain("stripe_secret_key");
    expect(JSON.stringify(findings)).not.toContain(secret);
    expect(findings[0]!.evidence[0]).toMatchObject({ start: 11, end: 11 + secret.length, snippet: "stripe key [REDACTED:stripe_secret_key] leaked" });
  });
});
