import type { Direction } from "./policy.js";
import { anythingAt, child, type DocSet, type Node } from "./refs.js";
import { sameJson } from "./schema/rule.js";
import { deref } from "./schema/view.js";

/**
 * The OpenAPI walker: pairs up paths, methods, parameters, request bodies, responses (status codes), media types
 * and response headers of two documents, reports what was added or removed, and hands every schema pair to the
 * schema comparer in the direction it is used (parameters and request bodies: request; responses: response).
 */

export interface Sink {
  /** A change at the operation level (`kind` resolved to a policy row by direction). */
  operation(kind: string, direction: Direction, message: string, at: Node, side: "old" | "new", usedAt?: Node): void;
  /** Schema changes reached from an operation-level position (`usedAt`). */
  schema(oldNode: Node, newNode: Node, direction: Direction, usedAt: Node): void;
}

/** Media-type members that hold the schema of each item of a streamed body. */
export const EVENT_SCHEMA_KEYWORDS = ["itemSchema", "x-lis-event-schema"];
const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v).slice(0, 80));
/** A list of strings changes by the items it gains and loses (e.g. `x-lis-profiles: + reasoning`). */
function change(a: unknown, b: unknown): string {
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
  if (!strings(a) || !strings(b)) return `${show(a)} → ${show(b)}`;
  const parts = [...b.filter((x) => !a.includes(x)).map((x) => `+ ${x}`), ...a.filter((x) => !b.includes(x)).map((x) => `- ${x}`)];
  return parts.length > 0 ? parts.join(", ") : "order changed";
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const keysOf = (node: Node) => (isObject(node.value) ? Object.keys(node.value) : []);

/** Pairs the members of two mappings by a normalised key. */
function pair(oldNode: Node, newNode: Node, normalise: (key: string) => string) {
  const oldKeys = new Map(keysOf(oldNode).map((k) => [normalise(k), k]));
  const newKeys = new Map(keysOf(newNode).map((k) => [normalise(k), k]));
  const both: [string, string][] = [];
  const removed: string[] = [];
  const added: string[] = [];
  for (const [norm, key] of oldKeys) {
    const other = newKeys.get(norm);
    if (other === undefined) removed.push(key);
    else both.push([key, other]);
  }
  for (const [norm, key] of newKeys) if (!oldKeys.has(norm)) added.push(key);
  return { both, removed, added };
}

/** `/models/{model}` and `/models/{id}` are the same endpoint. */
const pathKey = (path: string) => path.replace(/\{[^}]*\}/g, "{}");
/** `Application/JSON; charset=utf-8` is `application/json`. */
const mediaKey = (type: string) => type.split(";")[0].trim().toLowerCase();
const statusKey = (status: string) => status.toUpperCase();
const isSuccess = (status: string) => /^2/.test(status);
const resolved = (docs: DocSet, node: Node) => deref(docs, node).node;

export class OpenApiWalker {
  constructor(
    private readonly oldDocs: DocSet,
    private readonly newDocs: DocSet,
    private readonly sink: Sink,
  ) {}

  private oldRoot!: Node;
  private newRoot!: Node;

  walk(oldRoot: Node, newRoot: Node): void {
    this.oldRoot = oldRoot;
    this.newRoot = newRoot;
    this.documentMetadata(oldRoot, newRoot);
    const oldPaths = child(oldRoot, "paths");
    const newPaths = child(newRoot, "paths");
    const { both, removed, added } = pair(oldPaths, newPaths, pathKey);
    for (const path of removed) this.sink.operation("PATH-REMOVED", "endpoint", `path ${path} removed`, child(oldPaths, path), "old");
    for (const path of added) this.sink.operation("PATH-ADDED", "endpoint", `path ${path} added`, child(newPaths, path), "new");
    for (const [oldPath, newPath] of both) {
      this.pathItem(resolved(this.oldDocs, child(oldPaths, oldPath)), resolved(this.newDocs, child(newPaths, newPath)), oldPath, newPath);
    }
  }

