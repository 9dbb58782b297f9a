import type { z } from "zod";
import { FileInput, FileInputConfig } from "./file/index.js";
import { StdinInput, StdinInputConfig } from "./stdin/index.js";
import type { Input } from "./types.js";

export interface InputFactory<Schema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly configSchema: Schema;
  create(config: z.infer<Schema>): Input;
}

/** Transports a source may use besides its connector's own puller (`input: {type: pull}`). */
export const INPUT_FACTORIES: readonly InputFactory[] = [
  { type: "file", configSchema: FileInputConfig, create: (c) => new FileInput(c as FileInputConfig) },
  { type: "stdin", configSchema: StdinInputConfig, create: (c) => new StdinInput(c as StdinInputConfig) },
];
