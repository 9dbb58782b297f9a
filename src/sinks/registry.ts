import type { SinkFactory } from "./types.js";
import { fileSink } from "./file/index.js";
import { stdoutSink } from "./stdout/index.js";
import { splunkHecSink, splunkKvStoreSink } from "./splunk/index.js";
import { elasticsearchSink } from "./elasticsearch/index.js";

/** Every sink type config may name. A new destination adds its folder and one line here. */
export const SINK_FACTORIES: readonly SinkFactory[] = [fileSink, stdoutSink, splunkHecSink, splunkKvStoreSink, elasticsearchSink];
