import type { z } from "zod";
import { FileInput, FileInputConfig } from "./file/index.js";
import { HttpInput, HttpInputConfig } from "./http/index.js";
import { StdinInput, StdinInputConfig } from "./stdin/index.js";
import type { Input } from "./types.js";

/** Where an input may keep files of its own (the receiver's spool). */
export interface InputPlacement {
  stateDir: string;
  source: string;
}

export interface InputFactory<Schema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly configSchema: Schema;
  create(config: z.infer<Schema>, placement: InputPlacement): Input;
}

/** Transports a source may use besides its connector's own puller (`input: {type: pull}`). */
export const INPUT_FACTORIES: readonly InputFactory[] = [
  { type: "file", configSchema: FileInputConfig, create: (c) => new FileInput(c as FileInputConfig) },
  { type: "stdin", configSchema: StdinInputConfig, create: (c) => new StdinInput(c as StdinInputConfig) },
  { type: "http", configSchema: HttpInputConfig, create: (c, placement) => new HttpInput(c as HttpInputConfig, placement) },
];
