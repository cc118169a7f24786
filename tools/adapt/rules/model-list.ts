import { isObj, type Obj, type RepairRule } from "../rule.js";

const DAY = 86_400;

/**
 * `GET /models` in the shape MODEL-001 to MODEL-004 fix: `{object: "list", data}`, each entry with a
 * non-empty string `id`, `object: "model"`, `created` in whole seconds and a string `owned_by`, no id twice;
 * a `lis` member that is not an object is dropped (CONV-001). Other members are kept. A model keeps the
 * `created` it was first listed with (llama.cpp sends the time of each request), so that the list and
 * GET /models/{model} agree (MODEL-008).
 */
export const modelList: RepairRule<{ ownedBy?: string }> = {
  keyword: "model-list",
  description: "normalise the model list and its entries",
  args: { type: "object", properties: { ownedBy: { type: "string" } }, additionalProperties: false },
  models(list, args, memo) {
    const now = Math.floor(Date.now() / 1000);
    const raw = Array.isArray(list.data) ? list.data : Array.isArray(list.models) ? list.models : [];
    const seen = new Set<string>();
    const data: Obj[] = [];
    for (const entry of raw) {
      if (!isObj(entry)) continue;
      const id = typeof entry.id === "string" ? entry.id : typeof entry.name === "string" ? entry.name : typeof entry.model === "string" ? entry.model : "";
      if (id === "" || seen.has(id)) continue;
      seen.add(id);
      const m: Obj = { ...entry, id, object: "model", created: (memo.get(id) as number | undefined) ?? seconds(entry.created, now), owned_by: typeof entry.owned_by === "string" ? entry.owned_by : (args.ownedBy ?? "upstream") };
      if (m.lis !== undefined && !isObj(m.lis)) delete m.lis;
      if (!memo.has(id)) memo.set(id, m.created);
      data.push(m);
    }
    for (const k of Object.keys(list)) delete list[k];
    Object.assign(list, { object: "list", data });
  },
};

function seconds(v: unknown, now: number): number {
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= now + DAY) return v;
  if (typeof v === "number" && Number.isFinite(v) && v > 0) {
    const s = Math.floor(v / 1000);
    if (s <= now + DAY && v > now + DAY) return s;
  }
  if (typeof v === "string") {
    const t = Date.parse(v);
    if (Number.isFinite(t) && t >= 0 && t / 1000 <= now + DAY) return Math.floor(t / 1000);
  }
  return now;
}
