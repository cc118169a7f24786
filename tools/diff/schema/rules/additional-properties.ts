import { anythingAt, child } from "../../refs.js";
import type { SchemaRule } from "../rule.js";

/** `additionalProperties`: an object closed (`false`) or opened, and the schema of extra members compared. */
export const additionalPropertiesRule: SchemaRule = {
  name: "additionalProperties",
  keywords: ["additionalProperties"],
  structural: true,
  compare(ctx, a, b) {
    const oldValue = a.keywords.additionalProperties;
    const newValue = b.keywords.additionalProperties;
    if (oldValue === undefined && newValue === undefined) return;
    const oldClosed = oldValue === false;
    const newClosed = newValue === false;
    if (!oldClosed && newClosed) {
      ctx.report("ADDITIONAL-PROPERTIES-CLOSED", "additionalProperties set to false: unknown members are no longer allowed", ctx.at(b, "additionalProperties"));
      return;
    }
    if (oldClosed && !newClosed) {
      ctx.report("ADDITIONAL-PROPERTIES-OPENED", "additionalProperties no longer false: unknown members are allowed", ctx.at(b.keywords.additionalProperties === undefined ? a : b, "additionalProperties"), newValue === undefined ? "old" : "new");
      return;
    }
    if (oldClosed && newClosed) return;
    // Both open: compare the schemas of extra members (absent or `true` reads as the empty schema).
    const oldNode = oldValue === undefined || oldValue === true ? anythingAt(a.node.file, `${a.node.pointer}/additionalProperties`) : child(a.owner.get("additionalProperties")!, "additionalProperties");
    const newNode = newValue === undefined || newValue === true ? anythingAt(b.node.file, `${b.node.pointer}/additionalProperties`) : child(b.owner.get("additionalProperties")!, "additionalProperties");
    ctx.descend(oldNode, newNode);
  },
};
