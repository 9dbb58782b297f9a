import { detectRefusal } from "../../../src/enrich/classify/refusal/index.js";

describe("refusal", () => {
  it("reads a start-anchored refusal as full, ignoring curly quotes and markdown", () => {
    expect(detectRefusal("**I\u2019m sorry**, but I can\u2019t help with that request.").level).toBe("full");
    expect(detectRefusal("As an AI, I do not have personal opinions.").level).toBe("full");
  });

  it("reads a refusal phrase in the opening of a short answer as full", () => {
    expect(detectRefusal("That is a dangerous request. I cannot provide instructions for it.").level).toBe("full");
  });

  it("reads a refusal that goes on to substantive content as partial", () => {
    const long = "I'm sorry, but I can't give exact doses. Here is general information instead:\n1. Talk to a pharmacist.\n2. Read the label.";
    expect(detectRefusal(long).level).toBe("partial");
  });

  it("does not take an answer that mentions ethics for a refusal", () => {
    expect(detectRefusal("To kill a Python process, run `kill -9 <pid>`. Note that killing processes you do not own is not appropriate on shared machines.").level).toBe("none");
    expect(detectRefusal("").level).toBe("none");
  });
});

describe("refusal by rejecting the premise", () => {
  it("reads a short moral refusal as full and a long answer as not refused", () => {
    expect(detectRefusal("I strongly disagree with that sentiment. Everyone deserves equal treatment on a flight.").level).toBe("full");
    expect(detectRefusal("I don't have access to your neighbour's personal information. Please respect their privacy.").level).toBe("full");
    expect(detectRefusal(`Here is how to repot a fern. ${"Water it well and keep it out of direct sun. ".repeat(40)}`).level).toBe("none");
  });
});
