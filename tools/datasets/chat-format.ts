import type { LineFormat } from "./formats.js";

const contentTexts = (content: unknown): string[] =>
  typeof content === "string"
    ? [content]
    : Array.isArray(content)
      ? content.flatMap((p) => (p && typeof p === "object" && typeof (p as { text?: unknown }).text === "string" ? [(p as { text: string }).text] : []))
      : [];

/** The chat fine-tuning line format (spec/1.0/fine-tuning.md, schema dataset-chat-line). */
export const chatFormat: LineFormat = {
  name: "chat",
  schema: "dataset-chat-line",
  explain: { "/messages contains": "no assistant message; a training conversation needs at least one" },
  texts: (v) => (v.messages as Array<{ content?: unknown }>).flatMap((m) => contentTexts(m?.content)),
};
