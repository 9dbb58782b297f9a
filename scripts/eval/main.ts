/**
 * `npm run eval`: precision, recall, F1 and false-positive rate per classifier on data the
 * model was not fitted to, the length-matched analysis of jailbreak-classification, and
 * throughput (MB/s on one core, 4 KB prompts) per classifier and for all together.
 */
import { createHash } from "node:crypto";
import { ClassifyConfig, TextClassifier, type ClassifyConfigInput } from "../../src/enrich/classify/index.js";
import { sharedInjectionModel } from "../../src/enrich/classify/injection/model.js";
import { normalise } from "../../src/enrich/classify/normalise.js";
import type { Finding } from "../../src/model/index.js";
import { isHeldOut, jailbreakbench, jailbreakClassification, xstestCompletions, xstestPrompts, type Labelled } from "./datasets.js";
import { enterprisePrompts } from "./enterprise-prompts.js";
import { auc, Confusion, table, type Row } from "./metrics.js";
import { piiCorpus } from "./pii-corpus.js";
import { secretCorpus, secretNegatives } from "./secrets-corpus.js";
import "./behaviour.js";

/**
 * The JailbreakBench artifacts against this target were read for error analysis when the PAIR and
 * GCG rules were written; the rows for the other targets are the untouched test.
 */
const DEV_TARGET = "vicuna-13b-v1.5";
const INJECTION_CATEGORIES = new Set(["prompt_injection", "jailbreak", "system_prompt_leak"]);
const ONLY = (name: "injection" | "secrets" | "pii" | "refusal" | "harm"): ClassifyConfigInput => ({
  secrets: { enabled: name === "secrets" },
  pii: { enabled: name === "pii" },
  injection: { enabled: name === "injection" },
  refusal: { enabled: name === "refusal" },
  harm: { enabled: name === "harm" },
});
const classifierOf = (config: ClassifyConfigInput) => new TextClassifier(ClassifyConfig.parse(config));

const out = (line: string) => process.stdout.write(line + "\n");

async function flags(classifier: TextClassifier, text: string, role: "prompt" | "response", accept: (f: Finding) => boolean): Promise<boolean> {
  return (await classifier.judge(text, { role })).findings.some(accept);
}

async function confusionOf(classifier: TextClassifier, examples: readonly Labelled[]): Promise<Confusion> {
  const c = new Confusion();
  for (const e of examples) c.add(await flags(classifier, e.text, "prompt", (f) => INJECTION_CATEGORIES.has(f.category)), e.positive);
  return c;
}

function modelConfusion(examples: readonly Labelled[]): { confusion: Confusion; scores: number[] } {
  const model = sharedInjectionModel();
  const c = new Confusion();
  const scores = examples.map((e) => model.probability(normalise(e.text).text));
  scores.forEach((p, i) => c.add(p >= model.file.threshold, examples[i]!.positive));
  return { confusion: c, scores };
}

/** Equal numbers of jailbreaks and benign prompts in each length quintile: length cannot separate them. */
function lengthMatched(examples: readonly Labelled[], bins = 5): Labelled[] {
  const sorted = [...examples].sort((a, b) => a.text.length - b.text.length);
  const edges = Array.from({ length: bins - 1 }, (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / bins)]!.text.length);
  const key = (t: string) => createHash("sha256").update(t).digest("hex");
  const out: Labelled[] = [];
  for (let b = 0; b < bins; b += 1) {
    const inBin = examples.filter((e) => edges.filter((edge) => e.text.length >= edge).length === b).sort((x, y) => (key(x.text) < key(y.text) ? -1 : 1));
    const pos = inBin.filter((e) => e.positive);
    const neg = inBin.filter((e) => !e.positive);
    const k = Math.min(pos.length, neg.length);
    out.push(...pos.slice(0, k), ...neg.slice(0, k));
  }
  return out;
}

