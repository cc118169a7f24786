import { contextLengthExceeded } from "../../serve/http/errors.js";
import { isObj, pointerAt, type RepairRule, type UpstreamProbe } from "../rule.js";

interface Args {
  /** Where the upstream states its context length: a GET path and a JSON Pointer into the answer. */
  contextLength: { get: string; pointer: string };
  /** POST path that renders a chat request's prompt ({prompt}), and POST path that tokenizes text ({tokens}). */
  template: string;
  tokenize: string;
}

/**
 * Tokens a chat template may add that the request's JSON does not show: a default system prompt, and with
 * tools their instructions (the markup per message is shorter than the JSON around each message).
 */
const TEMPLATE_ALLOWANCE = 256;
const TOOLS_ALLOWANCE = 512;

/**
 * A prompt that does not fit the context is refused with 400 context_length_exceeded (CHAT-038) instead of
 * being cut silently (llama.cpp shifts the context and drops the start of the conversation). Counting is
 * exact, with the upstream's own template and tokenizer, but only when it can matter: every token covers
 * at least one byte, so a request whose JSON is shorter than the context cannot overflow it.
 */
export const promptLength: RepairRule<Args> = {
  keyword: "prompt-length",
  description: "refuse a prompt longer than the upstream's context, counted with the upstream's template and tokenizer",
  args: {
    type: "object",
    required: ["contextLength", "template", "tokenize"],
    properties: {
      contextLength: { type: "object", required: ["get", "pointer"], properties: { get: { type: "string" }, pointer: { type: "string" } }, additionalProperties: false },
      template: { type: "string" },
      tokenize: { type: "string" },
    },
    additionalProperties: false,
  },
  async chatRequest(body, args, x) {
    const context = await contextLength(x.upstream, args.contextLength);
    if (context === undefined) return;
    const prompt = { messages: body.messages, ...(body.tools !== undefined ? { tools: body.tools } : {}) };
    const allowance = body.tools !== undefined ? TEMPLATE_ALLOWANCE + TOOLS_ALLOWANCE : TEMPLATE_ALLOWANCE;
    if (Buffer.byteLength(JSON.stringify(prompt)) + allowance < context) return;
    const rendered = await x.upstream.json("POST", args.template, prompt);
    if (!isObj(rendered) || typeof rendered.prompt !== "string") return;
    const tokens = await x.upstream.json("POST", args.tokenize, { content: rendered.prompt, add_special: true });
    const count = isObj(tokens) && Array.isArray(tokens.tokens) ? tokens.tokens.length : undefined;
    if (count !== undefined && count >= context) {
      throw contextLengthExceeded(`The prompt has ${count} tokens; the model's context holds ${context} (prompt and completion). Shorten the messages.`, "messages");
    }
  },
};

/** The context length does not change while the upstream runs: asked once per upstream. */
const known = new WeakMap<UpstreamProbe, Promise<number | undefined>>();

function contextLength(upstream: UpstreamProbe, where: Args["contextLength"]): Promise<number | undefined> {
  let found = known.get(upstream);
  if (!found) {
    found = upstream.json("GET", where.get).then((doc) => {
      const n = pointerAt(doc, where.pointer);
      if (typeof n === "number" && Number.isInteger(n) && n > 0) return n;
      known.delete(upstream); // not stated (yet): ask again next time
      return undefined;
    });
    known.set(upstream, found);
  }
  return found;
}
