import { dirname, join, relative, resolve } from "node:path";

/**
 * Local `$ref` resolution over documents that are already loaded (no I/O here, so the diff core stays pure):
 * internal pointers (`#/components/schemas/X`), relative files (`usage.schema.json`, `common.yaml#/X`) and
 * absolute URIs that match a loaded document's `$id`. Anything else stays unresolved.
 */

/** One side of a diff: every file it consists of, parsed. */
export interface DocSet {
  kind: "openapi" | "schemas";
  /** What the user passed, for messages. */
  label: string;
  /** Folder that locations are shown relative to. */
  base: string;
  /** The OpenAPI file, or the folder itself for a schema folder without one. */
  main: string;
  openapi?: string;
  /** Schema folder: its top-level `*.json` files (absolute paths, sorted). */
  schemaFiles: string[];
  files: ReadonlyMap<string, unknown>;
  /** `$id` (without fragment) → file. */
  ids: ReadonlyMap<string, string>;
  /** file → the local files its `$ref`s name. */
  refersTo: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A value inside a DocSet and where it is. */
export interface Node {
  value: unknown;
  file: string;
  /** JSON Pointer inside `file` ("" is the root). */
  pointer: string;
  /**
   * Stands in for an absent schema ("anything", `{}`), e.g. `items` where none is given. All such nodes compare
   * alike, so they share one memo key: otherwise a recursive schema on the other side would be chased forever
   * down ever longer pointers (`.../items/items/...`).
   */
  anything?: true;
  /** The schema restricted to one of its types: `type: [string, integer]` facing `oneOf: [string, integer]`. */
  onlyType?: string;
}

/** An absent schema at a place, compared as the empty schema. */
export const anythingAt = (file: string, pointer: string): Node => ({ value: {}, file, pointer, anything: true });

export const escapePointer = (token: string) => token.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (token: string) => token.replace(/~1/g, "/").replace(/~0/g, "~");

export function child(node: Node, ...tokens: string[]): Node {
  let value = node.value;
  for (const token of tokens) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[token] : undefined;
  return { value, file: node.file, pointer: node.pointer + tokens.map((t) => `/${escapePointer(t)}`).join("") };
}

export function splitRef(ref: string): { file: string; fragment: string } {
  const hash = ref.indexOf("#");
  return hash === -1 ? { file: ref, fragment: "" } : { file: ref.slice(0, hash), fragment: ref.slice(hash + 1) };
}

/** Follows a JSON Pointer; undefined when any step is missing. */
export function getPointer(data: unknown, pointer: string): unknown {
  if (pointer === "") return data;
  let value = data;
  for (const raw of pointer.slice(1).split("/")) {
    const token = unescapePointer(raw);
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[token];
    if (value === undefined) return undefined;
  }
  return value;
}

export type Resolved = { ok: true; node: Node } | { ok: false; reason: string };

/** Resolves `ref` as written in `from.file`. */
export function resolveRef(docs: DocSet, ref: string, fromFile: string): Resolved {
  const { file: part, fragment } = splitRef(ref);
  let file: string | undefined;
  if (part === "") file = fromFile;
  else if (/^[a-z][a-z0-9+.-]*:/i.test(part)) {
    file = docs.ids.get(part);
    if (!file) return { ok: false, reason: `${ref} is not a local reference (lis diff never fetches)` };
  } else file = resolve(dirname(fromFile), decodeURI(part));
  if (!docs.files.has(file)) return { ok: false, reason: `${ref}: file not loaded` };
  let pointer: string;
  try {
    pointer = decodeURIComponent(fragment);
  } catch {
    pointer = fragment;
  }
  if (pointer !== "" && !pointer.startsWith("/")) return { ok: false, reason: `${ref}: anchors are not supported` };
  const value = getPointer(docs.files.get(file), pointer);
  if (value === undefined) return { ok: false, reason: `${ref}: nothing at ${pointer} in ${file}` };
  return { ok: true, node: { value, file, pointer } };
}

/** Where a node is, as shown to people: `#/components/...` in the main file, `name.schema.json#/...` elsewhere. */
export function displayLocation(docs: DocSet, node: Pick<Node, "file" | "pointer">): string {
  const fragment = `#${node.pointer}`;
  if (node.file === docs.main && docs.kind === "openapi") return fragment;
  return `${relative(docs.base, node.file).split("\\").join("/")}${fragment}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every `$ref` string in a document (iteratively: documents can be deep). */
export function collectRefs(data: unknown): string[] {
  const refs: string[] = [];
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string") refs.push(value);
        else if (typeof value === "object" && value !== null) stack.push(value);
      }
    }
  }
  return refs;
}

/**
 * A DocSet built from documents in memory (for library users and tests): `files` maps names relative to a
 * virtual folder to parsed documents. With an `openapi` name it is an OpenAPI side, otherwise a schema folder.
 */
export function docSetFromObjects(files: Record<string, unknown>, options: { openapi?: string; label?: string } = {}): DocSet {
  const base = "/lis-diff-memory";
  const map = new Map(Object.entries(files).map(([name, data]) => [join(base, name), data]));
  const refersTo = new Map<string, Set<string>>();
  for (const [file, data] of map) {
    const targets = new Set<string>();
    for (const ref of collectRefs(data)) {
      const part = splitRef(ref).file;
      if (part !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(part)) targets.add(resolve(dirname(file), part));
    }
    refersTo.set(file, targets);
  }
  const ids = new Map<string, string>();
  for (const [file, data] of map) if (isObject(data) && typeof data.$id === "string") ids.set(data.$id.replace(/#$/, ""), file);
  const openapi = options.openapi ? join(base, options.openapi) : undefined;
  const schemaFiles = [...map.keys()].filter((f) => f !== openapi && f.endsWith(".json") && dirname(f) === base).sort();
  const kind = openapi && schemaFiles.length === 0 ? "openapi" : "schemas";
  return { kind, label: options.label ?? "memory", base, main: openapi ?? base, openapi, schemaFiles, files: map, ids, refersTo };
}
