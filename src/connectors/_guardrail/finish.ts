import { Interaction, validate, type InteractionInput } from "../../model/index.js";
import { applyContentMode } from "../content.js";
import type { ContentMode } from "../types.js";

/** The shared tail of every parser here: fill the model's defaults, check the result, apply the content mode. */
export function finishInteraction(candidate: InteractionInput, content: ContentMode | undefined): Interaction {
  return applyContentMode(validate(Interaction, candidate, "interaction"), content);
}
