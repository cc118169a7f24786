// Every version folder under schemas/ (1.0 released, 1.1 draft, ...) is checked the same way: its schemas
// carry the contract metadata with the version's own $id, its examples validate (valid-*) or fail for their
// stated reason at their pointer, naming a clause of that version's spec (invalid-*), and it refers to its own
// spec folder only. Between consecutive versions: nothing is removed, every valid document of the older one
// is still valid, everything added carries x-lis-added-in with the new version and names its clause, and
// markers never change (VER-016).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getValidator, schemaNames } from "../../tools/validate/validators.js";
import { loadClauses } from "../../tools/clauses/registry.js";
import { ROOT, SPEC_VERSIONS, schemaDir } from "../../tools/util/paths.js";

/** Version folders on disk (MAJOR.MINOR), oldest first: a folder nobody registered is still checked. */
const versions = readdirSync(join(ROOT, "schemas"))
  .filter((d) => /^\d+\.\d+$/.test(d) && statSync(join(ROOT, "schemas", d)).isDirectory())
  .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));

interface InvalidExample {
  reason: string;
  clause: string;
  expectedPointer: string;
  document: unknown;
}

type Json = Record<string, unknown>;
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const schemaOf = (version: string, name: string) => readJson(join(schemaDir(version), `${name}.schema.json`)) as Json;
const exampleFiles = (version: string, name: string): string[] => {
  const dir = join(schemaDir(version), "examples", name);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};
const validExamples = (version: string, name: string) =>
  exampleFiles(version, name)
    .filter((f) => /^valid-.+\.json$/.test(f))
    .map((f) => ({ file: f, doc: readJson(join(schemaDir(version), "examples", name, f)) }));

/**
 * The named places of a schema that persist between versions — the schema itself, every member under
 * `properties` and every entry of `$defs`, at any depth — as JSON pointers with their nodes.
 */
function namedLocations(schema: Json): Map<string, Json> {
  const out = new Map<string, Json>([["#", schema]]);
  (function walk(node: unknown, at: string): void {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${at}/${i}`));
    else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node as Json)) {
        const here = `${at}/${key}`;
        if ((key === "properties" || key === "$defs") && value !== null && typeof value === "object")
          for (const [name, member] of Object.entries(value as Json)) {
            out.set(`${here}/${name}`, member as Json);
            walk(member, `${here}/${name}`);
          }
        else walk(value, here);
      }
    }
  })(schema, "#");
  return out;
}

/** Whether `key` occurs as an object member name anywhere in `doc`. */
function hasKey(doc: unknown, key: string): boolean {
  if (Array.isArray(doc)) return doc.some((v) => hasKey(v, key));
  if (doc === null || typeof doc !== "object") return false;
  return Object.entries(doc).some(([k, v]) => k === key || hasKey(v, key));
}

const CLAUSE_ID = /\b[A-Z]+-\d{3}\b/g;

it("the version folders on disk are the registered spec versions, each with a spec folder", () => {
  expect(versions).toEqual([...SPEC_VERSIONS]);
  for (const version of versions) expect(existsSync(join(ROOT, "spec", version)), `spec/${version}`).toBe(true);
});

describe.each(versions)("schemas/%s", (version) => {
  const names = schemaNames(version);
  const clauses = new Map(loadClauses(version).map((c) => [c.id, c]));
  const examplesDir = join(schemaDir(version), "examples");
  const folders = existsSync(examplesDir) ? readdirSync(examplesDir).sort() : [];

  it("every example folder is named after a schema of the version", () => {
    expect(names.length).toBeGreaterThan(0);
    expect(folders.filter((f) => !names.includes(f))).toEqual([]);
  });

  it("refers to its own spec and schema folders only", () => {
    const files = [...names.map((n) => `${n}.schema.json`), "openapi.yaml"].filter((f) => existsSync(join(schemaDir(version), f)));
    const foreign: string[] = [];
    for (const file of files)
      for (const [ref, , other] of readFileSync(join(schemaDir(version), file), "utf8").matchAll(/\b(spec|schemas)\/(\d+\.\d+)\//g))
        if (other !== version) foreign.push(`${file}: ${ref}`);
    expect(foreign).toEqual([]);
  });

  describe.each(names)("%s", (name) => {
    it("carries the contract metadata ($schema, $id of this version, title, description, x-lis-added-in)", () => {
      const schema = schemaOf(version, name);
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.$id).toBe(`https://lis-spec.org/schemas/${version}/${name}.schema.json`);
      expect(typeof schema.title).toBe("string");
      expect(typeof schema.description).toBe("string");
      expect(versions.slice(0, versions.indexOf(version) + 1)).toContain(schema["x-lis-added-in"]);
    });

    const files = exampleFiles(version, name);
    const valid = files.filter((f) => /^valid-.+\.json$/.test(f));
    const invalid = files.filter((f) => /^invalid-.+\.json$/.test(f));

    it("has at least one valid and one invalid example, and no other files", () => {
      expect(valid.length).toBeGreaterThan(0);
      expect(invalid.length).toBeGreaterThan(0);
      expect(files.length).toBe(valid.length + invalid.length);
    });

    it.each(valid)("%s validates", (file) => {
      const result = getValidator(name, version)(readJson(join(examplesDir, name, file)));
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it.each(invalid)("%s fails for its stated reason", (file) => {
      const example = readJson(join(examplesDir, name, file)) as InvalidExample;
      expect(Object.keys(example).sort()).toEqual(["clause", "document", "expectedPointer", "reason"]);
      expect(example.reason.trim().length).toBeGreaterThan(10);
      const clause = clauses.get(example.clause);
      expect(clause, `${file} names ${example.clause}, which spec ${version} does not define`).toBeDefined();
      expect(clause?.withdrawn, `${file} names a withdrawn clause`).toBe(false);
      const result = getValidator(name, version)(example.document);
      expect(result.valid).toBe(false);
      expect(
        result.errors.map((e) => e.pointer),
        `${file}: no error at ${example.expectedPointer}; errors: ${JSON.stringify(result.errors)}`,
      ).toContain(example.expectedPointer);
    });
  });
});

