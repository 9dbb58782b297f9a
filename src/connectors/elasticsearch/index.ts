/**
 * The Elasticsearch source: enriches AI logs that are already in Elasticsearch (Elastic's
 * `logs-aws_bedrock.invocation-*` documents, or any index with ECS `gen_ai.*` fields). Use it with
 * `input: {type: pull}`; records are search hits, so `aisiem parse` also reads saved `_search` hits.
 * Do not point it at aisiem's own `logs-aisiem.*` streams: that would enrich aisiem's output again.
 */
import type { z } from "zod";
import { applyContentMode } from "../content.js";
import { defineConnector } from "../types.js";
import { hitInteraction } from "./hit.js";
import { ElasticsearchSourceOptions } from "./options.js";
import { ElasticsearchPuller } from "./puller.js";

export const connector = defineConnector<ElasticsearchSourceOptions>({
  name: "elasticsearch",
  vendor: "Elastic",
  product: "Elasticsearch",
  description: "AI interaction logs already in Elasticsearch (Elastic's AWS Bedrock integration, ECS gen_ai documents), read with point in time + search_after.",
  // Defaults make the schema's input type wider than its output; the parsed options are what parse and the puller get.
  optionsSchema: ElasticsearchSourceOptions as unknown as z.ZodType<ElasticsearchSourceOptions>,
  parse(raw, ctx) {
    return [applyContentMode(hitInteraction(raw), ctx.content)];
  },
  createPuller(options) {
    return new ElasticsearchPuller(options);
  },
});

export { ElasticsearchPuller } from "./puller.js";
export { ElasticsearchSourceOptions } from "./options.js";
