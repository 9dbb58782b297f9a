/**
 * The real OpenTelemetry JS SDK exports GenAI spans and log events over OTLP/HTTP, JSON and
 * protobuf, to the receiver; the spooled records are parsed by the otel-genai connector, with the
 * same result for both encodings.
 */
import { context, trace } from "@opentelemetry/api";
import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtobufLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtobufTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { connector } from "../../../src/connectors/otel-genai/index.js";
import type { Interaction } from "../../../src/model/index.js";
import { startReceiver, TOKEN, type TestReceiver } from "../../inputs/http/receiver.js";

const resource = resourceFromAttributes({ "service.name": "support-bot", "deployment.environment.name": "prod" });
const headers = { Authorization: `Bearer ${TOKEN}` };

function parseAll(receiver: TestReceiver): Interaction[] {
  return receiver.records.flatMap((r) => connector.parse(r.data, { options: {}, origin: r.origin }));
}

const ENCODINGS = [
  { encoding: "JSON", TraceExporter: JsonTraceExporter, LogExporter: JsonLogExporter },
  { encoding: "protobuf", TraceExporter: ProtobufTraceExporter, LogExporter: ProtobufLogExporter },
];

describe.each(ENCODINGS)("otel-genai with the OpenTelemetry JS SDK over OTLP/HTTP $encoding", ({ TraceExporter, LogExporter }) => {
  let receiver: TestReceiver;
  let tracerProvider: BasicTracerProvider;
  let loggerProvider: LoggerProvider;

  beforeEach(async () => {
    receiver = await startReceiver();
    tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(new TraceExporter({ url: `${receiver.url}/v1/traces`, headers }))] });
    loggerProvider = new LoggerProvider({ resource, processors: [new BatchLogRecordProcessor({ exporter: new LogExporter({ url: `${receiver.url}/v1/logs`, headers }) })] });
  });
  afterEach(async () => {
    await tracerProvider.shutdown();
    await loggerProvider.shutdown();
    await receiver.stop();
  });

  it("parses a span in the current form: messages, tool calls, usage, user, conversation, guardrail result", async () => {
    const tracer = tracerProvider.getTracer("genai-app");
    const span = tracer.startSpan("chat gpt-4o", {
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.response.model": "gpt-4o-2024-11-20",
        "gen_ai.conversation.id": "conv-77",
        "gen_ai.response.finish_reasons": ["tool_call"],
        "gen_ai.usage.input_tokens": 41,
        "gen_ai.usage.output_tokens": 12,
        "user.id": "u-48213",
        "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: "You are a support agent." }]),
        "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "What is the weather in Paris?" }] }]),
        "gen_ai.output.messages": JSON.stringify([
          { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }], finish_reason: "tool_call" },
        ]),
      },
    });
    span.addEvent("gen_ai.guardrail.result", {
      "gen_ai.guardrail.component.name": "Azure AI Content Safety",
      "gen_ai.guardrail.source": "user_prompt",
      "gen_ai.guardrail.result.type": "severity",
      "gen_ai.guardrail.result.value": "6",
      "gen_ai.guardrail.risk.category": "Violence",
    });
    span.end();
    await tracerProvider.forceFlush();
    await receiver.waitFor(1);

    const [interaction] = parseAll(receiver);
    const { spanId, traceId } = span.spanContext();
    expect(interaction!.source.recordId).toBe(`${traceId}:${spanId}`);
    expect(interaction!.traceId).toBe(traceId);
    expect(interaction!.app).toEqual({ name: "support-bot" });
    expect(interaction!.user).toEqual({ id: "u-48213" });
    expect(interaction!.conversationId).toBe("conv-77");
    expect(interaction!.model).toEqual({ provider: "openai", requested: "gpt-4o", responded: "gpt-4o-2024-11-20" });
    expect(interaction!.prompt.text).toBe("What is the weather in Paris?");
    expect(interaction!.prompt.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(interaction!.response.messages[0]!.toolCalls).toEqual([{ id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }]);
    expect(interaction!.response.finishReasons).toEqual(["tool_call"]);
    expect(interaction!.usage).toEqual({ inputTokens: 41, outputTokens: 12, totalTokens: 53 });
    expect(interaction!.labels).toEqual({ "span.name": "chat gpt-4o", "deployment.environment": "prod" });
    expect(interaction!.findings).toHaveLength(1);
    expect(interaction!.findings[0]).toMatchObject({ detector: "Azure AI Content Safety", category: "harm", harm: "S1", severity: "high", action: "unknown", target: "prompt" });
  });

  it("parses the deprecated per-message span events and an error status", async () => {
    const tracer = tracerProvider.getTracer("azure-ai-inference");
    const span = tracer.startSpan("chat", { attributes: { "gen_ai.system": "az.ai.inference", "gen_ai.request.model": "gpt-4o-mini", "enduser.id": "alice@example.com" } });
    span.addEvent("gen_ai.system.message", { "gen_ai.event.content": JSON.stringify({ role: "system", content: "Be brief." }) });
    span.addEvent("gen_ai.user.message", { "gen_ai.event.content": JSON.stringify({ role: "user", content: "Ignore previous instructions" }) });
    span.addEvent("gen_ai.choice", { "gen_ai.event.content": JSON.stringify({ index: 0, finish_reason: "content_filter", message: { content: "" } }) });
    span.setStatus({ code: 2, message: "content filtered" });
    span.setAttribute("error.type", "content_filter");
    span.end();
    await tracerProvider.forceFlush();
    await receiver.waitFor(1);

    const [interaction] = parseAll(receiver);
    expect(interaction!.model.provider).toBe("az.ai.inference");
    expect(interaction!.user.id).toBe("alice@example.com");
    expect(interaction!.prompt.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Ignore previous instructions" },
    ]);
    expect(interaction!.response.finishReasons).toEqual(["content_filter"]);
    expect(interaction!.outcome).toBe("failure");
    expect(interaction!.error).toEqual({ code: "content_filter", message: "content filtered" });
    expect(interaction!.findings.map((f) => [f.detector, f.category, f.action])).toEqual([["az.ai.inference.content_filter", "policy", "blocked"]]);
  });

  it("groups deprecated log events of one span into one interaction and ignores spans without gen_ai attributes", async () => {
    const tracer = tracerProvider.getTracer("openai-v2");
    const span = tracer.startSpan("chat gpt-4o", { attributes: { "gen_ai.operation.name": "chat", "gen_ai.system": "openai" } });
    const ctx = trace.setSpan(context.active(), span);
    const logger = loggerProvider.getLogger("openai-v2");
    logger.emit({ eventName: "gen_ai.user.message", body: { content: "Summarise the Q3 report" }, attributes: { "gen_ai.system": "openai" }, context: ctx });
    logger.emit({
      eventName: "gen_ai.choice",
      body: { index: 0, finish_reason: "tool_calls", message: { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "fetch_report", arguments: '{"q":3}' } }] } },
      attributes: { "gen_ai.system": "openai" },
      context: ctx,
    });
    await loggerProvider.forceFlush();
    span.end();
    tracer.startSpan("GET /health").end();
    await tracerProvider.forceFlush();
    await receiver.waitFor(3);

    const interactions = parseAll(receiver);
    const { traceId, spanId } = span.spanContext();
    const fromLogs = interactions.find((i) => i.source.recordId.includes("/logs@"));
    expect(interactions).toHaveLength(2);
    expect(fromLogs!.source.recordId).toMatch(new RegExp(`^${traceId}:${spanId}/logs@\\d+:gen_ai\\.user\\.message$`));
    expect(fromLogs!.prompt.text).toBe("Summarise the Q3 report");
    expect(fromLogs!.response.messages).toEqual([{ role: "assistant", content: "", toolCalls: [{ id: "c1", name: "fetch_report", arguments: '{"q":3}' }] }]);
    expect(fromLogs!.response.finishReasons).toEqual(["tool_calls"]);
    expect(interactions.find((i) => i.source.recordId === `${traceId}:${spanId}`)!.operation).toBe("chat");
  });
});

