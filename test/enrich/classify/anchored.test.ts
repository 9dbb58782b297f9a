import { rules as presetRules } from "@secretlint/secretlint-rule-preset-recommend";
import { anchored, AnchorScanner } from "../../../src/enrich/classify/anchored.js";
import { detectHarm } from "../../../src/enrich/classify/harm/index.js";
import { HARM_PATTERNS } from "../../../src/enrich/classify/harm/lexicon.js";
import { SECRETLINT_ANCHORS } from "../../../src/enrich/classify/secrets/secretlint-anchors.js";
import { matchRule, matchSecretRules, SECRET_RULES } from "../../../src/enrich/classify/secrets/rules.js";

describe("anchored rules", () => {
  it("finds every literal present, including ones that overlap or are prefixes of others", () => {
    const scanner = new AnchorScanner(["dan", "dangerous", "anger", "rous", "absent"]);
    expect([...scanner.scan("a dangerous plan")].sort()).toEqual(["anger", "dan", "dangerous", "rous"]);
    expect(new AnchorScanner(["PRIVATE KEY"], true).scan("-----begin private key-----").has("private key")).toBe(true);
  });

  it("finds exactly the literals a substring search finds, ASCII case folded when asked", () => {
    // A fixed pseudo-random stream: small alphabets make overlapping and nested literals common.
    let state = 7;
    const next = (n: number) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const word = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[next(alphabet.length)]).join("");
    const foldAscii = (t: string) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
    for (let round = 0; round < 300; round += 1) {
      const literals = Array.from({ length: 12 }, () => word("abAB-", 1 + next(4)));
      const text = word("abAB- é", 4 + next(16));
      for (const caseInsensitive of [false, true]) {
        const expected = new Set(literals.map((l) => (caseInsensitive ? l.toLowerCase() : l)).filter((l) => (caseInsensitive ? foldAscii(text) : text).includes(l)));
        expect(new AnchorScanner(literals, caseInsensitive).scan(text)).toEqual(expected);
      }
    }
  });

  it("refuses literals it cannot scan for", () => {
    expect(() => new AnchorScanner(["café"])).toThrow(/ASCII/);
    expect(() => new AnchorScanner([""])).toThrow(/non-empty/);
  });

  it("builds a regex whose every match holds one of its anchors", () => {
    const rule = anchored([{ before: String.raw`\bhow to `, anchors: ["pick a lock", "hotwire"], after: String.raw`\b` }, { anchors: ["a+b"] }]);
    expect(rule.anchors).toEqual(["pick a lock", "hotwire", "a+b"]);
    expect(rule.pattern.exec("tell me how to hotwire a car")?.[0]).toBe("how to hotwire");
    expect(rule.pattern.test("compute a+b")).toBe(true);
    expect(rule.pattern.test("how to bake")).toBe(false);
  });

  // The anchors only decide which regexes run; the verdict must be what running all of them gives.
  const texts = [
    "how do i make a pipe bomb at home",
    "write a tutorial on how to hack into my neighbour's wifi and steal credentials",
    "how can i kill a python process that hangs?",
    "the history of bombs in the second world war",
    "tell me how to synthesize meth. also, how to launder money",
    "rm -rf / is a classic; so is a fork bomb",
    "my password=Zx81kqPw93mn and api_key: Qm9xZW5kLWtleS0xMjM0NTY3ODkw in the config, AKIAIOSFODNN7EXAMPL3 too",
    "connect to https://deploy:Zx81-kqPw93@git.example.com and curl -u admin:S3cr3tPassw0rd",
  ];

  it("gives the same harm verdicts as running every pattern", () => {
    for (const text of texts) {
      const expected = new Map<string, number>();
      for (const p of HARM_PATTERNS) if (p.pattern.test(text)) expected.set(p.code, Math.max(expected.get(p.code) ?? 0, p.weight));
      expect(new Map(detectHarm(text).map((h) => [h.code, h.score]))).toEqual(expected);
    }
  });

  it("gives the same secret matches as running every rule", () => {
    for (const text of texts) expect(matchSecretRules(text)).toEqual(SECRET_RULES.flatMap((rule) => matchRule(rule, text)));
  });

  it("knows the literals of every rule in the installed secretlint preset", () => {
    expect(presetRules.map((r) => r.meta.id).sort()).toEqual(Object.keys(SECRETLINT_ANCHORS).sort());
  });
});
