import type { FindingAction } from "../../model/index.js";

/** Bedrock states its action per guardrail entry: BLOCKED, ANONYMIZED (masked), NONE (detect mode: found, not enforced). */
export function actionOfBedrock(action: string): FindingAction {
  switch (action) {
    case "BLOCKED":
      return "blocked";
    case "ANONYMIZED":
      return "masked";
    case "NONE":
      return "observed";
    default:
      return "unknown";
  }
}
