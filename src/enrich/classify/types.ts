import type { Finding } from "../../model/index.js";
import type { NormalisedText } from "./normalise.js";

export type TextRole = "prompt" | "response";

export interface ClassifyOptions {
  role: TextRole;
  /** Where the text sits in its interaction, copied into each finding's evidence. */
  context?: { messageIndex?: number };
}

/** A sensitive value found in a text: what redaction rewrites and what snippets must not show. */
export interface SensitiveSpan {
  start: number;
  end: number;
  category: "secret" | "pii" | "financial";
  /** Which kind, e.g. `aws_access_key`, `email`, `iban`. */
  label: string;
  score: number;
}

/** One text on its way through the classifiers; the original and its folded form are computed once. */
export interface ClassifierInput {
  readonly text: string;
  readonly normalised: NormalisedText;
  readonly options: ClassifyOptions;
  /** Secrets and personal data found so far, so that no snippet repeats them. */
  readonly sensitive: SensitiveSpan[];
}

/**
 * One classifier: `(text, {role, context}) → Finding[]`. Classifiers that find sensitive values
 * also push their spans to `input.sensitive`; they run first.
 */
export interface Classifier {
  readonly name: string;
  /** Which texts it reads. */
  readonly roles: readonly TextRole[];
  classify(input: ClassifierInput): Finding[] | Promise<Finding[]>;
}
