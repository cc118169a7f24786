/** Faults of spec/1.0/tools.md. */
import { ApiError } from "../http/errors.js";
import { compileClientSchema } from "../model/schema-check.js";
import { isObj, mapMessages, onChoices, requestOn, type Json } from "../hooks/helpers.js";
import type { Chunk, FaultDefinition } from "./types.js";

const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const toolsOf = (body: Json): Json[] => (Array.isArray(body.tools) ? body.tools : []);
const mapCalls = (c: Json, edit: (call: Json, k: number) => Json) =>
  isObj(c.message) && Array.isArray(c.message.tool_calls) ? { ...c, message: { ...c.message, tool_calls: c.message.tool_calls.map(edit) } } : c;
/** Rewrites the `tool_calls` delta elements of a stream. */
const mapCallDeltas = (chunks: Chunk[], edit: (element: Json, seen: boolean) => Json) => {
  const seen = new Set<string>();
  return chunks.map((c) => ({
    ...c,
    choices: c.choices.map((ch) => {
      const d = ch.delta as Json | undefined;
      if (!isObj(d) || !Array.isArray(d.tool_calls)) return ch;
      return {
        ...ch,
        delta: {
          ...d,
          tool_calls: d.tool_calls.map((t: Json) => {
            const key = `${ch.index}:${t.index}`;
            const out = edit(t, seen.has(key));
            seen.add(key);
            return out;
          }),
        },
      };
    }),
  }));
};

/**
 * Calls whose tool `applies` lose the first required property of their arguments. Only tools with a
 * required property: extra properties on a parameterless tool would break TOOL-003 (it takes an empty
 * object) instead.
 */
function dropRequiredArgument(applies: (tool: Json | undefined, request: Json) => boolean) {
  return onChoices((c, ctx) =>
    mapCalls(c, (call) => {
      const tool = toolsOf(ctx.request ?? {}).find((t) => t?.function?.name === call.function.name);
      const required: string[] = Array.isArray(tool?.function?.parameters?.required) ? tool.function.parameters.required : [];
      if (!applies(tool, ctx.request ?? {}) || required.length === 0) return call;
      try {
        const args = JSON.parse(call.function.arguments);
        delete args[required[0]];
        return { ...call, function: { ...call.function, arguments: JSON.stringify(args) } };
      } catch {
        return call;
      }
    }),
  );
}

