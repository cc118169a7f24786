/**
 * The synthetic schema check (conformance/README.md#synthetic-schema-checks): every response is also
 * validated against the schema of its kind, listed as data in conformance/<version>/response-schemas.yaml.
 */
import { readFileSync } from "node:fs";
import { EXIT, LisError } from "../util/errors.js";
import type { Validator } from "./checks/types.js";
import { chainFiles } from "./versions.js";
import { parseYaml } from "./yaml-data.js";

export interface ResponseSchemaRule {
  match: { method?: string; path?: string; status?: number | string | (number | string)[]; stream?: boolean };
  schema: string;
  clause: string;
  pointers?: Record<string, string>;
}

export function loadResponseSchemas(version: string): ResponseSchemaRule[] {
  return loadSyntheticConfig(version).rules;
}

/**
 * The rules, and the clause that a JSON body that does not parse violates (`json.clause`). A version that
 * inherits another's suite (versions.ts) adds its rules in front of the inherited ones, so that they win.
 */
export function loadSyntheticConfig(version: string): { rules: ResponseSchemaRule[]; notJsonClause?: string } {
  let rules: ResponseSchemaRule[] = [];
  let notJsonClause: string | undefined;
  for (const file of chainFiles(version, "response-schemas.yaml")) {
    const own = readSyntheticFile(file);
    rules = [...own.rules, ...rules];
    notJsonClause = own.notJsonClause ?? notJsonClause;
  }
  if (rules.length === 0) throw new LisError(`no response-schemas.yaml in conformance/${version}/ or the versions it inherits from`, EXIT.USAGE);
  return { rules, notJsonClause };
}

function readSyntheticFile(file: string): { rules: ResponseSchemaRule[]; notJsonClause?: string } {
  let data: { responses?: ResponseSchemaRule[]; json?: { clause?: string } };
  try {
    data = parseYaml(readFileSync(file, "utf8")) as typeof data;
  } catch (err) {
    throw new LisError(`${file}: ${(err as Error).message.split("\n")[0]}`, EXIT.USAGE);
  }
  const rules = data?.responses;
  if (!Array.isArray(rules) || rules.some((r) => !r || typeof r.schema !== "string" || typeof r.clause !== "string" || typeof r.match !== "object")) {
    throw new LisError(`${file}: expected \`responses:\` a list of { match, schema, clause, pointers? }`, EXIT.USAGE);
  }
  return { rules, notJsonClause: typeof data.json?.clause === "string" ? data.json.clause : undefined };
}

export function statusMatches(status: number, want: number | string): boolean {
  if (typeof want === "number") return status === want;
  const m = /^([1-5])xx$/.exec(want);
  return m ? Math.floor(status / 100) === Number(m[1]) : String(status) === want;
}

/**
 * `*` matches one non-empty path segment (`/models/` is not `/models/{model}`: a server may serve it as
 * `/models`, HTTP-013); the query string is ignored.
 */
export function pathMatches(path: string, pattern: string): boolean {
  const a = path.split("?")[0].split("/");
  const b = pattern.split("/");
  return a.length === b.length && b.every((seg, i) => (seg === "*" ? a[i] !== "" : seg === a[i]));
}

export function findRule(rules: ResponseSchemaRule[], r: { method: string; path: string; status: number; stream: boolean }): ResponseSchemaRule | undefined {
  return rules.find((rule) => {
    const m = rule.match;
    if (m.method && m.method.toUpperCase() !== r.method.toUpperCase()) return false;
    if (m.path && !pathMatches(r.path, m.path)) return false;
    if (m.stream !== undefined && m.stream !== r.stream) return false;
    if (m.status !== undefined && !(Array.isArray(m.status) ? m.status : [m.status]).some((s) => statusMatches(r.status, s))) return false;
    return true;
  });
}

/** A pattern is a JSON pointer with `*` segments, optionally ending in `#keyword` (e.g. `/data#minItems`). */
function pointerMatches(pointer: string, keyword: string | undefined, full: string): boolean {
  const hash = full.lastIndexOf("#");
  const pattern = hash === -1 ? full : full.slice(0, hash);
  if (hash !== -1 && full.slice(hash + 1) !== keyword) return false;
  if (pattern === "/" || pattern === "") return true;
  const a = pointer.split("/");
  const b = pattern.split("/");
  return a.length >= b.length && b.every((seg, i) => seg === "*" || seg === a[i]);
}

/** The clause that a schema error at `pointer` judges: the longest matching pattern's, else the rule's. */
export function clauseForPointer(pointer: string, main: string, pointers: Record<string, string> = {}, keyword?: string): string {
  let best: { len: number; clause: string } | undefined;
  for (const [pattern, clause] of Object.entries(pointers)) {
    // Longer pointers are more precise; a keyword-specific pattern beats the same pointer without one.
    const base = pattern.split("#")[0];
    const len = (base === "/" ? 0 : base.split("/").length) * 2 + (pattern.includes("#") ? 1 : 0);
    if (pointerMatches(pointer, keyword, pattern) && (!best || len > best.len)) best = { len, clause };
  }
  return best?.clause ?? main;
}

/**
 * Whether a document has a value where a pointer pattern points (`*` = any member or element; a trailing
 * `#keyword` is ignored) that is not null, [] or {}. A schema that validates says nothing about the clause of a pointer at which the
 * response has nothing: a stream without tool calls is no evidence about how tool calls are streamed.
 */
export function pointerPresent(doc: unknown, pattern: string): boolean {
  const base = pattern.split("#")[0];
  if (base === "" || base === "/") return true;
  let current: unknown[] = [doc];
  for (const raw of base.split("/").slice(1)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const next: unknown[] = [];
    for (const v of current) {
      if (typeof v !== "object" || v === null) continue;
      if (seg === "*") next.push(...Object.values(v as object));
      else if (Object.prototype.hasOwnProperty.call(v, seg)) next.push((v as Record<string, unknown>)[seg]);
    }
    if (next.length === 0) return false;
    current = next;
  }
  // null, [] and {} hold nothing for the schema to have judged.
  return current.some((v) => v !== null && !(typeof v === "object" && Object.keys(v as object).length === 0));
}

export interface SchemaFinding {
  clause: string;
  errors: { pointer: string; message: string }[];
}

/** Validates documents; schema errors are grouped by the clause they judge. */
export function schemaFindings(
  validate: Validator,
  docs: { doc: unknown; prefix?: string }[],
  main: string,
  pointers?: Record<string, string>,
): SchemaFinding[] {
  const byClause = new Map<string, SchemaFinding>();
  for (const { doc, prefix } of docs) {
    const { valid, errors } = validate(doc);
    if (valid) continue;
    for (const e of errors as { pointer: string; message: string; keyword?: string }[]) {
      const clause = clauseForPointer(e.pointer, main, pointers, e.keyword);
      const finding = byClause.get(clause) ?? { clause, errors: [] };
      finding.errors.push({ pointer: `${prefix ?? ""}${e.pointer}`, message: e.message });
      byClause.set(clause, finding);
    }
  }
  return [...byClause.values()];
}
