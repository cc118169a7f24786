/**
 * A small client typed only by the generated LIS 1.0 types. It is not run: codegen.test.ts compiles it with
 * `tsc --noEmit`, so that a schema change that breaks ordinary client code breaks the build.
 */
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatMessage,
  EmbeddingList,
  EmbeddingRequest,
  ErrorResponse,
  ModelList,
  SchemaTypes,
  ToolCall,
} from "../../types/1.0/index.js";

export class LisApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorResponse,
  ) {
    super(body.error.message);
  }
  /** The field path of the request member at fault, when there is one (ERR-007). */
  get param(): string | null {
    return this.body.error.param;
  }
}

export class TypedClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey?: string,
  ) {}

  private async request<N extends keyof SchemaTypes>(_schema: N, path: string, body?: unknown): Promise<SchemaTypes[N]> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json", ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new LisApiError(res.status, (await res.json()) as ErrorResponse);
    return (await res.json()) as SchemaTypes[N];
  }

  models(): Promise<ModelList> {
    return this.request("model-list", "/models");
  }

  chat(request: ChatCompletionRequest): Promise<ChatCompletion> {
    return this.request("chat-completion", "/chat/completions", { ...request, stream: false });
  }

  embed(request: EmbeddingRequest): Promise<EmbeddingList> {
    return this.request("embedding-list", "/embeddings", request);
  }

  /** Yields the chunks of a streamed completion until `data: [DONE]`. */
  async *chatStream(request: ChatCompletionRequest): AsyncGenerator<ChatCompletionChunk> {
    const res = await fetch(`${this.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...request, stream: true }),
    });
    if (!res.ok || !res.body) throw new LisApiError(res.status, (await res.json()) as ErrorResponse);
    let buffer = "";
    for await (const bytes of res.body) {
      buffer += new TextDecoder().decode(bytes as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const data = buffer.slice(0, end).replace(/^data: ?/, "");
        buffer = buffer.slice(end + 2);
        if (data === "[DONE]") return;
        yield JSON.parse(data) as ChatCompletionChunk;
      }
    }
  }
}

/** Assembles the text and tool calls of choice 0 from a stream (STREAM-009, TOOL-018). */
export async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<{ text: string; toolCalls: ToolCall[]; finish: string | null }> {
  let text = "";
  let finish: string | null = null;
  const calls: ToolCall[] = [];
  for await (const chunk of stream) {
    for (const choice of chunk.choices) {
      if (choice.index !== 0) continue;
      text += choice.delta.content ?? "";
      for (const part of choice.delta.tool_calls ?? []) {
        const call = (calls[part.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } });
        if (part.id) call.id = part.id;
        if (part.function?.name) call.function.name = part.function.name;
        call.function.arguments += part.function?.arguments ?? "";
      }
      finish = choice.finish_reason ?? finish;
    }
  }
  return { text, toolCalls: calls, finish };
}

export async function example(client: TypedClient): Promise<string> {
  const messages: ChatMessage[] = [
    { role: "system", content: "Answer briefly." },
    { role: "user", content: "Say hi." },
  ];
  const request: ChatCompletionRequest = { model: "lis-tiny", messages, max_tokens: 8, seed: 1, stop: ["\n"] };
  const completion = await client.chat(request);
  const choice = completion.choices[0];
  const usage: number = completion.usage.total_tokens;
  const vectors = await client.embed({ model: "lis-tiny", input: ["a", "b"] });
  const first = vectors.data[0]?.embedding;
  const models = (await client.models()).data.map((m) => m.id);

  const envelope: ErrorResponse = {
    error: {
      message: "Unknown model",
      type: "not_found_error",
      param: "model",
      // @ts-expect-error — `code` is a string or null, never the HTTP status as a number (ERR-008).
      code: 404,
    },
  };

  return `${choice?.message.content ?? ""} ${choice?.finish_reason} ${usage} ${typeof first} ${models.join()} ${envelope.error.type}`;
}
