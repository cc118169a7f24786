/**
 * How long `lis diff` takes on OpenAI's published definition (3 MB, 1,400+ schemas): loading, and comparing the
 * document with itself and with a copy that has one edit. Prints milliseconds and the comparison / parse ratio.
 * Run: npx tsc -p . && node bench/diff.mjs
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { diffDocuments } from "../dist/tools/diff/diff.js";
import { loadSide } from "../dist/tools/diff/load.js";
import { docSetFromObjects } from "../dist/tools/diff/refs.js";
import { sharedFixturesDir } from "../dist/tools/util/paths.js";
import YAML from "yaml";

const file = join(sharedFixturesDir, "third-party", "openai-openapi.yaml");
const time = (f) => {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
};

const [, parseMs] = time(() => YAML.parse(readFileSync(file, "utf8")));
const [oldSide, loadMs] = time(() => loadSide(file));
const [newSide] = time(() => loadSide(file));
const [self, selfMs] = time(() => diffDocuments(oldSide, newSide));
const copy = structuredClone(oldSide.files.get(oldSide.main));
delete copy.components.schemas.Model.properties.owned_by;
copy.components.schemas.Model.required = copy.components.schemas.Model.required.filter((n) => n !== "owned_by");
const edited = docSetFromObjects({ "openapi.json": copy }, { openapi: "openapi.json" });
const original = docSetFromObjects({ "openapi.json": oldSide.files.get(oldSide.main) }, { openapi: "openapi.json" });
const [one, oneMs] = time(() => diffDocuments(original, edited));

console.log(`YAML parse of the 3 MB document: ${parseMs.toFixed(0)} ms; loadSide (read + parse + $ref closure): ${loadMs.toFixed(0)} ms`);
console.log(`diff against itself:  ${selfMs.toFixed(0)} ms, ${self.changes.length} changes`);
console.log(`diff with one edit:   ${oneMs.toFixed(0)} ms, ${one.changes.length} change(s): ${one.changes.map((c) => c.row).join(", ")}`);
console.log(`ratio diff/parse: ${(selfMs / parseMs).toFixed(2)} (self), ${(oneMs / parseMs).toFixed(2)} (one edit)`);