// Consecutive pairs: 1.0 → 1.1, 1.1 → 1.2, ...
const pairs = versions.slice(1).map((version, i) => [versions[i]!, version] as const);

describe.each(pairs)("schemas/%s → schemas/%s", (older, newer) => {
  const olderNames = schemaNames(older);
  const newerNames = schemaNames(newer);
  const newerClauses = new Map(loadClauses(newer).map((c) => [c.id, c]));

  it("removes no schema (SCHEMA-REMOVED is breaking)", () => {
    expect(olderNames.filter((n) => !newerNames.includes(n))).toEqual([]);
  });

  it.each(olderNames.filter((n) => newerNames.includes(n)))("every valid %s example of the older version is valid in the newer one", (name) => {
    const failing = validExamples(older, name)
      .map(({ file, doc }) => ({ file, errors: getValidator(name, newer)(doc).errors }))
      .filter((r) => r.errors.length > 0);
    expect(failing).toEqual([]);
  });

  it.each(newerNames)("%s: what the newer version adds carries x-lis-added-in of it, what it keeps keeps its marker (VER-016)", (name) => {
    const before = olderNames.includes(name) ? namedLocations(schemaOf(older, name)) : new Map<string, Json>();
    const after = namedLocations(schemaOf(newer, name));
    const wrong: string[] = [];
    for (const [at, node] of after) {
      const marker = node["x-lis-added-in"];
      const old = before.get(at);
      if (old === undefined) {
        if (marker !== newer) wrong.push(`${name}.schema.json${at}: new, x-lis-added-in is ${JSON.stringify(marker)}, not "${newer}"`);
      } else if (marker !== old["x-lis-added-in"])
        wrong.push(`${name}.schema.json${at}: x-lis-added-in changed from ${JSON.stringify(old["x-lis-added-in"])} to ${JSON.stringify(marker)}`);
    }
    expect(wrong).toEqual([]);
  });

  /** Every place the newer version marks as added by it, with its node. */
  const added = newerNames.flatMap((name) =>
    [...namedLocations(schemaOf(newer, name))]
      .filter(([, node]) => node["x-lis-added-in"] === newer)
      .map(([at, node]) => ({ name, at, node })),
  );

  it.each(added.map((a) => [`${a.name}.schema.json${a.at}`, a] as const))("%s is described and names a clause added in the newer version", (_where, { node }) => {
    expect(typeof node.description).toBe("string");
    const cited = [...String(node.description).matchAll(CLAUSE_ID)].map((m) => m[0]);
    expect(cited.filter((id) => !newerClauses.has(id))).toEqual([]);
    expect(cited.some((id) => newerClauses.get(id)?.addedIn === newer), `cites ${cited.join(", ") || "no clause"}`).toBe(true);
  });

  // A $defs entry names a shape, not a member: documents never carry its name (its members are checked).
  it.each(added.filter((a) => a.at !== "#" && !/\/\$defs\/[^/]+$/.test(a.at)).map((a) => [`${a.name}.schema.json${a.at}`, a] as const))(
    "%s appears in a valid example of its schema",
    (_where, { name, at }) => {
      const member = at.split("/").at(-1)!;
      expect(validExamples(newer, name).some(({ doc }) => hasKey(doc, member))).toBe(true);
    },
  );
});
