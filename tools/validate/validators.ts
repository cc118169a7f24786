/**
 * Ready validators for the JSON Schemas of a spec version. All schema files of the version go into one Ajv
 * instance, so that `$ref`s between files resolve by `$id` offline; each validator is compiled on first use
 * and cached for the life of the process.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { LisError, EXIT } from "../util/errors.js";
import { ROOT, schemaDir, DEFAULT_SPEC_VERSION, SPEC_VERSIONS, packageVersion } from "../util/paths.js";
import { addFormats, Ajv2020, ajvStandalone } from "../util/lazy-packages.js";
import type { SchemaTypes as SchemaTypes10 } from "../../types/1.0/index.js";
import type { SchemaTypes as SchemaTypes11 } from "../../types/1.1/index.js";

// Ajv is loaded on first use (util/lazy-packages.ts): a run whose validators all come from the build's
// precompiled code never needs its compiler (~60 ms of a cold start).
type Ajv = InstanceType<ReturnType<typeof Ajv2020>>;
/** For the build's generated validator modules. */
const require = createRequire(import.meta.url);

export interface ValidationError {
  /** JSON Pointer (RFC 6901) of the offending value; for a missing or unknown member, of that member. */
  pointer: string;
  message: string;
  /** The JSON Schema keyword that failed (`required`, `type`, `enum`, …). */
  keyword: string;
  /** Where in the schema, e.g. `chat-completion.schema.json#/properties/choices/items/required`. */
  schemaPath: string;
}

/** Valid: the document itself, typed by its schema; invalid: why. */
export type ValidationResult<T = unknown> = { valid: true; errors: []; value: T } | { valid: false; errors: ValidationError[]; value?: undefined };

export type Validator<T = unknown> = (doc: unknown) => ValidationResult<T>;

/**
 * Per spec version, each schema's name and the type of a document valid against it (the generated
 * types/<version>/ modules): what makes `getValidator("chat-completion")` typed, and a misspelt name an
 * error at compile time. A new version is one line here.
 */
export interface SchemasByVersion {
  "1.0": SchemaTypes10;
  "1.1": SchemaTypes11;
}
export type SpecVersion = keyof SchemasByVersion;
export type SchemaName<V extends SpecVersion = "1.0"> = keyof SchemasByVersion[V] & string;

export const SCHEMA_SUFFIX = ".schema.json";

interface SchemaSet {
  dir: string;
  /** The Ajv instance holding the folder's schemas, made on first use. */
  ajv: () => Ajv;
  /** name → $id */
  ids: Map<string, string>;
  validators: Map<string, Validator>;
  /** Strict-mode complaints of Ajv about the schemas (unknown keywords, ambiguous types): a schema bug each. */
  warnings: string[];
  /** sha256 of the folder's schema files and of what compiles them (see precompiledFor). */
  hash: string;
  /** The build's precompiled validators of a shipped set, when they match `hash`; null when none (loaded on first use). */
  precompiled?: Record<string, ValidateFunction> | null;
}

const sets = new Map<string, SchemaSet>();

/** Loads every `*.schema.json` of a folder into one Ajv instance (cached by folder). */
export function loadSchemaSet(dir: string): SchemaSet {
  const cached = sets.get(dir);
  if (cached) return cached;
  const set = createSchemaSet(dir, false);
  sets.set(dir, set);
  return set;
}

const localId = (name: string) => `https://lis-spec.org/schemas/local/${name}${SCHEMA_SUFFIX}`;

