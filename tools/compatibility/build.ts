/** The edge of `lis compatibility`: reads servers.yaml, the rows and the dialects, and renders the matrix. */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadDialect } from "../adapt/dialect.js";
import { loadClauses, serverClauses } from "../clauses/registry.js";
import { specProfiles } from "../conformance/conformance.js";
import type { MatrixRow } from "../conformance/reporters/matrix-row.js";
import { EXIT, LisError } from "../util/errors.js";
import { yaml } from "../util/lazy-packages.js";
import { readBoundedFile } from "../util/read-bounded.js";
import { readBaseline } from "../conformance/baseline.js";
import { renderMatrix, renderPageBlock, type Manifest, type Resolved } from "./matrix.js";

/** The matrix, and the pages whose generated block follows from a row and its --expect file. */
export function buildMatrix(dir: string): { file: string; text: string; current: boolean; pages: { file: string; text: string; current: boolean }[] } {
  const manifestFile = join(dir, "servers.yaml");
  const manifest = yaml().parse(readBoundedFile(manifestFile, { what: "matrix manifest", maxBytes: 1 << 20, tool: "lis compatibility" })) as Manifest | null;
  if (!manifest || typeof manifest.spec !== "string" || !Array.isArray(manifest.rows)) throw new LisError(`${manifestFile}: expected spec: "1.1" and rows: [...]`, EXIT.USAGE);
  const rows: Resolved[] = manifest.rows.map((entry, i) => {
    const where = `${manifestFile}: rows[${i}] (${entry?.name ?? "?"})`;
    if (!entry || typeof entry.name !== "string" || typeof entry.title !== "string") throw new LisError(`${where}: every row has a name and a title`, EXIT.USAGE);
    if (entry.row !== undefined) {
      const text = readBoundedFile(resolve(dir, entry.row), { what: "matrix row", maxBytes: 1 << 20, tool: "lis compatibility" });
      let data: MatrixRow;
      try {
        data = JSON.parse(text) as MatrixRow;
      } catch (err) {
        throw new LisError(`${where}: ${entry.row} is not JSON (${(err as Error).message})`, EXIT.USAGE);
      }
      if (data.rowVersion !== "1" || typeof data.profiles !== "object") throw new LisError(`${where}: ${entry.row} is not a matrix row (write it with lis conformance --report matrix-row=PATH)`, EXIT.USAGE);
      return { ...entry, kind: "measured", data };
    }
    if (entry.dialect !== undefined) return { ...entry, kind: "documented", data: loadDialect(entry.dialect) };
    throw new LisError(`${where}: a row names a row file (row:) or a dialect (dialect:)`, EXIT.USAGE);
  });
  const text = renderMatrix(manifest, rows, specProfiles(serverClauses(loadClauses(manifest.spec))));
  const file = join(dir, "README.md");
  const pages = rows.flatMap((r) => {
    if (r.kind !== "measured" || !r.page || !r.expect || !existsSync(resolve(dir, r.page))) return [];
    const pageFile = resolve(dir, r.page);
    const reasons = new Map(readBaseline(resolve(dir, r.expect)).entries.map((e) => [e.clause ?? e.case ?? "", e.reason]));
    const page = readFileSync(pageFile, "utf8");
    const updated = renderPageBlock(page, r.data, reasons);
    return [{ file: pageFile, text: updated, current: updated === page }];
  });
  return { file, text, current: existsSync(file) && readFileSync(file, "utf8") === text, pages };
}
