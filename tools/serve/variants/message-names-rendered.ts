import { isObj, mapMessages, requestOn } from "../hooks/helpers.js";
import type { VariantDefinition } from "./types.js";

export const messageNamesRendered: VariantDefinition = {
  name: "message-names-rendered",
  description: "a message's name is rendered into the prompt (\"name: text\"), so it changes the answer and the prompt tokens",
  allowedBy: [
    { clause: "CHAT-008", quote: "it MAY use it when rendering the prompt", versions: ["1.0"] },
    { clause: "CHAT-044", quote: "The server MAY use a message's `name` when it renders the prompt, or leave it out.", versions: ["1.1"] },
  ],
  transformRequest: requestOn("chat", (body) =>
    mapMessages(body, (m) => (typeof m.name === "string" && m.name !== "" && typeof m.content === "string" && m.role !== "tool" && isObj(m) ? { ...m, content: `${m.name}: ${m.content}` } : m)),
  ),
};
