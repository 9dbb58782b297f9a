/**
 * What the Bedrock connector and the Elasticsearch connector (which reads Elastic's copy of the
 * same invocation logs) share: the request/response body readers, the per-entry guardrail action
 * and the provider behind a model id.
 */
export { actionOfBedrock } from "./action.js";
export { readRequest, readResponse } from "./bodies.js";
export { providerOf } from "./model-id.js";
