import { readFileSync } from "node:fs";
import { connector } from "../../src/connectors/aisiem/index.js";
import type { Interaction } from "../../src/model/index.js";

/** The committed quickstart corpus, read the way the pipeline reads it: through the native connector. */
const interactions: Interaction[] = readFileSync("examples/quickstart/interactions.ndjson", "utf8")
  .trimEnd()
  .split("\n")
  .flatMap((line) => connector.parse(JSON.parse(line), { options: undefined }));
const manifest = JSON.parse(readFileSync("examples/quickstart/scenarios.json", "utf8")) as {
  benignUsers: string[];
  scenarios: Array<{
    id: string;
    pattern: string;
    user: string;
    tools: string[];
    conversationIds: string[];
    recordIds: string[];
    interactionIds: string[];
    expect: { behaviourAlert: boolean; findingCategories: string[]; bypass?: boolean };
    allowList?: { groups: string[] };
  }>;
};
const byRecordId = new Map(interactions.map((i) => [i.source.recordId, i]));
const scenario = (pattern: string) => manifest.scenarios.filter((s) => s.pattern === pattern);
const recordsOf = (s: { recordIds: string[] }) => s.recordIds.map((id) => byRecordId.get(id) as Interaction);
const REFUSAL = /^(i'm sorry|i can't|i'm not able|sorry, it looks like|i don't think i should|i can't help)/i;

/** Independent checks of the fake numbers' checksums, so a broken generator cannot pass its own test. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return sum % 10 === 0;
}
function ibanValid(iban: string): boolean {
  const moved = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(moved) % 97n === 1n;
}

describe("quickstart corpus", () => {
  it("has the size, people, tools and time span the quickstart promises", () => {
    expect(interactions.length).toBeGreaterThanOrEqual(500);
    expect(new Set(interactions.map((i) => i.user.email)).size).toBeGreaterThanOrEqual(20);
    expect(new Set(interactions.map((i) => i.source.connector)).size).toBeGreaterThanOrEqual(3);
    const times = interactions.map((i) => Date.parse(i.timestamp));
    expect((Math.max(...times) - Math.min(...times)) / 86_400_000).toBeGreaterThanOrEqual(60);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("keeps prompts between 50 and 2000 characters and deterministic ids unique", () => {
    for (const i of interactions) {
      expect(i.prompt.text.length).toBeGreaterThanOrEqual(50);
      expect(i.prompt.text.length).toBeLessThanOrEqual(2000);
    }
    expect(new Set(interactions.map((i) => i.id)).size).toBe(interactions.length);
  });

  it("sits mostly in working hours (local time, 06:00–19:00 UTC covers every office)", () => {
    const inHours = interactions.filter((i) => {
      const h = new Date(i.timestamp).getUTCHours();
      return h >= 6 && h < 19;
    });
    expect(inHours.length / interactions.length).toBeGreaterThan(0.8);
  });

  it("gives each person one email across tools, with a different user id per tool", () => {
    const idsByEmail = new Map<string, Set<string>>();
    for (const i of interactions) {
      const set = idsByEmail.get(i.user.email as string) ?? new Set<string>();
      set.add(`${i.source.connector}:${i.user.id}`);
      idsByEmail.set(i.user.email as string, set);
    }
    const multiTool = [...idsByEmail.values()].filter((ids) => new Set([...ids].map((x) => x.split(":")[0])).size >= 2);
    expect(multiTool.length).toBeGreaterThanOrEqual(15);
    for (const ids of multiTool) expect(new Set([...ids].map((x) => x.split(":").slice(1).join(":"))).size).toBeGreaterThanOrEqual(2);
  });

  it("lists every seeded pattern and points only at records that exist, of that user", () => {
    const patterns = new Set(manifest.scenarios.map((s) => s.pattern));
    for (const p of ["retry_loop", "retry_loop_bypass", "escalation", "many_shot", "cross_tool_evasion", "probing_burst", "information_gathering", "credential_in_prompt", "pii_in_prompt", "known_jailbreak_template", "benign_rephrase", "benign_repeated_question", "benign_security_research"]) {
      expect(patterns).toContain(p);
    }
    for (const s of manifest.scenarios) {
      const records = recordsOf(s);
      expect(records.every(Boolean)).toBe(true);
      expect(records.map((r) => r.user.email)).toEqual(records.map(() => s.user));
      expect(new Set(records.map((r) => r.source.connector))).toEqual(new Set(s.tools));
      expect(new Set(records.map((r) => r.conversationId))).toEqual(new Set(s.conversationIds));
      expect(records.map((r) => r.id)).toEqual(s.interactionIds);
    }
  });

  it("names benign users that take part in no suspicious scenario, look-alikes included", () => {
    const suspects = new Set(manifest.scenarios.filter((s) => !s.pattern.startsWith("benign_")).map((s) => s.user));
    expect(manifest.benignUsers.length).toBeGreaterThanOrEqual(8);
    for (const user of manifest.benignUsers) expect(suspects.has(user)).toBe(false);
    for (const s of manifest.scenarios.filter((x) => x.pattern.startsWith("benign_"))) {
      expect(manifest.benignUsers).toContain(s.user);
      expect(s.expect.behaviourAlert).toBe(false);
    }
    const research = scenario("benign_security_research")[0]!;
    expect(research.allowList?.groups).toEqual(["sec-ai-red-team"]);
    expect(recordsOf(research)[0]!.user.groups).toContain("sec-ai-red-team");
  });

  it("refuses, rephrases and retries; in the bypass case the last answer is no refusal", () => {
    const loop = recordsOf(scenario("retry_loop")[0]!);
    expect(loop.length).toBeGreaterThanOrEqual(3);
    for (const r of loop) expect(r.response.text).toMatch(REFUSAL);
    expect(new Set(loop.map((r) => r.prompt.text)).size).toBe(loop.length);
    const bypass = recordsOf(scenario("retry_loop_bypass")[0]!);
    for (const r of bypass.slice(0, -1)) expect(r.response.text).toMatch(REFUSAL);
    expect(bypass.at(-1)!.response.text).not.toMatch(REFUSAL);
    expect(bypass.at(-1)!.prompt.text).toMatch(/thriller|story|novel/i);
  });

  it("escalates within one conversation whose later turns carry the history", () => {
    const turns = recordsOf(scenario("escalation")[0]!);
    expect(turns.length).toBeGreaterThanOrEqual(5);
    expect(new Set(turns.map((t) => t.conversationId)).size).toBe(1);
    turns.forEach((t, i) => expect(t.prompt.messages.filter((m) => m.role === "user").length).toBe(i + 1));
  });

  it("embeds at least ten dialogue pairs in the many-shot prompt", () => {
    const [record] = recordsOf(scenario("many_shot")[0]!);
    expect(record!.prompt.text.match(/^User:/gm)!.length).toBeGreaterThanOrEqual(10);
    expect(record!.prompt.text.match(/^Assistant:/gm)!.length).toBeGreaterThanOrEqual(10);
  });

  it("switches tools within minutes after a gateway block", () => {
    const [blocked, ...after] = recordsOf(scenario("cross_tool_evasion")[0]!);
    expect(blocked!.outcome).toBe("failure");
    expect(blocked!.response.text).toBe("");
    expect(blocked!.findings).toEqual([expect.objectContaining({ origin: "upstream", action: "blocked" })]);
    expect(new Set(after.map((r) => r.source.connector)).has(blocked!.source.connector)).toBe(false);
    const minutes = (Date.parse(after.at(-1)!.timestamp) - Date.parse(blocked!.timestamp)) / 60_000;
    expect(minutes).toBeLessThan(30);
  });

  it("packs a probing burst into minutes", () => {
    const burst = recordsOf(scenario("probing_burst")[0]!);
    expect(burst.length).toBeGreaterThanOrEqual(10);
    expect((Date.parse(burst.at(-1)!.timestamp) - Date.parse(burst[0]!.timestamp)) / 60_000).toBeLessThan(15);
  });

  it("has a known jailbreak template and a vendor jailbreak flag", () => {
    const records = recordsOf(scenario("known_jailbreak_template")[0]!);
    expect(records.some((r) => /Do Anything Now/.test(r.prompt.text))).toBe(true);
    expect(records.some((r) => r.prompt.messages.some((m) => m.flags?.JailbreakDetected === true))).toBe(true);
  });

  it("has information gathering over confidential resources", () => {
    const records = recordsOf(scenario("information_gathering")[0]!);
    expect(records.flatMap((r) => r.resources ?? []).some((res) => /Highly Confidential/.test(res.sensitivityLabel ?? ""))).toBe(true);
  });

  it("has credentials of every common kind in the credential scenarios", () => {
    const text = scenario("credential_in_prompt").flatMap(recordsOf).map((r) => r.prompt.text).join("\n");
    expect(text).toMatch(/AKIA[A-Z2-7]{16}/);
    expect(text).toMatch(/ghp_[A-Za-z0-9]{36}/);
    expect(text).toMatch(/xoxb-\d+-\d+-[A-Za-z0-9]+/);
    expect(text).toMatch(/sk_live_[A-Za-z0-9]{24,}/);
    expect(text).toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    expect(text).toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
  });

  it("has personal data whose card numbers pass Luhn and whose IBANs pass mod 97", () => {
    const text = [...scenario("pii_in_prompt"), ...scenario("cross_tool_evasion")].flatMap(recordsOf).map((r) => r.prompt.text).join("\n");
    // Four groups of four digits not inside a longer grouped number (a German IBAN has the same shape).
    const cards = [...text.matchAll(/(?<![A-Z0-9]{4} )\b(?:\d{4} ){3}\d{4}\b(?! \d)/g)].map((m) => m[0].replace(/ /g, ""));
    const ibans = [...text.matchAll(/\b[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){3,}(?: [A-Z0-9]{1,4})?/g)].map((m) => m[0].replace(/ /g, ""));
    expect(cards.length).toBeGreaterThanOrEqual(4);
    expect(ibans.length).toBeGreaterThanOrEqual(3);
    for (const card of cards) expect(luhnValid(card)).toBe(true);
    for (const iban of ibans) expect(ibanValid(iban)).toBe(true);
    expect(text).toMatch(/[\w.]+@(mail\.example\.com|example\.net|inbox\.example\.org)/);
    expect(text).toMatch(/07700 900\d{3}|\(\d{3}\) 555-01\d{2}/);
  });

  it("carries upstream guardrail findings: blocked, masked and observed", () => {
    const upstream = interactions.flatMap((i) => i.findings).filter((f) => f.origin === "upstream");
    expect(new Set(upstream.map((f) => f.action))).toEqual(new Set(["blocked", "masked", "observed", "unknown"]));
  });

  it("is mostly ordinary work", () => {
    const seeded = new Set(manifest.scenarios.flatMap((s) => s.recordIds));
    expect(interactions.filter((i) => !seeded.has(i.source.recordId)).length / interactions.length).toBeGreaterThan(0.8);
  });
});
