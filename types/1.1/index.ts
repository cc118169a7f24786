/**
 * generated — do not edit.
 *
 * TypeScript types of the LIS 1.1 JSON Schemas (schemas/1.1/*.schema.json), made by
 * `npm run generate` (lis generate, json-schema-to-typescript). The test suite fails when this file
 * differs from a fresh generation; change the schemas, then regenerate.
 */
/* eslint-disable */

/**
 * Why generation of a choice ended (CHAT-018). eos, abort, error and function_call are not LIS values.
 */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";
/**
 * Breakdown of prompt_tokens; its counts are included in prompt_tokens, not added to it.
 */
export type PromptTokensDetails = {
  /**
   * Prompt tokens served from a cache.
   */
  cached_tokens?: number;
  [k: string]: unknown;
} | null;
/**
 * Breakdown of completion_tokens; its counts are included in completion_tokens, not added to it.
 */
export type CompletionTokensDetails = {
  /**
   * Generated tokens spent on reasoning that is not part of content: present and greater than 0 when a choice carries non-empty reasoning_content (REASON-004), and counted inside completion_tokens, never beside it (REASON-005).
   */
  reasoning_tokens?: number;
  [k: string]: unknown;
} | null;
/**
 * A message of a chat completion request, any role (spec/1.1/chat.md, CHAT-003 to CHAT-008, CHAT-037; tools.md, TOOL-016, TOOL-017). An assistant message may carry members that a response message carried (CHAT-037); other roles are closed. That an assistant message without tool_calls has content (CHAT-007) is a clause, kept out of the schema so that the generated types stay simple.
 */
export type ChatMessage = SystemMessage | DeveloperMessage | UserMessage | AssistantMessage | ToolMessage;
/**
 * A string, or an array of content parts taken in order (CHAT-005).
 */
export type MessageContent = string | ContentPart[];
/**
 * A user message's content: a string, or an array of parts taken in order (CHAT-005): text parts, and with the multimodal profile image and audio parts (spec/1.1/multimodal.md; media parts are allowed in user messages only, MM-007).
 */
export type UserMessageContent = string | (ContentPart | ImageUrlPart | InputAudioPart)[];
/**
 * Options of a stream; only with stream: true (STREAM-016).
 */
export type StreamOptions = {
  /**
   * Send a usage chunk with empty choices before [DONE] (STREAM-014).
   */
  include_usage?: boolean | null;
} | null;
/**
 * The response_format member of a chat completion request (spec/1.1/structured-output.md, STRUCT-001 to STRUCT-004): free text, any JSON object, or JSON valid against a schema. That json_schema.schema is a valid JSON Schema with supported keywords is a clause (STRUCT-003, STRUCT-004), not a matter of this schema.
 */
export type ResponseFormat = ResponseFormatText | ResponseFormatJsonObject | ResponseFormatJsonSchema;
/**
 * How much a reasoning model reasons before it answers, the reasoning_effort member of a chat completion request (spec/1.1/reasoning.md, reasoning profile, REASON-001): low, medium or high; any other value is rejected with status 400 and param reasoning_effort. How many tokens each level allows is the server's; absent or null means the server's default effort.
 */
export type ReasoningEffort = "low" | "medium" | "high";
/**
 * One line of a generation evaluation dataset (JSON Lines, spec/1.1/evaluation.md): a prompt (messages, or prompt as short for one user message) and its reference answer or answers. Other members are ignored.
 */
export type DatasetGenerationLine = {
  [k: string]: unknown;
} & {
  /**
   * The conversation to complete.
   *
   * @minItems 1
   */
  messages?: ChatMessage[];
  /**
   * Short for one user message with this content.
   */
  prompt?: string;
  /**
   * The reference answer.
   */
  reference?: string;
  /**
   * Acceptable answers; an item scores its best match.
   *
   * @minItems 1
   */
  references?: string[];
  /**
   * A stable identifier of the item.
   */
  id?: string;
  /**
   * Passed on to the chat completion request.
   */
  max_tokens?: number;
  [k: string]: unknown;
};
/**
 * The vector as JSON numbers.
 *
 * @minItems 1
 */
export type FloatVector = number[];
/**
 * The vector as the base64 encoding (RFC 4648 section 4, padded) of consecutive little-endian IEEE 754 float32 values.
 */
export type Base64Vector = string;
/**
 * One text input.
 */
export type TextInput = string;
/**
 * Several text inputs.
 *
 * @minItems 1
 */
export type TextInputs = string[];
/**
 * One input given as token ids of the model's tokenizer.
 *
 * @minItems 1
 */
export type TokenInput = number[];
/**
 * Several inputs given as token ids.
 *
 * @minItems 1
 */
export type TokenInputs = number[][];
/**
 * The lifecycle statuses (FT-003).
 */
export type FineTuningJobStatus = "validating_files" | "queued" | "running" | "succeeded" | "failed" | "cancelled";
/**
 * The line format of the training data.
 */
export type FineTuningDatasetFormat = "chat" | "classification";
/**
 * Full fine-tuning, or a LoRA adapter with its rank and alpha (FT-011).
 */
export type FineTuningMethod =
  | {
      type: "full";
      [k: string]: unknown;
    }
  | {
      type: "lora";
      rank: number;
      alpha: number;
      [k: string]: unknown;
    };

/**
 * Every JSON Schema of LIS 1.1 by its name (`lis validate --schema <name>`).
 */
export interface SchemaTypes {
  "chat-completion": ChatCompletion;
  "chat-completion-chunk": ChatCompletionChunk;
  "chat-completion-request": ChatCompletionRequest;
  "chat-message": ChatMessage;
  classification: Classification;
  "classification-list": ClassificationList;
  "classification-request": ClassificationRequest;
  "content-part": ContentPart;
  "dataset-chat-line": DatasetChatLine;
  "dataset-classification-line": DatasetClassificationLine;
  "dataset-generation-line": DatasetGenerationLine;
  discovery: Discovery;
  embedding: Embedding;
  "embedding-list": EmbeddingList;
  "embedding-request": EmbeddingRequest;
  error: ErrorResponse;
  "eval-report": EvalReport;
  "fine-tuning-event": FineTuningEvent;
  "fine-tuning-event-list": FineTuningEventList;
  "fine-tuning-job": FineTuningJob;
  "fine-tuning-job-list": FineTuningJobList;
  "fine-tuning-job-request": FineTuningJobRequest;
  "image-url-part": ImageUrlPart;
  "input-audio-part": InputAudioPart;
  logprobs: ChoiceLogprobs;
  model: Model;
  "model-list": ModelList;
  "model-metadata": ModelMetadata;
  "perf-report": PerfReport;
  "reasoning-effort": ReasoningEffort;
  "response-format": ResponseFormat;
  tool: Tool;
  "tool-call": ToolCall;
  "tool-call-delta": ToolCallDelta;
  usage: CompletionUsage;
}
/**
 * The response body of a non-streamed POST /v1/chat/completions (spec/1.1/chat.md, CHAT-028 to CHAT-036). Unknown members are allowed everywhere (system_fingerprint, timings, ...). Choice order, n, usage arithmetic, created near the server's clock and the logprob invariants are clauses checked by the conformance runner.
 */
