import { BINS, minhashSignature, similarity, TemplateIndex } from "../../../src/enrich/classify/injection/minhash.js";

/** `count` distinct words w<from>, w<from+1>, …: consecutive words make distinct shingles. */
const words = (from: number, count: number) => Array.from({ length: count }, (_, i) => `w${from + i}`).join(" ");

describe("known-template signatures", () => {
  it("estimates the Jaccard similarity of word 3-shingles", () => {
    const a = minhashSignature(words(0, 600))!;
    expect(similarity(a, minhashSignature(words(0, 600))!)).toBe(1);
    // 300 shared shingles of 898 in the union: Jaccard 1/3.
    const third = similarity(a, minhashSignature(words(300, 600))!);
    expect(third).toBeGreaterThan(0.15);
    expect(third).toBeLessThan(0.55);
    expect(similarity(a, minhashSignature(words(5000, 600))!)).toBeLessThan(0.1);
  });

  it("fills the bins a short text leaves empty without making unrelated short texts alike", () => {
    const short = minhashSignature("tell me a joke")!;
    expect(short).toHaveLength(BINS);
    expect(similarity(short, minhashSignature("tell me a joke")!)).toBe(1);
    expect(similarity(short, minhashSignature("what is the weather")!)).toBe(0);
    expect(minhashSignature("two words")).toBeUndefined();
  });

  it("gives the best similarity a comparison with every template gives", () => {
    const templates = [words(0, 400), words(200, 400), words(1000, 50), "one two three four"].map((t) => minhashSignature(t)!);
    const index = new TemplateIndex(templates.map((s) => Array.from(s)));
    expect(index.size).toBe(4);
    for (const text of [words(100, 400), words(1010, 30), words(9000, 100), "one two three four"]) {
      const signature = minhashSignature(text)!;
      expect(index.best(signature)).toBe(Math.max(...templates.map((t) => similarity(signature, t))));
    }
  });
});
