import { isObj, type RepairRule } from "../rule.js";

/**
 * Content given as an array of text parts is sent as the one string it means (CHAT-005): servers whose
 * templates render the array form differently (or not at all) then see what the string form would give.
 * Arrays with other parts (images, audio) are left as they are.
 */
export const textPartsAsString: RepairRule = {
  keyword: "text-parts-as-string",
  description: "send content that is an array of text parts as a string",
  chatRequest(body) {
    if (!Array.isArray(body.messages)) return;
    for (const m of body.messages) {
      if (!isObj(m) || !Array.isArray(m.content)) continue;
      if (m.content.every((p) => isObj(p) && p.type === "text" && typeof p.text === "string")) m.content = m.content.map((p) => (p as { text: string }).text).join("");
    }
  },
};
