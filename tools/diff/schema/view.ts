import { child, resolveRef, type DocSet, type Node } from "../refs.js";

/**
 * A schema normalised for comparison: `$ref` chains followed (their sibling keywords kept), `allOf` members
 * merged into one object view, OpenAPI 3.0 spellings (`nullable`, boolean `exclusiveMinimum`) turned into
 * their 2020-12 meaning, `const` read as a one-value `enum`.
 */
export interface SchemaView {
  /** The schema object itself (after `$ref`s): reports about the schema as a whole point here. */
  node: Node;
  /** Keywords of the schema with `allOf` members merged in; the schema's own keywords win. */
  keywords: Record<string, unknown>;
  /** Which node each keyword came from, so that a report points at the member that holds it. */
  owner: Map<string, Node>;
  types?: Set<string>;
  enumValues?: unknown[];
  properties: Map<string, Node>;
  required: Set<string>;
  /** `$ref` that could not be resolved locally (remote, missing): compared by its text. */
  unresolved?: string;
  /** For `anyOf: [X, {"type": "null"}]` read as "X or null": the two alternatives, for comparing with a real union. */
  nullableUnion?: { keyword: string; nodes: Node[] };
}

const MAX_REF_CHAIN = 64;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export interface Dereffed {
  node: Node;
  /** Keywords written beside `$ref`s on the way (OpenAPI 3.1 / 2020-12 allow them). */
  siblings?: Record<string, unknown>;
  unresolved?: string;
}

/** Follows `$ref`s from `node` until a schema that is not a reference. */
export function deref(docs: DocSet, node: Node): Dereffed {
  let current = node;
  let siblings: Record<string, unknown> | undefined;
  for (let step = 0; step < MAX_REF_CHAIN; step++) {
    const value = current.value;
    if (!isObject(value) || typeof value.$ref !== "string") return { node: current, siblings };
    const { $ref, ...rest } = value;
    if (Object.keys(rest).length > 0) siblings = { ...rest, ...siblings };
    const resolved = resolveRef(docs, $ref as string, current.file);
    if (!resolved.ok) return { node: current, siblings, unresolved: resolved.reason };
    current = resolved.node;
  }
  return { node: current, siblings, unresolved: `$ref chain longer than ${MAX_REF_CHAIN} at ${node.file}#${node.pointer}` };
}

export function buildView(docs: DocSet, d: Dereffed, visiting = new Set<string>()): SchemaView {
  const value = d.node.value;
  // Boolean schemas: `true` allows anything, `false` nothing (an enum without values).
  const own: Record<string, unknown> = value === true || value === undefined ? {} : value === false ? { enum: [] } : isObject(value) ? { ...value } : {};
  if (d.siblings) Object.assign(own, d.siblings);
  delete own.$ref;
  const view: SchemaView = { node: d.node, keywords: {}, owner: new Map(), properties: new Map(), required: new Set(), unresolved: d.unresolved };
  const key = `${d.node.file}#${d.node.pointer}`;
  visiting.add(key);
  // allOf members first, so that the schema's own keywords overwrite them.
  if (Array.isArray(own.allOf)) {
    own.allOf.forEach((_, i) => {
      const member = deref(docs, child(d.node, "allOf", String(i)));
      const memberKey = `${member.node.file}#${member.node.pointer}`;
      if (visiting.has(memberKey) || member.unresolved) return;
      mergeInto(view, buildView(docs, member, visiting));
    });
  }
  // `anyOf: [X, {"type": "null"}]` is how OpenAPI 3.1 documents spell "X or null": read it as X with null added,
  // so that `string` → `anyOf: [string, null]` compares as a widened type, not as a new union.
  const orNull = nullableUnion(docs, d.node, own);
  if (orNull) {
    const member = deref(docs, child(d.node, orNull.keyword, String(orNull.other)));
    const memberKey = `${member.node.file}#${member.node.pointer}`;
    if (!visiting.has(memberKey) && !member.unresolved) mergeInto(view, buildView(docs, member, visiting));
    view.nullableUnion = { keyword: orNull.keyword, nodes: [0, 1].map((i) => child(d.node, orNull.keyword, String(i))) };
    delete own[orNull.keyword];
  }
  for (const [keyword, v] of Object.entries(own)) {
    if (keyword === "allOf" || keyword === "properties" || keyword === "required") continue;
    view.keywords[keyword] = v;
    view.owner.set(keyword, d.node);
  }
  if (isObject(own.properties)) for (const name of Object.keys(own.properties)) view.properties.set(name, child(d.node, "properties", name));
  if (Array.isArray(own.required)) for (const name of own.required) if (typeof name === "string") view.required.add(name);
  visiting.delete(key);
  normalise(view);
  if (d.node.onlyType) restrictToType(view, d.node.onlyType);
  if (orNull) {
    view.types?.add("null");
    if (view.enumValues && !view.enumValues.includes(null)) view.enumValues = [...view.enumValues, null];
  }
  return view;
}