async function injectionSection(): Promise<void> {
  const injection = classifierOf(ONLY("injection"));
  const heldOut = jailbreakClassification().filter((e) => isHeldOut(e.text));
  const matched = lengthMatched(heldOut);
  const lengths = heldOut.map((e) => e.text.length);
  const labels = heldOut.map((e) => e.positive);
  const model = modelConfusion(heldOut);
  const matchedModel = modelConfusion(matched);
  const rows: Row[] = [
    { name: "held-out, full classifier", confusion: await confusionOf(injection, heldOut) },
    { name: "held-out, model only", confusion: model.confusion, note: `AUC ${auc(model.scores, labels).toFixed(3)}` },
    { name: "length-matched, full", confusion: await confusionOf(injection, matched) },
    { name: "length-matched, model only", confusion: matchedModel.confusion, note: `AUC ${auc(matchedModel.scores, matched.map((e) => e.positive)).toFixed(3)}` },
  ];
  out(table("Injection / jailbreak — in distribution (jailbreak-classification, held-out fifth)", rows));
  const lengthAuc = auc(lengths, labels);
  const matchedLengthAuc = auc(matched.map((e) => e.text.length), matched.map((e) => e.positive));
  out(`length alone as a score: AUC ${lengthAuc.toFixed(3)} on the held-out set, ${matchedLengthAuc.toFixed(3)} on the length-matched subset (${matched.length} prompts, ${matched.length / 2} per class)`);

  const cross: Row[] = [];
  for (const method of ["PAIR", "GCG", "JBC"]) {
    const all = new Confusion();
    const dev = new Confusion();
    const test = new Confusion();
    for (const r of jailbreakbench(method)) {
      const hit = await flags(injection, r.prompt, "prompt", (f) => INJECTION_CATEGORIES.has(f.category));
      all.add(hit, true);
      (r.target === DEV_TARGET ? dev : test).add(hit, true);
    }
    cross.push({ name: `JailbreakBench ${method} prompts`, confusion: all, note: "all positives: recall is the number" });
    if (method !== "JBC") {
      cross.push({ name: `  dev: against ${DEV_TARGET}`, confusion: dev, note: "looked at while writing the rules" });
      cross.push({ name: "  test: the other three targets", confusion: test, note: "never looked at" });
    }
  }
  const xs = xstestPrompts();
  for (const safe of [true, false]) {
    const c = new Confusion();
    for (const p of xs.filter((x) => x.safe === safe)) c.add(await flags(injection, p.text, "prompt", (f) => INJECTION_CATEGORIES.has(f.category)), false);
    cross.push({ name: `XSTest ${safe ? "safe" : "unsafe"} prompts`, confusion: c, note: safe ? "all negatives: FPR is over-triggering" : "plain harmful requests, not jailbreaks" });
  }
  const enterprise = new Confusion();
  for (const text of enterprisePrompts()) enterprise.add(await flags(injection, text, "prompt", (f) => INJECTION_CATEGORIES.has(f.category)), false);
  cross.push({ name: "Generated enterprise prompts", confusion: enterprise, note: "all negatives: seeded work prompts (code, CSV, SQL, email, finance, HR)" });
  out(table("Injection / jailbreak — cross-dataset (never trained on)", cross));
}

async function refusalSection(): Promise<void> {
  const refusal = classifierOf(ONLY("refusal"));
  const byModel = new Map<string, Confusion>();
  const all = new Confusion();
  const fullOnly = new Confusion();
  let exact = 0;
  const completions = xstestCompletions();
  for (const c of completions) {
    const found = (await refusal.judge(c.completion, { role: "response" })).findings.find((f) => f.category === "refusal");
    const level = found?.label ?? "none";
    all.add(level !== "none", c.label !== "none");
    fullOnly.add(level === "full", c.label === "full");
    if (level === c.label) exact += 1;
    if (!byModel.has(c.model)) byModel.set(c.model, new Confusion());
    byModel.get(c.model)!.add(level !== "none", c.label !== "none");
  }
  const rows: Row[] = [
    { name: "XSTest, refusal = full or partial", confusion: all },
    { name: "XSTest, full refusal only", confusion: fullOnly },
    ...[...byModel].map(([model, confusion]) => ({ name: `  ${model}`, confusion })),
  ];
  out(table("Refusal — XSTest human-labelled completions", rows));
  out(`three-way agreement (none / partial / full): ${(exact / completions.length).toFixed(3)}`);
}

