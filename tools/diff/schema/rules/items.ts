import { anythingAt, child, type Node } from "../../refs.js";
import type { SchemaRule } from "../rule.js";
import type { SchemaView } from "../view.js";

/** The schema of items when absent: anything (the empty schema), placed where `items` would be. */
function itemsNode(view: SchemaView, index?: number): Node {
  const owner = view.owner.get("items");
  const items = view.keywords.items;
  if (owner && index === undefined && typeof items === "object" && !Array.isArray(items)) return child(owner, "items");
  if (owner && index !== undefined && Array.isArray(items) && index < items.length) return child(owner, "items", String(index));
  return anythingAt(view.node.file, `${view.node.pointer}/items${index === undefined ? "" : `/${index}`}`);
}

/** `items`: the item schemas compared (an OpenAPI 3.0 tuple `items: [...]` position by position). */
export const itemsRule: SchemaRule = {
  name: "items",
  keywords: ["items"],
  structural: true,
  compare(ctx, a, b) {
    const oldItems = a.keywords.items;
    const newItems = b.keywords.items;
    if (oldItems === undefined && newItems === undefined) return;
    if (Array.isArray(oldItems) || Array.isArray(newItems)) {
      const length = Math.max(Array.isArray(oldItems) ? oldItems.length : 0, Array.isArray(newItems) ? newItems.length : 0);
      for (let i = 0; i < length; i++) ctx.descend(itemsNode(a, Array.isArray(oldItems) ? i : undefined), itemsNode(b, Array.isArray(newItems) ? i : undefined));
      return;
    }
    ctx.descend(itemsNode(a), itemsNode(b));
  },
};