export interface ChatCompletion {
  /**
   * The completion id (CHAT-029, CHAT-030).
   */
  id: string;
  /**
   * "chat.completion" (CHAT-029).
   */
  object: "chat.completion";
  /**
   * Unix time in whole seconds (CHAT-031). The upper bound rejects millisecond timestamps; the clause bounds it more tightly, by the clock.
   */
  created: number;
  /**
   * The requested model id or a listed model id (CHAT-032).
   */
  model: string;
  /**
   * The configuration of the server that produced the output (model weights, engine and version, settings that change outputs): the same in every response of one configuration, different after a change that can change a seeded request's output; null or absent when the server does not state it (CHAT-048, added in 1.1).
   */
  system_fingerprint?: string | null;
  /**
   * Exactly n choices, index 0 to n-1 in order (CHAT-015).
   *
   * @minItems 1
   */
  choices: ChatCompletionChoice[];
  usage: CompletionUsage;
  [k: string]: unknown;
}
/**
 * One generated answer.
 */
export interface ChatCompletionChoice {
  /**
   * The position of the choice in choices (CHAT-015).
   */
  index: number;
  message: ChatCompletionMessage;
  finish_reason: FinishReason;
  /**
   * Log-probabilities when the request had logprobs: true (CHAT-023), otherwise null or absent (CHAT-026).
   */
  logprobs?: ChoiceLogprobs | null;
  [k: string]: unknown;
}
/**
 * The assistant message of a choice (CHAT-033). The model's reasoning, if any, is in reasoning_content, never in content (reasoning profile, REASON-002, REASON-003; CHAT-043). Servers add members such as refusal.
 */
export interface ChatCompletionMessage {
  /**
   * "assistant".
   */
  role: "assistant";
  /**
   * The text of the answer; null only when tool_calls is present (CHAT-033, TOOL-015).
   */
  content: string | null;
  /**
   * The tool calls of this answer (TOOL-009 to TOOL-013). Some servers send an empty array when there are none; that is allowed.
   */
  tool_calls?: ToolCall[] | null;
  /**
   * The model's reasoning text for this answer, kept out of content (reasoning profile, REASON-002, REASON-003); absent or null when the choice did not reason. Its tokens are counted in usage.completion_tokens_details.reasoning_tokens (REASON-004, REASON-005).
   */
  reasoning_content?: string | null;
  [k: string]: unknown;
}
/**
 * A complete tool call of an assistant message: in a response (spec/1.1/tools.md, TOOL-009 to TOOL-014) and, echoed back, in a later request (TOOL-016, TOOL-017). That the id is unique, the name is declared and the arguments parse and validate are clauses, not schema matters.
 */
export interface ToolCall {
  /**
   * Identifies the call; the tool message with the result repeats it as tool_call_id (TOOL-010).
   */
  id: string;
  /**
   * The tool type; "function" in LIS 1.0.
   */
  type: "function";
  function: ToolCallFunction;
  [k: string]: unknown;
}
/**
 * The function called and its arguments.
 */
export interface ToolCallFunction {
  /**
   * The name of one of the tools declared in the request (TOOL-011).
   */
  name: string;
  /**
   * The arguments as a JSON string that holds a serialised JSON object, never a JSON object itself (TOOL-012).
   */
  arguments: string;
  [k: string]: unknown;
}
/**
 * Log-probabilities of a choice's generated tokens (spec/1.1/chat.md, CHAT-023 to CHAT-027; per chunk in streams, STREAM-013). The length of top_logprobs, its order, the probability sums and the chosen token's rank are clauses checked by the conformance runner, not by this schema.
 */
export interface ChoiceLogprobs {
  /**
   * One entry per generated token of the content, in order; null when no content tokens were generated.
   */
  content: TokenLogprob[] | null;
  /**
   * Log-probabilities of refusal tokens (OpenAI); null or absent on servers without refusals.
   */
  refusal?: TokenLogprob[] | null;
  [k: string]: unknown;
}
/**
 * A generated token with its log-probability and the top alternatives at its position.
 */
export interface TokenLogprob {
  /**
   * The token's text.
   */
  token: string;
  /**
   * The natural logarithm of the token's probability; never above 0 (CHAT-023).
   */
  logprob: number;
  /**
   * The UTF-8 bytes of the token, or null when the token is not valid UTF-8 on its own.
   */
  bytes: number[] | null;
  /**
   * The top_logprobs most likely tokens at this position, most likely first (CHAT-024); empty when top_logprobs is 0.
   *
   * @maxItems 20
   */
  top_logprobs: TopLogprob[];
  [k: string]: unknown;
}
/**
 * One of the most likely tokens at a position.
 */
export interface TopLogprob {
  /**
   * The token's text.
   */
  token: string;
  /**
   * The natural logarithm of the token's probability; never above 0 (CHAT-023).
   */
  logprob: number;
  /**
   * The UTF-8 bytes of the token, or null when the token is not valid UTF-8 on its own.
   */
  bytes: number[] | null;
  [k: string]: unknown;
}
/**
 * Token counts of a chat completion (spec/1.1/chat.md, CHAT-034, CHAT-035; in streams the usage chunk, STREAM-014). total_tokens = prompt_tokens + completion_tokens and completion_tokens <= the token limit times n are clauses, checked by the conformance runner, not by this schema.
 */
export interface CompletionUsage {
  /**
   * Tokens of the rendered prompt, including tokens served from a prompt cache (CHAT-035).
   */
  prompt_tokens: number;
  /**
   * Generated tokens, over all choices, including reasoning tokens.
   */
  completion_tokens: number;
  /**
   * prompt_tokens + completion_tokens (CHAT-034).
   */
  total_tokens: number;
  prompt_tokens_details?: PromptTokensDetails;
  completion_tokens_details?: CompletionTokensDetails;
  [k: string]: unknown;
}
/**
 * One event of a streamed POST /v1/chat/completions (spec/1.1/streaming.md, STREAM-007 to STREAM-015). Rules across chunks (same id/created/model, role in the first delta, exactly one finishing chunk per choice, the usage chunk and where usage may appear) are clauses checked over the whole stream, not by this schema.
 */
export interface ChatCompletionChunk {
  /**
   * The completion id, the same in every chunk of the stream (STREAM-007).
   */
  id: string;
  /**
   * "chat.completion.chunk" (STREAM-007).
   */
  object: "chat.completion.chunk";
  /**
   * Unix time in whole seconds, the same in every chunk (STREAM-007, CHAT-031).
   */
  created: number;
  /**
   * The model, the same in every chunk (STREAM-007, CHAT-032).
   */
  model: string;
  /**
   * The configuration of the server that produced the output (model weights, engine and version, settings that change outputs): the same in every response of one configuration, different after a change that can change a seeded request's output; null or absent when the server does not state it (CHAT-048, added in 1.1).
   */
  system_fingerprint?: string | null;
  /**
   * The deltas of this chunk; empty only in the usage chunk (STREAM-008, STREAM-014).
   */
  choices: ChatCompletionChunkChoice[];
  /**
   * Only in the usage chunk, when the request had stream_options.include_usage: true (STREAM-014, STREAM-015); null or absent elsewhere.
   */
  usage?: CompletionUsage | null;
  [k: string]: unknown;
}
/**
 * The next piece of one choice.
 */
