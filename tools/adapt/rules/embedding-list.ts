import { isObj, type Obj, type RepairRule } from "../rule.js";

/**
 * An embedding response in the shape EMB-007 to EMB-009, EMB-015 and EMB-016 fix: `{object: "list", data,
 * model, usage}`, `data` in input order with `index` = position and `object: "embedding"`, `model` a listed
 * id, `usage.total_tokens` = `prompt_tokens`.
 */
export const embeddingList: RepairRule = {
  keyword: "embedding-list",
  description: "normalise the embedding list, its entries, model and usage",
  embeddings(r, _args, x) {
    const raw = Array.isArray(r.data) ? r.data.filter(isObj) : [];
    const ordered = raw.every((d) => Number.isInteger(d.index)) ? [...raw].sort((a, b) => (a.index as number) - (b.index as number)) : raw;
    r.object = "list";
    r.data = ordered.map((d, index): Obj => ({ ...d, object: "embedding", index }));
    if (typeof r.model !== "string" || !x.listed.has(r.model)) r.model = x.model;
    const u = isObj(r.usage) ? r.usage : (r.usage = {});
    const prompt = Number.isInteger(u.prompt_tokens) ? (u.prompt_tokens as number) : Number.isInteger(u.total_tokens) ? (u.total_tokens as number) : undefined;
    if (prompt !== undefined) {
      u.prompt_tokens = prompt;
      u.total_tokens = prompt;
    }
  },
};
