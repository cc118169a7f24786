import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { serve } from "./support.js";

/** What the openai SDK returns beyond its types: the reasoning members LIS 1.1 adds. */
type WithReasoning = { reasoning_content?: string | null };

/** The official OpenAI SDK as a client of LIS 1.1's reasoning profile, and of a server started as 1.0. */
describe("the openai SDK and reasoning", () => {
  let s: Awaited<ReturnType<typeof serve>>;
  let old: Awaited<ReturnType<typeof serve>>;
  let client: OpenAI;
  beforeAll(async () => {
    [s, old] = await Promise.all([serve(), serve({ specVersion: "1.0" })]);
    client = new OpenAI({ baseURL: s.url, apiKey: "unused", maxRetries: 0 });
  });
  afterAll(() => Promise.all([s.close(), old.close()]));

  it("round-trips a reasoning request: the answer's message goes back into the history as the SDK returned it", async () => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: "user", content: "Tell me about the Fox and the Grapes." }];
    const first = await client.chat.completions.create({ model: "lis-tiny", messages, max_completion_tokens: 40, reasoning_effort: "medium", seed: 4 });
    const message = first.choices[0].message as typeof first.choices[0]["message"] & WithReasoning;
    expect(message.reasoning_content).toEqual(expect.stringMatching(/\S/));
    expect(first.usage?.completion_tokens_details?.reasoning_tokens).toBe(16);
    const second = await client.chat.completions.create({ model: "lis-tiny", messages: [...messages, message, { role: "user", content: "And then?" }], max_completion_tokens: 8, reasoning_effort: "low" });
    const stripped = await client.chat.completions.create({ model: "lis-tiny", messages: [...messages, { role: "assistant", content: message.content }, { role: "user", content: "And then?" }], max_completion_tokens: 8, reasoning_effort: "low" });
    expect(second.usage?.prompt_tokens).toBe(stripped.usage?.prompt_tokens);
  });

  it("streams the reasoning deltas, then the content, equal to the non-streamed answer", async () => {
    const body = { model: "lis-tiny", messages: [{ role: "user" as const, content: "The Hare" }], max_tokens: 30, seed: 42, reasoning_effort: "low" as const };
    const plain = await client.chat.completions.create(body);
    const stream = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
    let reasoning = "";
    let content = "";
    let usage: unknown;
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        const delta = choice.delta as typeof choice.delta & WithReasoning;
        if (delta.reasoning_content) {
          expect(content).toBe(""); // no reasoning after the answer began
          reasoning += delta.reasoning_content;
        }
        content += delta.content ?? "";
      }
      if (chunk.usage) usage = chunk.usage;
    }
    expect(reasoning).toBe((plain.choices[0].message as WithReasoning).reasoning_content);
    expect(content).toBe(plain.choices[0].message.content);
    expect(usage).toEqual(plain.usage);
  });

  it("gets a BadRequestError naming reasoning_effort from a server started as 1.0", async () => {
    const client10 = new OpenAI({ baseURL: old.url, apiKey: "unused", maxRetries: 0 });
    const err = await client10.chat.completions.create({ model: "lis-tiny", messages: [{ role: "user", content: "x" }], reasoning_effort: "low" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("reasoning_effort");
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).code).toBe("unknown_parameter");
  });
});
