/**
 * JSON-path assertions (conformance/README.md#assert-json-path-assertions): pure evaluation of one
 * assertion against a document and headers. Operands are resolved by the caller (variables, other paths).
 */
import type { Assertion } from "./model.js";
import { parsePath, queryAll } from "./jsonpath.js";
import { show } from "./checks/types.js";

export interface AssertionOutcome {
  passed: boolean;
  description: string;
  expected?: string;
  got?: string;
  message?: string;
  /** Every operator was about values and nothing matched (optional, or an empty collection): nothing judged. */
  vacuous?: true;
}

export const ASSERTION_KEYS = new Set(["path", "header", "clause", "optional", "message", "assumes"]);

export type OperandResolver = (operand: unknown) => unknown;

type Operator = (value: unknown, operand: unknown) => boolean;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ak = Object.keys(a as object);
  const bo = b as Record<string, unknown>;
  return ak.length === Object.keys(bo).length && ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual((a as Record<string, unknown>)[k], bo[k]));
}

export function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v;
}

const length = (v: unknown) => (typeof v === "string" || Array.isArray(v) ? v.length : undefined);
const asList = (operand: unknown) => (Array.isArray(operand) ? operand : [operand]);
const numeric = (cmp: (a: number, b: number) => boolean): Operator => (v, o) => typeof v === "number" && typeof o === "number" && cmp(v, o);
const lengthCmp = (cmp: (a: number, b: number) => boolean): Operator => (v, o) => {
  const n = length(v);
  return n !== undefined && typeof o === "number" && cmp(n, o);
};
const containsOp: Operator = (v, o) =>
  Array.isArray(v) ? v.some((e) => deepEqual(e, o)) : typeof v === "string" && typeof o === "string" && v.includes(o);

/** Operators applied to each matched value. */
const VALUE_OPERATORS: Record<string, Operator> = {
  equals: (v, o) => deepEqual(v, o),
  notEquals: (v, o) => !deepEqual(v, o),
  in: (v, o) => asList(o).some((x) => deepEqual(v, x)),
  notIn: (v, o) => !asList(o).some((x) => deepEqual(v, x)),
  type: (v, o) => asList(o).some((t) => t === jsonType(v) || (t === "number" && jsonType(v) === "integer")),
  matches: (v, o) => typeof v === "string" && new RegExp(String(o)).test(v),
  notMatches: (v, o) => typeof v === "string" && !new RegExp(String(o)).test(v),
  lengthEquals: lengthCmp((a, b) => a === b),
  lengthAtLeast: lengthCmp((a, b) => a >= b),
  lengthAtMost: lengthCmp((a, b) => a <= b),
  lessThan: numeric((a, b) => a < b),
  lessOrEqual: numeric((a, b) => a <= b),
  greaterThan: numeric((a, b) => a > b),
  greaterOrEqual: numeric((a, b) => a >= b),
  contains: containsOp,
  notContains: (v, o) => (Array.isArray(v) || typeof v === "string") && !containsOp(v, o),
};
/** Operators that an absent value satisfies. */
const NEGATIVE = new Set(["notEquals", "notIn", "notMatches", "notContains"]);
/** Operators about the set of matches rather than each value. */
const MATCH_OPERATORS = new Set(["exists", "absent", "count"]);
export const OPERATORS = new Set([...Object.keys(VALUE_OPERATORS), ...MATCH_OPERATORS]);

const describeValue = (v: unknown) => (typeof v === "string" && v.length <= 60 ? JSON.stringify(v) : show(v, 60));

/**
 * "Every element satisfies …" holds for an empty array or object: a path that matched nothing because a
 * wildcard met only empty collections (at any depth: no choices, or a choice with no logprob entries)
 * passes vacuously, while a missing member or a wildcard over a non-collection still fails. So an empty
 * list is reported once, by the clause that requires elements, not again by every clause about them.
 */
function emptyCollection(doc: unknown, path: string | undefined): boolean {
  if (path === undefined) return false;
  const segments = parsePath(path);
  if (!segments.some((s) => s.kind === "wildcard")) return false;
  let current: unknown[] = [doc];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of current) {
      const isCollection = typeof v === "object" && v !== null;
      if (seg.kind === "wildcard") {
        if (!isCollection) return false;
        next.push(...(Array.isArray(v) ? v : Object.values(v)));
        continue;
      }
      const found = queryAll(v, seg.kind === "member" ? `$[${JSON.stringify(seg.name)}]` : `$[${seg.index}]`);
      if (found.length === 0) return false;
      next.push(...found);
    }
    current = next;
  }
  return current.length === 0;
}

export function evaluateAssertion(
  a: Assertion,
  doc: unknown,
  headers: Record<string, string>,
  resolve: OperandResolver,
): AssertionOutcome {
  const target = a.header !== undefined ? `header ${a.header}` : String(a.path);
  const matches = a.header !== undefined
    ? (headers[a.header.toLowerCase()] !== undefined ? [headers[a.header.toLowerCase()]] : [])
    : queryAll(doc, String(a.path));
  const ops = Object.keys(a).filter((k) => !ASSERTION_KEYS.has(k));
  const parts: string[] = [];
  let judged = false;
  for (const op of ops) {
    const operand = resolve(a[op]);
    const phrase = `${op} ${describeValue(operand)}`;
    parts.push(phrase);
    const failed = (expected: string, got: string, message?: string): AssertionOutcome => ({
      passed: false,
      description: `${target} ${ops.map((o) => `${o} ${describeValue(resolve(a[o]))}`).join(", ")}`,
      expected,
      got,
      message: a.message ?? message,
    });
    if (op === "exists" || op === "absent") {
      const want = op === "absent" ? false : Boolean(operand);
      if ((matches.length > 0) !== want) return failed(want ? `${target} present` : `${target} absent`, want ? "absent" : `present: ${show(matches[0], 120)}`);
      judged = true;
      continue;
    }
    if (op === "count") {
      if (matches.length !== operand) return failed(`${show(operand)} match(es)`, `${matches.length}`);
      judged = true;
      continue;
    }
    if (matches.length === 0) {
      const empty = emptyCollection(doc, a.path);
      if (!a.optional && !empty) return failed(`${target} present (${phrase})`, "matched nothing");
      // An optional member that is absent satisfies "is not X" in substance (no model_not_found error
      // code where there is no error); "every element …" over no elements judges nothing.
      if (!empty && NEGATIVE.has(op)) judged = true;
      continue;
    }
    const fn = VALUE_OPERATORS[op];
    for (let i = 0; i < matches.length; i++) {
      if (!fn(matches[i], operand)) {
        const where = matches.length > 1 ? ` (match ${i + 1} of ${matches.length})` : "";
        const got = op.startsWith("length") ? `length ${length(matches[i]) ?? `n/a (${jsonType(matches[i])})`}: ${show(matches[i], 120)}` : op === "type" ? `${jsonType(matches[i])}: ${show(matches[i], 120)}` : show(matches[i], 200);
        return failed(phrase, got + where);
      }
    }
    judged = true;
  }
  return { passed: true, description: `${target} ${parts.join(", ")}`, ...(judged ? {} : { vacuous: true as const }) };
}
