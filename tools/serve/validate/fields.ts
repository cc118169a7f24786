import { invalidRequest, missingParameter, unknownParameter, wrongTypeError } from "../http/errors.js";

/**
 * Small typed readers of request fields: each returns the value or throws the standard 400 with `param`
 * naming the field by its path (`messages[2].content`). `null` counts as absent for optional fields, as
 * OpenAI-style clients send it that way.
 */
export type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The field path of a member (errors.md "Field paths"): `.name`, `[index]`, or `["name"]` for names that
 * are not plain identifiers.
 */
export const path = (parent: string, key: string | number) => {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (!PLAIN_NAME.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === "" ? key : `${parent}.${key}`;
};

/**
 * Rejects members of `o` outside `known`, naming the first one (ERR-015); `["user-id"]` at the top level.
 * With `nullIsAbsent` (LIS 1.1, ERR-022) an unknown member whose value is `null` asks for nothing and is
 * accepted as absent.
 */
export function onlyKnown(o: Obj, known: ReadonlySet<string> | readonly string[], parent: string, nullIsAbsent = false): void {
  const set = known instanceof Set ? known : new Set(known as readonly string[]);
  for (const key of Object.keys(o)) if (!set.has(key) && !(nullIsAbsent && o[key] === null)) throw unknownParameter(path(parent, key));
}

/** The `lis` extension member: an object; LIS defines no members in it for these endpoints. */
export function lisMember(o: Obj, parent = "", nullIsAbsent = false): void {
  if (o.lis === undefined || o.lis === null) return;
  onlyKnown(object(o.lis, path(parent, "lis")), [], path(parent, "lis"), nullIsAbsent);
}

export const wrongType = wrongTypeError;

export function object(v: unknown, param: string): Obj {
  if (!isObject(v)) throw wrongType(param, "an object", v);
  return v;
}

export function required(o: Obj, key: string, parent = ""): unknown {
  if (o[key] === undefined || o[key] === null) throw missingParameter(path(parent, key));
  return o[key];
}

export function string(v: unknown, param: string): string {
  if (typeof v !== "string") throw wrongType(param, "a string", v);
  return v;
}

export function boolean(v: unknown, param: string): boolean {
  if (typeof v !== "boolean") throw wrongType(param, "a boolean", v);
  return v;
}

export function number(v: unknown, param: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw wrongType(param, "a number", v);
  if (v < min || v > max) throw invalidRequest(`Invalid value for '${param}': ${v} is outside ${min}..${max}.`, param);
  return v;
}

export function integer(v: unknown, param: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw wrongType(param, "an integer", v);
  if (v < min || v > max) throw invalidRequest(`Invalid value for '${param}': ${v} is outside ${min}..${max}.`, param);
  return v;
}

export function array(v: unknown, param: string, minItems = 0, maxItems = Infinity): unknown[] {
  if (!Array.isArray(v)) throw wrongType(param, "an array", v);
  if (v.length < minItems) throw invalidRequest(`Invalid value for '${param}': expected at least ${minItems} item(s), got ${v.length}.`, param);
  if (v.length > maxItems) throw invalidRequest(`Invalid value for '${param}': expected at most ${maxItems} items, got ${v.length}.`, param);
  return v;
}

export function oneOf<T extends string>(v: unknown, param: string, values: readonly T[]): T {
  if (typeof v !== "string" || !values.includes(v as T)) {
    throw invalidRequest(`Invalid value for '${param}': expected one of ${values.map((x) => `'${x}'`).join(", ")}, got ${JSON.stringify(v)?.slice(0, 80)}.`, param);
  }
  return v as T;
}

/** Reads an optional field: `undefined`/`null` → the default, else the reader's result. */
export function optional<T>(o: Obj, key: string, parent: string, read: (v: unknown, param: string) => T, fallback: T): T {
  const v = o[key];
  return v === undefined || v === null ? fallback : read(v, path(parent, key));
}
