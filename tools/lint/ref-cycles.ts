import { dirname, relative, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { readBoundedFile } from "./document.js";

/** How many other files a chain of references may pass through before we stop following it. */
const MAX_FILES_FOLLOWED = 100;

/**
 * Finds a chain of `$ref`s that loops back on itself without ever reaching a value (`A: {$ref: B}`,
 * `B: {$ref: A}`), within the document or through other local files. Such a document has no meaning; recursive
 * schemas (a property that refers to its own schema) are fine and are not reported. Returns the references of
 * the first cycle found, or undefined. Files that cannot be read or parsed end the chain: the resolver reports them.
 */
export function findRefCycle(root: unknown, file: string): string[] | undefined {
  const rootFile = resolve(file);
  const documents = new Map<string, unknown>([[rootFile, root]]);
  const load = (path: string): unknown => {
    if (!documents.has(path)) {
      if (documents.size > MAX_FILES_FOLLOWED) return undefined;
      try {
        documents.set(path, parseYaml(readBoundedFile(path, "referenced file")));
      } catch {
        documents.set(path, undefined);
      }
    }
    return documents.get(path);
  };
  const verdict = new Map<string, "ok">();
  let found: string[] | undefined;
  walk(root, (ref) => {
    if (found) return;
    const chain: string[] = [];
    let target: { file: string; pointer: string } | undefined = locate(rootFile, ref);
    while (target !== undefined) {
      const key = `${target.file}#${target.pointer}`;
      if (verdict.has(key)) break;
      if (chain.includes(key)) {
        // Shown as written: `#/pointer` in the document itself, `other.yaml#/pointer` beside it.
        found = [...chain.slice(chain.indexOf(key)), key].map((k) => {
          const [path, pointer] = [k.slice(0, k.lastIndexOf("#")), k.slice(k.lastIndexOf("#"))];
          return path === rootFile ? pointer : `${relative(dirname(rootFile), path)}${pointer}`;
        });
        return;
      }
      chain.push(key);
      const value = resolvePointer(load(target.file), target.pointer);
      target = isRefObject(value) ? locate(target.file, value.$ref) : undefined;
    }
    for (const key of chain) verdict.set(key, "ok");
  });
  return found;
}

/** Where a `$ref` written in `file` points: a local file and a JSON pointer; undefined for remote references. */
function locate(file: string, ref: string): { file: string; pointer: string } | undefined {
  const hash = ref.indexOf("#");
  const location = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? "" : ref.slice(hash + 1);
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return undefined; // http(s) and other schemes: not followed here
  return { file: location === "" ? file : resolve(dirname(file), decodeURIComponent(location)), pointer };
}

function isRefObject(value: unknown): value is { $ref: string } {
  return value !== null && typeof value === "object" && typeof (value as { $ref?: unknown }).$ref === "string";
}

function walk(root: unknown, onRef: (ref: string) => void): void {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    if (isRefObject(node)) onRef(node.$ref);
    for (const child of Object.values(node)) if (child !== null && typeof child === "object") stack.push(child);
  }
}

function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  if (!pointer.startsWith("/")) return undefined;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
