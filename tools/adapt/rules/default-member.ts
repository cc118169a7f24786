import { isObj, type Obj, type RepairRule } from "../rule.js";

/**
 * A member the spec makes optional but the upstream requires: filled with its documented default (llama.cpp
 * fails with 500 on a tool without `description`). `at` is a path of member names, `*` for each element.
 */
export const defaultMember: RepairRule<{ at: string[]; member: string; value: unknown }> = {
  keyword: "default-member",
  description: "fill in an optional member the upstream requires, with the value the spec gives its absence",
  args: { type: "object", required: ["at", "member", "value"], properties: { at: { type: "array", items: { type: "string" } }, member: { type: "string" }, value: {} }, additionalProperties: false },
  chatRequest(body, { at, member, value }) {
    for (const o of objectsAt(body, at)) if (o[member] === undefined || o[member] === null) o[member] = structuredClone(value);
  },
};

function objectsAt(root: Obj, path: string[]): Obj[] {
  let level: unknown[] = [root];
  for (const key of path) {
    level = level.flatMap((v) => (key === "*" ? (Array.isArray(v) ? v : []) : isObj(v) ? [v[key]] : []));
  }
  return level.filter(isObj);
}