  /**
   * The document's own metadata: `info.version` and `info.title` (documentation) and the extensions of the
   * document and of `info`, such as LIS's `x-lis-version` and `x-lis-profiles` (informational: a claim, not wire).
   */
  private documentMetadata(oldRoot: Node, newRoot: Node): void {
    for (const key of ["version", "title"]) {
      const o = child(oldRoot, "info", key);
      const n = child(newRoot, "info", key);
      if (!sameJson(o.value, n.value)) this.sink.operation("DESCRIPTION-CHANGED", "endpoint", `info.${key} changed: ${show(o.value)} → ${show(n.value)}`, n.value === undefined ? child(newRoot, "info") : n, "new");
    }
    for (const at of [[], ["info"]]) {
      const o = child(oldRoot, ...at);
      const n = child(newRoot, ...at);
      const keys = new Set([...keysOf(o), ...keysOf(n)].filter((k) => k.startsWith("x-")));
      for (const key of keys) {
        if (sameJson(child(o, key).value, child(n, key).value)) continue;
        const where = [...at, key].join(".");
        this.sink.operation("EXTENSION-CHANGED", "endpoint", `${where} changed: ${change(child(o, key).value, child(n, key).value)}`, child(n, key).value === undefined ? n : child(n, key), "new");
      }
    }
  }

  private pathItem(oldItem: Node, newItem: Node, oldPath: string, path: string): void {
    const methods = (node: Node) => new Set(keysOf(node).filter((k) => METHODS.includes(k.toLowerCase())));
    const oldMethods = methods(oldItem);
    const newMethods = methods(newItem);
    for (const m of oldMethods) if (!newMethods.has(m)) this.sink.operation("METHOD-REMOVED", "endpoint", `${m.toUpperCase()} ${path} removed`, child(oldItem, m), "old");
    for (const m of newMethods) if (!oldMethods.has(m)) this.sink.operation("METHOD-ADDED", "endpoint", `${m.toUpperCase()} ${path} added`, child(newItem, m), "new");
    for (const m of newMethods) {
      if (!oldMethods.has(m)) continue;
      const label = `${m.toUpperCase()} ${path}`;
      const oldOp = child(oldItem, m);
      const newOp = child(newItem, m);
      this.deprecation(oldOp, newOp, label);
      this.security(oldOp, newOp);
      this.parameters(oldItem, oldOp, oldPath, newItem, newOp, path);
      this.requestBody(oldOp, newOp);
      this.responses(oldOp, newOp, label);
    }
  }

  private deprecation(oldOp: Node, newOp: Node, label: string): void {
    const was = child(oldOp, "deprecated").value === true;
    const is = child(newOp, "deprecated").value === true;
    if (!was && is) this.sink.operation("DEPRECATED-ADDED", "endpoint", `${label} marked deprecated`, child(newOp, "deprecated"), "new");
    if (was && !is) this.sink.operation("DEPRECATED-REMOVED", "endpoint", `${label} no longer deprecated`, newOp, "new");
  }

  /** The operation's `security` (or the document's): what clients must send to be let in. */
  private security(oldOp: Node, newOp: Node): void {
    const oldAlternatives = securityAlternatives(oldOp, this.oldRoot);
    const newAlternatives = securityAlternatives(newOp, this.newRoot);
    // Anonymous access is the alternative "" (an empty requirement object, or no requirement at all).
    const lost = [...oldAlternatives].filter((a) => !newAlternatives.has(a));
    const gained = [...newAlternatives].filter((a) => !oldAlternatives.has(a));
    const show = (list: string[]) => list.map((a) => (a === "" ? "no authentication" : a)).join(", ");
    // A document-wide requirement is reported once, at `#/security`, with the operations it applies to.
    const own = child(newOp, "security");
    const at = own.value !== undefined ? own : child(this.newRoot, "security");
    if (lost.length > 0) this.sink.operation("SECURITY-TIGHTENED", "request", `no longer accepts ${show(lost)}`, at, "new", newOp);
    else if (gained.length > 0) this.sink.operation("SECURITY-LOOSENED", "request", `now also accepts ${show(gained)}`, at, "new", newOp);
  }