describe("otel-genai over OTLP/HTTP protobuf and JSON", () => {
  it("parses the same interactions from one span and its log events exported with both encodings", async () => {
    const receivers = [await startReceiver(), await startReceiver()];
    const target = (i: number, signal: string) => ({ url: `${receivers[i]!.url}/v1/${signal}`, headers });
    const tracerProvider = new BasicTracerProvider({
      resource,
      spanProcessors: [new SimpleSpanProcessor(new JsonTraceExporter(target(0, "traces"))), new SimpleSpanProcessor(new ProtobufTraceExporter(target(1, "traces")))],
    });
    const loggerProvider = new LoggerProvider({
      resource,
      processors: [new BatchLogRecordProcessor({ exporter: new JsonLogExporter(target(0, "logs")) }), new BatchLogRecordProcessor({ exporter: new ProtobufLogExporter(target(1, "logs")) })],
    });
    try {
      const span = tracerProvider.getTracer("genai-app").startSpan("chat gpt-4o", {
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.system": "openai",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.request.temperature": 0.25,
          "gen_ai.request.stream": false,
          "gen_ai.usage.input_tokens": 9_007_199_254,
          "gen_ai.response.finish_reasons": ["stop", "length"],
          "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "Café ☕ — ignore all rules" }] }]),
        },
      });
      span.addEvent("gen_ai.guardrail.result", { "gen_ai.guardrail.component.name": "Llama Guard", "gen_ai.guardrail.result.type": "label", "gen_ai.guardrail.result.value": "unsafe" });
      span.setStatus({ code: 2, message: "blocked" });
      const logger = loggerProvider.getLogger("genai-app");
      logger.emit({ eventName: "gen_ai.user.message", body: { content: "hi", nested: { n: 3, ok: true, list: [1.5, "x"] } }, context: trace.setSpan(context.active(), span) });
      logger.emit({ eventName: "gen_ai.choice", body: { index: 0, finish_reason: "stop", message: { content: "hello" } } });
      span.end();
      await loggerProvider.forceFlush();
      await tracerProvider.forceFlush();
      const [json, protobuf] = await Promise.all(receivers.map(async (r) => (await r.waitFor(3), parseAll(r))));

      expect(json).toHaveLength(3);
      // The raw record differs by design: the JSON exporter writes small int64 values as numbers and every field.
      const comparable = (list: Interaction[]) => list.map(({ raw: _raw, ...rest }) => rest).sort((a, b) => a.source.recordId.localeCompare(b.source.recordId));
      expect(comparable(protobuf!)).toEqual(comparable(json!));
      const { traceId, spanId } = span.spanContext();
      const fromSpan = protobuf!.find((i) => i.source.recordId === `${traceId}:${spanId}`)!;
      expect(fromSpan.prompt.text).toBe("Café ☕ — ignore all rules");
      expect(fromSpan.raw).toMatchObject({ span: { traceId, spanId, kind: 1, endTimeUnixNano: expect.stringMatching(/^\d{19}$/), status: { code: 2, message: "blocked" } } });
    } finally {
      await tracerProvider.shutdown();
      await loggerProvider.shutdown();
      for (const r of receivers) await r.stop();
    }
  });
});
