/**
 * One fact, one charge: `conformance/<version>/prerequisites.yaml` lists, per clause, the clauses that
 * must hold on a response before it can be judged there (vector dimensions need vectors of numbers). A
 * failure of the clause on a response where a prerequisite also failed is reported blocked by it
 * (verdicts.ts). The union over the version and the versions it inherits from.
 */
import { readFileSync } from "node:fs";
import { EXIT, LisError } from "../util/errors.js";
import { chainFiles } from "./versions.js";
import { parseYaml } from "./yaml-data.js";

export function loadPrerequisites(version: string, clauseIds?: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of chainFiles(version, "prerequisites.yaml")) {
    let data: { prerequisites?: Record<string, { after?: unknown; why?: unknown }> } | null;
    try {
      data = parseYaml(readFileSync(file, "utf8")) as typeof data;
    } catch (err) {
      throw new LisError(`${file}: ${(err as Error).message.split("\n")[0]}`, EXIT.USAGE);
    }
    for (const [clause, entry] of Object.entries(data?.prerequisites ?? {})) {
      const after = entry?.after;
      if (!Array.isArray(after) || after.some((id) => typeof id !== "string") || typeof entry?.why !== "string") {
        throw new LisError(`${file}: prerequisites.${clause} needs \`after: [CLAUSE-ID, …]\` and \`why:\` (the reason the clause cannot be judged without them)`, EXIT.USAGE);
      }
      for (const id of [clause, ...(after as string[])]) {
        if (clauseIds && !clauseIds.has(id)) throw new LisError(`${file}: prerequisites names unknown clause ${id}`, EXIT.USAGE);
      }
      out.set(clause, [...new Set([...(out.get(clause) ?? []), ...(after as string[])])]);
    }
  }
  return out;
}
