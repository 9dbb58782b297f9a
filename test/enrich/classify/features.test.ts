import { FeatureHasher } from "../../../src/enrich/classify/injection/features.js";

describe("feature hashing", () => {
  it("scores a text exactly as the dot product with its sparse vector", () => {
    const hasher = new FeatureHasher({ dim: 1 << 12, maxChars: 60 });
    const weights = Float32Array.from({ length: 1 << 12 }, (_, i) => Math.sin(i));
    for (const text of ["ignore   all\tprevious\n\ninstructions", "a", "", "x".repeat(100) + " tail words here"]) {
      const { indices, values } = hasher.vector(text);
      let z = 0.25;
      indices.forEach((index, k) => (z += weights[index]! * values[k]!));
      expect(hasher.dot(text, weights, 0.25)).toBeCloseTo(z, 5);
    }
  });

  it("reads white space runs as one space, so spacing does not change the features", () => {
    const hasher = new FeatureHasher({ dim: 1 << 12, maxChars: 1000 });
    const a = hasher.vector("ignore all  previous\n\ninstructions");
    const b = hasher.vector("ignore all previous instructions");
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
  });
});