export interface ChatCompletionChunkChoice {
  /**
   * The choice this piece belongs to, 0 to n-1 (STREAM-008).
   */
  index: number;
  delta: ChatCompletionDelta;
  /**
   * null until the choice's last chunk, which carries one of the CHAT-018 values (STREAM-011).
   */
  finish_reason: "stop" | "length" | "tool_calls" | "content_filter" | null;
  /**
   * Log-probabilities of this delta's tokens when requested (STREAM-013), otherwise null or absent.
   */
  logprobs?: ChoiceLogprobs | null;
  [k: string]: unknown;
}
/**
 * What this chunk adds to a choice's message: role, content, tool_calls and, for a reasoning model, reasoning_content (REASON-007). Servers may add other members.
 */
export interface ChatCompletionDelta {
  /**
   * "assistant": in the first delta of each choice, optional later (STREAM-009).
   */
  role?: "assistant";
  /**
   * The next piece of content, or null for none (STREAM-010).
   */
  content?: string | null;
  /**
   * Tool call fragments, by index (TOOL-019, TOOL-020).
   */
  tool_calls?: ToolCallDelta[] | null;
  /**
   * The next piece of the choice's reasoning, or null for none (reasoning profile, REASON-007): every reasoning piece of a choice comes before its first non-empty content, and the pieces concatenate to the full reasoning.
   */
  reasoning_content?: string | null;
  [k: string]: unknown;
}
/**
 * A fragment of a tool call in a stream chunk's delta (spec/1.1/tools.md, TOOL-019, TOOL-020). The first fragment of an index carries id, type and function.name; later ones only function.arguments. Which fragment carries what is a clause, not a schema matter.
 */
export interface ToolCallDelta {
  /**
   * The position of the call in the choice's final tool_calls array, starting at 0 (TOOL-019).
   */
  index: number;
  /**
   * The call id; only in the first fragment of the index.
   */
  id?: string;
  /**
   * "function"; only in the first fragment of the index.
   */
  type?: "function";
  function?: ToolCallDeltaFunction;
  [k: string]: unknown;
}
/**
 * The function name (first fragment only) and the next piece of the arguments string.
 */
export interface ToolCallDeltaFunction {
  /**
   * The function name; only in the first fragment of the index.
   */
  name?: string;
  /**
   * The next piece of the arguments string; the pieces concatenate to the complete JSON string (TOOL-020).
   */
  arguments?: string;
  [k: string]: unknown;
}
/**
 * The request body of POST /v1/chat/completions (spec/1.1/chat.md; streaming.md for stream and stream_options, tools.md for tools, tool_choice and parallel_tool_calls, structured-output.md for response_format, reasoning.md for reasoning_effort). Members not in this schema are vendor extensions: a server either implements them or rejects the request naming them (ERR-015). A null value means the same as an absent member (ERR-017; ERR-022 recommends the same for members that are not in this schema, such as OpenAI's service_tier). Rules that involve several members (max_tokens vs max_completion_tokens, top_logprobs without logprobs, stream_options without stream, tool_choice naming an undeclared tool) are clauses, not schema matters.
 */
export interface ChatCompletionRequest {
  /**
   * A model id listed by GET /v1/models (CHAT-011, ERR-014).
   */
  model: string;
  /**
   * The conversation so far, oldest first; at least one message (CHAT-002).
   *
   * @minItems 1
   */
  messages: ChatMessage[];
  /**
   * Upper bound on generated tokens per choice (CHAT-012, CHAT-013).
   */
  max_completion_tokens?: number | null;
  /**
   * Older name of max_completion_tokens, with the same meaning (CHAT-012, CHAT-013).
   */
  max_tokens?: number | null;
  /**
   * Number of choices (CHAT-015).
   */
  n?: number | null;
  /**
   * Up to four stop strings; the matched stop string is not part of the content (CHAT-016, CHAT-017). A server may honour more than four, as an extension.
   */
  stop?: string | string[] | null;
  /**
   * Seed for sampling; identical requests with the same seed should give identical output (CHAT-020).
   */
  seed?: number | null;
  /**
   * Sampling temperature (CHAT-009).
   */
  temperature?: number | null;
  /**
   * Nucleus sampling probability mass (CHAT-009).
   */
  top_p?: number | null;
  /**
   * Penalty for tokens that already appeared (CHAT-009).
   */
  presence_penalty?: number | null;
  /**
   * Penalty proportional to how often a token appeared (CHAT-009).
   */
  frequency_penalty?: number | null;
  /**
   * Return log-probabilities of the generated tokens (CHAT-023).
   */
  logprobs?: boolean | null;
  /**
   * Number of alternatives per token; requires logprobs: true (CHAT-022, CHAT-024).
   */
  top_logprobs?: number | null;
  /**
   * An identifier of the end user, for the server's logs and abuse tracking.
   */
  user?: string | null;
  /**
   * Stream the response as server-sent events (streaming.md).
   */
  stream?: boolean | null;
  stream_options?: StreamOptions;
  /**
   * The functions the model may call (TOOL-001 to TOOL-004); an empty array means no tools.
   *
   * @maxItems 128
   */
  tools?: Tool[] | null;
  /**
   * Whether and which tool the model must call (TOOL-005 to TOOL-007). Default auto with tools, none without.
   */
  tool_choice?: ("none" | "auto" | "required") | NamedToolChoice | null;
  /**
   * Whether a choice may carry several tool calls (TOOL-008). Default true.
   */
  parallel_tool_calls?: boolean | null;
  /**
   * Constrains the content to JSON (structured-output.md).
   */
  response_format?: ResponseFormat | null;
  /**
   * Annotations of the request for the server's own records (logs, dashboards): at most 16 members whose values are strings (names of at most 64 characters, values of at most 512). No effect on the output (CHAT-046, added in 1.1); a server that does not implement it rejects it by name (ERR-015, ERR-016).
   */
  metadata?: {
    [k: string]: string;
  } | null;
  /**
   * Whether the server keeps the completion for retrieval through endpoints outside LIS (OpenAI's stored completions); false by default. A server that does not keep completions rejects true with unsupported_value (CHAT-047, added in 1.1).
   */
  store?: boolean | null;
  /**
   * How much a reasoning model reasons before it answers: low, medium or high (reasoning profile, spec/1.1/reasoning.md, REASON-001); absent or null means the server's default effort. A model that does not reason rejects it or ignores it (REASON-013).
   */
  reasoning_effort?: ReasoningEffort | null;
  /**
   * LIS extensions of the request. None are defined for chat completions in 1.1.
   */
  lis?: {} | null;
}
/**
 * Instructions for the model.
 */
export interface SystemMessage {
  /**
   * "system".
   */
  role: "system";
  content: MessageContent;
  /**
   * A participant name (CHAT-008).
   */
  name?: string | null;
}
/**
 * A text part of a request message's content given as an array (spec/1.1/chat.md, CHAT-005, CHAT-006). Image and audio parts are defined by the multimodal profile (image-url-part, input-audio-part) and are allowed in user messages only (MM-007); a server that does not implement that profile rejects them (CHAT-006).
 */
