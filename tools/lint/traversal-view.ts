/**
 * A view of the resolved document for Spectral's rule traversal that is as big as the document, not as big as
 * the document with every `$ref` inlined at every place that uses it.
 *
 * Spectral inlines references and walks the inlined tree with its JSONPath engine: on OpenAI's definition that
 * is millions of nodes for a 3 MB file, most of the run time. With `visitEachValueOnce`, revisiting an inlined
 * value never produces a finding, so the walk only needs to reach every value once, in a place where the rules
 * that look for it match. The view is the resolved tree in which:
 *  - every value at its own place in the document (not inside an inlined `$ref`) is there, with all its members;
 *  - inside an inlined `$ref`, values down to `depth` levels from the root are there too (so rules with fixed
 *    paths through references, like `$.paths[*][*].responses[*].content[*].schema`, still match);
 *  - deeper inlined objects are present but hide their members from enumeration (a Proxy whose ownKeys is
 *    empty): the walk stops there, while property reads (`@.type` in a filter, Spectral's mapping of a finding's
 *    path back to its source) still see the real value.
 * Rule functions get the real resolved values (see `realValue`), never the view's copies.
 *
 * Used only for single-file documents: values of other files have no place of their own in the document.
 */

const real = new WeakMap<object, object>();

/** The resolved value a view node stands for (the value itself when it is not a view node). */
export function realValue<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  return (real.get(value as object) as T | undefined) ?? value;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object";
const isRef = (value: unknown) => isObject(value) && typeof value.$ref === "string";

// The resolver freezes what it returns, and a Proxy cannot hide a frozen target's keys: the proxy's target is an
// empty object, and reads go to the real value.
const hidingMembersOf = (value: Record<string, unknown>): ProxyHandler<Record<string, unknown>> => ({
  get: (_target, key) => value[key as string],
  has: (_target, key) => key in value,
  ownKeys: () => [],
});

export function buildTraversalView(unresolved: unknown, resolved: unknown, depth: number): unknown {
  return viewOf(unresolved, resolved, 0, false, depth);
}

function viewOf(unresolved: unknown, resolved: unknown, level: number, inlined: boolean, depth: number): unknown {
  if (!isObject(resolved)) return resolved;
  // The resolver copies only what it changes: a subtree it left alone has no inlined reference in it.
  if (!inlined && resolved === unresolved) return resolved;
  if (inlined && level > depth && !Array.isArray(resolved)) {
    const proxy = new Proxy({}, hidingMembersOf(resolved));
    real.set(proxy, resolved);
    return proxy;
  }
  const copy: Record<string, unknown> | unknown[] = Array.isArray(resolved) ? new Array(resolved.length) : {};
  real.set(copy, resolved);
  for (const key of Object.keys(resolved)) {
    const own = inlined || !isObject(unresolved) ? undefined : (unresolved as Record<string, unknown>)[key];
    const child = (resolved as Record<string, unknown>)[key];
    // A `$ref` in the source that the resolver replaced: from here down, the values belong elsewhere.
    const childInlined = inlined || (isRef(own) && !isRef(child));
    (copy as Record<string, unknown>)[key] = viewOf(own, child, level + 1, childInlined, depth);
  }
  return copy;
}
