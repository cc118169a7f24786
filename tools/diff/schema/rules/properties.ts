import { anythingAt, type Node } from "../../refs.js";
import type { SchemaRule } from "../rule.js";

/** `properties` and `required`: members added (optional or required), removed, made required or optional. */
export const propertiesRule: SchemaRule = {
  name: "properties",
  keywords: ["properties", "required"],
  structural: true,
  compare(ctx, a, b) {
    if (a.properties.size === 0 && b.properties.size === 0 && a.required.size === 0 && b.required.size === 0) return;
    const names = new Set([...a.properties.keys(), ...a.required, ...b.properties.keys(), ...b.required]);
    for (const name of names) {
      const oldNode = a.properties.get(name);
      const newNode = b.properties.get(name);
      const wasRequired = a.required.has(name);
      const isRequired = b.required.has(name);
      const oldExists = oldNode !== undefined || wasRequired;
      const newExists = newNode !== undefined || isRequired;
      if (!oldExists) {
        ctx.report(isRequired ? "PROPERTY-ADDED-REQUIRED" : "PROPERTY-ADDED-OPTIONAL", `${isRequired ? "required" : "optional"} member \`${name}\` added`, newNode ?? ctx.at(b, "required"));
        continue;
      }
      if (!newExists) {
        ctx.report("PROPERTY-REMOVED", `member \`${name}\` removed`, oldNode ?? ctx.at(a, "required"), "old");
        continue;
      }
      if (!wasRequired && isRequired) ctx.report("PROPERTY-BECAME-REQUIRED", `member \`${name}\` is now required`, newNode ?? ctx.at(b, "required"));
      if (wasRequired && !isRequired) ctx.report("PROPERTY-BECAME-OPTIONAL", `member \`${name}\` is no longer required`, newNode ?? ctx.at(b, "required"));
      // Listed in `required` without a schema on one side: the member is still there, its schema is "anything".
      const anything = (other: Node): Node => anythingAt(other.file, other.pointer);
      if (oldNode || newNode) ctx.descend(oldNode ?? anything(newNode!), newNode ?? anything(oldNode!));
    }
  },
};