  /** Path-level and operation-level parameters, the operation's winning, keyed by location and name. */
  private parameterMap(docs: DocSet, item: Node, op: Node, path: string): Map<string, Node> {
    const map = new Map<string, Node>();
    // Path parameters are positional on the wire: `{model}` renamed `{id}` is the same parameter.
    const templateNames = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    for (const owner of [item, op]) {
      const list = child(owner, "parameters");
      if (!Array.isArray(list.value)) continue;
      list.value.forEach((_, i) => {
        const node = resolved(docs, child(list, String(i)));
        if (!isObject(node.value)) return;
        const where = String(node.value.in ?? "");
        const name = String(node.value.name ?? "");
        const position = where === "path" ? templateNames.indexOf(name) : -1;
        const key = position >= 0 ? `path:{${position + 1}}` : `${where}:${where === "header" ? name.toLowerCase() : name}`;
        map.set(key, node);
      });
    }
    return map;
  }

  private parameters(oldItem: Node, oldOp: Node, oldPath: string, newItem: Node, newOp: Node, newPath: string): void {
    const oldParams = this.parameterMap(this.oldDocs, oldItem, oldOp, oldPath);
    const newParams = this.parameterMap(this.newDocs, newItem, newOp, newPath);
    const required = (p: Node) => isObject(p.value) && (p.value.required === true || p.value.in === "path");
    // Shared parameters (components) are reported once, with the operations that use them.
    const used = child(newOp, "parameters");
    for (const [key, oldParam] of oldParams) {
      if (!newParams.has(key)) this.sink.operation("PARAM-REMOVED", "request", `parameter ${key} removed`, oldParam, "old", used);
    }
    for (const [key, newParam] of newParams) {
      const oldParam = oldParams.get(key);
      if (!oldParam) {
        this.sink.operation(required(newParam) ? "PARAM-ADDED-REQUIRED" : "PARAM-ADDED-OPTIONAL", "request", `${required(newParam) ? "required" : "optional"} parameter ${key} added`, newParam, "new", used);
        continue;
      }
      if (!required(oldParam) && required(newParam)) this.sink.operation("PARAM-BECAME-REQUIRED", "request", `parameter ${key} is now required`, newParam, "new", used);
      if (required(oldParam) && !required(newParam)) this.sink.operation("PARAM-BECAME-OPTIONAL", "request", `parameter ${key} is no longer required`, newParam, "new", used);
      const deprecated = (p: Node) => isObject(p.value) && p.value.deprecated === true;
      if (!deprecated(oldParam) && deprecated(newParam)) this.sink.operation("DEPRECATED-ADDED", "request", `parameter ${key} marked deprecated`, child(newParam, "deprecated"), "new", used);
      if (deprecated(oldParam) && !deprecated(newParam)) this.sink.operation("DEPRECATED-REMOVED", "request", `parameter ${key} no longer deprecated`, newParam, "new", used);
      this.sink.schema(parameterSchema(oldParam), parameterSchema(newParam), "request", used);
    }
  }

  private requestBody(oldOp: Node, newOp: Node): void {
    const oldBody = child(oldOp, "requestBody");
    const newBody = child(newOp, "requestBody");
    if (oldBody.value === undefined && newBody.value === undefined) return;
    const o = resolved(this.oldDocs, oldBody);
    const n = resolved(this.newDocs, newBody);
    const wasRequired = isObject(o.value) && o.value.required === true;
    const isRequired = isObject(n.value) && n.value.required === true;
    if (oldBody.value === undefined) {
      this.sink.operation(isRequired ? "BODY-ADDED-REQUIRED" : "BODY-ADDED-OPTIONAL", "request", `${isRequired ? "required" : "optional"} request body added`, newBody, "new");
      return;
    }
    if (newBody.value === undefined) {
      this.sink.operation("BODY-REMOVED", "request", `request body removed`, oldBody, "old");
      return;
    }
    if (!wasRequired && isRequired) this.sink.operation("BODY-BECAME-REQUIRED", "request", `request body is now required`, n, "new", newBody);
    if (wasRequired && !isRequired) this.sink.operation("BODY-BECAME-OPTIONAL", "request", `request body is no longer required`, n, "new", newBody);
    this.content(child(o, "content"), child(n, "content"), "request", newBody);
  }