/** A new Ajv instance holding the folder's schemas; `codeSource` keeps the generated code (standalone). */
function createSchemaSet(dir: string, codeSource: boolean): SchemaSet {
  if (!existsSync(dir)) throw new LisError(`no schemas in ${dir}`, EXIT.USAGE);
  const warnings: string[] = [];
  const ids = new Map<string, string>();
  const annotations = new Set<string>();
  const schemas: Array<{ name: string; schema: Record<string, unknown> }> = [];
  const hash = createHash("sha256").update(JSON.stringify([packageVersion, compilerSource()]));
  for (const file of readdirSync(dir).filter((f) => f.endsWith(SCHEMA_SUFFIX)).sort()) {
    const name = file.slice(0, -SCHEMA_SUFFIX.length);
    let schema: Record<string, unknown>;
    try {
      const text = readFileSync(join(dir, file), "utf8");
      hash.update(`\0${file}\0${text}`);
      schema = JSON.parse(text);
    } catch (err) {
      throw new LisError(`schema file ${join(dir, file)} is not JSON: ${(err as Error).message}`, EXIT.USAGE);
    }
    collectExtensionKeywords(schema, annotations);
    schemas.push({ name, schema });
  }
  const makeAjv = (): Ajv => {
    const ajv = new (Ajv2020())({
      allErrors: true,
      // The schemas that ship with the tool are checked against the JSON Schema meta-schema in the tests
      // (test/conformance/shipped-schemas.test.ts), not in every run: compiling the meta-schema cost each
      // cold `lis conformance` ~90 ms. Any other folder (a draft, a user's copy) is still checked on load.
      validateSchema: !SPEC_VERSIONS.some((v) => schemaDir(v) === dir),
      verbose: true, // errors carry the offending value, for messages such as "must be string, not number"
      // Unknown keywords and the like are logged (a schema bug each); `required` beside `properties` of a
      // parent schema and typeless applicator branches are ordinary JSON Schema idioms, not bugs.
      strict: "log",
      strictRequired: false,
      strictTypes: false,
      allowUnionTypes: true,
      logger: { log: () => {}, warn: (...args: unknown[]) => warnings.push(args.join(" ")), error: (...args: unknown[]) => warnings.push(args.join(" ")) },
      code: { source: codeSource },
    });
    addFormats()(ajv);
    // `x-…` members are annotations (x-lis-added-in, …): declared, so strict mode only flags real typos.
    for (const keyword of annotations) ajv.addKeyword({ keyword, schemaType: ["string", "number", "boolean", "object", "array", "null"] });
    for (const { name, schema } of schemas) {
      try {
        ajv.addSchema(schema, typeof schema.$id === "string" ? undefined : localId(name));
      } catch (err) {
        throw new LisError(`schema ${name} cannot be loaded: ${(err as Error).message}`, EXIT.USAGE);
      }
    }
    return ajv;
  };
  for (const { name, schema } of schemas) ids.set(name, typeof schema.$id === "string" ? schema.$id : localId(name));
  let ajv: Ajv | undefined;
  const set: SchemaSet = { dir, ajv: () => (ajv ??= makeAjv()), ids, validators: new Map(), warnings, hash: hash.digest("hex") };
  // A schema Ajv cannot load is reported when the folder loads, as ever; only a shipped set whose precompiled
  // validators were built from these very files (so they load) skips making the instance.
  if (codeSource || precompiledFor(set) === null) set.ajv();
  return set;
}

// ---- precompiled validators (Ajv standalone code, written by the build) ----
// Compiling the response schemas cost a cold `lis conformance` ~100 ms; the build writes every shipped
// schema's validator as code (dist/schemas/<version>.validators.cjs), and a run uses it only when the
// schema files and this module are byte for byte those it was made from.

/** Where the build writes a version's precompiled validators. */
export const precompiledPath = (version: string) => join(ROOT, "dist", "schemas", `${version}.validators.cjs`);

/** This module's own code (as it runs: dist/…/validators.js, or the .ts under vitest): changed Ajv options make the precompiled code stale. */
const compilerSource = () => readFileSync(fileURLToPath(import.meta.url), "utf8");

/** The standalone module text of every schema of a shipped version: `exports[name]` per schema. */
export function precompiledValidators(version: string): string {
  const set = createSchemaSet(schemaDir(version), true);
  const code = ajvStandalone()(set.ajv(), Object.fromEntries(set.ids));
  return `${code}\nexports.__lisSchemaHash = ${JSON.stringify(set.hash)};\n`;
}

/** Whether a shipped version's validators come from the build's precompiled code (it is present and fresh). */
export function usesPrecompiled(version: string): boolean {
  return precompiledFor(loadSchemaSet(schemaDir(version))) !== null;
}

function precompiledFor(set: SchemaSet): Record<string, ValidateFunction> | null {
  if (set.precompiled !== undefined) return set.precompiled;
  set.precompiled = null;
  const version = SPEC_VERSIONS.find((v) => schemaDir(v) === set.dir);
  const file = version === undefined ? undefined : precompiledPath(version);
  if (file === undefined || !existsSync(file)) return null;
  try {
    const loaded = require(file) as Record<string, ValidateFunction> & { __lisSchemaHash?: string };
    if (loaded.__lisSchemaHash === set.hash) set.precompiled = loaded;
  } catch {
    // Unreadable or not ours: compile as without it.
  }
  return set.precompiled;
}