export const toolFaults: FaultDefinition[] = [
  {
    clause: "TOOL-001",
    description: "tool names outside ^[A-Za-z0-9_-]{1,64}$ are accepted (spaces and dots become `_`)",
    transformRequest: requestOn("chat", (body) => ({
      ...body,
      ...(Array.isArray(body.tools)
        ? { tools: body.tools.map((t: Json) => (isObj(t?.function) && typeof t.function.name === "string" && !TOOL_NAME.test(t.function.name) ? { ...t, function: { ...t.function, name: t.function.name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "tool" } } : t)) }
        : {}),
    })),
  },
  {
    clause: "TOOL-002",
    description: "a second tool with the same name is accepted (and dropped)",
    transformRequest: requestOn("chat", (body) => {
      if (!Array.isArray(body.tools)) return body;
      const seen = new Set<unknown>();
      return { ...body, tools: body.tools.filter((t: Json) => !(seen.has(t?.function?.name) || (seen.add(t?.function?.name), false))) };
    }),
  },
  {
    clause: "TOOL-003",
    description: "an invalid `parameters` schema is accepted (the tool takes any object)",
    transformRequest: requestOn("chat", (body) => ({
      ...body,
      ...(Array.isArray(body.tools)
        ? { tools: body.tools.map((t: Json) => (isObj(t?.function) && t.function.parameters !== undefined && (!isObj(t.function.parameters) || typeof compileClientSchema(t.function.parameters) === "string") ? { ...t, function: { ...t.function, parameters: { type: "object" } } } : t)) }
        : {}),
    })),
  },
  {
    clause: "TOOL-005",
    description: "an invalid `tool_choice` (unknown value, undeclared function, required without tools) is treated as `auto`",
    transformRequest: requestOn("chat", (body) => {
      const c = body.tool_choice;
      const names = toolsOf(body).map((t) => t?.function?.name);
      const valid =
        c == null || c === "none" || c === "auto" || (c === "required" && names.length > 0) || (isObj(c) && c.type === "function" && names.includes(c.function?.name));
      if (valid) return body;
      const { tool_choice: _, ...rest } = body;
      return rest;
    }),
  },
  {
    clause: "TOOL-006",
    description: "`tool_choice: \"none\"` with tools still calls a tool (as `required`)",
    transformRequest: requestOn("chat", (body) => (body.tool_choice === "none" && toolsOf(body).length > 0 ? { ...body, tool_choice: "required" } : body)),
  },
  {
    clause: "TOOL-007",
    description: "`tool_choice` `required` or a named function (with tools declared) is answered with text, no tool call",
    // Only valid forced choices: invalid ones (TOOL-005) are still rejected.
    transformRequest: requestOn("chat", (body) => {
      const c = body.tool_choice;
      const names = toolsOf(body).map((t) => t?.function?.name);
      const forced = (c === "required" && names.length > 0) || (isObj(c) && names.includes(c.function?.name));
      return forced ? { ...body, tool_choice: "none" } : body;
    }),
  },
  {
    clause: "TOOL-008",
    description: "with `parallel_tool_calls: false` a choice calls its tool twice",
    transformBody: onChoices((c, ctx) =>
      ctx.request?.parallel_tool_calls === false && Array.isArray(c.message?.tool_calls) && c.message.tool_calls.length === 1
        ? { ...c, message: { ...c.message, tool_calls: [c.message.tool_calls[0], { ...c.message.tool_calls[0], id: `${c.message.tool_calls[0].id}b` }] } }
        : c,
    ),
  },
  {
    clause: "TOOL-009",
    description: "choices that call tools report finish_reason `stop`",
    transformBody: onChoices((c) => (c.finish_reason === "tool_calls" ? { ...c, finish_reason: "stop" } : c)),
  },
  {
    clause: "TOOL-010",
    description: "every tool call of a response has the id `call_0`",
    transformBody: onChoices((c) => mapCalls(c, (call) => ({ ...call, id: "call_0" }))),
  },
  {
    clause: "TOOL-011",
    description: "tool calls name an undeclared function (`<name>_v2`)",
    transformBody: onChoices((c) => mapCalls(c, (call) => ({ ...call, function: { ...call.function, name: `${call.function.name}_v2` } }))),
  },
  {
    clause: "TOOL-012",
    description: "`function.arguments` is sent as a JSON object instead of a string (Ollama style)",
    transformBody: onChoices((c) =>
      mapCalls(c, (call) => {
        try {
          return { ...call, function: { ...call.function, arguments: JSON.parse(call.function.arguments) } };
        } catch {
          return call;
        }
      }),
    ),
  },
  {
    clause: "TOOL-013",
    description: "calls of a tool with strict: true leave out a required property of the arguments",
    transformBody: dropRequiredArgument((tool) => tool?.function?.strict === true),
  },
  {
    clause: "TOOL-023",
    description: "calls forced by tool_choice (required or named) of a tool without strict leave out a required property of the arguments",
    transformBody: dropRequiredArgument((tool, request) => tool?.function?.strict !== true && (request.tool_choice === "required" || isObj(request.tool_choice))),
  },
  {
    clause: "TOOL-016",
    description: "a conversation that contains tool results fails with 500",
    transformRequest: requestOn("chat", (body) => {
      if (Array.isArray(body.messages) && body.messages.some((m: Json) => m?.role === "tool")) {
        throw new ApiError(500, "Internal server error: the chat template cannot render tool results.", "server_error", null, "internal_error");
      }
      return body;
    }),
  },
  {
    clause: "TOOL-017",
    description: "tool messages without a string tool_call_id, and non-string tool-call arguments, are accepted",
    transformRequest: requestOn("chat", (body) =>
      mapMessages(body, (m) => {
        if (m.role === "tool" && typeof m.tool_call_id !== "string") return { role: "user", content: m.content ?? "" };
        if (m.role === "assistant" && Array.isArray(m.tool_calls)) {
          return { ...m, tool_calls: m.tool_calls.map((t: Json) => (isObj(t?.function) && typeof t.function.arguments !== "string" ? { ...t, function: { ...t.function, arguments: JSON.stringify(t.function.arguments ?? {}) } } : t)) };
        }
        return m;
      }),
    ),
  },
  {
    clause: "TOOL-019",
    description: "every streamed tool-call element repeats the call's `id` and `function.name`",
    transformChunks: (chunks) => {
      const first = new Map<string, Json>();
      return mapCallDeltas(chunks, (t, seen) => {
        if (!seen) first.set(String(t.index), t);
        const opening = first.get(String(t.index));
        return seen && opening ? { ...t, id: opening.id, type: "function", function: { ...t.function, name: opening.function?.name } } : t;
      });
    },
  },
  {
    clause: "TOOL-020",
    description: "the last streamed arguments fragment of each call is sent twice (the fragments no longer concatenate to the arguments)",
    transformChunks: (chunks) => {
      const last = new Map<string, number>();
      chunks.forEach((c, i) =>
        c.choices.forEach((ch) => {
          const d = ch.delta as Json | undefined;
          if (isObj(d) && Array.isArray(d.tool_calls)) for (const t of d.tool_calls) if (t.function?.arguments) last.set(`${ch.index}:${t.index}`, i);
        }),
      );
      const at = new Set(last.values());
      return chunks.flatMap((c, i) => (at.has(i) ? [c, c] : [c]));
    },
  },
  {
    clause: "TOOL-021",
    description: "streamed choices with tool calls finish with `stop`",
    transformChunks: (chunks) => chunks.map((c) => ({ ...c, choices: c.choices.map((ch) => (ch.finish_reason === "tool_calls" ? { ...ch, finish_reason: "stop" } : ch)) })),
  },
];
