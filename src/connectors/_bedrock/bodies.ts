import { z } from "zod";
import type { Message, ToolCall, Turn } from "../../model/index.js";
import { judgedText } from "../_guardrail/conversation.js";

/**
 * Request and response bodies of the model families Bedrock logs, read by shape rather than by
 * model id (inference profiles and custom models hide the family):
 * - Converse and Amazon Nova: `messages[].content[]{text|toolUse|toolResult}`, `system[]{text}`;
 *   response `output.message`, `stopReason`.
 * - Anthropic Claude Messages: `messages[].content` (string or `{type, text}` blocks), `system`;
 *   response `content[]`, `stop_reason`. Legacy Claude text: `prompt` → `completion`.
 * - Amazon Titan Text: `inputText` → `results[]{outputText, completionReason}`.
 * - Meta Llama: `prompt` (chat template) → `generation`, `stop_reason`.
 * - Mistral: `prompt` (`[INST]` template) → `outputs[]{text, stop_reason}`; chat: `messages` → `choices[]{message}`.
 * - Cohere Command R: `message` + `chat_history` → `text`, `finish_reason`; Command: `prompt` → `generations[]`.
 */
const Block = z.looseObject({
  type: z.string().optional(),
  text: z.string().optional(),
  /** Converse tool use; Claude's is `{type: "tool_use", name, input}`. */
  toolUse: z.looseObject({ toolUseId: z.string().optional(), name: z.string(), input: z.unknown().optional() }).optional(),
  name: z.string().optional(),
  id: z.string().optional(),
  input: z.unknown().optional(),
});
const Content = z.union([z.string(), z.array(Block)]).nullable().optional();
const BodyMessage = z.looseObject({ role: z.string(), content: Content });

const RequestBody = z.looseObject({
  messages: z.array(BodyMessage).optional(),
  system: z.union([z.string(), z.array(Block)]).optional(),
  inputText: z.string().optional(),
  prompt: z.string().optional(),
  message: z.string().optional(),
  chat_history: z.array(z.looseObject({ role: z.string(), message: z.string().optional() })).optional(),
});

const ResponseBody = z.looseObject({
  output: z.looseObject({ message: BodyMessage.optional() }).optional(),
  stopReason: z.string().optional(),
  role: z.string().optional(),
  content: z.array(Block).optional(),
  stop_reason: z.string().nullable().optional(),
  completion: z.string().optional(),
  results: z.array(z.looseObject({ outputText: z.string().optional(), completionReason: z.string().nullable().optional() })).optional(),
  generation: z.string().optional(),
  outputs: z.array(z.looseObject({ text: z.string().optional(), stop_reason: z.string().nullable().optional() })).optional(),
  choices: z.array(z.looseObject({ message: BodyMessage.optional(), finish_reason: z.string().nullable().optional(), stop_reason: z.string().nullable().optional() })).optional(),
  text: z.string().optional(),
  finish_reason: z.string().nullable().optional(),
  generations: z.array(z.looseObject({ text: z.string().optional(), finish_reason: z.string().nullable().optional() })).optional(),
});

const ROLES: Record<string, Message["role"]> = { user: "user", USER: "user", assistant: "assistant", CHATBOT: "assistant", system: "system", SYSTEM: "system", tool: "tool" };

function toolCallsOf(blocks: z.infer<typeof Block>[]): ToolCall[] {
  return blocks.flatMap((block) => {
    const use = block.toolUse ?? (block.type === "tool_use" && block.name ? { toolUseId: block.id, name: block.name, input: block.input } : undefined);
    if (!use) return [];
    return [{ ...(use.toolUseId ? { id: use.toolUseId } : {}), name: use.name, ...(use.input !== undefined ? { arguments: JSON.stringify(use.input) } : {}) }];
  });
}

function messageOf(role: string, content: z.infer<typeof Content>): Message {
  const blocks = typeof content === "string" ? [{ text: content }] : (content ?? []);
  const toolCalls = toolCallsOf(blocks);
  return {
    role: ROLES[role] ?? "user",
    content: blocks.map((block) => block.text ?? "").join(""),
    ...(toolCalls.length ? { toolCalls } : {}),
  };
}

function turn(messages: Message[], role: Message["role"], finishReasons: (string | null | undefined)[] = []): Turn {
  const reasons = finishReasons.filter((reason): reason is string => typeof reason === "string");
  return { text: judgedText(messages, role), messages, ...(reasons.length ? { finishReasons: reasons } : {}) };
}

