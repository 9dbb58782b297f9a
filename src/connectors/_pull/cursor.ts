import type { z } from "zod";
import type { Checkpoint } from "../../inputs/types.js";
import { validate } from "../../model/index.js";

/**
 * A puller's stored cursor under `key`, checked against its schema: undefined when the source has
 * none yet; a ValidationError naming the source's key when it was written by something else.
 */
export function readCursor<S extends z.ZodType>(checkpoint: Checkpoint, key: string, schema: S): z.infer<S> | undefined {
  const value = checkpoint[key];
  if (value === undefined || value === null) return undefined;
  return validate(schema, value, `checkpoint "${key}" (was it written by another version of this connector?)`);
}
