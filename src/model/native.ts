import { z } from "zod";
import { interactionId } from "./id.js";
import { Interaction } from "./interaction.js";
import { validate } from "./validation.js";

/**
 * The aisiem native form: one Interaction per JSON line. `id` may be left out and is then
 * derived from `source`, so hand-written and generated records get the same deterministic ids.
 */
export const NativeInteraction = Interaction.extend({ id: z.string().min(1).optional() });

export function parseNativeInteraction(value: unknown): Interaction {
  const record = validate(NativeInteraction, value, "aisiem native interaction");
  const id = record.id ?? interactionId(record.source.connector, record.source.recordId, record.source.turn);
  return { ...record, id };
}
export type NativeInteractionInput = z.input<typeof NativeInteraction>;