function collectExtensionKeywords(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) collectExtensionKeywords(item, into);
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) into.add(key);
      collectExtensionKeywords(value, into);
    }
  }
}

/** The names of the schemas of a version (`chat-completion`, `error`, …), sorted. */
export function schemaNames(version: string = DEFAULT_SPEC_VERSION): string[] {
  return [...loadSchemaSet(schemaDir(version)).ids.keys()].sort();
}

/** Strict-mode warnings of Ajv about the schemas of a version; empty when the schemas are clean. */
export function schemaWarnings(version: string = DEFAULT_SPEC_VERSION): string[] {
  const set = loadSchemaSet(schemaDir(version));
  for (const name of set.ids.keys()) validatorIn(set, name, `spec ${version}`); // compiling is what finds them
  return [...set.warnings];
}

/** The validator of one named schema of a version; compiled once, then cached. */
/** A validator for a schema of a spec version (default 1.0), typed by the schema's name. */
export function getValidator<N extends SchemaName<"1.0">>(name: N): Validator<SchemasByVersion["1.0"][N]>;
export function getValidator<V extends SpecVersion, N extends SchemaName<V>>(name: N, version: V): Validator<SchemasByVersion[V][N]>;
export function getValidator(name: string, version: string = DEFAULT_SPEC_VERSION): Validator {
  return validatorByName(name, version);
}

/** The same for a name known only at run time (a command-line option, a case file): an unknown name is a usage error. */
export function validatorByName(name: string, version: string = DEFAULT_SPEC_VERSION): Validator {
  const dir = schemaDir(version);
  if (!existsSync(dir)) throw new LisError(`no schemas for spec version ${version} (looked in ${dir})`, EXIT.USAGE);
  return validatorIn(loadSchemaSet(dir), name, `spec ${version}`);
}

/** The same, for the schemas of any folder (a draft, a modified copy in a test). */
export function getValidatorFromDir(dir: string, name: string): Validator {
  return validatorIn(loadSchemaSet(dir), name, dir);
}

function validatorIn(set: SchemaSet, name: string, label: string): Validator {
  const cached = set.validators.get(name);
  if (cached) return cached;
  const id = set.ids.get(name);
  if (id === undefined) {
    const known = [...set.ids.keys()].sort();
    throw new LisError(`unknown schema "${name}" for ${label}; known schemas: ${known.join(", ") || "none"}`, EXIT.USAGE);
  }
  let compiled: ValidateFunction;
  try {
    compiled = precompiledFor(set)?.[name] ?? set.ajv().getSchema(id)!;
  } catch (err) {
    throw new LisError(`schema ${name} does not compile: ${(err as Error).message}`, EXIT.USAGE);
  }
  const validator: Validator = (doc) => {
    return compiled(doc) ? { valid: true, errors: [], value: doc } : { valid: false, errors: readableErrors(compiled.errors ?? []) };
  };
  set.validators.set(name, validator);
  return validator;
}

const escapePointer = (member: string) => member.replace(/~/g, "~0").replace(/\//g, "~1");
const show = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value));

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? `integer (${value})` : `number (${value})`;
  return typeof value;
}

/** Ajv's errors as pointer + message, one per distinct problem. */
export function readableErrors(errors: ErrorObject[]): ValidationError[] {
  const out: ValidationError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const params = e.params as Record<string, unknown>;
    let pointer = e.instancePath;
    let message = e.message ?? e.keyword;
    switch (e.keyword) {
      case "required":
        pointer = `${e.instancePath}/${escapePointer(String(params.missingProperty))}`;
        message = "required member is missing";
        break;
      case "additionalProperties":
        pointer = `${e.instancePath}/${escapePointer(String(params.additionalProperty))}`;
        message = "member is not allowed here";
        break;
      case "enum":
        message = `must be one of ${(params.allowedValues as unknown[]).map(show).join(", ")}; got ${show(e.data)}`;
        break;
      case "type": {
        const expected = Array.isArray(params.type) ? params.type : String(params.type).split(",");
        message = `must be ${expected.join(" or ")}, not ${jsonType(e.data)}`;
        break;
      }
      case "const":
        message = `must be ${show(params.allowedValue)}; got ${show(e.data)}`;
        break;
    }
    const schemaPath = e.schemaPath;
    const key = `${pointer}\0${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, message, keyword: e.keyword, schemaPath });
  }
  return out;
}