/** The prompt of a request body; a body of no known family gives an empty turn (the record keeps `raw`). */
export function readRequest(body: unknown): Turn {
  const parsed = RequestBody.safeParse(body);
  if (!parsed.success) return turn([], "user");
  const b = parsed.data;
  const system = b.system === undefined ? [] : [messageOf("system", b.system)];
  if (b.messages) return turn([...system, ...b.messages.map((m) => messageOf(m.role, m.content))], "user");
  if (b.message !== undefined) {
    const history = (b.chat_history ?? []).map((m) => messageOf(m.role, m.message ?? ""));
    return turn([...history, messageOf("user", b.message)], "user");
  }
  if (b.prompt !== undefined) return turn(templatedMessages(b.prompt) ?? [messageOf("user", b.prompt)], "user");
  return turn(b.inputText === undefined ? [] : [messageOf("user", b.inputText)], "user");
}

const LLAMA3_TURN = /<\|start_header_id\|>(\w+)<\|end_header_id\|>\s*([\s\S]*?)(?=<\|eot_id\|>|<\|start_header_id\|>|$)/g;
const INST_TURN = /\[INST\]([\s\S]*?)\[\/INST\]([\s\S]*?)(?=<s>|\[INST\]|$)/g;
const SYS_BLOCK = /<<SYS>>([\s\S]*?)<<\/SYS>>/;

/**
 * Llama and Mistral text models take a prompt already rendered in their chat template. The
 * turns are read back out of it (Llama 3 header tokens, or `[INST]` blocks with an optional
 * `<<SYS>>` section), so the judged text is the user's words, not the template.
 */
function templatedMessages(prompt: string): Message[] | undefined {
  const llama3 = [...prompt.matchAll(LLAMA3_TURN)].map(([, role = "", content = ""]) => ({ role: role === "ipython" ? "tool" : role, content: content.trim() }));
  if (llama3.length) return llama3.filter((m) => m.content).map((m) => messageOf(m.role, m.content));
  const inst = [...prompt.matchAll(INST_TURN)];
  if (!inst.length) return undefined;
  return inst.flatMap(([, user = "", answer = ""]) => {
    const system = user.match(SYS_BLOCK)?.[1]?.trim();
    const said = user.replace(SYS_BLOCK, "").trim();
    const reply = answer.replace(/<\/s>/g, "").trim();
    return [...(system ? [messageOf("system", system)] : []), messageOf("user", said), ...(reply ? [messageOf("assistant", reply)] : [])];
  });
}

const assistant = (text: string | undefined): Message => messageOf("assistant", text ?? "");

/** The answer of a response body (or of the chunks of a streamed one). */
export function readResponse(body: unknown): Turn {
  if (Array.isArray(body)) return readStream(body);
  const parsed = ResponseBody.safeParse(body);
  if (!parsed.success) return turn([], "assistant");
  const b = parsed.data;
  if (b.output?.message) return turn([messageOf(b.output.message.role, b.output.message.content)], "assistant", [b.stopReason]);
  if (b.content) return turn([messageOf(b.role ?? "assistant", b.content)], "assistant", [b.stop_reason]);
  if (b.results) return turn(b.results.map((r) => assistant(r.outputText)), "assistant", b.results.map((r) => r.completionReason));
  if (b.outputs) return turn(b.outputs.map((o) => assistant(o.text)), "assistant", b.outputs.map((o) => o.stop_reason));
  if (b.choices) return turn(b.choices.map((c) => messageOf("assistant", c.message?.content)), "assistant", b.choices.map((c) => c.finish_reason ?? c.stop_reason));
  if (b.generations) return turn(b.generations.map((g) => assistant(g.text)), "assistant", b.generations.map((g) => g.finish_reason));
  const text = b.generation ?? b.completion ?? b.text;
  return turn(text === undefined ? [] : [assistant(text)], "assistant", [b.stopReason ?? b.stop_reason ?? b.finish_reason]);
}

/** Streamed chunks as logged for ConverseStream / InvokeModelWithResponseStream: text deltas and a stop reason. */
const Chunk = z.looseObject({
  contentBlockDelta: z.looseObject({ delta: z.looseObject({ text: z.string().optional() }).optional() }).optional(),
  messageStop: z.looseObject({ stopReason: z.string().optional() }).optional(),
  delta: z.looseObject({ text: z.string().optional(), stop_reason: z.string().nullable().optional() }).optional(),
  outputText: z.string().optional(),
  generation: z.string().optional(),
  completionReason: z.string().nullable().optional(),
  stop_reason: z.string().nullable().optional(),
});

function readStream(chunks: unknown[]): Turn {
  let text = "";
  const reasons: (string | null | undefined)[] = [];
  for (const raw of chunks) {
    const parsed = Chunk.safeParse(raw);
    if (!parsed.success) continue;
    const c = parsed.data;
    text += c.contentBlockDelta?.delta?.text ?? c.delta?.text ?? c.outputText ?? c.generation ?? "";
    reasons.push(c.messageStop?.stopReason ?? c.delta?.stop_reason ?? c.completionReason ?? c.stop_reason);
  }
  return turn(text ? [assistant(text)] : [], "assistant", reasons);
}