/** The keywords that constrain values of one JSON type only (the others ignore them). */
const TYPE_KEYWORDS: Record<string, string[]> = {
  string: ["minLength", "maxLength", "pattern", "format"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  array: ["items", "minItems", "maxItems", "uniqueItems", "minContains", "maxContains"],
  object: ["additionalProperties", "minProperties", "maxProperties"],
};

/** The view of a schema of several types, as the alternative of one of them. */
function restrictToType(view: SchemaView, type: string): void {
  view.types = new Set([type]);
  const own = type === "integer" ? "number" : type;
  for (const [t, keywords] of Object.entries(TYPE_KEYWORDS)) {
    if (t !== own) for (const k of keywords) delete view.keywords[k];
  }
  if (own !== "object") {
    view.properties.clear();
    view.required.clear();
  }
}

/** Which alternative of a two-member `anyOf`/`oneOf` is not `{"type": "null"}`, when the other one is. */
function nullableUnion(docs: DocSet, node: Node, own: Record<string, unknown>): { keyword: string; other: number } | undefined {
  for (const keyword of ["anyOf", "oneOf"]) {
    const list = own[keyword];
    if (!Array.isArray(list) || list.length !== 2) continue;
    const isNull = list.map((_, i) => {
      const value = deref(docs, child(node, keyword, String(i))).node.value;
      return isObject(value) && value.type === "null" && Object.keys(value).every((k) => k === "type" || k === "description" || k === "title");
    });
    if (isNull[0] !== isNull[1]) return { keyword, other: isNull[0] ? 1 : 0 };
  }
  return undefined;
}

function mergeInto(view: SchemaView, member: SchemaView): void {
  for (const [keyword, v] of Object.entries(member.keywords)) {
    view.keywords[keyword] = v;
    view.owner.set(keyword, member.owner.get(keyword) ?? member.node);
  }
  for (const [name, node] of member.properties) view.properties.set(name, node);
  for (const name of member.required) view.required.add(name);
}

function normalise(view: SchemaView): void {
  const k = view.keywords;
  const t = k.type;
  const listed = typeof t === "string" ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === "string") : undefined;
  if (listed) view.types = new Set(listed);
  if (k.nullable === true && view.types) view.types.add("null");
  if ("const" in k) view.enumValues = [k.const];
  else if (Array.isArray(k.enum)) view.enumValues = k.enum;
  for (const [bound, exclusive] of [["minimum", "exclusiveMinimum"], ["maximum", "exclusiveMaximum"]] as const) {
    if (typeof k[exclusive] !== "boolean") continue;
    if (k[exclusive] === true && typeof k[bound] === "number") {
      k[exclusive] = k[bound];
      delete k[bound];
    } else delete k[exclusive];
  }
}

/** `oneOf` / `anyOf` alternatives of a view, as nodes. */
export function alternativesOf(view: SchemaView): { keyword: string; nodes: Node[] } | undefined {
  for (const keyword of ["oneOf", "anyOf"]) {
    const list = view.keywords[keyword];
    if (Array.isArray(list)) {
      const owner = view.owner.get(keyword) ?? view.node;
      return { keyword, nodes: list.map((_, i) => child(owner, keyword, String(i))) };
    }
  }
  return undefined;
}