async function secretsSection(): Promise<void> {
  const secrets = classifierOf(ONLY("secrets"));
  const positives = secretCorpus();
  const negatives = secretNegatives();
  const total = new Confusion();
  const perProvider = new Map<string, Confusion>();
  let leaks = 0;
  for (const sample of [...positives, ...negatives]) {
    const findings = (await secrets.judge(sample.text, { role: "prompt" })).findings;
    const serialised = JSON.stringify(findings);
    if (sample.secret && serialised.includes(sample.secret)) leaks += 1;
    const isSecret = sample.secret !== undefined;
    total.add(findings.length > 0, isSecret);
    if (isSecret) {
      if (!perProvider.has(sample.provider)) perProvider.set(sample.provider, new Confusion());
      perProvider.get(sample.provider)!.add(findings.length > 0, true);
    }
  }
  const weak = [...perProvider].filter(([, c]) => c.recall < 1).map(([p, c]) => ({ name: `  missed: ${p}`, confusion: c }));
  out(table(`Secrets — generated corpus (${perProvider.size} providers, hard negatives: UUIDs, hashes, versions, placeholders)`, [{ name: "all", confusion: total }, ...weak]));
  out(`secret values present in findings: ${leaks}`);

  const pii = classifierOf(ONLY("pii"));
  const kinds = new Map<string, Confusion>();
  const piiTotal = new Confusion();
  let piiLeaks = 0;
  for (const sample of piiCorpus()) {
    const findings = (await pii.judge(sample.text, { role: "prompt" })).findings;
    if (sample.value && JSON.stringify(findings).includes(sample.value)) piiLeaks += 1;
    const hit = findings.length > 0;
    piiTotal.add(hit, sample.value !== undefined);
    if (!kinds.has(sample.kind)) kinds.set(sample.kind, new Confusion());
    kinds.get(sample.kind)!.add(hit, sample.value !== undefined);
  }
  out(table("Personal and financial data — generated corpus (valid checksums vs look-alikes)", [{ name: "all", confusion: piiTotal }, ...[...kinds].map(([k, c]) => ({ name: `  ${k}`, confusion: c }))]));
  out(`personal values present in findings: ${piiLeaks}`);
}

async function harmSection(): Promise<void> {
  const harm = classifierOf(ONLY("harm"));
  const c = new Confusion();
  for (const p of xstestPrompts()) c.add(await flags(harm, p.text, "prompt", (f) => f.category === "harm"), !p.safe);
  const jbb = new Confusion();
  for (const r of jailbreakbench("PAIR")) jbb.add(await flags(harm, r.prompt, "prompt", (f) => f.category === "harm"), true);
  out(table("Harm categories — lexical fallback", [
    { name: "XSTest prompts (unsafe = positive)", confusion: c },
    { name: "JailbreakBench PAIR prompts", confusion: jbb },
  ]));
}

/** 4 KB prompts assembled from real answers and prompts, so the text has the shape of chat traffic. */
function fourKbTexts(): string[] {
  const pool = xstestCompletions().map((c) => c.completion);
  const texts: string[] = [];
  let current = "";
  for (const piece of pool) {
    current += piece + "\n\n";
    if (current.length >= 4096) {
      texts.push(current.slice(0, 4096));
      current = "";
    }
  }
  return texts;
}

/** MB/s per core: bytes over the process's CPU time, so other load on the machine does not count against it. */
async function throughput(name: string, classifier: TextClassifier, texts: readonly string[], role: "prompt" | "response"): Promise<{ name: string; mbps: number }> {
  for (const t of texts.slice(0, 20)) await classifier.judge(t, { role }); // warm up the JIT
  let bytes = 0;
  let rounds = 0;
  const started = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < 1.5 || rounds < 1) {
    for (const t of texts) {
      await classifier.judge(t, { role });
      bytes += Buffer.byteLength(t);
    }
    rounds += 1;
    const used = process.cpuUsage(started);
    elapsed = (used.user + used.system) / 1e6;
  }
  return { name, mbps: bytes / elapsed / 1e6 };
}

async function throughputSection(): Promise<void> {
  const texts = fourKbTexts();
  const rows = [
    await throughput("injection (prompt)", classifierOf(ONLY("injection")), texts, "prompt"),
    await throughput("secrets", classifierOf(ONLY("secrets")), texts, "prompt"),
    await throughput("pii", classifierOf(ONLY("pii")), texts, "prompt"),
    await throughput("harm", classifierOf(ONLY("harm")), texts, "prompt"),
    await throughput("refusal (response)", classifierOf(ONLY("refusal")), texts, "response"),
    await throughput("all on a prompt", classifierOf({}), texts, "prompt"),
    await throughput("all on a response", classifierOf({}), texts, "response"),
  ];
  out(`\n## Throughput — MB/s per core (CPU time), ${texts.length} distinct 4 KB texts`);
  for (const r of rows) out(`${r.name.padEnd(28)}${r.mbps.toFixed(1).padStart(8)} MB/s`);
}

const sections: Record<string, () => Promise<void>> = {
  injection: injectionSection,
  refusal: refusalSection,
  secrets: secretsSection,
  harm: harmSection,
  throughput: throughputSection,
};

const wanted = process.argv.slice(2).filter((a) => a in sections);
out("# aisiem classifier evaluation");
for (const [name, run] of Object.entries(sections)) if (wanted.length === 0 || wanted.includes(name)) await run();