export interface ContentPart {
  /**
   * The part type: "text".
   */
  type: "text";
  /**
   * The text of the part. Parts of one message are taken in order (CHAT-005).
   */
  text: string;
}
/**
 * Instructions for the model; treated exactly as a system message (CHAT-004).
 */
export interface DeveloperMessage {
  /**
   * "developer".
   */
  role: "developer";
  content: MessageContent;
  /**
   * A participant name (CHAT-008).
   */
  name?: string | null;
}
/**
 * A message from the user.
 */
export interface UserMessage {
  /**
   * "user".
   */
  role: "user";
  content: UserMessageContent;
  /**
   * A participant name (CHAT-008).
   */
  name?: string | null;
}
/**
 * An image content part of a user message, multimodal profile (spec/1.1/multimodal.md): a base64 data URI or, where the server fetches them, an https URL (MM-001, MM-005).
 */
export interface ImageUrlPart {
  /**
   * Always "image_url".
   */
  type: "image_url";
  /**
   * The image.
   */
  image_url: {
    /**
     * data:<media type>;base64,<data>, or an https URL.
     */
    url: string;
    /**
     * The resolution the model should use.
     */
    detail?: "auto" | "low" | "high";
  };
}
/**
 * An audio content part of a user message, multimodal profile (spec/1.1/multimodal.md): a base64 clip in a container format (MM-001, MM-003).
 */
export interface InputAudioPart {
  /**
   * Always "input_audio".
   */
  type: "input_audio";
  /**
   * The clip.
   */
  input_audio: {
    /**
     * The clip's bytes, base64 (RFC 4648 §4, padded).
     */
    data: string;
    /**
     * The container format; every multimodal server accepts wav.
     */
    format: "wav" | "mp3";
  };
}
/**
 * An earlier answer of the model, usually echoed from a response. content may be null or absent only when tool_calls is present (CHAT-007). reasoning_content is accepted (reasoning profile, REASON-009), and so are other members of response messages (refusal, annotations, ...) (CHAT-037).
 */
export interface AssistantMessage {
  /**
   * "assistant".
   */
  role: "assistant";
  /**
   * The text of the answer; null in a tool-call turn.
   */
  content?: MessageContent | null;
  /**
   * A participant name (CHAT-008).
   */
  name?: string | null;
  /**
   * The tool calls of this turn, as received (TOOL-016); arguments stay JSON strings (TOOL-017).
   */
  tool_calls?: ToolCall[] | null;
  /**
   * The reasoning of an earlier answer, as a response returned it (REASON-009): accepted, string or null, so that a client can append the response message to the history as is; the server does not feed it back to the model (REASON-010).
   */
  reasoning_content?: string | null;
  [k: string]: unknown;
}
/**
 * The result of one tool call (tools profile, TOOL-016, TOOL-017).
 */
export interface ToolMessage {
  /**
   * "tool".
   */
  role: "tool";
  content: MessageContent;
  /**
   * The function's name; some clients send it (tools.md).
   */
  name?: string | null;
  /**
   * The id of the tool call this message answers.
   */
  tool_call_id: string;
}
/**
 * A tool declared in a chat completion request (spec/1.1/tools.md, TOOL-001 to TOOL-003). Unique names within the request and a parameters value that is a valid JSON Schema are clauses (TOOL-002, TOOL-003).
 */
export interface Tool {
  /**
   * The tool type; "function" in LIS 1.0.
   */
  type: "function";
  function: FunctionDefinition;
}
/**
 * The function the model may call.
 */
export interface FunctionDefinition {
  /**
   * The function name: 1 to 64 ASCII letters, digits, underscores and hyphens (TOOL-001).
   */
  name: string;
  /**
   * What the function does, for the model.
   */
  description?: string | null;
  /**
   * A JSON Schema (2020-12) of the arguments object; absent means no arguments (TOOL-003).
   */
  parameters?: {
    [k: string]: unknown;
  } | null;
  /**
   * Require arguments valid against parameters; honoured or rejected (TOOL-013).
   */
  strict?: boolean | null;
}
/**
 * Forces a call of the named function (TOOL-007).
 */
export interface NamedToolChoice {
  /**
   * "function".
   */
  type: "function";
  function: NamedToolChoiceFunction;
}
/**
 * The function to call.
 */
export interface NamedToolChoiceFunction {
  /**
   * The name of a declared tool.
   */
  name: string;
}
/**
 * Free text, the default (STRUCT-011).
 */
export interface ResponseFormatText {
  /**
   * "text".
   */
  type: "text";
}
/**
 * JSON mode: the content is one JSON object (STRUCT-007).
 */
export interface ResponseFormatJsonObject {
  /**
   * "json_object".
   */
  type: "json_object";
}
/**
 * The content is JSON valid against json_schema.schema (STRUCT-006).
 */
export interface ResponseFormatJsonSchema {
  /**
   * "json_schema".
   */
  type: "json_schema";
  json_schema: JsonSchemaFormat;
}
/**
 * The schema and its name.
 */
export interface JsonSchemaFormat {
  /**
   * A name for the schema: 1 to 64 ASCII letters, digits, underscores and hyphens (STRUCT-002).
   */
  name: string;
  /**
   * What the output is, for the model.
   */
  description?: string | null;
  /**
   * A JSON Schema (2020-12) that the content must validate against (STRUCT-003, STRUCT-004).
   */
  schema: {
    [k: string]: unknown;
  };
  /**
   * Accepted for compatibility; LIS applies the schema whether or not it is true (STRUCT-006).
   */
  strict?: boolean | null;
}
/**
 * The result for one input of POST /v1/classifications: the top label and every label of the label set with its probability, in the label set's order (CLS-002..004).
 */
export interface Classification {
  /**
   * Always "classification".
   */
  object: "classification";
  /**
   * The position of the input in the request (CLS-001).
   */
  index: number;
  /**
   * The label with the highest probability; the first of them on a tie (CLS-004).
   */
  label: string;
  /**
   * Every label of the label set once, in its order (CLS-002).
   *
   * @minItems 1
   */
  labels: {
    /**
     * The label.
     */
    label: string;
    /**
     * A probability in [0, 1] (CLS-003).
     */
    probability: number;
    [k: string]: unknown;
  }[];
  [k: string]: unknown;
}
/**
 * The response of POST /v1/classifications: one result per input, in input order (CLS-001).
 */
