import { readdirSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import YAML from "yaml";
import { LisError, EXIT } from "../util/errors.js";
import { readBoundedFile } from "../util/read-bounded.js";
import { collectRefs, splitRef, type DocSet } from "./refs.js";

/**
 * The edge of `lis diff` that touches the file system: reads an OpenAPI file or a schema folder, plus every local
 * file their `$ref`s reach, into a DocSet. Nothing is fetched from the network: a `$ref` to http(s) stays
 * unresolved and is compared by its text.
 */

/** OpenAI's published definition, one of the largest real ones, is 3 MB; ten times that is refused early. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Bounds the files one side may pull in through `$ref`s (a schema folder plus everything it refers to). */
export const MAX_FILES = 2000;

const OPENAPI_NAMES = ["openapi.yaml", "openapi.yml", "openapi.json"];
const SCHEMA_FILE = /\.json$/i;

/** Reads a file as UTF-8 with a size cap; missing files and directories are input errors (exit 2). */
export const readBounded = (path: string, what: string) => readBoundedFile(path, { what, maxBytes: MAX_FILE_BYTES, tool: "lis diff" });

/** Parses JSON or YAML text; syntax errors become input errors that name file:line:col. */
export function parseText(text: string, path: string): unknown {
  // JSON is YAML too, but the JSON parser is much faster, and a .yaml file may well hold JSON.
  if (extname(path).toLowerCase() !== ".json" && /^\s*\{/.test(text.slice(0, 100))) {
    try {
      return JSON.parse(text);
    } catch {
      /* YAML flow style after all: the YAML parser below reads it */
    }
  }
  if (extname(path).toLowerCase() === ".json") {
    try {
      return JSON.parse(text);
    } catch (err) {
      const message = (err as Error).message;
      const at = /position (\d+)/.exec(message);
      const where = at ? lineCol(text, Number(at[1])) : "";
      throw new LisError(`${path}${where}: not valid JSON: ${message}`, EXIT.USAGE);
    }
  }
  const doc = YAML.parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) {
    const lines = doc.errors.slice(0, 5).map((e) => {
      const pos = e.linePos?.[0];
      return `  ${path}${pos ? `:${pos.line}:${pos.col}` : ""}: ${e.message.split("\n")[0]}`;
    });
    throw new LisError(`${path} is not valid YAML:\n${lines.join("\n")}${doc.errors.length > 5 ? `\n  ... and ${doc.errors.length - 5} more` : ""}`, EXIT.USAGE);
  }
  return doc.toJS({ maxAliasCount: -1 });
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return `:${line}:${offset - before.lastIndexOf("\n")}`;
}

/** Parsed files of one run, by content: diffing a document against an identical copy parses it once. */
type ParseCache = Map<string, unknown>;

function loadFile(path: string, what: string, cache: ParseCache): unknown {
  const text = readBounded(path, what);
  const key = `${extname(path).toLowerCase() === ".json" ? "j" : "y"}:${text}`;
  // Shared, not copied: the diff core never mutates what it reads.
  if (cache.has(key)) return cache.get(key);
  const data = parseText(text, path);
  cache.set(key, data);
  return data;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Loads `path` and, transitively, every local file that a `$ref` reaches. */
function loadClosure(start: string[], files: Map<string, unknown>, cache: ParseCache, refersTo: Map<string, Set<string>>): void {
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const targets = new Set<string>();
    refersTo.set(file, targets);
    for (const ref of collectRefs(files.get(file))) {
      const { file: part } = splitRef(ref);
      if (part === "" || /^[a-z][a-z0-9+.-]*:/i.test(part)) continue; // same file, or a URI (matched by $id later, never fetched)
      const target = resolve(dirname(file), decodeURI(part));
      targets.add(target);
      if (files.has(target)) continue;
      if (files.size >= MAX_FILES) throw new LisError(`${start[0]}: $refs reach more than ${MAX_FILES} files; lis diff stops here`, EXIT.USAGE);
      files.set(target, loadFile(target, `file referenced by a $ref in ${file} (${ref})`, cache));
      queue.push(target);
    }
  }
}

function idIndex(files: Map<string, unknown>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [path, data] of files) {
    if (isObject(data) && typeof data.$id === "string") ids.set(data.$id.replace(/#$/, ""), path);
  }
  return ids;
}

function checkOpenApi(data: unknown, path: string): void {
  if (!isObject(data)) throw new LisError(`${path} is not an OpenAPI document: its top level is not a mapping`, EXIT.USAGE);
  const version = data.openapi;
  if (version === undefined) {
    if (data.swagger !== undefined) throw new LisError(`${path} is Swagger ${String(data.swagger)}; lis diff reads OpenAPI 3.0 and 3.1 (convert it first)`, EXIT.USAGE);
    const keys = Object.keys(data).slice(0, 5).join(", ");
    throw new LisError(`${path} is not an OpenAPI document: it has no top-level "openapi" field (its keys: ${keys || "none"}); pass an OpenAPI file or a folder of JSON Schemas`, EXIT.USAGE);
  }
  if (typeof version !== "string" || !/^3\.[01]\.\d+/.test(version)) {
    throw new LisError(`${path}: unsupported OpenAPI version ${JSON.stringify(version)} (lis diff reads 3.0.x and 3.1.x)`, EXIT.USAGE);
  }
}

/**
 * Loads one side of a diff. A file is an OpenAPI document; a folder is a schema folder (`*.json`, each one JSON
 * Schema) that may hold an `openapi.yaml` beside the schemas.
 */
export function loadSide(input: string, cache: ParseCache = new Map()): DocSet {
  const path = resolve(input);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new LisError(`${input} not found (pass an OpenAPI file or a folder of JSON Schemas)`, EXIT.USAGE);
  }
  const files = new Map<string, unknown>();
  const refersTo = new Map<string, Set<string>>();
  if (stat.isFile()) {
    const data = loadFile(path, "OpenAPI file", cache);
    checkOpenApi(data, input);
    files.set(path, data);
    loadClosure([path], files, cache, refersTo);
    return { kind: "openapi", label: input, base: dirname(path), main: path, openapi: path, schemaFiles: [], files, ids: idIndex(files), refersTo };
  }
  const names = readdirSync(path).sort();
  const openapiName = names.find((n) => OPENAPI_NAMES.includes(n.toLowerCase()));
  const schemaFiles = names.filter((n) => SCHEMA_FILE.test(n) && !OPENAPI_NAMES.includes(n.toLowerCase())).map((n) => join(path, n));
  if (schemaFiles.length === 0 && !openapiName) {
    throw new LisError(`${input} holds no JSON Schema files (*.json) and no openapi.yaml; pass an OpenAPI file or a folder of JSON Schemas`, EXIT.USAGE);
  }
  if (schemaFiles.length > MAX_FILES) throw new LisError(`${input} holds more than ${MAX_FILES} schema files`, EXIT.USAGE);
  for (const file of schemaFiles) {
    const data = loadFile(file, "schema file", cache);
    if (!isObject(data) && typeof data !== "boolean") throw new LisError(`${file} is not a JSON Schema: its top level is not an object`, EXIT.USAGE);
    files.set(file, data);
  }
  const openapi = openapiName ? join(path, openapiName) : undefined;
  if (openapi) {
    const data = loadFile(openapi, "OpenAPI file", cache);
    checkOpenApi(data, openapi);
    files.set(openapi, data);
  }
  loadClosure([...(openapi ? [openapi] : []), ...schemaFiles], files, cache, refersTo);
  return { kind: "schemas", label: input, base: path, main: openapi ?? path, openapi, schemaFiles, files, ids: idIndex(files), refersTo };
}

/** A schema file's name without `.schema.json` / `.json`: `chat-completion-request`. */
export const schemaName = (file: string) => basename(file).replace(/(\.schema)?\.json$/i, "");
