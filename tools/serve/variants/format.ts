import type { VariantDefinition } from "./types.js";

/** One variant as `lis serve --list-variants` prints it: name and description, then the text that allows it. */
export function formatVariant(v: VariantDefinition): string {
  const allowed = v.allowedBy.map((t) => `  allowed by ${"clause" in t ? t.clause : "doc" in t ? t.doc : t.rfc}${t.versions ? ` (${t.versions.join(", ")})` : ""}: "${t.quote}"\n`);
  const departs = (v.departsFrom ?? []).map((d) => `  departs from ${d.clause}: ${d.why}\n`);
  return `${v.name}\t${v.description}\n${allowed.join("")}${departs.join("")}`;
}
