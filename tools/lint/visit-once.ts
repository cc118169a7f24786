import type { Ruleset } from "@stoplight/spectral-core";
import { realValue } from "./traversal-view.js";

type Context = { path: Array<string | number>; documentInventory: { resolved: unknown } };
type RuleFunction = (value: unknown, options: unknown, context: Context) => unknown;

const wrapped = new WeakSet<object>();

/**
 * Makes every rule that runs on the resolved document call its function once per value instead of once per path
 * that reaches the value.
 *
 * Why: Spectral inlines every `$ref` and then walks the inlined tree, so a schema referenced from 50 places is
 * checked 50 times. Each repeat maps its findings back to the same source location, where Spectral deduplicates
 * them: the repeats cost time (on OpenAI's definition, 55,000 example validations for 825 distinct schemas, each one
 * cloning and compiling its schema) and change nothing. Skipping them keeps the findings identical (a test compares
 * with the stock Spectral CLI) and takes the run from ~25 s to a few seconds.
 *
 * A value is identified by object identity; a primitive (a description string) by its parent object and key.
 */
export function visitEachValueOnce(ruleset: Ruleset): void {
  for (const rule of Object.values(ruleset.rules)) {
    if (!rule.resolved) continue;
    for (const then of rule.then as unknown as Array<{ function: RuleFunction }>) {
      if (wrapped.has(then.function)) continue;
      then.function = oncePerValue(then.function);
      wrapped.add(then.function);
    }
  }
}

function oncePerValue(fn: RuleFunction): RuleFunction {
  // Per resolved document (a ruleset is reused across files), per owner object, the keys already seen.
  const seenByDocument = new WeakMap<object, WeakMap<object, Set<string>>>();
  const once: RuleFunction = function (this: unknown, viewed, options, context) {
    // The traversal may hand us a node of the traversal view: the function always gets the real value.
    const value = realValue(viewed);
    const root = context.documentInventory.resolved;
    if (root === null || typeof root !== "object") return fn.call(this, value, options, context);
    let owner: unknown = value;
    let key = "";
    if (value === null || typeof value !== "object") {
      owner = root;
      const path = context.path;
      for (let i = 0; i < path.length - 1 && owner !== null && typeof owner === "object"; i++) {
        owner = (owner as Record<string | number, unknown>)[path[i]!];
      }
      if (owner === null || typeof owner !== "object" || path.length === 0) return fn.call(this, value, options, context);
      owner = realValue(owner);
      key = String(path[path.length - 1]);
    }
    let seen = seenByDocument.get(root);
    if (seen === undefined) seenByDocument.set(root, (seen = new WeakMap()));
    let keys = seen.get(owner as object);
    if (keys === undefined) seen.set(owner as object, (keys = new Set()));
    if (keys.has(key)) return undefined;
    keys.add(key);
    return fn.call(this, value, options, context);
  };
  Object.defineProperty(once, "name", { value: fn.name });
  return once;
}