  /** `usedAt` is the body or response as the operation names it (before its `$ref`), so reports point at the operation. */
  private content(oldContent: Node, newContent: Node, direction: Direction, usedAt: Node): void {
    const { both, removed, added } = pair(oldContent, newContent, mediaKey);
    for (const type of removed) this.sink.operation("MEDIA-TYPE-REMOVED", direction, `${direction} media type ${type} removed`, child(oldContent, type), "old", usedAt);
    for (const type of added) this.sink.operation("MEDIA-TYPE-ADDED", direction, `${direction} media type ${type} added`, child(newContent, type), "new", usedAt);
    for (const [oldType, newType] of both) {
      // A stream's body schema says little (a string); what clients parse is each event, whose schema is the
      // media type's `itemSchema` (OpenAPI 3.2 sequential media types) or LIS's `x-lis-event-schema`.
      for (const keyword of ["schema", ...EVENT_SCHEMA_KEYWORDS]) {
        const oldSchema = child(oldContent, oldType, keyword);
        const newSchema = child(newContent, newType, keyword);
        if (oldSchema.value === undefined && newSchema.value === undefined) continue;
        this.sink.schema(orEmpty(oldSchema), orEmpty(newSchema), direction, child(usedAt, "content", newType, keyword));
      }
    }
  }

  private responses(oldOp: Node, newOp: Node, label: string): void {
    const oldResponses = child(oldOp, "responses");
    const newResponses = child(newOp, "responses");
    const { both, removed, added } = pair(oldResponses, newResponses, statusKey);
    for (const status of removed) {
      this.sink.operation(isSuccess(status) ? "STATUS-REMOVED-SUCCESS" : "STATUS-REMOVED-ERROR", "response", `${label}: response ${status} removed`, child(oldResponses, status), "old");
    }
    for (const status of added) {
      this.sink.operation(isSuccess(status) ? "STATUS-ADDED-SUCCESS" : "STATUS-ADDED-ERROR", "response", `${label}: response ${status} added`, child(newResponses, status), "new");
    }
    for (const [oldStatus, newStatus] of both) {
      const o = resolved(this.oldDocs, child(oldResponses, oldStatus));
      const n = resolved(this.newDocs, child(newResponses, newStatus));
      this.content(child(o, "content"), child(n, "content"), "response", child(newResponses, newStatus));
      this.headers(child(o, "headers"), child(n, "headers"), child(newResponses, newStatus));
    }
  }

  private headers(oldHeaders: Node, newHeaders: Node, usedAt: Node): void {
    const { both, removed, added } = pair(oldHeaders, newHeaders, (h) => h.toLowerCase());
    for (const h of removed) this.sink.operation("HEADER-REMOVED", "response", `header ${h} removed`, child(oldHeaders, h), "old", usedAt);
    for (const h of added) this.sink.operation("HEADER-ADDED", "response", `header ${h} added`, child(newHeaders, h), "new", usedAt);
    for (const [o, n] of both) {
      const oldHeader = resolved(this.oldDocs, child(oldHeaders, o));
      const newHeader = resolved(this.newDocs, child(newHeaders, n));
      this.sink.schema(parameterSchema(oldHeader), parameterSchema(newHeader), "response", child(usedAt, "headers", n));
    }
  }
}

/** Each accepted way in, as the sorted names of the schemes it combines ("" = anonymous); scopes are ignored. */
function securityAlternatives(op: Node, root: Node): Set<string> {
  const own = child(op, "security").value;
  const list = Array.isArray(own) ? own : Array.isArray(child(root, "security").value) ? (child(root, "security").value as unknown[]) : [];
  if (list.length === 0) return new Set([""]);
  return new Set(list.map((requirement) => (isObject(requirement) ? Object.keys(requirement).sort().join(" + ") : "")));
}

/** A parameter's or header's schema: `schema`, or the schema of its single `content` entry. */
function parameterSchema(param: Node): Node {
  const schema = child(param, "schema");
  if (schema.value !== undefined) return schema;
  const content = child(param, "content");
  const first = keysOf(content)[0];
  return first ? orEmpty(child(content, first, "schema")) : anythingAt(param.file, `${param.pointer}/schema`);
}

const orEmpty = (node: Node): Node => (node.value === undefined ? anythingAt(node.file, node.pointer) : node);
