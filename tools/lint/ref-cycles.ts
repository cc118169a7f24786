/**
 * Finds a chain of local `$ref`s that loops back on itself without ever reaching a value (`A: {$ref: B}`,
 * `B: {$ref: A}`). Such a document has no meaning; recursive schemas (a property that refers to its own schema)
 * are fine and are not reported. Returns the pointers of the first cycle found, or undefined.
 */
export function findRefCycle(root: unknown): string[] | undefined {
  const verdict = new Map<string, "ok" | "cycle">();
  let found: string[] | undefined;
  walk(root, (ref) => {
    if (found || verdict.has(ref)) return;
    const chain: string[] = [];
    let pointer: string | undefined = ref;
    while (pointer !== undefined) {
      const known = verdict.get(pointer);
      if (known === "ok") break;
      if (chain.includes(pointer)) {
        found = [...chain.slice(chain.indexOf(pointer)), pointer];
        break;
      }
      chain.push(pointer);
      const target = resolvePointer(root, pointer);
      pointer = isLocalRefObject(target) ? target.$ref : undefined;
    }
    for (const p of chain) verdict.set(p, found ? "cycle" : "ok");
  });
  return found;
}

function isLocalRefObject(value: unknown): value is { $ref: string } {
  return value !== null && typeof value === "object" && typeof (value as { $ref?: unknown }).$ref === "string" && (value as { $ref: string }).$ref.startsWith("#");
}

function walk(root: unknown, onRef: (ref: string) => void): void {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    if (isLocalRefObject(node)) onRef(node.$ref);
    for (const child of Object.values(node)) if (child !== null && typeof child === "object") stack.push(child);
  }
}

function resolvePointer(root: unknown, ref: string): unknown {
  const pointer = ref.slice(1);
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