export interface ClassificationList {
  /**
   * Always "list".
   */
  object: "list";
  /**
   * One result per input, data[i].index = i.
   *
   * @minItems 1
   */
  data: Classification[];
  /**
   * The model that classified.
   */
  model: string;
  /**
   * Token counts of the inputs.
   */
  usage: {
    /**
     * Tokens in all inputs.
     */
    prompt_tokens: number;
    /**
     * Equal to prompt_tokens.
     */
    total_tokens: number;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
/**
 * The body of POST /v1/classifications (spec/1.1/classification.md).
 */
export interface ClassificationRequest {
  /**
   * A model id from GET /models.
   */
  model: string;
  /**
   * The input, or a batch of inputs (CLS-001).
   */
  input: string | string[];
  /**
   * Candidate labels for zero-shot classification, in the order results report them (CLS-006, CLS-007). Absent: the model's fixed labels (lis.labels).
   *
   * @minItems 1
   */
  labels?: string[] | null;
  /**
   * true: independent probabilities per label (CLS-005).
   */
  multi_label?: boolean | null;
  /**
   * An identifier of the end user.
   */
  user?: string | null;
  /**
   * LIS extensions; none are defined for this endpoint in 1.0.
   */
  lis?: {};
}
/**
 * One line of a chat fine-tuning dataset (JSON Lines, spec/1.1/fine-tuning.md): one training conversation, with at least one assistant message. Other members are ignored.
 */
export interface DatasetChatLine {
  /**
   * The conversation; assistant messages are what the model learns to produce.
   *
   * @minItems 1
   */
  messages: ChatMessage[];
  /**
   * Tools the conversation may call.
   */
  tools?: Tool[];
  [k: string]: unknown;
}
/**
 * One line of a classification dataset (JSON Lines): a text and its gold label. Used for evaluation (spec/1.1/evaluation.md) and as classification training data (spec/1.1/fine-tuning.md). Other members are ignored.
 */
export interface DatasetClassificationLine {
  /**
   * The input to classify.
   */
  text: string;
  /**
   * The gold label.
   */
  label: string;
  /**
   * A stable identifier of the item.
   */
  id?: string;
  [k: string]: unknown;
}
/**
 * The discovery document served at GET {base URL}/.well-known/lis: the LIS versions, profiles, limits and models of a server (spec/1.1/discovery.md, DISC-001). Servers may add members; clients ignore unknown members and profile names (DISC-007).
 */
export interface Discovery {
  /**
   * The object type, always "lis.discovery".
   */
  object: "lis.discovery";
  /**
   * The LIS versions the server implements, as MAJOR.MINOR (DISC-002).
   *
   * @minItems 1
   */
  lis_versions: string[];
  /**
   * The profiles the server claims; always core and discovery (DISC-003). Names a client does not know are ignored (DISC-007).
   */
  profiles: string[];
  /**
   * The server's limits; an absent member means not stated (DISC-006).
   */
  limits: {
    /**
     * Largest request body the server reads, in bytes.
     */
    max_body_bytes?: number;
    /**
     * Largest max_tokens a chat completion request may carry.
     */
    max_tokens?: number;
    /**
     * Largest number of inputs in one request to a batching endpoint (/embeddings, /classifications).
     */
    max_batch_size?: number;
    [k: string]: unknown;
  };
  /**
   * The ids of the models in GET /models, exactly (DISC-005).
   */
  models: string[];
  [k: string]: unknown;
}
/**
 * One vector of an embedding list (spec/1.1/embeddings.md, EMB-009 to EMB-011). Servers may add members (llama.cpp adds encoding_format).
 */
export interface Embedding {
  /**
   * The object type, always "embedding".
   */
  object: "embedding";
  /**
   * The zero-based position of the input that this vector belongs to (EMB-008).
   */
  index: number;
  /**
   * The vector: an array of finite numbers when encoding_format is float (EMB-010), or a base64 string of little-endian float32 values when it is base64 (EMB-011).
   */
  embedding: FloatVector | Base64Vector;
  [k: string]: unknown;
}
/**
 * The response of POST /v1/embeddings (EMB-007): one embedding per input, in input order.
 */
export interface EmbeddingList {
  /**
   * The object type, always "list".
   */
  object: "list";
  /**
   * One embedding per input; data[i].index is i (EMB-008).
   *
   * @minItems 1
   */
  data: Embedding[];
  /**
   * The id of the listed model that produced the vectors (EMB-016).
   */
  model: string;
  usage: EmbeddingUsage;
  [k: string]: unknown;
}
/**
 * Token counts of the request; total_tokens equals prompt_tokens (EMB-015).
 */
export interface EmbeddingUsage {
  /**
   * The number of input tokens, at least the number of inputs.
   */
  prompt_tokens: number;
  /**
   * Equal to prompt_tokens: embeddings consume no output tokens.
   */
  total_tokens: number;
  [k: string]: unknown;
}
/**
 * The request body of POST /v1/embeddings (spec/1.1/embeddings.md). Members not in this schema are vendor extensions: a server either implements them or rejects the request naming them (ERR-015). A null value means the same as an absent member (ERR-017).
 */
export interface EmbeddingRequest {
  /**
   * A model id listed by GET /v1/models.
   */
  model: string;
  /**
   * The input or inputs: a string, an array of strings, one token-id array, or an array of token-id arrays. Nothing may be empty (EMB-005).
   */
  input: TextInput | TextInputs | TokenInput | TokenInputs;
  /**
   * How the vectors are written in the response: float (the default) or base64 (EMB-010, EMB-011, EMB-013).
   */
  encoding_format?: "float" | "base64" | null;
  /**
   * The number of dimensions the vectors should have; honoured exactly or rejected (EMB-017, EMB-018).
   */
  dimensions?: number | null;
  /**
   * An identifier of the end user, for abuse monitoring (EMB-019).
   */
  user?: string | null;
  /**
   * LIS extensions of the request. None are defined for this endpoint in 1.0.
   */
  lis?: {} | null;
}
/**
 * The error envelope that every LIS error response carries (spec/1.1/errors.md, ERR-001 to ERR-009). Other members may be present at either level; clients ignore them.
 */
export interface ErrorResponse {
  error: ErrorObject;
  [k: string]: unknown;
}
/**
 * The error itself. All four members are always present; param and code may be null (ERR-002).
 */
export interface ErrorObject {
  /**
   * A human-readable explanation of what is wrong and how to fix it (ERR-003).
   */
  message: string;
  /**
   * The broad category of the error (ERR-004). Minor versions may add values; clients treat an unknown type by its HTTP status.
   */
  type:
    | "invalid_request_error"
    | "authentication_error"
    | "permission_error"
    | "not_found_error"
    | "rate_limit_error"
    | "server_error";
  /**
   * The field path of the request member at fault, such as messages[0].role, or null when the error is not about one member (ERR-006, ERR-007).
   */
  param: string | null;
  /**
   * A finer machine-readable reason, such as model_not_found, or null (ERR-008, ERR-009). Never a number.
   */
  code: string | null;
  [k: string]: unknown;
}
/**
 * An evaluation report (spec/1.1/evaluation.md): one model evaluated on one dataset with the metrics of the registry, failures stated (EVAL-003).
 */
export interface EvalReport {
  /**
   * The object type.
   */
  object: "lis.eval_report";
  /**
   * The LIS version whose metric registry defines the metric ids (EVAL-001).
   */
  lis_version: string;
  /**
   * The tool that ran the evaluation.
   */
  runner: {
    name: string;
    version: string;
    [k: string]: unknown;
  };
  /**
   * The evaluation task.
   */
  task: "classification" | "generation";
  /**
   * The evaluated model: its id, where it was served, and its lineage when the endpoint serves model metadata (EVAL-007).
   */
  model: {
    id: string;
    /**
     * The base URL of the endpoint, or omitted for the embedded reference server.
     */
    base_url?: string;
    /**
     * The run used the embedded reference server.
     */
    embedded?: boolean;
    /**
     * kind and base_model from the model object's lis member (model-metadata.md).
     */
    lineage?: {
      kind?: string;
      base_model?: string | null;
      [k: string]: unknown;
    };
    /**
     * A copy of the model object's lis member, when it has one.
     */
    metadata?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
  /**
   * The dataset's identity (EVAL-002).
   */
  dataset: {
    /**
     * The dataset path as given to the runner (informative).
     */
    path?: string;
    /**
     * sha256: and the hex SHA-256 digest of the file's bytes.
     */
    sha256: string;
    /**
     * Items evaluated (after any limit).
     */
    items: number;
    /**
     * The label set of a classification dataset, by code point.
     */
    labels?: string[];
    [k: string]: unknown;
  };
  /**
   * How the runner queried the endpoint.
   */
  settings: {
    /**
     * The endpoint path used, relative to the base URL.
     */
    endpoint: string;
    /**
     * Sampling temperature of generation requests (0, EVAL-004).
     */
    temperature?: number;
    /**
     * The seed of every generation request (EVAL-004).
     */
    seed?: number;
    max_tokens?: number;
    concurrency?: number;
    /**
     * The item limit applied, or null for none (EVAL-002).
     */
    limit: number | null;
    max_retries?: number;
    /**
     * Set when the runner could not use the task's endpoint and used another way (e.g. chat-constrained-labels).
     */
    fallback?: string;
    [k: string]: unknown;
  };
  started_at: string;
  finished_at: string;
  /**
   * Items in the run; scored + failed = items (EVAL-003).
   */
  counts: {
    items: number;
    scored: number;
    failed: number;
    [k: string]: unknown;
  };
  /**
   * Metric values, each named by its registry id (EVAL-001).
   */
  metrics: {
    id:
      | "accuracy"
      | "precision_macro"
      | "precision_micro"
      | "precision_weighted"
      | "recall_macro"
      | "recall_micro"
      | "recall_weighted"
      | "f1_macro"
      | "f1_micro"
      | "f1_weighted"
      | "exact_match"
      | "token_f1";
    value: number;
    /**
     * Where the definition is (spec/<version>/evaluation.md#<family>).
     */
    definition?: string;
    [k: string]: unknown;
  }[];
  /**
   * Per-class values of a classification run, classes by code point.
   */
  classes?: {
    label: string;
    support: number;
    precision: number;
    recall: number;
    f1: number;
    [k: string]: unknown;
  }[];
  /**
   * matrix[i][j]: items with gold label labels[i] and predicted label labels[j].
   */
  confusion_matrix?: {
    labels: string[];
    matrix: number[][];
    [k: string]: unknown;
  };
  /**
   * Per-class values that the zero-division rule set to 0.
   */
  zero_division?: {
    metric: "precision" | "recall" | "f1";
    label?: string;
    [k: string]: unknown;
  }[];
  /**
   * The failed items and why (EVAL-003).
   */
  failures?: {
    /**
     * 0-based item index.
     */
    index: number;
    /**
     * 1-based line of the dataset file.
     */
    line?: number;
    id?: string;
    error: string;
    attempts?: number;
    [k: string]: unknown;
  }[];
  /**
   * Per-item results (optional for large datasets).
   */
  items?: {
    index: number;
    line?: number;
    id?: string;
    status: "scored" | "failed";
    prediction?: string;
    /**
     * The gold label, or the references joined for display.
     */
    reference?: string;
    /**
     * Exact match of the item (0 or 1).
     */
    score?: number;
    token_f1?: number;
    error?: string;
    [k: string]: unknown;
  }[];
  /**
   * The endpoint's conformance verdicts for the profiles this run used, when known (EVAL-007).
   */
  conformance?: {
    /**
     * Where the verdicts come from (a lis conformance report).
     */
    source?: string;
    profiles: {
      profile: string;
      verdict: "conformant" | "not-conformant" | "incomplete" | "unknown";
      [k: string]: unknown;
    }[];
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
/**
 * One event of a fine-tuning job (FT-010); a status change has data {"status": <new status>}.
 */
export interface FineTuningEvent {
  id: string;
  object: "fine_tuning.job.event";
  created_at: number;
  level: "info" | "warn" | "error";
  message: string;
  type?: "message" | "metrics";
  data?: {
    [k: string]: unknown;
  } | null;
  [k: string]: unknown;
}
/**
 * GET /fine_tuning/jobs/{job}/events: the job's events, newest first (FT-010).
 */
export interface FineTuningEventList {
  object: "list";
  data: FineTuningEvent[];
  has_more: boolean;
  [k: string]: unknown;
}
/**
 * A fine-tuning job (spec/1.1/fine-tuning.md, FT-002): returned by POST /fine_tuning/jobs, GET /fine_tuning/jobs/{job} and its cancel. The null-or-set rules that depend on status (FT-004, FT-005, FT-014) are clauses.
 */
export interface FineTuningJob {
  id: string;
  object: "fine_tuning.job";
  /**
   * Unix seconds.
   */
  created_at: number;
  /**
   * Unix seconds once terminal, else null (FT-004).
   */
  finished_at: number | null;
  /**
   * The base model.
   */
  model: string;
  /**
   * The resulting model id once succeeded, else null (FT-005).
   */
  fine_tuned_model: string | null;
  status: FineTuningJobStatus;
  training_file: string;
  validation_file?: string | null;
  hyperparameters: FineTuningHyperparameters;
  seed: number;
  suffix?: string | null;
  trained_tokens?: number | null;
  /**
   * Why the job failed (FT-014), else null.
   */
  error: null | {
    message: string;
    code: string;
    param: string | null;
    [k: string]: unknown;
  };
  /**
   * LIS extensions of the job.
   */
  lis?: {
    format?: FineTuningDatasetFormat;
    method?: FineTuningMethod;
    progress?: {
      step: number;
      total_steps: number;
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
/**
 * Training hyperparameters (FT-011); in a job, the values used.
 */
export interface FineTuningHyperparameters {
  n_epochs?: number;
  batch_size?: number;
  learning_rate_multiplier?: number;
  [k: string]: unknown;
}
/**
 * GET /fine_tuning/jobs: the server's jobs, newest first (FT-012).
 */
export interface FineTuningJobList {
  object: "list";
  data: FineTuningJob[];
  has_more: boolean;
  [k: string]: unknown;
}
/**
 * The body of POST /fine_tuning/jobs (spec/1.1/fine-tuning.md): base model, training data and, optionally, hyperparameters, seed, suffix and the LIS method (full or LoRA) and dataset format.
 */
export interface FineTuningJobRequest {
  /**
   * The base model id.
   */
  model: string;
  /**
   * The training data, by an id the server understands.
   */
  training_file: string;
  /**
   * Held-out data.
   */
  validation_file?: string | null;
  hyperparameters?: FineTuningHyperparameters;
  /**
   * Seed of the run's randomness (FT-013).
   */
  seed?: number;
  /**
   * Part of the resulting model id.
   */
  suffix?: string | null;
  /**
   * LIS extensions of the request.
   */
  lis?: {
    format?: FineTuningDatasetFormat;
    method?: FineTuningMethod;
    /**
     * Reference server only: make the simulated job fail.
     */
    simulate?: {
      fail?: boolean;
      [k: string]: unknown;
    };
  };
}
/**
 * A model that the server serves, as listed by GET /v1/models and returned by GET /v1/models/{model} (spec/1.1/models.md). Servers may add members (llama.cpp adds meta).
 */
export interface Model {
  /**
   * The model id that clients put into the model member of requests (MODEL-002).
   */
  id: string;
  /**
   * The object type, always "model".
   */
  object: "model";
  /**
   * Unix time in whole seconds when the model was created or made available (MODEL-003). The upper bound rejects millisecond timestamps; the clause bounds it more tightly, by the server's clock.
   */
  created: number;
  /**
   * The organisation or server that owns or serves the model, for display.
   */
  owned_by: string;
  lis?: ModelMetadata;
  [k: string]: unknown;
}
/**
 * The lis member of a model object: lineage, identity, limits, capabilities, license and deprecation (spec/1.1/model-metadata.md). Members are typed where present; a server that claims the model-metadata profile sends all of them except labels (META-001). Servers may add members.
 */
export interface ModelMetadata {
  /**
   * How the model came to be (META-002).
   */
  kind?: "pre-trained" | "fine-tuned" | "merged" | "quantized" | "distilled";
  /**
   * The id of the model this one derives from; null exactly when kind is pre-trained (META-002).
   */
  base_model?: string | null;
  /**
   * The model's version, as its publisher names it.
   */
  version?: string;
  /**
   * Unix time in whole seconds when this version of the model was produced.
   */
  created?: number;
  /**
   * Largest number of tokens, prompt and completion together, of one request.
   */
  context_length?: number;
  /**
   * What the model reads.
   */
  input_modalities?: ("text" | "image" | "audio")[];
  /**
   * What the model produces.
   */
  output_modalities?: ("text" | "embedding" | "classification")[];
  /**
   * The LIS profiles this model can be used with on this server (META-004).
   */
  profiles?: string[];
  /**
   * An SPDX license identifier or expression, proprietary, or unknown.
   */
  license?: string;
  /**
   * null while the model is not deprecated (META-005).
   */
  deprecation?: null | {
    /**
     * Unix time in whole seconds from when the model is deprecated; may lie in the future.
     */
    deprecated_at: number;
    /**
     * The id of a listed model to move to, or null.
     */
    replacement: string | null;
    [k: string]: unknown;
  };
  /**
   * For a classification model with a fixed label set: its labels, in the order it reports them (CLS area).
   *
   * @minItems 1
   */
  labels?: string[];
  [k: string]: unknown;
}
/**
 * The response of GET /v1/models: every model the server serves, in one unpaginated list (MODEL-001, MODEL-005).
 */
export interface ModelList {
  /**
   * The object type, always "list".
   */
  object: "list";
  /**
   * The models, in no particular order; at least one; ids are unique (MODEL-004).
   *
   * @minItems 1
   */
  data: Model[];
  [k: string]: unknown;
}
/**
 * A performance report (spec/1.1/performance.md, PERF-018): one benchmark run against one server and model, with the workload, the load method and, per load level (point), the metric distributions, throughputs, goodput, errors by kind and a time series. Never holds an API key.
 */
export interface PerfReport {
  /**
   * The object type (PERF-018).
   */
  object: "lis.perf_report";
  /**
   * The LIS version whose performance.md defines the metrics (PERF-018).
   */
  lis_version: string;
  /**
   * The benchmark tool (PERF-018).
   */
  tool: {
    /**
     * Name (PERF-018).
     */
    name: string;
    /**
     * Version (PERF-018).
     */
    version: string;
    [k: string]: unknown;
  };
  /**
   * Where the client ran (informative: not part of comparability, PERF-019).
   */
  environment: {
    /**
     * Operating system, release and architecture (PERF-018).
     */
    os: string;
    /**
     * Logical CPUs of the client machine (PERF-018).
     */
    cpus: number;
    /**
     * Cpu model (PERF-018).
     */
    cpu_model?: string;
    /**
     * The runtime and its version, e.g. node v20.20.2 (PERF-018).
     */
    runtime: string;
    /**
     * Number of client machines whose reports were merged into this one (PERF-021); absent or 1 for a single client.
     */
    clients?: number;
    [k: string]: unknown;
  };
  /**
   * The server measured (PERF-018).
   */
  target: {
    /**
     * The base URL, without credentials, query or fragment (PERF-018).
     */
    base_url: string;
    /**
     * The run used the embedded reference server (lis serve) (PERF-018).
     */
    embedded?: boolean;
    /**
     * The LIS-Version the server announced, or null when it announced none (PERF-018).
     */
    lis_version?: string | null;
    /**
     * For the embedded reference server: its --latency schedule (PERF-018).
     */
    latency?: string;
    [k: string]: unknown;
  };
  /**
   * The model id sent in every request (PERF-018).
   */
  model: string;
  /**
   * What was sent (PERF-016, PERF-017).
   */
  workload: {
    /**
     * Kind (PERF-016).
     */
    kind: "synthetic" | "dataset";
    /**
     * Synthetic: the nominal prompt length in tokens (PERF-016).
     */
    input_tokens?: number;
    /**
     * Synthetic: max_completion_tokens of every request; dataset: of lines without max_tokens (PERF-016).
     */
    output_tokens?: number;
    /**
     * Whether requests asked the server to generate exactly output_tokens (ignore_eos) (PERF-016).
     */
    ignore_eos?: boolean;
    /**
     * Seed of the prompt generator (PERF-016).
     */
    seed?: number;
    /**
     * Dataset: its identity (PERF-017).
     */
    dataset?: {
      /**
       * As given to the tool (informative) (PERF-017).
       */
      path?: string;
      /**
       * The sha256 digest of the file's bytes, written sha256:<hex> as evaluation reports write it (PERF-017).
       */
      sha256: string;
      /**
       * Lines (PERF-017).
       */
      lines: number;
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
  /**
   * How load was applied (PERF-013 to PERF-015).
   */
  load: {
    /**
     * closed: fixed concurrency; open: fixed request rate (PERF-013).
     */
    method: "closed" | "open";
    /**
     * The concurrency (closed) or rate in requests per second (open) of each point, in order (PERF-013).
     *
     * @minItems 1
     */
    levels: number[];
    /**
     * Open loop: the inter-arrival distribution (PERF-014).
     */
    arrivals?: "poisson" | "gamma";
    /**
     * Open loop: the gamma shape k (1 = Poisson) (PERF-014).
     */
    burstiness?: number;
    /**
     * Open loop: the seed of the arrival generator (PERF-014).
     */
    seed?: number;
    /**
     * Measured requests per point, when the run was bounded by count (PERF-015).
     */
    requests?: number;
    /**
     * Measured duration per point, when the run was bounded by time (PERF-015).
     */
    duration_s?: number;
    /**
     * The warm-up of each point: requests or seconds (PERF-015).
     */
    warmup: {
      /**
       * Requests (PERF-015).
       */
      requests?: number;
      /**
       * Seconds (PERF-015).
       */
      seconds?: number;
      [k: string]: unknown;
    };
    /**
     * Per-request timeout (PERF-011).
     */
    timeout_ms: number;
    /**
     * Open loop: the bound on requests in flight (PERF-014).
     */
    max_in_flight?: number;
    [k: string]: unknown;
  };
  /**
   * The service-level objectives goodput is judged by (PERF-009); absent when none was stated.
   */
  slo?: {
    /**
     * Ttft ms (PERF-009).
     */
    ttft_ms?: number;
    /**
     * Tpot ms (PERF-009).
     */
    tpot_ms?: number;
    /**
     * Itl ms (PERF-009).
     */
    itl_ms?: number;
    /**
     * E2e ms (PERF-009).
     */
    e2e_ms?: number;
    [k: string]: unknown;
  };
  /**
   * Started at (PERF-018).
   */
  started_at: string;
  /**
   * Finished at (PERF-018).
   */
  finished_at: string;
  /**
   * false when the run ended early (interrupted, deadline, target unreachable): the points present are what was measured (PERF-018).
   */
  complete: boolean;
  /**
   * Why the run ended early, or other remarks of the tool (PERF-018).
   */
  note?: string;
  /**
   * One entry per load level, in the order of load.levels; fewer when the run ended early (PERF-018).
   */
  points: Point[];
  [k: string]: unknown;
}
/**
 * The measurements of one load level (PERF-018).
 */
export interface Point {
  /**
   * Concurrency, or rate in requests per second (PERF-013).
   */
  level: number;
  /**
   * Wall-clock start of the measurement window (PERF-008).
   */
  started_at: string;
  /**
   * Wall-clock end of the measurement window (PERF-008).
   */
  finished_at: string;
  /**
   * Duration of the measurement window, seconds (PERF-008).
   */
  window_s: number;
  /**
   * Requests (PERF-010).
   */
  requests: {
    /**
     * Warm-up requests (not measured) (PERF-010).
     */
    warmup: number;
    /**
     * Measured requests sent (PERF-010).
     */
    sent: number;
    /**
     * Measured requests that succeeded (PERF-010).
     */
    succeeded: number;
    /**
     * Measured requests that failed (PERF-011).
     */
    failed: number;
    /**
     * Successful measured requests that met every SLO (PERF-009); present exactly when SLOs were stated.
     */
    met_slo?: number;
    [k: string]: unknown;
  };
  /**
   * Failed measured requests by kind (PERF-011).
   */
  errors: {
    /**
     * connect (PERF-011).
     */
    connect: number;
    /**
     * timeout (PERF-011).
     */
    timeout: number;
    /**
     * http-status (PERF-011).
     */
    "http-status": number;
    /**
     * stream (PERF-011).
     */
    stream: number;
    /**
     * oversize (PERF-011).
     */
    oversize: number;
    /**
     * cancelled (PERF-011).
     */
    cancelled: number;
    [k: string]: unknown;
  };
  /**
   * The distinct failure messages, with how often each occurred (at most 20) (PERF-018).
   */
  error_samples?: {
    /**
     * Kind (PERF-018).
     */
    kind: string;
    /**
     * Message (PERF-018).
     */
    message: string;
    /**
     * Count (PERF-018).
     */
    count: number;
    [k: string]: unknown;
  }[];
  /**
   * failed / sent (PERF-010); 0 when nothing was sent.
   */
  error_rate: number;
  /**
   * Token counts per successful request (PERF-007).
   */
  tokens: {
    input: Distribution;
    output: Distribution;
    /**
     * Requests whose tokens came from usage (PERF-007).
     */
    counted_from_usage: number;
    /**
     * Requests without usage, whose output tokens are their content-bearing events (PERF-007).
     */
    counted_from_events: number;
    [k: string]: unknown;
  };
  /**
   * Per second of the measurement window (PERF-008, PERF-009).
   */
  throughput: {
    /**
     * Output token throughput (PERF-008).
     */
    output_tokens_per_s: number;
    /**
     * Request throughput (PERF-008).
     */
    requests_per_s: number;
    /**
     * Goodput; present exactly when SLOs were stated (PERF-009).
     */
    goodput_requests_per_s?: number;
    [k: string]: unknown;
  };
  /**
   * Latency distributions in milliseconds, and the per-request output token rate (PERF-002 to PERF-006).
   */
  metrics: {
    ttft_ms: Distribution;
    itl_ms: Distribution;
    tpot_ms: Distribution;
    e2e_ms: Distribution;
    output_tokens_per_s: Distribution;
    [k: string]: unknown;
  };
  send_delay_ms?: Distribution;
  /**
   * The client's own load during the point (PERF-022).
   */
  client?: {
    /**
     * CPU time the tool's process used (PERF-022).
     */
    cpu_ms?: number;
    /**
     * 99th percentile of the tool's event-loop delay (PERF-022).
     */
    event_loop_delay_p99_ms?: number;
    /**
     * The event-loop delay could have added more than 1 ms to measurements (PERF-022).
     */
    saturated?: boolean;
    [k: string]: unknown;
  };
  /**
   * Per interval of the measurement window, from its start: requests completed successfully, their output tokens, and failures (PERF-018).
   */
  series: {
    /**
     * Interval s (PERF-018).
     */
    interval_s: number;
    /**
     * Completed (PERF-018).
     */
    completed: number[];
    /**
     * Output tokens (PERF-018).
     */
    output_tokens: number[];
    /**
     * Errors (PERF-018).
     */
    errors: number[];
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
/**
 * A distribution over the successful measured requests of a point (PERF-012): count, exact minimum, maximum and mean, nearest-rank percentiles at a relative error of at most 0.1 %, and the HDR histogram they were read from. With count 0 the other statistics are null.
 */
export interface Distribution {
  /**
   * Number of values (PERF-012).
   */
  count: number;
  /**
   * Min (PERF-012).
   */
  min: number | null;
  /**
   * Max (PERF-012).
   */
  max: number | null;
  /**
   * Mean (PERF-012).
   */
  mean: number | null;
  /**
   * P50 (PERF-012).
   */
  p50: number | null;
  /**
   * P90 (PERF-012).
   */
  p90: number | null;
  /**
   * P95 (PERF-012).
   */
  p95: number | null;
  /**
   * P99 (PERF-012).
   */
  p99: number | null;
  /**
   * The values as an HDR histogram, for merging (PERF-021): each value was recorded as the integer round(value × scale).
   */
  histogram?: {
    /**
     * Recorded integer = round(value × scale): 1000 for milliseconds (microsecond resolution) and token rates (PERF-021).
     */
    scale: number;
    /**
     * HdrHistogram's compressed encoding (V2), in base64: what hdr-histogram-js, HdrHistogram (Java) and hdrhistogram (Python) read and write (PERF-021).
     */
    encoding: "hdr-compressed-base64";
    /**
     * Data (PERF-021).
     */
    data: string;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
